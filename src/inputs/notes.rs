//! How a sheet was read where it differs from the plain case (docs/definitions.md#fields), said
//! on stderr, in `inspect` and in the Rules sheet.

use crate::messages::Lang;
use crate::read::fields::SheetKind;

/// How an order sheet was read, where it differs from the plain case (docs/definitions.md#fields): for the
/// Rules sheet, `inspect` and stderr.
pub fn sheet_notes(lang: Lang, t: &crate::read::table::TableInfo) -> Vec<String> {
    let l = |k| crate::messages::label(lang, k);
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
    notes.extend(after_refund_note(lang, t));
    notes
}

/// How the paid column of an order sheet with refunds was read (docs/definitions.md#fields),
/// when there is something to say.
pub fn after_refund_note(lang: Lang, t: &crate::read::table::TableInfo) -> Option<String> {
    let a = t.after_refund?;
    let key = match (a.forced, a.applied) {
        (true, true) => "rules.after_refund_yes",
        (true, false) => "rules.after_refund_no",
        (false, true) => "rules.after_refund",
        (false, false) if a.matching_rows > 0 => "rules.after_refund_partly",
        (false, false) => return None,
    };
    let text = crate::messages::label(lang, key);
    Some(text.replace("{n}", &a.refunded_rows.to_string()).replace("{m}", &a.matching_rows.to_string()))
}
