//! `[conversion]`: the platform response rates (docs/definitions.md#conversion "Platform
//! response rates"), `[[conversion.response_rate]]`.

use serde::{Deserialize, Serialize};

/// At most this many response rates (the two defaults included): each reception keeps a count
/// per rate, and a shop judged by two or three platforms needs no more.
pub const MAX_RESPONSE_RATES: usize = 4;

/// `[conversion]`. Only the entries written in the file are kept here; `effective` adds them
/// to the defaults.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ConversionConfig {
    pub response_rate: Vec<ResponseRate>,
}

/// One `[[conversion.response_rate]]`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ResponseRate {
    /// Its JSON key and metric name.
    pub id: String,
    pub label: String,
    /// Answered in time: at most this many seconds after the buyer's message.
    pub secs: u32,
    /// `turn` (every buyer turn) or `reception` (the reception's first buyer message).
    pub per: String,
    /// `HH:MM-HH:MM`: the start of a turn (or reception) in these hours counts; the start
    /// is in, the end is out.
    pub hours: String,
}

/// The defaults, always first and in this order (a file may redefine them by id, not drop
/// them): (id, label, secs, per, hours).
pub const DEFAULT_RESPONSE_RATES: [(&str, &str, u32, &str, &str); 2] = [
    ("reply_3min_rate", "3分钟人工响应率", 180, "turn", "08:00-23:00"),
    ("reply_30s_rate", "30秒应答率", 30, "reception", "09:00-23:00"),
];

pub fn default_response_rates() -> Vec<ResponseRate> {
    DEFAULT_RESPONSE_RATES
        .iter()
        .map(|(id, label, secs, per, hours)| ResponseRate {
            id: id.to_string(),
            label: label.to_string(),
            secs: *secs,
            per: per.to_string(),
            hours: hours.to_string(),
        })
        .collect()
}

impl ConversionConfig {
    pub fn is_default(&self) -> bool {
        self.response_rate.is_empty()
    }

    /// The defaults, each replaced by an entry of the same id, then the other entries.
    pub fn effective(&self) -> Vec<ResponseRate> {
        let mut out = default_response_rates();
        for r in &self.response_rate {
            match out.iter_mut().find(|d| d.id == r.id) {
                Some(slot) => *slot = r.clone(),
                None => out.push(r.clone()),
            }
        }
        out
    }

    pub(super) fn validate(&self) -> Result<(), String> {
        let mut ids = std::collections::BTreeSet::new();
        for r in &self.response_rate {
            let id = r.id.trim();
            if id.is_empty() || r.label.trim().is_empty() {
                return Err(msg!("config.err.rate_needs_id"));
            }
            if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                return Err(msg!("config.err.rate_id_chars", id = id));
            }
            let is_default = DEFAULT_RESPONSE_RATES.iter().any(|d| d.0 == id);
            if !is_default && (super::metrics::by_id(id).is_some() || CONVERSION_KEYS.contains(&id)) {
                return Err(msg!("config.err.rate_id_taken", id = id));
            }
            if !ids.insert(id) {
                return Err(msg!("config.err.rate_id_twice", id = id));
            }
            if r.secs == 0 {
                return Err(msg!("config.err.rate_secs_zero", id = id));
            }
            if r.secs > 86_400 {
                return Err(msg!(
                    "config.err.too_big",
                    key = format!("conversion.response_rate {id} secs"),
                    value = r.secs,
                    max = 86_400
                ));
            }
            if per_turn(&r.per).is_none() {
                return Err(msg!("config.err.rate_per", id = id, value = &r.per));
            }
            if parse_hours(&r.hours).is_none() {
                return Err(msg!("config.err.rate_hours", id = id, value = &r.hours));
            }
        }
        let n = self.effective().len();
        if n > MAX_RESPONSE_RATES {
            return Err(msg!("config.err.rate_too_many", n = n, max = MAX_RESPONSE_RATES));
        }
        Ok(())
    }
}

/// The keys of a conversion JSON row: a rate may not take one of them.
const CONVERSION_KEYS: &[&str] = &[
    "agent",
    "date",
    "consulted",
    "received",
    "inquiries",
    "ordered",
    "paid_buyers",
    "conversion",
    "order_rate",
    "sales",
    "aov",
    "first_response_secs",
    "avg_response_secs",
    "reply_rate",
    "answer_ratio",
    "slow_receptions",
    "answered_receptions",
    "slow_rate",
    "inquiry_receptions",
    "lost_inquiries",
];

/// `turn` → true, `reception` → false.
pub fn per_turn(per: &str) -> Option<bool> {
    match per.trim() {
        "turn" => Some(true),
        "reception" => Some(false),
        _ => None,
    }
}

/// `HH:MM-HH:MM` as seconds of the day (start, end); the end may be `24:00`, and an end
/// before the start runs past midnight. Start and end equal: refused (say `00:00-24:00`
/// for the whole day).
pub fn parse_hours(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.trim().split_once('-')?;
    let secs = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 3600 + m * 60)
    };
    let (start, end) = (secs(a)?, secs(b)?);
    (start < 86_400 && start != end && !(start == 0 && end == 0)).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use super::*;

    #[test]
    fn hours_are_strict_and_may_run_past_midnight() {
        assert_eq!(parse_hours("08:00-23:00"), Some((8 * 3600, 23 * 3600)));
        assert_eq!(parse_hours("00:00-24:00"), Some((0, 86_400)));
        assert_eq!(parse_hours("22:00-02:00"), Some((22 * 3600, 2 * 3600)));
        for bad in ["8-23", "08:00-08:00", "24:00-08:00", "08:60-09:00", "08:00", "08:00-25:00", ""] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
    }

    #[test]
    fn entries_replace_defaults_by_id_and_extend() {
        let c = Config::parse(
            "[[conversion.response_rate]]\nid = \"reply_30s_rate\"\nlabel = \"30秒应答率\"\nsecs = 60\nper = \"reception\"\nhours = \"08:00-24:00\"\n\n[[conversion.response_rate]]\nid = \"pdd_3min\"\nlabel = \"3分钟回复率\"\nsecs = 180\nper = \"turn\"\nhours = \"00:00-24:00\"\n",
        )
        .unwrap();
        let e = c.conversion.effective();
        let ids: Vec<&str> = e.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["reply_3min_rate", "reply_30s_rate", "pdd_3min"]);
        assert_eq!((e[1].secs, e[1].hours.as_str()), (60, "08:00-24:00"));
    }

    #[test]
    fn bad_entries_are_refused_in_words() {
        let entry = |id: &str, secs: u32, per: &str, hours: &str| {
            format!(
                "[[conversion.response_rate]]\nid = \"{id}\"\nlabel = \"x\"\nsecs = {secs}\nper = \"{per}\"\nhours = \"{hours}\"\n"
            )
        };
        let err = |text: String| Config::parse(&text).unwrap_err();
        assert_eq!(
            err(entry("a", 30, "turn", "8-23")),
            "conversion.response_rate \"a\"：hours = \"8-23\" 无法识别；请写成 \"08:00-23:00\"（含开始时刻，不含结束时刻）"
        );
        assert!(err(entry("a", 0, "turn", "08:00-23:00")).contains("secs = 0"));
        assert!(err(entry("a", 30, "session", "08:00-23:00")).contains("per = \"session\""));
        let twice = format!("{}\n{}", entry("a", 30, "turn", "08:00-23:00"), entry("a", 60, "turn", "08:00-23:00"));
        assert!(err(twice).contains("\"a\""));
        assert!(err(entry("conversion", 30, "turn", "08:00-23:00")).contains("conversion"));
        let many: String = ["a", "b", "c"].iter().map(|id| entry(id, 30, "turn", "08:00-23:00")).collect();
        assert!(err(many).contains('5'));
    }
}
