//! Property tests for the cell parsers, the sniffers, the 千牛 text parser and the money
//! core. (cargo-fuzz needs a nightly toolchain, which this project's machines do not have:
//! proptest drives the same code with random and shrinking inputs on stable.)

use cs_tools::compute::commission::{self, AgentRule, RuleBook};
use cs_tools::config::{BaseKind, CommissionConfig, CommissionMode};
use cs_tools::model::{Order, OrderState, round_fen};
use cs_tools::read::cells::{Cell, parse_datetime, parse_datetime_text, parse_id, parse_money, parse_number};
use cs_tools::read::qianniu;
use cs_tools::read::source::{sniff_delimiter, sniff_encoding};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

proptest! {
    // 2,000 cases each in CI; `PROPTEST_CASES=200000` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn cell_parsers_never_panic(s in ".{0,40}", n in any::<f64>()) {
        for cell in [Cell::Text(s.clone()), Cell::Number(n), Cell::DateTime(n), Cell::Error(s.clone())] {
            let _ = parse_money(&cell, true);
            let _ = parse_money(&cell, false);
            let _ = parse_datetime(&cell);
            let _ = parse_id(&cell);
            let _ = parse_number(&cell);
        }
        let _ = parse_datetime_text(&s);
    }

    #[test]
    fn money_text_round_trips(cents in -10_000_000_000i64..10_000_000_000i64) {
        let d = Decimal::new(cents, 2);
        let text = format!("¥{d}元");
        prop_assert_eq!(parse_money(&Cell::Text(text), false).unwrap(), Some(d.normalize()));
    }

    #[test]
    fn money_from_floats_is_the_nearest_fen(cents in -100_000_000i64..100_000_000i64) {
        let f = cents as f64 / 100.0;
        prop_assert_eq!(parse_money(&Cell::Number(f), false).unwrap(), Some(Decimal::new(cents, 2).normalize()));
    }

    #[test]
    fn datetimes_round_trip_through_text(secs in 0i64..4_000_000_000i64) {
        let t = chrono::DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
        for text in [t.format("%Y-%m-%d %H:%M:%S").to_string(), t.format("%Y/%-m/%-d %-H:%M:%S").to_string(),
                     t.format("%Y年%-m月%-d日 %H:%M:%S").to_string(), t.format("%Y-%m-%dT%H:%M:%S").to_string()] {
            prop_assert_eq!(parse_datetime_text(&text), Some(t), "{}", text);
        }
    }

    #[test]
    fn sniffers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let enc = sniff_encoding(&bytes);
        let (text, _, _) = enc.decode(&bytes);
        let _ = sniff_delimiter(&text);
        let _ = qianniu::looks_like_qianniu(&text);
    }

    #[test]
    fn qianniu_parser_never_panics_and_keeps_line_numbers(
        lines in proptest::collection::vec(prop_oneof![
            Just("木子家居旗舰店:小王 2026-10-05 10:00:03".to_string()),
            Just("amy 2026-10-05 10:01:00".to_string()),
            Just("bob 2026-10-05 10:02:00".to_string()),
            Just("amy 撤回了一条消息".to_string()),
            Just("已读".to_string()),
            Just("店:小王 --> 店:东东 2026-10-05 10:03:00".to_string()),
            ".{0,20}",
        ], 0..40)
    ) {
        let text = lines.join("\n");
        let file: Arc<str> = "q.txt".into();
        let mut problems = Vec::new();
        let mut rows = Vec::new();
        let mut open = || -> std::io::Result<Box<dyn qianniu::LineSource>> { Ok(Box::new(qianniu::TextLines(text.lines()))) };
        qianniu::parse(&mut open, &file, &mut problems, &mut |m| rows.push(m.row)).unwrap();
        for row in rows {
            prop_assert!(row >= 1 && row as usize <= lines.len());
        }
        for p in &problems {
            prop_assert!(p.row >= 1 && p.row as usize <= lines.len());
        }
    }

    #[test]
    fn progressive_never_exceeds_step_when_rates_rise(
        bounds in proptest::collection::btree_set(1u32..2_000_000, 1..5),
        rates in proptest::collection::vec(1u32..500, 5),
        base_fen in 0i64..500_000_000,
    ) {
        let mut sorted_rates = rates.clone();
        sorted_rates.sort();
        let mut tiers = vec![(Decimal::ZERO, Decimal::new(sorted_rates[0] as i64, 4))];
        for (b, r) in bounds.iter().zip(&sorted_rates[1..]) {
            tiers.push((Decimal::from(*b), Decimal::new(*r as i64, 4)));
        }
        let rule = |mode| AgentRule { base: BaseKind::Net, deduct_postage: false, mode, rate: Decimal::ZERO, tiers: tiers.clone(), kpi: vec![] };
        let base = Decimal::new(base_fen, 2);
        let progressive = rule(CommissionMode::Progressive).base_commission(base);
        let step = rule(CommissionMode::Step).base_commission(base);
        prop_assert!(progressive <= step, "{} > {}", progressive, step);
    }

    #[test]
    fn commission_is_monotone_in_base(
        bounds in proptest::collection::btree_set(1u32..2_000_000, 0..4),
        rates in proptest::collection::vec(1u32..500, 4),
        a in 0i64..500_000_000, b in 0i64..500_000_000,
    ) {
        let mut sorted_rates = rates.clone();
        sorted_rates.sort();
        let mut tiers = vec![(Decimal::ZERO, Decimal::new(sorted_rates[0] as i64, 4))];
        for (bound, r) in bounds.iter().zip(&sorted_rates[1..]) {
            tiers.push((Decimal::from(*bound), Decimal::new(*r as i64, 4)));
        }
        let (lo, hi) = (Decimal::new(a.min(b), 2), Decimal::new(a.max(b), 2));
        for mode in [CommissionMode::Flat, CommissionMode::Step, CommissionMode::Progressive] {
            let rule = AgentRule { base: BaseKind::Net, deduct_postage: false, mode, rate: Decimal::new(2, 2), tiers: tiers.clone(), kpi: vec![] };
            prop_assert!(rule.base_commission(lo) <= rule.base_commission(hi), "{:?}", mode);
        }
    }

    #[test]
    fn rounding_is_to_the_nearest_fen_half_away_from_zero(units in any::<i64>(), scale in 0u32..8) {
        let n = units / 1000;
        let x = Decimal::new(n, scale);
        let r = round_fen(x);
        prop_assert!((r - x).abs() <= Decimal::new(5, 3));
        prop_assert!(r.scale() <= 2);
        prop_assert_eq!(round_fen(-x), -r, "symmetric around zero");
        // The nearest fen in whole numbers: n × 10^-scale holds 10^(scale − 2) units a fen; a
        // remainder of half a fen or more goes one fen away from zero.
        let want = if scale <= 2 {
            x
        } else {
            let per_fen = 10i128.pow(scale - 2);
            let (whole, rest) = (i128::from(n) / per_fen, (i128::from(n) % per_fen).abs());
            Decimal::from_i128_with_scale(if 2 * rest >= per_fen { whole + i128::from(n.signum()) } else { whole }, 2)
        };
        prop_assert_eq!(r, want, "{} rounds to {}", x, want);
    }

    #[test]
    fn half_a_fen_goes_away_from_zero(fen in 0i64..100_000_000_000) {
        // k.5 fen → k + 1 fen and −k.5 → −(k + 1), for even k too (half-even would keep k).
        let half = Decimal::new(fen * 10 + 5, 3);
        prop_assert_eq!(round_fen(half), Decimal::new(fen + 1, 2));
        prop_assert_eq!(round_fen(-half), Decimal::new(-(fen + 1), 2));
    }

    #[test]
    fn totals_are_the_rows_added_up_net_of_refunds(
        orders in proptest::collection::vec(
            (0usize..4, (1i64..10_000_000).prop_flat_map(|paid| (Just(paid), 0..=paid)), any::<bool>()),
            0..60,
        ),
    ) {
        let agents = ["小王", "东东", "阿杰"];
        let mut buyers = cs_tools::buyers::Buyers::default();
        let built: Vec<(Option<&str>, Order)> = orders.iter().enumerate().map(|(i, (agent, (paid, refund), closed))| {
            let order = Order {
                id: i.to_string().into(),
                buyer: Some(buyers.id(&format!("b{i}"))),
                paid_amount: Decimal::new(*paid, 2),
                refund_amount: (*refund > 0).then(|| Decimal::new(*refund, 2)),
                created_at: None,
                paid_at: None,
                agent: None,
                memo: None,
                shop: None,
                shop_id: cs_tools::shops::ShopId::UNNAMED,
                postage: Decimal::ZERO,
                state: if *closed { OrderState::ClosedAfterPayment } else { OrderState::Paid },
                paid_by_status: false,
            };
            (agents.get(*agent).copied(), order)
        }).collect();
        let config = CommissionConfig { rate: cs_tools::config::Rate(Decimal::new(37, 3)), ..CommissionConfig::default() };
        let rules = RuleBook::new(&config, None, |n| n.to_string());
        let result = commission::from_orders(built.iter().map(|(a, o)| (*a, o)), &rules, &[], |_, _| None);
        prop_assert!(result.reconcile().is_ok());

        // The same figures in fen, from the generated rows (docs/definitions.md#orders,
        // #commission): a closed order without a refund amount is refunded whole; net = paid −
        // refund; flat 3.7% of the net, rounded to the fen half away from zero, per agent.
        #[derive(Default, Debug, PartialEq)]
        struct Fen { orders: u64, paid: i64, refund: i64, net: i64 }
        impl Fen {
            fn add(&mut self, paid: i64, refund: i64) {
                self.orders += 1;
                self.paid += paid;
                self.refund += refund;
                self.net += paid - refund;
            }
        }
        let mut want: BTreeMap<&str, Fen> = BTreeMap::new();
        let (mut unattributed, mut totals) = (Fen::default(), Fen::default());
        for (agent, (paid, refund), closed) in &orders {
            let refund = if *closed && *refund == 0 { *paid } else { *refund };
            totals.add(*paid, refund);
            match agents.get(*agent) {
                Some(name) => want.entry(name).or_default().add(*paid, refund),
                None => unattributed.add(*paid, refund),
            }
        }
        let commission_fen = |net: i64| (net * 37 + 500) / 1000;
        let fen = |d: Decimal| -> i64 { (d * Decimal::ONE_HUNDRED).try_into().unwrap() };
        let of = |orders: Option<u64>, paid, refund, net| Fen { orders: orders.unwrap_or(0), paid: fen(paid), refund: fen(refund), net: fen(net) };

        let got: BTreeMap<&str, (Fen, i64, i64)> = result.rows.iter().map(|r| {
            let a = &r.amounts;
            (r.agent.as_str(), (of(a.orders, a.paid, a.refund, a.net), fen(r.base), fen(r.commission)))
        }).collect();
        let expected: BTreeMap<&str, (Fen, i64, i64)> =
            want.into_iter().map(|(name, f)| { let (net, c) = (f.net, commission_fen(f.net)); (name, (f, net, c)) }).collect();
        let total_commission: i64 = expected.values().map(|(_, _, c)| c).sum();
        prop_assert_eq!(got, expected);
        let u = &result.unattributed;
        prop_assert_eq!(of(u.orders, u.paid, u.refund, u.net), unattributed);
        let t = &result.totals;
        prop_assert_eq!(of(t.orders, t.paid, t.refund, t.net), totals);
        prop_assert_eq!(fen(result.total_commission), total_commission);
    }
}

/// round_fen on half a fen, worked by hand: away from zero (half-even would give 0.12, 0.00,
/// 1.00, 2.66, 0.14, 32.74, −0.12, −0.00 and −2.66 for eight of these). 2.675 is a Decimal here,
/// exactly 2.675 (the f64 2.675 is 2.67499…, which would round down).
#[test]
fn half_a_fen_rounds_away_from_zero_by_hand() {
    for (x, want) in [
        ("0.125", "0.13"),
        ("0.135", "0.14"),
        ("2.675", "2.68"),
        ("0.005", "0.01"),
        ("1.005", "1.01"),
        ("2.665", "2.67"),
        ("0.145", "0.15"),
        ("32.745", "32.75"),
        ("25.475", "25.48"),
        ("-0.125", "-0.13"),
        ("-0.005", "-0.01"),
        ("-2.665", "-2.67"),
        // Not a half: to the nearest fen.
        ("0.1249999", "0.12"),
        ("0.1250001", "0.13"),
        ("-0.1249999", "-0.12"),
        ("7", "7"),
    ] {
        let (x, want): (Decimal, Decimal) = (x.parse().unwrap(), want.parse().unwrap());
        assert_eq!(round_fen(x), want, "round_fen({x})");
    }
}
