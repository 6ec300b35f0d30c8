//! How reports name and show the registry's metrics (`config::metrics`).

use crate::config::metrics;
use crate::labels::{Lang, label};

/// A metric's column title in the report's language; a name no metric has, as it is.
pub fn metric_label(id: &str, lang: Lang) -> String {
    match metrics::by_id(id) {
        Some(d) => label(lang, d.label).to_string(),
        None => id.to_string(),
    }
}

/// Rates print as percentages (in the sheet and in the scoring table's thresholds).
pub fn is_rate(id: &str) -> bool {
    metrics::is_rate(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_has_a_label_in_each_language() {
        for d in metrics::METRICS {
            for lang in [Lang::Zh, Lang::En] {
                assert_ne!(metric_label(d.id, lang), d.label, "{} has no label", d.id);
            }
        }
        assert_eq!(metric_label("first_response_secs", Lang::Zh), "首次响应(秒)");
        assert_eq!(metric_label("qa_score", Lang::En), "QA score");
    }
}
