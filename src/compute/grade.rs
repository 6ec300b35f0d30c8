//! Grades (docs/definitions.md#scorecard): the scorecard's and the QA score's share one table,
//! `[scorecard.grades]` and `below`.

use crate::config::ScorecardConfig;

/// The grade of a score: the highest grade whose minimum it reaches, else `below`.
pub fn grade(score: f64, config: &ScorecardConfig) -> String {
    let mut grades: Vec<(&String, &f64)> = config.grades.iter().collect();
    grades.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    grades.into_iter().find(|(_, min)| score >= **min).map(|(g, _)| g.clone()).unwrap_or_else(|| config.below.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_reached_minimum_else_below() {
        let config = ScorecardConfig::default();
        assert_eq!(grade(90.0, &config), "A");
        assert_eq!(grade(89.99, &config), "B");
        assert_eq!(grade(69.99, &config), "D");
    }
}
