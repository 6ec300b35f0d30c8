//! The shops side by side (docs/definitions.md#shops): each shop's orders, money and commission,
//! and its chats' inquiries, conversion and response, when a run reads two or more named shops.
//! A shop's chat figures are computed from its own receptions and orders alone, as a run of
//! that shop's files would: buyers of one shop never join another's, so the two agree.

use super::commission::{Amounts, CommissionResult};
use super::conversion::ReceptionOutcome;
use super::conversion::conversion_by_shop;
use super::conversion::{AgentConversion, RateName};
use super::coverage::{Coverage, span_of};
use super::receptions::Reception;
use crate::config::Config;
use crate::model::{Money, Order, OrderState, Period};
use crate::shops::ShopId;
use std::collections::BTreeMap;

/// One shop's figures for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopFigures {
    pub shop: ShopId,
    /// Empty for the unnamed shop (rows nothing named).
    pub name: String,
    /// The period's paid orders, and those of them attributed to nobody (未归属).
    pub amounts: Amounts,
    pub unattributed: Amounts,
    /// The shop's part of the commission (each person's split over their shops): None where
    /// the command computes no commission.
    pub commission: Option<Money>,
    /// From the shop's chats, each buyer once (店铺 figures, 去重): None when the run has no
    /// chats, or none of this shop's (its inquiries are unknown, not 0).
    pub chats: Option<AgentConversion>,
    /// How much of the period the shop's orders and its chats (None: no chats of it) reach: a
    /// shop exported for half the month is said, not read as a quiet month (docs/coverage.md).
    pub orders_cover: Coverage,
    pub chats_cover: Option<Coverage>,
    /// The shop's orders name no buyer (a Pinduoduo export): no inquiry can be seen to pay,
    /// so its paid buyers and conversion are missing, not 0.
    pub no_buyers: bool,
}

/// The shops of a run side by side, with what reports need to show them.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopsCompared {
    /// Each shop with an order or a reception, by name (the unnamed shop last).
    pub shops: Vec<ShopFigures>,
    /// Every shop's name by number (`ShopId::index`).
    pub names: Vec<String>,
    /// The platform response rates the chat figures count, in their order.
    pub rates: Vec<RateName>,
    /// Each person's shops: where they had a reception or sold a paid order in the period.
    pub persons: BTreeMap<String, Vec<ShopId>>,
}

impl ShopsCompared {
    /// A shop's name by number; empty for the unnamed shop.
    pub fn name(&self, id: ShopId) -> &str {
        self.names.get(id.index()).map(String::as_str).unwrap_or("")
    }

    /// A person's shops by name, `木子京东自营、木子家居旗舰店` (the unnamed one as `unnamed`).
    pub fn of_person(&self, person: &str, unnamed: &str) -> Option<String> {
        let mut names: Vec<&str> = self
            .persons
            .get(person)?
            .iter()
            .map(|&id| Some(self.name(id)).filter(|n| !n.is_empty()).unwrap_or(unnamed))
            .collect();
        names.sort_unstable();
        Some(names.join("、"))
    }

    /// The named shops for a title, the first three of more.
    pub fn title(&self) -> Option<String> {
        let mut names: Vec<&str> = self.shops.iter().map(|s| s.name.as_str()).filter(|n| !n.is_empty()).collect();
        names.sort_unstable();
        match names.len() {
            0 => None,
            n if n > 3 => Some(format!("{}…", names[..3].join("、"))),
            _ => Some(names.join("、")),
        }
    }
}

/// Whether a run's shops are compared side by side: two or more named shops.
pub fn several_shops(shop_names: &[String]) -> bool {
    shop_names.iter().filter(|n| !n.is_empty()).count() >= 2
}

/// What a run's figures are made from, for the shops side by side: the orders with each one's
/// agent under the attribution rule (`sold`) and under the `order` rule (`converting`, None:
/// the same), the receptions, and every shop's name by number.
pub struct ShopInputs<'a> {
    pub shop_names: &'a [String],
    pub orders: &'a [Order],
    pub sold: &'a [Option<&'a str>],
    pub converting: Option<&'a [Option<&'a str>]>,
    pub receptions: &'a [Reception],
    /// Each reception's outcome, when the command has classified them already (else they
    /// are classified here, once for every shop).
    pub outcomes: Option<&'a [ReceptionOutcome]>,
}

/// The shops side by side for `period` when the run has two or more named shops (else None):
/// the period's paid orders and the receptions of the period count; `commission` gives each
/// shop its part.
pub fn compare(
    inputs: &ShopInputs<'_>,
    period: Period,
    config: &Config,
    commission: Option<&CommissionResult>,
) -> Option<ShopsCompared> {
    if !several_shops(inputs.shop_names) {
        return None;
    }
    let shops = by_shop(inputs, period, config, commission);
    let ShopInputs { shop_names, orders, sold, receptions, .. } = *inputs;
    // Each (person, shop) once: rows of one person and shop come in runs, and persons are few.
    let in_period = |o: &Order| o.state != OrderState::Unpaid && o.paid_at.is_some_and(|t| period.contains(t.date()));
    let sold_pairs =
        orders.iter().zip(sold).filter(|(o, _)| in_period(o)).filter_map(|(o, a)| Some(((*a)?, o.shop_id)));
    let seen = receptions.iter().filter(|r| period.contains(r.date())).map(|r| (&*r.agent, r.shop));
    let mut pairs: rustc_hash::FxHashSet<(&str, ShopId)> = Default::default();
    let mut last: Option<(&str, ShopId)> = None;
    for pair in seen.chain(sold_pairs) {
        if last != Some(pair) {
            pairs.insert(pair);
            last = Some(pair);
        }
    }
    let mut persons: BTreeMap<String, Vec<ShopId>> = BTreeMap::new();
    for (person, shop) in pairs {
        persons.entry(person.to_string()).or_default().push(shop);
    }
    for shops in persons.values_mut() {
        shops.sort_unstable();
    }
    let names = shop_names.to_vec();
    Some(ShopsCompared { shops, names, rates: super::period::rate_names(config), persons })
}

fn by_shop(
    inputs: &ShopInputs<'_>,
    period: Period,
    config: &Config,
    commission: Option<&CommissionResult>,
) -> Vec<ShopFigures> {
    let ShopInputs { shop_names, orders, sold, converting, receptions, outcomes } = *inputs;
    let mut shops: Vec<ShopId> = orders.iter().map(|o| o.shop_id).chain(receptions.iter().map(|r| r.shop)).collect();
    shops.sort_unstable();
    shops.dedup();
    let name = |id: ShopId| shop_names.get(id.index()).cloned().unwrap_or_default();
    shops.sort_by_key(|&id| (id == ShopId::UNNAMED, name(id)));
    let mut commission_of: BTreeMap<ShopId, Money> = BTreeMap::new();
    for part in commission.into_iter().flat_map(|c| &c.rows).flat_map(|r| &r.shops) {
        *commission_of.entry(part.shop).or_default() += part.commission;
    }
    // Inquiries convert by the `order` rule's agents; classified once for every shop.
    let chats = (!receptions.is_empty()).then(|| {
        let classified;
        let outcomes = match outcomes {
            Some(o) => o,
            None => {
                let converting = converting.unwrap_or(sold);
                classified = super::period::outcomes_for(receptions, orders, |i| converting[i], config);
                &classified
            }
        };
        let slow = config.slow_response_secs;
        conversion_by_shop(receptions, outcomes, orders, sold, period, slow, &shops)
    });
    // The shops any chat names, on any day: a shop none names has no chats given.
    let mut with_chats: Vec<ShopId> = receptions.iter().map(|r| r.shop).collect();
    with_chats.sort_unstable();
    with_chats.dedup();
    let mut amounts: BTreeMap<ShopId, (Amounts, Amounts, bool, bool)> = BTreeMap::new();
    for (o, agent) in orders.iter().zip(sold) {
        let (a, u, any, buyers) = amounts.entry(o.shop_id).or_insert_with(|| {
            let zero = Amounts { orders: Some(0), ..Amounts::default() };
            (zero.clone(), zero, false, false)
        });
        *any = true;
        *buyers |= o.buyer.is_some();
        if o.state != OrderState::Unpaid && o.paid_at.is_some_and(|t| period.contains(t.date())) {
            a.add_order(o);
            if agent.is_none() {
                u.add_order(o);
            }
        }
    }
    shops
        .iter()
        .enumerate()
        .map(|(i, &shop)| {
            let zero = Amounts { orders: Some(0), ..Amounts::default() };
            let (amounts, unattributed, any, buyers) =
                amounts.get(&shop).cloned().unwrap_or((zero.clone(), zero, false, false));
            ShopFigures {
                shop,
                name: name(shop),
                amounts,
                unattributed,
                commission: commission.map(|_| commission_of.get(&shop).copied().unwrap_or_default()),
                chats: chats.as_ref().filter(|_| with_chats.contains(&shop)).map(|c| c[i].shop.clone()),
                orders_cover: Coverage::of(
                    period,
                    span_of(
                        orders
                            .iter()
                            .filter(|o| o.shop_id == shop)
                            .flat_map(|o| [o.created_at, o.paid_at])
                            .flatten()
                            .map(|t| t.date()),
                    ),
                ),
                chats_cover: with_chats.contains(&shop).then(|| {
                    Coverage::of(period, span_of(receptions.iter().filter(|r| r.shop == shop).map(|r| r.date())))
                }),
                no_buyers: any && !buyers,
            }
        })
        .collect()
}
