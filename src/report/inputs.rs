//! Rules-sheet rows that describe the inputs: each file, each sheet and how it was read.

use crate::format::yuan;
use crate::inputs::sheet_notes;
use crate::labels::Lang;
use crate::read::ReadLog;

/// Rules-sheet rows for the inputs: whether buyers were masked (`--mask-buyers`), each file
/// with its format, encoding and size, each sheet with its kind, header row and row count (or
/// why it was not used).
pub fn input_rule_items(lang: Lang, read: &ReadLog) -> Vec<(String, String)> {
    use crate::labels::say;
    use crate::model::Phrase;
    let l = |k| crate::labels::label(lang, k);
    let mut items = Vec::new();
    if let Some(n) = read.buyers_masked {
        items.push((l("rules.buyers_masked").to_string(), l("rules.buyers_masked_how").replace("{n}", &n.to_string())));
    }
    for f in &read.files {
        let file = Phrase::new("rules.file").with("format", say(lang, &f.format_label())).with("size", f.size);
        let file = say(lang, &file);
        items.push((format!("{} {}", l("rules.input"), f.name), file));
        for t in read.tables.iter().filter(|t| *t.file == *f.name) {
            let sheet = if t.sheet.is_empty() { "-".to_string() } else { t.sheet.to_string() };
            let what = match t.kind {
                // A 千牛 text has no header row: its lines are read as they come.
                Some(k) => say(
                    lang,
                    &Phrase::new(if t.header_row == 0 { "rules.sheet_no_header" } else { "rules.sheet_read" })
                        .with_label("kind", k.label_key())
                        .with("row", t.header_row)
                        .with("rows", t.data_rows),
                ),
                None => format!(
                    "{}{}{}",
                    l("rules.not_used"),
                    l("rules.colon"),
                    t.why_unused.as_ref().map(|w| say(lang, w)).unwrap_or_default()
                ),
            };
            items.push((format!("  {} {sheet}", l("rules.sheet")), what));
            for note in sheet_notes(lang, t) {
                items.push((String::new(), note));
            }
        }
    }
    if read.item_rows_left_out > 0 {
        items.push((
            l("rules.items_left_out").to_string(),
            l("rules.items_left_out_why").replace("{n}", &read.item_rows_left_out.to_string()),
        ));
    }
    for (name, shops) in &read.persons_split {
        let split = crate::inputs::SplitName { name: name.clone(), shops: shops.clone() };
        let why = Phrase::new("rules.persons_split_why")
            .with("name", name)
            .with("shops", shops.join(if lang == Lang::En { ", " } else { "、" }))
            .with("line", split.config_line());
        items.push((l("rules.persons_split").to_string(), say(lang, &why)));
    }
    if read.buyers_without_shop > 0 {
        let why = Phrase::new("rules.buyers_without_shop_why").with("n", read.buyers_without_shop);
        items.push((l("rules.buyers_without_shop").to_string(), say(lang, &why)));
    }
    for (file, n) in &read.orders_in_later_export {
        let why = Phrase::new("rules.also_in_later_why").with("file", file).with("n", n);
        items.push((l("rules.also_in_later").to_string(), say(lang, &why)));
    }
    for u in &read.unknown_statuses {
        let why = Phrase::new("rules.unknown_status_why")
            .with("text", &u.text)
            .with("orders", u.orders)
            .with("money", yuan(u.money))
            .with("paid", u.paid);
        items.push((l("rules.unknown_status").to_string(), say(lang, &why)));
    }
    items
}
