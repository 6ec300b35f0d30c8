//! Platform response rates (docs/definitions.md#conversion "Platform response rates"): per
//! reception, of the buyer turns (or of its first buyer message) starting within a rate's
//! hours, how many an agent answered in time.

use crate::config::{MAX_RESPONSE_RATES, ResponseRate, parse_hours, per_turn};

/// One rate as the receptions measure it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRule {
    /// In time: answered at most this many seconds (uncapped) after the buyer's message.
    pub secs: u32,
    /// Every buyer turn, else the reception's first buyer message only.
    pub per_turn: bool,
    /// Seconds of the day: `from` in, `to` out; `to` ≤ `from` runs past midnight.
    pub from: u32,
    pub to: u32,
}

impl RateRule {
    /// The config's rates as rules, in their order (a checked config has at most
    /// `MAX_RESPONSE_RATES`, each readable).
    pub fn from_config(rates: &[ResponseRate]) -> Vec<RateRule> {
        rates
            .iter()
            .take(MAX_RESPONSE_RATES)
            .filter_map(|r| {
                let (from, to) = parse_hours(&r.hours)?;
                Some(RateRule { secs: r.secs, per_turn: per_turn(&r.per)?, from, to })
            })
            .collect()
    }

    /// Whether a message at `secs` of its day starts within the hours.
    pub fn in_hours(&self, secs: u32) -> bool {
        if self.from < self.to { (self.from..self.to).contains(&secs) } else { secs >= self.from || secs < self.to }
    }
}

/// Per rate (in the config's order): (answered in time, counted) — turns for a per-turn rate,
/// 0 or 1 for a per-reception one. Saturating: a reception has far fewer turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateCounts(pub [(u16, u16); MAX_RESPONSE_RATES]);

impl RateCounts {
    /// A buyer turn starting at `start` (seconds of the day), answered after `answer`
    /// seconds (raw, not capped) or not at all; `first`: the reception's first buyer turn.
    pub fn turn(&mut self, rules: &[RateRule], start: u32, answer: Option<u32>, first: bool) {
        for (rule, (in_time, counted)) in rules.iter().zip(self.0.iter_mut()) {
            if (rule.per_turn || first) && rule.in_hours(start) {
                *counted = counted.saturating_add(1);
                if answer.is_some_and(|a| a <= rule.secs) {
                    *in_time = in_time.saturating_add(1);
                }
            }
        }
    }

    /// Rate `i` was missed here: a counted turn (or the first buyer message) not answered in time.
    pub fn missed(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|(in_time, counted)| in_time < counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_include_the_start_and_exclude_the_end() {
        let day = RateRule { secs: 180, per_turn: true, from: 8 * 3600, to: 23 * 3600 };
        assert!(!day.in_hours(8 * 3600 - 1) && day.in_hours(8 * 3600));
        assert!(day.in_hours(23 * 3600 - 1) && !day.in_hours(23 * 3600));
        let night = RateRule { from: 22 * 3600, to: 2 * 3600, ..day };
        assert!(night.in_hours(23 * 3600) && night.in_hours(3600) && !night.in_hours(2 * 3600));
    }

    #[test]
    fn turns_count_in_their_rules() {
        let rules = [
            RateRule { secs: 180, per_turn: true, from: 8 * 3600, to: 23 * 3600 },
            RateRule { secs: 30, per_turn: false, from: 9 * 3600, to: 23 * 3600 },
        ];
        let mut c = RateCounts::default();
        c.turn(&rules, 8 * 3600 + 30, Some(20), true); // 08:00:30: 3-min only (before 09:00)
        c.turn(&rules, 10 * 3600, Some(181), false);
        c.turn(&rules, 11 * 3600, None, false);
        assert_eq!(&c.0[..2], &[(1, 3), (0, 0)]);
        assert!(c.missed(0) && !c.missed(1) && !c.missed(3));
    }
}
