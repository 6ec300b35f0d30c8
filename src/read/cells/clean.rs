//! What exports wrap around values, stripped (docs/definitions.md#cells), and full-width
//! digits and punctuation folded to ASCII. Text in, text out: no cell here.

/// Strips what exports wrap around values: `="…"`, a leading `'`, tabs and spaces
/// (also the full-width U+3000). Returns a slice of the input.
pub fn clean_text(raw: &str) -> &str {
    let mut s = trim_all(raw);
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        s = trim_all(inner);
    }
    if let Some(rest) = s.strip_prefix('\'') {
        s = trim_all(rest);
    }
    if is_empty_marker(s) { "" } else { s }
}

/// docs/definitions.md#cells: what exports write for "nothing" (ExportOrderList writes `null` in the paid
/// time of an unpaid order) is empty in every field.
fn is_empty_marker(s: &str) -> bool {
    s.len() <= 4
        && (matches!(s, "-" | "--" | "N/A" | "n/a") || s.eq_ignore_ascii_case("null") || s.eq_ignore_ascii_case("nan"))
}

fn trim_all(s: &str) -> &str {
    // Most cells start and end with a printable ASCII character: nothing to trim.
    if let [first, .., last] = s.as_bytes()
        && first.is_ascii_graphic()
        && last.is_ascii_graphic()
    {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Full-width digits and the signs around numbers (０-９ ． ， ％ － ＋) as ASCII, so `１２８．００`
/// and `２％` read as numbers; other text is left as it is. Borrowed when there is nothing to fold.
pub fn halfwidth_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF10}'..='\u{FF19}' | '．' | '，' | '％' | '－' | '＋');
    if s.is_ascii() || !s.chars().any(wide) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars().map(|c| if wide(c) { fold_char(c) } else { c }).collect::<String>().into()
}

/// docs/definitions.md#orders: statuses are compared after folding full-width punctuation to ASCII.
pub fn fold_fullwidth(s: &str) -> String {
    s.chars().map(fold_char).collect::<String>().trim().to_string()
}

/// One character of `fold_fullwidth`.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '、' => ',',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_strips_taobao_wrappers() {
        assert_eq!(clean_text("=\"3864012345678901234\""), "3864012345678901234");
        assert_eq!(clean_text("'0012\t"), "0012");
        assert_eq!(clean_text("\u{3000}小王 "), "小王");
    }

    #[test]
    fn fullwidth_punctuation_folds() {
        assert_eq!(fold_fullwidth("买家已付款，等待卖家发货"), "买家已付款,等待卖家发货");
    }
}
