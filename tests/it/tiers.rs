//! A step tier (全额累进) reached exactly at its threshold, and a base one fen below it, through
//! the binary: fixtures/tiers, every figure worked by hand in its EXPECTED.md.

use crate::common::{agent_row, assert_count, assert_money, fx, json, run};
use serde_json::Value;

fn step(extra: &[&str]) -> Value {
    let (orders, config) = (fx("tiers/orders.csv"), fx("tiers/step.toml"));
    let mut args = vec!["commission", orders.as_str(), "--config", config.as_str()];
    args.extend(extra);
    let (v, _) = json(&args);
    assert_eq!(v["issues"], 0, "no row of fixtures/tiers is a problem");
    v
}

/// (agent, orders, paid, refund, net, commission) of a JSON row; base = net.
#[track_caller]
fn assert_agent(v: &Value, (agent, orders, paid, refund, net, commission): (&str, u64, f64, f64, f64, f64)) {
    let r = agent_row(v, agent);
    assert_count(r, "orders", orders);
    for (key, want) in [("paid", paid), ("refund", refund), ("net", net), ("base", net), ("commission", commission)] {
        assert_money(r, key, want);
    }
}

#[test]
fn a_base_exactly_on_a_step_threshold_reaches_it_and_a_fen_below_does_not() {
    let v = step(&["--month", "2026-10"]);
    assert_eq!(v["rows"].as_array().map(Vec::len), Some(4), "{}", v["rows"]);
    // 6200 + 3800 (300 refunded) + 0 (closed: 800 refunded whole) = 10000.00 ≥ 10000 → 3%.
    assert_agent(&v, ("小王", 3, 11100.00, 1100.00, 10000.00, 300.00));
    // 5999.99 + 4000 = 9999.99 < 10000 → 2%: 199.9998 → 200.00.
    assert_agent(&v, ("东东", 2, 9999.99, 0.00, 9999.99, 200.00));
    // 2500 + 2500 = 5000.00 ≥ 5000 → 2%.
    assert_agent(&v, ("阿杰", 2, 5000.00, 0.00, 5000.00, 100.00));
    // 4999.99 < 5000 → 1%: 49.9999 → 50.00.
    assert_agent(&v, ("小美", 1, 4999.99, 0.00, 4999.99, 50.00));
    let t = &v["totals"];
    assert_count(t, "orders", 8);
    for (key, want) in [("paid", 31099.98), ("refund", 1100.00), ("net", 29999.98), ("commission", 650.00)] {
        assert_money(t, key, want);
    }
    assert_count(&v["unattributed"], "orders", 0);
}

#[test]
fn the_rate_column_names_the_tier_each_agent_reached() {
    let (orders, config) = (fx("tiers/orders.csv"), fx("tiers/step.toml"));
    let r = run(&["commission", &orders, "--config", &config, "--month", "2026-10", "--format", "csv", "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "Agent,Orders,Paid,Refund,Net,Base,Rate,Multiplier,Commission",
            "小王,3,11100.00,1100.00,10000.00,10000.00,\"step 3% (≥¥10,000.00)\",1.00,300.00",
            "东东,2,9999.99,0.00,9999.99,9999.99,\"step 2% (≥¥5,000.00)\",1.00,200.00",
            "阿杰,2,5000.00,0.00,5000.00,5000.00,\"step 2% (≥¥5,000.00)\",1.00,100.00",
            "小美,1,4999.99,0.00,4999.99,4999.99,step 1% (≥¥0.00),1.00,50.00",
            "Unattributed,0,0.00,0.00,0.00,,,,0.00",
            "Total,8,31099.98,1100.00,29999.98,29999.98,,,650.00",
        ]
    );
}

#[test]
fn the_fen_paid_the_month_before_lifts_a_base_onto_the_threshold_when_the_period_takes_it() {
    // No period: 2026-09-30 … 2026-10-28, and 207's 0.01 of September 30 counts: 东东 10000.00.
    let v = step(&[]);
    assert_eq!((v["period"]["from"].as_str(), v["period"]["to"].as_str()), (Some("2026-09-30"), Some("2026-10-28")));
    assert_agent(&v, ("东东", 3, 10000.00, 0.00, 10000.00, 300.00));
    assert_agent(&v, ("小王", 3, 11100.00, 1100.00, 10000.00, 300.00));
    let t = &v["totals"];
    assert_count(t, "orders", 9);
    for (key, want) in [("paid", 31099.99), ("refund", 1100.00), ("net", 29999.99), ("commission", 750.00)] {
        assert_money(t, key, want);
    }
}
