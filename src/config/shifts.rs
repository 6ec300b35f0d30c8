//! `[shifts]` (SPEC §4.8): a code's time ranges, read once here for the config's validation
//! and for `schedule`.

/// "08:30-17:00"; "22:00-08:00" runs past midnight; "16:00-24:00" ends at midnight.
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once(['-', '–', '~'])?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once([':', '：']).unwrap_or((t.trim(), "0"));
        let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let (start, end) = (minutes(a)?, minutes(b)?);
    if start >= 24 * 60 {
        return None;
    }
    Some(if end <= start { (start, end + 24 * 60) } else { (start, end) })
}
