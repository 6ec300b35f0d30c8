//! Integration tests for `cs-tools commission`, run on the files in `fixtures/`.
//!
//! Every expected figure was computed by hand from docs/definitions.md (#formats to #bad-rows,
//! #orders, #attribution, #commission, #reports, #json); the working, order by order, is in
//! `fixtures/EXPECTED.md` (section numbers such as "1a" below refer to it). The fixtures are
//! written by `fixtures/make_fixtures.py`.

use crate::common::{
    Run, agent_rows, assert_count, assert_money, assert_period, fx, fx_path, issues_rows, json, read_sheet, run,
    run_in, scratch, sheet_names, text, xlsx_en,
};
use std::fs;

use calamine::Data;
use serde_json::Value;

// ------------------------------------------------------------------------------------------------
// helpers
// ------------------------------------------------------------------------------------------------

/// Runs `cs-tools commission ARGS --format json` (which must write no file) and returns its JSON.
fn commission_json(args: &[&str]) -> Value {
    let mut all = vec!["commission"];
    all.extend_from_slice(args);
    let (v, _) = json(&all);
    assert_eq!(v["command"], "commission");
    v
}

/// One expected agent row of the JSON summary.
struct Want {
    agent: &'static str,
    orders: u64,
    paid: f64,
    refund: f64,
    net: f64,
    base: f64,
    multiplier: f64,
    commission: f64,
}

/// The usual row: base = net, no KPI multiplier.
fn want(agent: &'static str, orders: u64, paid: f64, refund: f64, net: f64, commission: f64) -> Want {
    Want { agent, orders, paid, refund, net, base: net, multiplier: 1.0, commission }
}

#[track_caller]
fn assert_rows(v: &Value, wants: &[Want]) {
    let (agents, rows) = agent_rows(v);
    let expected: Vec<&str> = wants.iter().map(|w| w.agent).collect();
    assert_eq!(agents, expected, "agent rows (sorted by name, only agents with orders)");
    for (row, w) in rows.iter().zip(wants) {
        assert_count(row, "orders", w.orders);
        assert_money(row, "paid", w.paid);
        assert_money(row, "refund", w.refund);
        assert_money(row, "net", w.net);
        assert_money(row, "base", w.base);
        assert_money(row, "multiplier", w.multiplier);
        assert_money(row, "commission", w.commission);
    }
}

#[track_caller]
fn assert_unattributed(v: &Value, orders: u64, paid: f64, refund: f64, net: f64) {
    let u = &v["unattributed"];
    assert_count(u, "orders", orders);
    assert_money(u, "paid", paid);
    assert_money(u, "refund", refund);
    assert_money(u, "net", net);
}

#[track_caller]
fn assert_totals(v: &Value, orders: u64, paid: f64, refund: f64, net: f64, commission: f64) {
    let t = &v["totals"];
    assert_count(t, "orders", orders);
    assert_money(t, "paid", paid);
    assert_money(t, "refund", refund);
    assert_money(t, "net", net);
    assert_money(t, "commission", commission);
}

/// docs/definitions.md#reports: Σ agents + 未归属 = totals, in count, paid, refund and net.
#[track_caller]
fn assert_reconciles(v: &Value) {
    let rows = v["rows"].as_array().expect("rows");
    let zero = Value::Null;
    let u = if v["unattributed"].is_object() { &v["unattributed"] } else { &zero };
    let t = &v["totals"];
    for key in ["paid", "refund", "net"] {
        let sum: f64 = rows.iter().map(|r| r[key].as_f64().unwrap()).sum::<f64>() + u[key].as_f64().unwrap_or(0.0);
        let total = t[key].as_f64().unwrap();
        assert!((sum - total).abs() < 0.005, "Σ rows + unattributed {key} = {sum}, totals = {total}");
    }
    if t["orders"].is_u64() {
        let sum: u64 =
            rows.iter().map(|r| r["orders"].as_u64().unwrap()).sum::<u64>() + u["orders"].as_u64().unwrap_or(0);
        assert_eq!(sum, t["orders"].as_u64().unwrap(), "Σ rows + unattributed orders = totals");
    }
    let commission: f64 = rows.iter().map(|r| r["commission"].as_f64().unwrap()).sum();
    assert!(
        (commission - t["commission"].as_f64().unwrap()).abs() < 0.005,
        "total commission is the sum of the agents' commissions"
    );
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number cell, got {other:?}"),
    }
}

/// Runs `commission ARGS` with the xlsx report in English into a scratch dir; returns (dir,
/// report path, run).
fn commission_xlsx(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, Run) {
    xlsx_en(&[&["commission"][..], args].concat())
}

// ------------------------------------------------------------------------------------------------
// 1. Taobao 订单报表 CSV (GBK, CRLF, ="…" ids, trailing spaces in headers), memo attribution
// ------------------------------------------------------------------------------------------------

#[test]
fn taobao_csv_october_progressive_tiers_with_flat_override() {
    // EXPECTED.md 1a
    let v =
        commission_json(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--month", "2026-10"]);
    assert_period(&v, "2026-10-01", "2026-10-31");
    assert_rows(
        &v,
        &[
            // 东东: lines 4, 7, 10, 19. paid 356 + 99 + 520 + 235.50 = 1210.50; refund 89 (given on the
            // closed order) + 30 = 119; net 356 + 10 + 490 + 235.50 = 1091.50; override flat 5%:
            // 1091.50 × 0.05 = 54.575 → 54.58 (half away from zero)
            want("东东", 4, 1210.50, 119.00, 1091.50, 54.58),
            // 小王: lines 2, 3, 8, 16 (17 is a duplicate of 16). paid 128 + 279 + 215 + 612 = 1234;
            // refund 215 (closed, refund cell empty → whole paid); net 1019;
            // progressive 500×1% + 500×2% + 19×3% = 5 + 10 + 0.57 = 15.57
            want("小王", 4, 1234.00, 215.00, 1019.00, 15.57),
            // 阿杰: lines 5, 15 (created 09-30, paid 10-01), 20. 458 + 268 + 420 = 1146;
            // 5 + 10 + 146×3% (4.38) = 19.38
            want("阿杰", 3, 1146.00, 0.00, 1146.00, 19.38),
        ],
    );
    // lines 11 (memo names nobody) and 18 (商家备注 empty): 188.00 + 99.90 = 287.90
    assert_unattributed(&v, 2, 287.90, 0.00, 287.90);
    // 4+4+3+2 = 13; 1234 + 1210.50 + 1146 + 287.90 = 3878.40; refund 215 + 119 = 334;
    // net 3878.40 − 334 = 3544.40; commission 54.58 + 15.57 + 19.38 = 89.53
    assert_totals(&v, 13, 3878.40, 334.00, 3544.40, 89.53);
    // row 12 (paid amount `abc`) and row 17 (duplicate); unpaid orders (rows 6, 9) are no problems
    assert_count(&v, "issues", 2);
    assert_reconciles(&v);
}

#[test]
fn taobao_csv_october_step_tiers_apply_to_the_whole_base() {
    // EXPECTED.md 1b: same sums as 1a, step mode, no override
    let v =
        commission_json(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/step.toml"), "--month", "2026-10"]);
    assert_rows(
        &v,
        &[
            want("东东", 4, 1210.50, 119.00, 1091.50, 32.75), // 1091.50 ≥ 1000 → 3%: 32.745 → 32.75
            want("小王", 4, 1234.00, 215.00, 1019.00, 30.57), // 1019 ≥ 1000 → 3%: 30.57
            want("阿杰", 3, 1146.00, 0.00, 1146.00, 34.38),   // 1146 × 3% = 34.38
        ],
    );
    assert_unattributed(&v, 2, 287.90, 0.00, 287.90);
    assert_totals(&v, 13, 3878.40, 334.00, 3544.40, 97.70); // 32.75 + 30.57 + 34.38
    assert_reconciles(&v);
}

#[test]
fn taobao_csv_from_to_is_inclusive_by_paid_date() {
    // EXPECTED.md 1c: lines 2, 3, 4, 7, 8, 10, 11 (paid 10-15 23:59:59), 15 (paid 10-01 00:03:40)
    let v = commission_json(&[
        &fx("taobao_orders_gbk.csv"),
        "--config",
        &fx("configs/tiered.toml"),
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-15",
    ]);
    assert_period(&v, "2026-10-01", "2026-10-15");
    assert_rows(
        &v,
        &[
            // 356 + 99 + 520 = 975; refund 89 + 30 = 119; net 856; flat 5% = 42.80
            want("东东", 3, 975.00, 119.00, 856.00, 42.80),
            // 128 + 279 + 215 = 622; refund 215; net 407; 407 × 1% = 4.07
            want("小王", 3, 622.00, 215.00, 407.00, 4.07),
            // 268 × 1% = 2.68
            want("阿杰", 1, 268.00, 0.00, 268.00, 2.68),
        ],
    );
    assert_unattributed(&v, 1, 188.00, 0.00, 188.00);
    // 622 + 975 + 268 + 188 = 2053; net 2053 − 334 = 1719; 42.80 + 4.07 + 2.68 = 49.55
    assert_totals(&v, 8, 2053.00, 334.00, 1719.00, 49.55);
    assert_reconciles(&v);

    // Same dates with step tiers: 856 ≥ 500 → 2% = 17.12; 407 → 1% = 4.07; 268 → 1% = 2.68
    let v = commission_json(&[
        &fx("taobao_orders_gbk.csv"),
        "--config",
        &fx("configs/step.toml"),
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-15",
    ]);
    assert_rows(
        &v,
        &[
            want("东东", 3, 975.00, 119.00, 856.00, 17.12),
            want("小王", 3, 622.00, 215.00, 407.00, 4.07),
            want("阿杰", 1, 268.00, 0.00, 268.00, 2.68),
        ],
    );
    assert_totals(&v, 8, 2053.00, 334.00, 1719.00, 23.87); // 17.12 + 4.07 + 2.68
}

#[test]
fn taobao_csv_september_lists_only_agents_with_orders() {
    // EXPECTED.md 1d: lines 13 (小王 300.00) and 14 (东东 150.00); 阿杰 sold nothing → no row
    let v =
        commission_json(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--month", "2026-09"]);
    assert_period(&v, "2026-09-01", "2026-09-30");
    assert_rows(
        &v,
        &[
            want("东东", 1, 150.00, 0.00, 150.00, 7.50), // flat 5%
            want("小王", 1, 300.00, 0.00, 300.00, 3.00), // 300 × 1%
        ],
    );
    assert_unattributed(&v, 0, 0.00, 0.00, 0.00);
    assert_totals(&v, 2, 450.00, 0.00, 450.00, 10.50);
    assert_reconciles(&v);
}

#[test]
fn taobao_csv_without_period_spans_first_to_last_paid_date() {
    // EXPECTED.md 1e: all 15 counted orders, paid 2026-09-28 … 2026-10-31
    let v = commission_json(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml")]);
    assert_period(&v, "2026-09-28", "2026-10-31");
    assert_rows(
        &v,
        &[
            // 1210.50 + 150 = 1360.50; net 1091.50 + 150 = 1241.50; × 5% = 62.075 → 62.08
            want("东东", 5, 1360.50, 119.00, 1241.50, 62.08),
            // 1234 + 300 = 1534; net 1319; 5 + 10 + 319 × 3% (9.57) = 24.57
            want("小王", 5, 1534.00, 215.00, 1319.00, 24.57),
            want("阿杰", 3, 1146.00, 0.00, 1146.00, 19.38),
        ],
    );
    assert_unattributed(&v, 2, 287.90, 0.00, 287.90);
    // 5 + 5 + 3 + 2 = 15; 3878.40 + 450 = 4328.40; net 3994.40; 62.08 + 24.57 + 19.38 = 106.03
    assert_totals(&v, 15, 4328.40, 334.00, 3994.40, 106.03);
    assert_count(&v, "issues", 2);
    assert_reconciles(&v);
}

#[test]
fn taobao_csv_flat_rate_rounds_each_agent_half_away_from_zero() {
    // EXPECTED.md 1f: flat 2.5%
    let v =
        commission_json(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/flat.toml"), "--month", "2026-10"]);
    assert_rows(
        &v,
        &[
            want("东东", 4, 1210.50, 119.00, 1091.50, 27.29), // 1091.50 × 0.025 = 27.2875 → 27.29
            want("小王", 4, 1234.00, 215.00, 1019.00, 25.48), // 1019 × 0.025 = 25.475 → 25.48
            want("阿杰", 3, 1146.00, 0.00, 1146.00, 28.65),   // 1146 × 0.025 = 28.65
        ],
    );
    // Reading (EXPECTED.md "Readings" 3): total = Σ rounded rows = 81.42 (not round(81.4175) = 81.41)
    assert_totals(&v, 13, 3878.40, 334.00, 3544.40, 81.42);
    assert_reconciles(&v);
}

#[test]
fn taobao_csv_without_config_knows_no_names_so_memos_attribute_nothing() {
    // EXPECTED.md 1g: no agent column and no config → no known agent names (docs/definitions.md#attribution)
    let v = commission_json(&[&fx("taobao_orders_gbk.csv")]);
    assert_rows(&v, &[]);
    assert_unattributed(&v, 15, 4328.40, 334.00, 3994.40);
    assert_totals(&v, 15, 4328.40, 334.00, 3994.40, 0.00);
    assert_reconciles(&v);
}

// ------------------------------------------------------------------------------------------------
// 2. 千牛 xlsx export: title rows, header on row 4, agent column with sub-accounts and aliases
// ------------------------------------------------------------------------------------------------

#[test]
fn qianniu_xlsx_october_agent_column_then_memo() {
    // EXPECTED.md 2a
    let v =
        commission_json(&[&fx("qianniu_orders.xlsx"), "--config", &fx("configs/tiered.toml"), "--month", "2026-10"]);
    assert_period(&v, "2026-10-01", "2026-10-31");
    assert_rows(
        &v,
        &[
            // rows 6, 9 (退款成功, 60 given), 16 (memo `dd01 顺丰`), 20: 426 + 560 + 312 + 680 = 1978;
            // net 1978 − 60 = 1918; flat 5% = 95.90
            want("东东", 4, 1978.00, 60.00, 1918.00, 95.90),
            // rows 5, 7 (wang), 8 (交易关闭 + 退款成功, refund empty → 268), 10 (memo), 18 (wang, text
            // 128.50): 358 + 189 + 268 + 239 + 128.50 = 1182.50; net 914.50;
            // 500 × 1% + 414.50 × 2% = 5 + 8.29 = 13.29
            want("小王", 5, 1182.50, 268.00, 914.50, 13.29),
            // rows 14 (column) and 15 (memo; known from the column): 1020 + 145 = 1165;
            // 5 + 10 + 165 × 3% (4.95) = 19.95
            want("小美", 2, 1165.00, 0.00, 1165.00, 19.95),
            // row 11, the id stored as a number, kept: 199 × 1% = 1.99
            want("阿杰", 1, 199.00, 0.00, 199.00, 1.99),
        ],
    );
    assert_unattributed(&v, 1, 95.00, 0.00, 95.00); // row 17
    // 13 orders; 1978 + 1182.50 + 1165 + 199 + 95 = 4619.50; refund 60 + 268 = 328; net 4291.50;
    // commission 95.90 + 13.29 + 19.95 + 1.99 = 131.13
    assert_totals(&v, 13, 4619.50, 328.00, 4291.50, 131.13);
    // row 11 (id stored as a number) and row 12 (paid time 昨天)
    assert_count(&v, "issues", 2);
    assert_reconciles(&v);
}

#[test]
fn qianniu_xlsx_rate_option_without_config() {
    // EXPECTED.md 2b: no aliases, so `wang` is an agent of its own; dd01 is unknown → 未归属
    for rate in ["3%", "0.03"] {
        let v = commission_json(&[&fx("qianniu_orders.xlsx"), "--rate", rate]);
        assert_period(&v, "2026-09-29", "2026-10-25");
        assert_rows(
            &v,
            &[
                want("wang", 2, 317.50, 0.00, 317.50, 9.53), // 189 + 128.50; × 3% = 9.525 → 9.53
                want("东东", 3, 1666.00, 60.00, 1606.00, 48.18), // 426 + 560 + 680; 1606 × 3%
                want("小王", 4, 1065.00, 268.00, 797.00, 23.91), // 358 + 268 + 239 + 200; 797 × 3%
                want("小美", 2, 1165.00, 0.00, 1165.00, 34.95), // 1165 × 3%
                want("阿杰", 1, 199.00, 0.00, 199.00, 5.97), // 199 × 3%
            ],
        );
        assert_unattributed(&v, 2, 407.00, 0.00, 407.00); // rows 16 (312) and 17 (95)
        // 14 orders; 4619.50 + 200 = 4819.50; net 4491.50; 9.53 + 48.18 + 23.91 + 34.95 + 5.97 = 122.54
        assert_totals(&v, 14, 4819.50, 328.00, 4491.50, 122.54);
        assert_reconciles(&v);
    }
}

// ------------------------------------------------------------------------------------------------
// 3. item-level export (one row per 子订单编号): rows of one 主订单编号 merge
// ------------------------------------------------------------------------------------------------

#[test]
fn item_level_rows_merge_by_main_order_id_default_flat_two_percent() {
    // EXPECTED.md 3a: no config, no --rate → flat 2%
    let v = commission_json(&[&fx("item_level_orders.xlsx")]);
    assert_period(&v, "2026-10-03", "2026-10-28");
    assert_rows(
        &v,
        &[
            // orders 02 (399 + 268, lamp refunded 268), 07 (159 + 39 closed, refunds empty → 198), 08 (215):
            // paid 667 + 198 + 215 = 1080; refund 268 + 198 = 466; net 399 + 0 + 215 = 614; × 2% = 12.28
            want("东东", 3, 1080.00, 466.00, 614.00, 12.28),
            // orders 01 (59 + 89 + 35), 04 (76), 05 (499 + 129, 29 refunded): 183 + 76 + 628 = 887;
            // refund 29; net 858; × 2% = 17.16
            want("小王", 3, 887.00, 29.00, 858.00, 17.16),
            // orders 03 (1280 + 45) and 10 (88 + 66): 1325 + 154 = 1479; × 2% = 29.58
            want("阿杰", 2, 1479.00, 0.00, 1479.00, 29.58),
        ],
    );
    assert_unattributed(&v, 1, 100.00, 0.00, 100.00); // order 06: 58 + 42
    // 9 orders (09 unpaid); 1080 + 887 + 1479 + 100 = 3546; refund 495; net 3051; 59.02
    assert_totals(&v, 9, 3546.00, 495.00, 3051.00, 59.02);
    assert_count(&v, "issues", 0);
    assert_reconciles(&v);
}

#[test]
fn item_level_progressive_step_paid_base_and_rate() {
    let file = fx("item_level_orders.xlsx");

    // EXPECTED.md 3b: 东东 614 × 5% = 30.70; 小王 5 + 358 × 2% = 12.16; 阿杰 5 + 10 + 479 × 3% = 29.37
    let v = commission_json(&[&file, "--config", &fx("configs/tiered.toml")]);
    assert_rows(
        &v,
        &[
            want("东东", 3, 1080.00, 466.00, 614.00, 30.70),
            want("小王", 3, 887.00, 29.00, 858.00, 12.16),
            want("阿杰", 2, 1479.00, 0.00, 1479.00, 29.37),
        ],
    );
    assert_totals(&v, 9, 3546.00, 495.00, 3051.00, 72.23);

    // EXPECTED.md 3c: 614 → 2% = 12.28; 858 → 2% = 17.16; 1479 → 3% = 44.37
    let v = commission_json(&[&file, "--config", &fx("configs/step.toml")]);
    assert_rows(
        &v,
        &[
            want("东东", 3, 1080.00, 466.00, 614.00, 12.28),
            want("小王", 3, 887.00, 29.00, 858.00, 17.16),
            want("阿杰", 2, 1479.00, 0.00, 1479.00, 44.37),
        ],
    );
    assert_totals(&v, 9, 3546.00, 495.00, 3051.00, 73.81);

    // EXPECTED.md 3d: base = paid, flat 2%: 1080 → 21.60; 887 → 17.74; 1479 → 29.58
    let v = commission_json(&[&file, "--config", &fx("configs/paid_base.toml")]);
    assert_rows(
        &v,
        &[
            Want {
                agent: "东东",
                orders: 3,
                paid: 1080.00,
                refund: 466.00,
                net: 614.00,
                base: 1080.00,
                multiplier: 1.0,
                commission: 21.60,
            },
            Want {
                agent: "小王",
                orders: 3,
                paid: 887.00,
                refund: 29.00,
                net: 858.00,
                base: 887.00,
                multiplier: 1.0,
                commission: 17.74,
            },
            Want {
                agent: "阿杰",
                orders: 2,
                paid: 1479.00,
                refund: 0.00,
                net: 1479.00,
                base: 1479.00,
                multiplier: 1.0,
                commission: 29.58,
            },
        ],
    );
    assert_totals(&v, 9, 3546.00, 495.00, 3051.00, 68.92);
    assert_reconciles(&v);

    // EXPECTED.md 3e: --rate 3%: 614 → 18.42; 858 → 25.74; 1479 → 44.37
    let v = commission_json(&[&file, "--rate", "3%"]);
    assert_rows(
        &v,
        &[
            want("东东", 3, 1080.00, 466.00, 614.00, 18.42),
            want("小王", 3, 887.00, 29.00, 858.00, 25.74),
            want("阿杰", 2, 1479.00, 0.00, 1479.00, 44.37),
        ],
    );
    assert_totals(&v, 9, 3546.00, 495.00, 3051.00, 88.53);
}

// ------------------------------------------------------------------------------------------------
// 4. 赤兔-style agent report: commission from 销售额 − 完成退款金额, KPI multipliers
// ------------------------------------------------------------------------------------------------

#[test]
fn agent_report_commission_with_kpi_multipliers() {
    // EXPECTED.md 4a: flat 2%, ×1.2 at conversion ≥ 0.6, ×1.1 at ≥ 0.5
    let v = commission_json(&[&fx("chitu_agent_report.xlsx"), "--config", &fx("configs/kpi.toml")]);
    let (agents, rows) = agent_rows(&v);
    // 汇总 and 均值 are the report's own totals: skipped
    assert_eq!(agents, ["东东", "小王", "小美", "阿杰"]);
    for r in rows {
        assert!(r["orders"].is_null(), "an agent report has no order count: {r}");
    }
    let expect = [
        // (paid = 销售额, refund = 完成退款金额, net, multiplier, commission)
        (19880.50, 880.50, 19000.00, 1.1, 418.00), // 53.85% ≥ 0.5: 19000 × 2% = 380 × 1.1 = 418.00
        (28650.00, 1250.00, 27400.00, 1.2, 657.60), // 62.50% ≥ 0.6: 27400 × 2% = 548 × 1.2 = 657.60
        (5000.00, 125.00, 4875.00, 1.2, 117.00),   // exactly 60.00% ≥ 0.6: 4875 × 2% = 97.50 × 1.2 = 117.00
        (9876.54, 0.00, 9876.54, 1.0, 197.53),     // 42.86% < 0.5: 9876.54 × 2% = 197.5308 → 197.53
    ];
    for (r, (paid, refund, net, mult, commission)) in rows.iter().zip(expect) {
        assert_money(r, "paid", paid);
        assert_money(r, "refund", refund);
        assert_money(r, "net", net);
        assert_money(r, "base", net);
        assert_money(r, "multiplier", mult);
        assert_money(r, "commission", commission);
    }
    // 418.00 + 657.60 + 117.00 + 197.53 = 1390.13
    assert_money(&v["totals"], "commission", 1390.13);
    // paid 63407.04, refund 2255.50, net 61151.54
    assert_money(&v["totals"], "paid", 63407.04);
    assert_money(&v["totals"], "refund", 2255.50);
    assert_money(&v["totals"], "net", 61151.54);
    // 延迟统计 is a missing value and 汇总/均值 are skipped: no problems
    assert_count(&v, "issues", 0);
}

#[test]
fn agent_report_default_flat_two_percent() {
    // EXPECTED.md 4b: no config → flat 2%, multiplier 1
    let v = commission_json(&[&fx("chitu_agent_report.xlsx")]);
    let rows = v["rows"].as_array().unwrap();
    let got: Vec<(&str, f64)> =
        rows.iter().map(|r| (r["agent"].as_str().unwrap(), r["commission"].as_f64().unwrap())).collect();
    // 19000 × 2% = 380.00; 27400 × 2% = 548.00; 4875 × 2% = 97.50; 9876.54 × 2% = 197.5308 → 197.53
    let want = [("东东", 380.00), ("小王", 548.00), ("小美", 97.50), ("阿杰", 197.53)];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((agent, c), (wa, wc)) in got.iter().zip(want) {
        assert_eq!(*agent, wa);
        assert!((c - wc).abs() < 0.001, "{agent}: expected {wc}, got {c}");
    }
    for r in rows {
        assert_money(r, "multiplier", 1.0);
    }
    assert_money(&v["totals"], "commission", 1223.03);
}

// ------------------------------------------------------------------------------------------------
// xlsx report: sheets, Summary, Issues with Excel row numbers
// ------------------------------------------------------------------------------------------------

#[test]
fn xlsx_report_has_summary_detail_issues_rules() {
    let (_dir, out, r) =
        commission_xlsx(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--month", "2026-10"]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let names = sheet_names(&out);
    for s in ["Summary", "Detail", "Issues", "Rules"] {
        assert!(names.iter().any(|n| n == s), "sheet {s} missing in {names:?}");
    }

    let rows = read_sheet(&out, "Summary");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&header[..9], &["Agent", "Orders", "Paid", "Refund", "Net", "Base", "Rate", "Multiplier", "Commission"]);
    let body: Vec<&Vec<Data>> = rows[1..].iter().filter(|r| !text(&r[0]).is_empty()).collect();
    let labels: Vec<String> = body.iter().map(|r| text(&r[0])).collect();
    // The agents by commission, highest first (54.58, 19.38, 15.57), then 未归属 and the total.
    assert_eq!(labels, ["东东", "阿杰", "小王", "Unattributed", "Total"]);
    // (orders, paid, refund, net) per line, as in EXPECTED.md 1a
    let figures = [
        (4.0, 1210.50, 119.00, 1091.50),
        (3.0, 1146.00, 0.00, 1146.00),
        (4.0, 1234.00, 215.00, 1019.00),
        (2.0, 287.90, 0.00, 287.90),
        (13.0, 3878.40, 334.00, 3544.40),
    ];
    for (row, (orders, paid, refund, net)) in body.iter().zip(figures) {
        let got = (number(&row[1]), number(&row[2]), number(&row[3]), number(&row[4]));
        assert!(
            (got.0 - orders).abs() < 0.001
                && (got.1 - paid).abs() < 0.001
                && (got.2 - refund).abs() < 0.001
                && (got.3 - net).abs() < 0.001,
            "{}: expected {:?}, got {:?}",
            text(&row[0]),
            (orders, paid, refund, net),
            got
        );
    }
    // commission: 东东 54.58, 阿杰 19.38, 小王 15.57; total 89.53
    for (row, c) in body.iter().zip([54.58, 19.38, 15.57]) {
        assert!((number(&row[8]) - c).abs() < 0.001, "{} commission", text(&row[0]));
    }
    assert!((number(&body[4][8]) - 89.53).abs() < 0.001, "Total commission");
}

#[test]
fn xlsx_issues_for_taobao_csv_name_the_line_and_column() {
    let (_dir, out, r) =
        commission_xlsx(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--month", "2026-10"]);
    assert_eq!(r.code, Some(0), "row problems still exit 0; stderr: {}", r.stderr);
    let issues = issues_rows(&out);
    // Exactly two problems: the bad amount on line 12 and the duplicate on line 17 (the unpaid
    // orders on lines 6 and 9 are not problems, EXPECTED.md "Readings" 1).
    assert_eq!(issues.len(), 2, "{issues:#?}");
    for i in &issues {
        assert!(i[0].contains("taobao_orders_gbk.csv"), "File column names the file: {i:?}");
    }
    let bad = issues.iter().find(|i| i[2] == "12").unwrap_or_else(|| panic!("no issue on row 12: {issues:#?}"));
    assert_eq!(bad[3], "买家实际支付金额", "Column");
    assert_eq!(bad[4], "abc", "Value");
    assert!(!bad[5].is_empty() && !bad[6].is_empty(), "Problem and Action filled: {bad:?}");
    assert!(issues.iter().any(|i| i[2] == "17"), "the duplicate of line 16 is listed on line 17: {issues:#?}");
}

#[test]
fn xlsx_issues_for_qianniu_count_rows_below_the_title() {
    // header on Excel row 4: the number-stored id is row 11, the paid time 昨天 row 12
    let (_dir, out, r) = commission_xlsx(&[&fx("qianniu_orders.xlsx"), "--config", &fx("configs/tiered.toml")]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let issues = issues_rows(&out);
    assert_eq!(issues.len(), 2, "{issues:#?}");
    let id = issues.iter().find(|i| i[2] == "11").unwrap_or_else(|| panic!("no issue on row 11: {issues:#?}"));
    assert_eq!(id[3], "订单编号");
    assert!(id[5].to_lowercase().contains("number"), "problem says the id is a number: {id:?}");
    let time = issues.iter().find(|i| i[2] == "12").unwrap_or_else(|| panic!("no issue on row 12: {issues:#?}"));
    assert_eq!(time[3], "付款时间");
    assert_eq!(time[4], "昨天");
}

#[test]
fn default_rate_is_announced_on_stdout_and_in_rules() {
    // docs/definitions.md#commission: without config or --rate, flat 2%, "and stdout and the Rules sheet say so"
    let (_dir, out, r) = commission_xlsx(&[&fx("item_level_orders.xlsx")]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(r.stdout.contains("2%"), "stdout mentions the default 2%: {}", r.stdout);
    let rules = read_sheet(&out, "Rules");
    let mentions = rules.iter().flatten().any(|c| {
        let t = text(c);
        t.contains("2%") || t == "0.02"
    });
    assert!(mentions, "Rules sheet mentions the default 2% rate");
}

#[test]
fn quiet_prints_nothing_on_stdout() {
    let (_dir, out, r) = commission_xlsx(&[&fx("item_level_orders.xlsx"), "-q"]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(out.exists());
    assert!(r.stdout.trim().is_empty(), "-q: stdout should be empty, got {}", r.stdout);
}

#[test]
fn same_input_gives_a_byte_identical_report() {
    let dir = scratch();
    let (input, config) = (fx("qianniu_orders.xlsx"), fx("configs/tiered.toml"));
    let args = ["commission", input.as_str(), "--config", config.as_str(), "-o", "out.xlsx", "-q"];
    let first = run_in(dir.path(), &args);
    assert_eq!(first.code, Some(0), "stderr: {}", first.stderr);
    let a = fs::read(dir.path().join("out.xlsx")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100)); // a clock-stamped file would differ
    let second = run_in(dir.path(), &args);
    assert_eq!(second.code, Some(0), "stderr: {}", second.stderr);
    let b = fs::read(dir.path().join("out.xlsx")).unwrap();
    assert!(a == b, "two runs on the same input differ");
}

#[test]
fn output_path_equal_to_an_input_is_refused() {
    let dir = scratch();
    let input = dir.path().join("orders.xlsx");
    fs::copy(fx_path("item_level_orders.xlsx"), &input).unwrap();
    let before = fs::read(&input).unwrap();
    let input_s = input.to_string_lossy().into_owned();
    let r = run_in(dir.path(), &["commission", &input_s, "-o", &input_s]);
    assert_ne!(r.code, Some(0), "writing over the input must be refused");
    assert_eq!(fs::read(&input).unwrap(), before, "the input file is untouched");
}

// ------------------------------------------------------------------------------------------------
// exit codes (docs/definitions.md#commands): 0 written, 1 nothing written, 2 usage, 3 --strict with row problems
// ------------------------------------------------------------------------------------------------

#[test]
fn exit_1_when_the_input_file_is_missing() {
    let (_dir, out, r) = commission_xlsx(&[&fx("no_such_file.csv")]);
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("no_such_file.csv"), "the message names the file: {}", r.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn exit_1_when_no_sheet_holds_orders() {
    let (_dir, out, r) = commission_xlsx(&[&fx("not_an_order_sheet.csv")]);
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn exit_1_when_the_paid_time_column_is_missing() {
    let (_dir, out, r) = commission_xlsx(&[&fx("orders_missing_paid_time.csv")]);
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn exit_1_when_the_config_is_invalid() {
    let dir = scratch();
    let cfg = dir.path().join("bad.toml");
    fs::write(&cfg, "[commission]\nmode = \"sometimes\"\nrate = 0.02\n").unwrap();
    let cfg_s = cfg.to_string_lossy().into_owned();
    let out = dir.path().join("out.xlsx");
    let out_s = out.to_string_lossy().into_owned();
    let r = run_in(dir.path(), &["commission", &fx("item_level_orders.xlsx"), "--config", &cfg_s, "-o", &out_s]);
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(!out.exists(), "nothing written");
}

#[test]
fn exit_2_on_usage_errors() {
    let r = run(&["commission", &fx("item_level_orders.xlsx"), "--month", "2026-13"]);
    assert_eq!(r.code, Some(2), "--month 2026-13; stderr: {}", r.stderr);
    let r = run(&["commission", &fx("item_level_orders.xlsx"), "--format", "pdf"]);
    assert_eq!(r.code, Some(2), "--format pdf; stderr: {}", r.stderr);
    let r = run(&["commission", &fx("item_level_orders.xlsx"), "--no-such-option"]);
    assert_eq!(r.code, Some(2), "unknown option; stderr: {}", r.stderr);
}

#[test]
fn exit_3_with_strict_when_rows_had_problems_but_the_report_is_written() {
    let (_dir, out, r) =
        commission_xlsx(&[&fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "--strict"]);
    assert_eq!(r.code, Some(3), "stderr: {}", r.stderr);
    assert!(out.exists(), "the report is still written");
    assert_eq!(issues_rows(&out).len(), 2);
}

#[test]
fn strict_exits_0_when_no_row_had_a_problem() {
    // the item-level file has an unpaid order but no row problem
    let (_dir, out, r) = commission_xlsx(&[&fx("item_level_orders.xlsx"), "--strict"]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(out.exists());
    assert!(issues_rows(&out).is_empty());
}

#[test]
fn row_problems_without_strict_exit_0() {
    // EXPECTED.md 2 and 2b at the default flat 2% (no config, no --rate, no period): rows 11
    // and 12 are problems, and the report is written with the figures of the rows that count.
    let (_dir, out, r) = commission_xlsx(&[&fx("qianniu_orders.xlsx")]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert_eq!(sheet_names(&out), ["Summary", "Detail", "Issues", "Rules"]);

    // Summary: the agents by commission, highest first; no aliases, so `wang` is an agent.
    let rows = read_sheet(&out, "Summary");
    let body: Vec<&Vec<Data>> = rows[1..].iter().filter(|r| !text(&r[0]).is_empty()).collect();
    let labels: Vec<String> = body.iter().map(|r| text(&r[0])).collect();
    assert_eq!(labels, ["东东", "小美", "小王", "wang", "阿杰", "Unattributed", "Total"]);
    // (orders, paid, refund, net, commission): 1606 × 2% = 32.12; 1165 × 2% = 23.30;
    // 797 × 2% = 15.94; 317.50 × 2% = 6.35; 199 × 2% = 3.98; 未归属 rows 16 and 17, 312 + 95;
    // total 14 orders, 4819.50 − 328.00 = 4491.50, 32.12 + 23.30 + 15.94 + 6.35 + 3.98 = 81.69.
    let figures = [
        (3.0, 1666.00, 60.00, 1606.00, Some(32.12)),
        (2.0, 1165.00, 0.00, 1165.00, Some(23.30)),
        (4.0, 1065.00, 268.00, 797.00, Some(15.94)),
        (2.0, 317.50, 0.00, 317.50, Some(6.35)),
        (1.0, 199.00, 0.00, 199.00, Some(3.98)),
        (2.0, 407.00, 0.00, 407.00, None),
        (14.0, 4819.50, 328.00, 4491.50, Some(81.69)),
    ];
    for (row, (orders, paid, refund, net, commission)) in body.iter().zip(figures) {
        let got = (number(&row[1]), number(&row[2]), number(&row[3]), number(&row[4]));
        let want = (orders, paid, refund, net);
        assert!(
            [got.0 - want.0, got.1 - want.1, got.2 - want.2, got.3 - want.3].iter().all(|d| d.abs() < 0.001),
            "{}: expected {want:?}, got {got:?}",
            text(&row[0])
        );
        if let Some(c) = commission {
            assert!((number(&row[8]) - c).abs() < 0.001, "{} commission: {:?}", text(&row[0]), row[8]);
        }
    }

    // Detail: every counted order by paid time, with its agent and the source that named it (no
    // agent for 未归属, whose source says so).
    let rows = read_sheet(&out, "Detail");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&header[..9], ["Order ID", "Buyer", "Paid at", "Paid", "Refund", "Net", "Agent", "Source", "Evidence"]);
    let id = |n: u32| format!("3864020000000000{n:03}");
    let want: Vec<(String, f64, f64, f64, &str, &str)> = vec![
        (id(119), 200.00, 0.00, 200.00, "小王", "agent column"),
        (id(105), 358.00, 0.00, 358.00, "小王", "agent column"),
        (id(106), 426.00, 0.00, 426.00, "东东", "agent column"),
        (id(107), 189.00, 0.00, 189.00, "wang", "agent column"),
        (id(108), 268.00, 268.00, 0.00, "小王", "agent column"),
        (id(109), 560.00, 60.00, 500.00, "东东", "agent column"),
        (id(110), 239.00, 0.00, 239.00, "小王", "memo"),
        // row 11: the id stored as the number 3.864012345678901e18, kept as that number reads
        ("3864012345678901248".to_string(), 199.00, 0.00, 199.00, "阿杰", "agent column"),
        (id(114), 1020.00, 0.00, 1020.00, "小美", "agent column"),
        (id(115), 145.00, 0.00, 145.00, "小美", "memo"),
        (id(116), 312.00, 0.00, 312.00, "", "unattributed"),
        (id(117), 95.00, 0.00, 95.00, "", "unattributed"),
        (id(118), 128.50, 0.00, 128.50, "wang", "agent column"),
        (id(120), 680.00, 0.00, 680.00, "东东", "agent column"),
    ];
    let got: Vec<(String, f64, f64, f64, String, String)> = rows[1..]
        .iter()
        .filter(|r| !text(&r[0]).is_empty())
        .map(|r| {
            (
                text(&r[0]),
                number(&r[3]),
                number(&r[4]),
                number(&r[5]),
                text(&r[6]),
                r.get(7).map(text).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for (g, w) in got.iter().zip(&want) {
        let same = g.0 == w.0 && (g.1 - w.1).abs() < 0.001 && (g.2 - w.2).abs() < 0.001 && (g.3 - w.3).abs() < 0.001;
        assert!(same && g.4 == w.4 && g.5 == w.5, "Detail: expected {w:?}, got {g:?}");
    }

    // Issues: the number-stored id (row 11) and the paid time 昨天 (row 12), below the title rows.
    let issues = issues_rows(&out);
    let places: Vec<(&str, &str)> = issues.iter().map(|i| (i[2].as_str(), i[3].as_str())).collect();
    assert_eq!(places, [("11", "订单编号"), ("12", "付款时间")], "{issues:#?}");
}

#[test]
fn kpi_on_payment_rate_applies_its_multiplier() {
    // fixtures/configs/kpi_payment_rate.toml: flat 2% of net, ×1.1 at 支付率 ≥ 0.95, ×0.9 at
    // ≤ 0.88. An agent's 支付率 = paid / created of the orders created in October that the
    // agent sold (memo, else the buyer's last reception within 48 h before the order), counted
    // from fixtures/month/chats.csv and the order export outside the program.
    let v = commission_json(&[
        &fx("month/orders.xlsx"),
        "--chats",
        &fx("month/chats.csv"),
        "--config",
        &fx("configs/kpi_payment_rate.toml"),
        "--month",
        "2026-10",
    ]);
    let (agents, rows) = agent_rows(&v);
    let expect = [
        // (agent, paid/created, net, multiplier, commission = net × 2% × multiplier)
        ("东东", "38/39", 12345.57, 1.1, 271.60),
        ("婷婷", "34/34", 9774.39, 1.1, 215.04),
        ("阿May", "34/35", 9772.21, 1.1, 214.99),
        ("大刘", "27/28", 9401.05, 1.1, 206.82),
        ("小美", "32/33", 8851.35, 1.1, 194.73),
        ("木木", "30/34 = 0.882", 9407.99, 1.0, 188.16),
        ("阿杰", "23/23", 7271.96, 1.1, 159.98),
        ("小李", "26/27", 7038.30, 1.1, 154.84),
        ("晨晨", "19/21", 6711.67, 1.0, 134.23),
        ("七七", "18/20", 5481.55, 1.0, 109.63),
        ("佳佳", "21/24 = 0.875", 4396.15, 0.9, 79.13),
        ("小王", "17/18", 3770.53, 1.0, 75.41),
    ];
    let mut want: Vec<&str> = expect.iter().map(|e| e.0).collect();
    want.sort();
    let mut got = agents.clone();
    got.sort();
    assert_eq!(got, want);
    for (agent, _rate, net, multiplier, commission) in expect {
        let r = rows.iter().find(|r| r["agent"] == agent).unwrap_or_else(|| panic!("no row for {agent}"));
        assert_money(r, "net", net);
        assert_money(r, "multiplier", multiplier);
        assert_money(r, "commission", commission);
    }
    // Σ = 2,004.56; with every multiplier 1.0 (the rule ignored) it would be 1,884.45.
    assert_money(&v["totals"], "commission", 2004.56);
}
