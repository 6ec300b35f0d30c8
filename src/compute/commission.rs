//! docs/definitions.md#commission: commission (提成) per agent — flat, step (全额累进), progressive (超额累进),
//! per-agent overrides and KPI multipliers — and the totals that must reconcile (docs/definitions.md#reports).

use super::metrics::Metrics;
use super::orders::{net, refund};
use crate::config::{BaseKind, CommissionConfig, CommissionMode, CommissionOverride, KpiRule, TiersPer};
use crate::model::{AgentReportLine, Money, Order, round_fen};
use crate::shops::ShopId;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The rule that applies to one agent, overrides already merged.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRule {
    pub base: BaseKind,
    pub deduct_postage: bool,
    pub mode: CommissionMode,
    pub rate: Decimal,
    /// (from, rate), sorted by `from`.
    pub tiers: Vec<(Money, Decimal)>,
    pub kpi: Vec<KpiRule>,
}

/// The shop's rule and the per-agent overrides; with several shops, the per-shop overrides
/// (docs/definitions.md#shops).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleBook {
    pub default: AgentRule,
    pub agents: BTreeMap<String, AgentRule>,
    /// `[commission.shop."NAME"]`, by shop name.
    pub shops: BTreeMap<String, CommissionOverride>,
    /// `[commission.agents."NAME"]` as written, by report name: laid over a shop's rule.
    agent_overrides: BTreeMap<String, CommissionOverride>,
    pub tiers_per: TiersPer,
}

impl RuleBook {
    /// Whether any rule has a KPI multiplier: only then are the conversion figures needed.
    pub fn uses_kpi(&self) -> bool {
        !self.default.kpi.is_empty() || self.agents.values().any(|r| !r.kpi.is_empty())
    }

    /// `flat_rate` is `--rate`: a flat shop-wide rate that replaces the config's mode and rate
    /// (per-agent overrides still apply).
    pub fn new(config: &CommissionConfig, flat_rate: Option<Decimal>, resolve: impl Fn(&str) -> String) -> Self {
        let mut default = AgentRule {
            base: config.base,
            deduct_postage: config.deduct_postage,
            mode: config.mode,
            rate: config.rate.0,
            tiers: sorted_tiers(config.tiers.iter().map(|t| (t.from.0, t.rate.0))),
            kpi: config.kpi.clone(),
        };
        if let Some(rate) = flat_rate {
            default.mode = CommissionMode::Flat;
            default.rate = rate;
        }
        let agent_overrides: BTreeMap<String, CommissionOverride> =
            config.agents.iter().map(|(name, o)| (resolve(name), o.clone())).collect();
        let agents = agent_overrides.iter().map(|(name, o)| (name.clone(), default.with(o))).collect();
        RuleBook {
            default,
            agents,
            shops: config.shop.iter().map(|(name, o)| (name.trim().to_string(), o.clone())).collect(),
            agent_overrides,
            tiers_per: config.tiers_per,
        }
    }

    pub fn for_agent(&self, agent: &str) -> &AgentRule {
        self.agents.get(agent).unwrap_or(&self.default)
    }

    /// The rule of `agent`'s orders of `shop`: the shop's override over the default, then the
    /// agent's over that (the person's own terms win).
    pub fn for_agent_in(&self, agent: &str, shop: &str) -> AgentRule {
        match self.shops.get(shop) {
            None => self.for_agent(agent).clone(),
            Some(o) => {
                let rule = self.default.with(o);
                match self.agent_overrides.get(agent) {
                    Some(a) => rule.with(a),
                    None => rule,
                }
            }
        }
    }
}

fn sorted_tiers(tiers: impl Iterator<Item = (Money, Decimal)>) -> Vec<(Money, Decimal)> {
    let mut t: Vec<_> = tiers.collect();
    t.sort();
    t
}

impl AgentRule {
    /// This rule with the keys `o` gives replaced.
    fn with(&self, o: &CommissionOverride) -> AgentRule {
        let mut rule = self.clone();
        if let Some(v) = o.base {
            rule.base = v;
        }
        if let Some(v) = o.deduct_postage {
            rule.deduct_postage = v;
        }
        if let Some(v) = o.mode {
            rule.mode = v;
        }
        if let Some(v) = o.rate {
            rule.rate = v.0;
        }
        if let Some(t) = &o.tiers {
            rule.tiers = sorted_tiers(t.iter().map(|t| (t.from.0, t.rate.0)));
        }
        if let Some(k) = &o.kpi {
            rule.kpi = k.clone();
        }
        rule
    }

    /// This rule's part of a person's commission whose total base `total` reaches the tiers,
    /// for `part` of it earned in one shop: flat and step as the rule pays `part`; progressive
    /// the share `part / total` of what the rule pays on `total`.
    fn part_at(&self, total: Money, part: Money) -> Money {
        match self.mode {
            CommissionMode::Flat => part * self.rate,
            CommissionMode::Step => self.reached_tier(total).map(|(_, rate)| part * rate).unwrap_or_default(),
            CommissionMode::Progressive if total.is_zero() => Money::ZERO,
            CommissionMode::Progressive => self.base_commission(total) * part / total,
        }
    }

    /// What counts towards the base for one order: net (or paid), less postage, never < 0.
    pub fn order_base(&self, order: &Order) -> Money {
        let amount = match self.base {
            BaseKind::Net => net(order),
            BaseKind::Paid => order.paid_amount,
        };
        if self.deduct_postage { (amount - order.postage).max(Money::ZERO) } else { amount }
    }

    /// The highest tier whose `from` ≤ base (step and progressive), for the report.
    pub fn reached_tier(&self, base: Money) -> Option<(Money, Decimal)> {
        self.tiers.iter().rev().find(|(from, _)| *from <= base).copied()
    }

    /// Commission before KPI multipliers, unrounded.
    pub fn base_commission(&self, base: Money) -> Money {
        match self.mode {
            CommissionMode::Flat => base * self.rate,
            CommissionMode::Step => self.reached_tier(base).map(|(_, rate)| base * rate).unwrap_or_default(),
            CommissionMode::Progressive => {
                let mut total = Money::ZERO;
                for (i, (from, rate)) in self.tiers.iter().enumerate() {
                    if base <= *from {
                        break;
                    }
                    let upper = self.tiers.get(i + 1).map(|(next, _)| base.min(*next)).unwrap_or(base);
                    total += (upper - from) * rate;
                }
                total
            }
        }
    }

    /// The highest multiplier whose condition holds; none (or no metric): 1.
    pub fn multiplier(&self, metric: impl Fn(&str) -> Option<f64>) -> Decimal {
        self.kpi
            .iter()
            .filter(|k| {
                metric(&k.metric)
                    .is_some_and(|v| k.at_least.is_none_or(|min| v >= min) && k.at_most.is_none_or(|max| v <= max))
            })
            .map(|k| k.multiplier.0)
            .max()
            .unwrap_or(Decimal::ONE)
    }
}

/// Sums of a group of orders (an agent's, the unattributed, the period's).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amounts {
    /// None for per-agent summary input, which has no orders.
    pub orders: Option<u64>,
    pub paid: Money,
    pub refund: Money,
    pub net: Money,
}

impl Amounts {
    pub fn add_order(&mut self, order: &Order) {
        self.orders = Some(self.orders.unwrap_or(0) + 1);
        self.paid += order.paid_amount;
        self.refund += refund(order);
        self.net += net(order);
    }

    pub fn add(&mut self, other: &Amounts) {
        self.orders = match (self.orders, other.orders) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        self.paid += other.paid;
        self.refund += other.refund;
        self.net += other.net;
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommissionRow {
    pub agent: String,
    pub amounts: Amounts,
    pub base: Money,
    pub rule: AgentRule,
    pub multiplier: Decimal,
    /// Rounded to 0.01, once.
    pub commission: Money,
    /// The person's part in each shop, by shop (one part for a run of one shop).
    pub shops: Vec<ShopPart>,
}

/// A person's orders of one shop (docs/definitions.md#shops).
#[derive(Debug, Clone, PartialEq)]
pub struct ShopPart {
    pub shop: ShopId,
    pub amounts: Amounts,
    pub base: Money,
    /// The person's commission split over their shops by what each shop's base earned, to
    /// the fen: the parts add up to the person's commission.
    pub commission: Money,
    /// The rate this shop's base was paid at (flat, or step's reached tier); None for
    /// progressive, whose slices have several.
    pub rate: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommissionResult {
    /// Sorted by agent name.
    pub rows: Vec<CommissionRow>,
    pub unattributed: Amounts,
    pub totals: Amounts,
    pub total_commission: Money,
}

/// Commission from attributed orders: `orders` yields each of the period's paid orders
/// with its agent (None: 未归属); `shop_names` names each order's shop (`ShopId::index`).
/// `metric(agent, name)` feeds KPI multipliers.
pub fn from_orders<'o>(
    orders: impl Iterator<Item = (Option<&'o str>, &'o Order)>,
    rules: &RuleBook,
    shop_names: &[String],
    metric: impl Fn(&str, &str) -> Option<f64>,
) -> CommissionResult {
    // Per person, per shop: amounts and base, under the rule of that shop.
    let mut per_agent: BTreeMap<&str, BTreeMap<ShopId, (Amounts, Money, AgentRule)>> = BTreeMap::new();
    let mut unattributed = Amounts { orders: Some(0), ..Amounts::default() };
    let mut totals = Amounts { orders: Some(0), ..Amounts::default() };
    let shop_name = |id: ShopId| shop_names.get(id.index()).map(String::as_str).unwrap_or("");
    for (agent, order) in orders {
        totals.add_order(order);
        match agent {
            Some(agent) => {
                let entry = per_agent.entry(agent).or_default().entry(order.shop_id).or_insert_with(|| {
                    (Amounts::default(), Money::ZERO, rules.for_agent_in(agent, shop_name(order.shop_id)))
                });
                entry.0.add_order(order);
                entry.1 += entry.2.order_base(order);
            }
            None => unattributed.add_order(order),
        }
    }
    let rows = per_agent.into_iter().map(|(agent, parts)| finish_person(agent, parts, rules, &metric)).collect();
    result(rows, unattributed, totals)
}

/// A person's row from their parts in each shop (docs/definitions.md#shops): with one shop,
/// the rule on the base; with several, tiers reached by the person's total base (or by each
/// shop's base with `tiers_per = "shop"`), each shop's base at its own rule's rates; the KPI
/// multiplier on the whole; rounded once, then split over the shops to the fen.
fn finish_person(
    agent: &str,
    parts: BTreeMap<ShopId, (Amounts, Money, AgentRule)>,
    rules: &RuleBook,
    metric: &impl Fn(&str, &str) -> Option<f64>,
) -> CommissionRow {
    let mut amounts = Amounts::default();
    let base: Money = parts.values().map(|p| p.1).sum();
    for p in parts.values() {
        amounts.add(&p.0);
    }
    let person = rules.for_agent(agent).clone();
    let multiplier = person.multiplier(|name| metric(agent, name));
    let earned: Vec<Money> = if parts.len() == 1 {
        parts.values().map(|(_, b, rule)| rule.base_commission(*b)).collect()
    } else {
        match rules.tiers_per {
            TiersPer::Shop => parts.values().map(|(_, b, rule)| rule.base_commission(*b)).collect(),
            TiersPer::Person => parts.values().map(|(_, b, rule)| rule.part_at(base, *b)).collect(),
        }
    };
    let same_rule = parts.values().all(|p| p.2 == person);
    let raw = if parts.len() > 1 && same_rule && rules.tiers_per == TiersPer::Person {
        // One rule over every shop: exactly what it pays on the total.
        person.base_commission(base)
    } else {
        earned.iter().sum()
    };
    let commission = round_fen(raw * multiplier);
    let split = split_to_fen(commission, &earned);
    let rule = if parts.len() == 1 { parts.values().next().map(|p| p.2.clone()).unwrap_or(person) } else { person };
    let tiers_on = |part: Money| if rules.tiers_per == TiersPer::Shop { part } else { base };
    let shops = parts
        .into_iter()
        .zip(split)
        .map(|((shop, (amounts, part, rule)), commission)| {
            let rate = match rule.mode {
                CommissionMode::Flat => Some(rule.rate),
                CommissionMode::Step => rule.reached_tier(tiers_on(part)).map(|(_, r)| r),
                CommissionMode::Progressive => None,
            };
            ShopPart { shop, amounts, base: part, commission, rate }
        })
        .collect();
    CommissionRow { agent: agent.to_string(), amounts, base, rule, multiplier, commission, shops }
}

/// `total` (to the fen) in parts proportional to `weights`, each to the fen, the fen left
/// over going to the largest remainders (the first of equal ones): the parts add up to
/// `total`. Without weight, the first part takes it all.
pub fn split_to_fen(total: Money, weights: &[Money]) -> Vec<Money> {
    let sum: Money = weights.iter().sum();
    if weights.len() <= 1 || sum.is_zero() {
        return (0..weights.len()).map(|i| if i == 0 { total } else { Money::ZERO }).collect();
    }
    let fen = Decimal::new(1, 2);
    let exact: Vec<Money> = weights.iter().map(|w| total * w / sum).collect();
    let mut parts: Vec<Money> = exact.iter().map(|e| (e / fen).floor() * fen).collect();
    let mut left = ((total - parts.iter().sum::<Money>()) / fen).round();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - parts[b]).cmp(&(exact[a] - parts[a])).then(a.cmp(&b)));
    for &i in order.iter().cycle().take(weights.len() * 2) {
        if left <= Decimal::ZERO {
            break;
        }
        parts[i] += fen;
        left -= Decimal::ONE;
    }
    parts
}

/// Commission from a per-agent report, one line per agent for the period (already summed
/// by `agent_reports::sum_over_period`): sales, less refunds when base = net. An agent whose
/// rows have no sales figure has sales 0.
pub fn from_agent_summaries(summaries: &[AgentReportLine], rules: &RuleBook) -> CommissionResult {
    let mut per_agent: BTreeMap<&str, Amounts> = BTreeMap::new();
    for s in summaries {
        let sales = s.sales.unwrap_or_default();
        let refund = s.refund.unwrap_or_default();
        let a = per_agent.entry(&s.agent).or_default();
        a.add(&Amounts { orders: None, paid: sales, refund, net: (sales - refund).max(Money::ZERO) });
    }
    // KPI metrics: the report's, as a scorecard takes them (no ratings, no QA).
    let metrics: BTreeMap<String, Metrics> = if rules.uses_kpi() {
        super::metrics::from_report(summaries, &[], None, None).into_iter().collect()
    } else {
        BTreeMap::new()
    };
    let metric = |agent: &str, name: &str| metrics.get(agent).and_then(|m| m.get(name).copied().flatten());
    let mut totals = Amounts::default();
    let rows: Vec<CommissionRow> = per_agent
        .into_iter()
        .map(|(agent, amounts)| {
            totals.add(&amounts);
            let base = match rules.for_agent(agent).base {
                BaseKind::Net => amounts.net,
                BaseKind::Paid => amounts.paid,
            };
            finish_row(agent, amounts, base, rules, &metric)
        })
        .collect();
    result(rows, Amounts::default(), totals)
}

fn finish_row(
    agent: &str,
    amounts: Amounts,
    base: Money,
    rules: &RuleBook,
    metric: &impl Fn(&str, &str) -> Option<f64>,
) -> CommissionRow {
    let rule = rules.for_agent(agent).clone();
    let multiplier = rule.multiplier(|name| metric(agent, name));
    let commission = round_fen(rule.base_commission(base) * multiplier);
    let rate = (rule.mode == CommissionMode::Flat).then_some(rule.rate);
    let shops = vec![ShopPart { shop: ShopId::UNNAMED, amounts: amounts.clone(), base, commission, rate }];
    CommissionRow { agent: agent.to_string(), amounts, base, rule, multiplier, commission, shops }
}

fn result(rows: Vec<CommissionRow>, unattributed: Amounts, totals: Amounts) -> CommissionResult {
    let total_commission = rows.iter().map(|r| r.commission).sum();
    CommissionResult { rows, unattributed, totals, total_commission }
}

impl CommissionResult {
    /// docs/definitions.md#reports: Σ agents + 未归属 = the period's paid orders, in count, paid, refund and net.
    /// A mismatch is a bug; the caller writes nothing.
    pub fn reconcile(&self) -> Result<(), String> {
        let mut sum = self.unattributed.clone();
        for r in &self.rows {
            sum.add(&r.amounts);
        }
        let same_orders = sum.orders.unwrap_or(0) == self.totals.orders.unwrap_or(0);
        if same_orders && sum.paid == self.totals.paid && sum.refund == self.totals.refund && sum.net == self.totals.net
        {
            Ok(())
        } else {
            Err(format!(
                "agents + unattributed = {:?} orders, paid {}, refund {}, net {}; period = {:?}, {}, {}, {}",
                sum.orders,
                sum.paid,
                sum.refund,
                sum.net,
                self.totals.orders,
                self.totals.paid,
                self.totals.refund,
                self.totals.net
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Amount;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rule(mode: CommissionMode) -> AgentRule {
        AgentRule {
            base: BaseKind::Net,
            deduct_postage: false,
            mode,
            rate: d("0.02"),
            tiers: vec![(d("0"), d("0.01")), (d("50000"), d("0.015")), (d("100000"), d("0.02"))],
            kpi: vec![],
        }
    }

    #[test]
    fn flat_is_base_times_rate() {
        assert_eq!(rule(CommissionMode::Flat).base_commission(d("12345.67")), d("246.9134"));
    }

    #[test]
    fn step_applies_the_reached_tier_to_the_whole_base() {
        let r = rule(CommissionMode::Step);
        assert_eq!(r.base_commission(d("49999.99")), d("499.9999"));
        // Exactly on a threshold reaches it.
        assert_eq!(r.base_commission(d("50000")), d("750"));
        assert_eq!(r.base_commission(d("120000")), d("2400"));
    }

    #[test]
    fn progressive_rates_each_slice() {
        let r = rule(CommissionMode::Progressive);
        // 50000×1% + 50000×1.5% + 20000×2% = 500 + 750 + 400.
        assert_eq!(r.base_commission(d("120000")), d("1650"));
        assert_eq!(r.base_commission(d("50000")), d("500"));
        assert_eq!(r.base_commission(d("0")), d("0"));
    }

    #[test]
    fn progressive_below_the_first_tier_earns_nothing() {
        let mut r = rule(CommissionMode::Progressive);
        r.tiers = vec![(d("1000"), d("0.1"))];
        assert_eq!(r.base_commission(d("900")), d("0"));
        assert_eq!(r.base_commission(d("1500")), d("50"));
    }

    #[test]
    fn highest_holding_kpi_multiplier_wins() {
        let mut r = rule(CommissionMode::Flat);
        let kpi = |at_least: Option<f64>, at_most: Option<f64>, m: &str| KpiRule {
            metric: "conversion".into(),
            at_least,
            at_most,
            multiplier: Amount(d(m)),
        };
        r.kpi = vec![kpi(Some(0.5), None, "1.1"), kpi(Some(0.6), None, "1.2"), kpi(None, Some(0.3), "0.8")];
        assert_eq!(r.multiplier(|_| Some(0.65)), d("1.2"));
        assert_eq!(r.multiplier(|_| Some(0.55)), d("1.1"));
        assert_eq!(r.multiplier(|_| Some(0.6)), d("1.2"), "at_least is inclusive");
        assert_eq!(r.multiplier(|_| Some(0.2)), d("0.8"));
        assert_eq!(r.multiplier(|_| None), Decimal::ONE);
    }
}
