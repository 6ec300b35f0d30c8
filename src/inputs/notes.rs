//! How a sheet was read where it differs from the plain case (docs/definitions.md#fields), said
//! on stderr, in `inspect` and in the Rules sheet.

use crate::labels::Lang;
use crate::read::fields::SheetKind;

/// How an order sheet was read, where it differs from the plain case (docs/definitions.md#fields): for the
/// Rules sheet, `inspect` and stderr.
pub fn sheet_notes(lang: Lang, t: &crate::read::table::TableInfo) -> Vec<String> {
    let l = |k| crate::labels::label(lang, k);
    let mut notes = Vec::new();
    if t.kind == Some(SheetKind::AgentReport) && t.col("date").is_some() {
        notes.push(l("rules.by_day_report").to_string());
    }
    if t.kind != Some(SheetKind::Orders) {
        return notes;
    }
    if t.item_level() {
        notes.push(l("rules.item_level").to_string());
    }
    if t.paid_by_status() {
        notes.push(l("rules.paid_by_status").to_string());
    }
    if t.col("buyer").is_none() {
        notes.push(l("rules.no_buyer").to_string());
    }
    if let Some(a) = t.after_refund {
        let key = match (a.forced, a.applied) {
            (true, true) => Some("rules.after_refund_yes"),
            (true, false) => Some("rules.after_refund_no"),
            (false, true) => Some("rules.after_refund"),
            (false, false) if a.matching_rows > 0 => Some("rules.after_refund_partly"),
            (false, false) => None,
        };
        if let Some(key) = key {
            notes
                .push(l(key).replace("{n}", &a.refunded_rows.to_string()).replace("{m}", &a.matching_rows.to_string()));
        }
    }
    notes
}
