//! Commission: what a rep's won deals pay under their team's plan, in whole
//! minor units of the deal's currency (no floating point anywhere). Rates
//! are basis points (1 bp = 0.01%), different for new and existing
//! customers, with optional tiers that pay a higher rate on the revenue
//! above a share of quota. Pure and property-tested: commission never goes
//! down when revenue goes up, and tier boundaries are exact.

use super::lead::CustomerKind;

/// Basis points in 100%.
pub const BASIS_POINTS: i64 = 10_000;

/// A commission rate for each kind of customer, in basis points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    pub new_customer: i64,
    pub existing_customer: i64,
}

impl Rates {
    fn for_customer(self, customer: CustomerKind) -> i64 {
        match customer {
            CustomerKind::New => self.new_customer,
            CustomerKind::Existing => self.existing_customer,
        }
    }
}

/// Revenue from `from_percent_of_quota` of the quota upward earns `rates`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    pub from_percent_of_quota: i64,
    pub rates: Rates,
}

/// A team's plan: base rates, and tiers (any order; the highest threshold
/// reached applies).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub base: Rates,
    pub tiers: Vec<Tier>,
}

/// One won deal, in the order deals closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WonDeal {
    pub amount: i64,
    pub customer: CustomerKind,
}

/// `amount × rate / 10,000`, rounded down, without overflow.
fn share(amount: i64, rate: i64) -> i64 {
    i64::try_from(i128::from(amount) * i128::from(rate) / i128::from(BASIS_POINTS))
        .unwrap_or(i64::MAX)
}

/// The commission on `deals` (in closing order) against `quota`, in minor
/// units. Each deal's revenue is split at the tier boundaries it crosses,
/// each piece paid at the rate in force where it starts. A quota of zero
/// or less leaves only the base rates (tiers are shares of a quota).
pub fn commission(plan: &Plan, quota: i64, deals: &[WonDeal]) -> i64 {
    // Boundaries in revenue, ascending, with the rates from there on.
    let mut boundaries: Vec<(i64, Rates)> = if quota > 0 {
        plan.tiers
            .iter()
            .map(|tier| {
                let at = i128::from(quota) * i128::from(tier.from_percent_of_quota.max(0)) / 100;
                (i64::try_from(at).unwrap_or(i64::MAX), tier.rates)
            })
            .collect()
    } else {
        Vec::new()
    };
    boundaries.sort_by_key(|(at, _)| *at);
    let rates_at = |revenue: i64| {
        boundaries
            .iter()
            .rev()
            .find(|(at, _)| *at <= revenue)
            .map_or(plan.base, |(_, rates)| *rates)
    };
    let mut revenue: i64 = 0;
    let mut total: i64 = 0;
    for deal in deals {
        let mut left = deal.amount.max(0);
        while left > 0 {
            // The piece up to the next boundary, or the rest of the deal.
            let next = boundaries
                .iter()
                .map(|(at, _)| *at)
                .find(|at| *at > revenue)
                .map_or(left, |at| (at - revenue).min(left));
            let rate = rates_at(revenue).for_customer(deal.customer);
            total = total.saturating_add(share(next, rate));
            revenue = revenue.saturating_add(next);
            left -= next;
        }
    }
    total
}

/// What closing one more deal would add ("closing this at its estimated
/// value pays X"), given what is already won this period.
pub fn commission_if_won(plan: &Plan, quota: i64, won: &[WonDeal], candidate: WonDeal) -> i64 {
    let mut with = won.to_vec();
    with.push(candidate);
    commission(plan, quota, &with) - commission(plan, quota, won)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            // 5% on new customers, 2% on existing ones...
            base: Rates {
                new_customer: 500,
                existing_customer: 200,
            },
            // ...8% / 3% on revenue above 100% of quota.
            tiers: vec![Tier {
                from_percent_of_quota: 100,
                rates: Rates {
                    new_customer: 800,
                    existing_customer: 300,
                },
            }],
        }
    }

    fn deal(amount: i64, customer: CustomerKind) -> WonDeal {
        WonDeal { amount, customer }
    }

    #[test]
    fn base_rates_differ_for_new_and_existing_customers() {
        let deals = [
            deal(100_000, CustomerKind::New),
            deal(100_000, CustomerKind::Existing),
        ];
        assert_eq!(commission(&plan(), 1_000_000, &deals), 5_000 + 2_000);
    }

    #[test]
    fn the_tier_boundary_is_exact() {
        let quota = 1_000_000;
        // Exactly at quota: all at the base rate.
        assert_eq!(
            commission(&plan(), quota, &[deal(quota, CustomerKind::New)]),
            50_000
        );
        // One minor unit more: that unit is at the tier rate (8% of 100 units
        // shows it: 100 units above quota pay 8, not 5).
        assert_eq!(
            commission(&plan(), quota, &[deal(quota + 100, CustomerKind::New)]),
            50_000 + 8
        );
        // A deal that straddles the boundary is split at it.
        let deals = [
            deal(900_000, CustomerKind::New),
            deal(200_000, CustomerKind::Existing),
        ];
        assert_eq!(
            commission(&plan(), quota, &deals),
            45_000 + 100_000 * 200 / 10_000 + 100_000 * 300 / 10_000
        );
    }

    #[test]
    fn tiers_in_any_order_and_without_a_quota() {
        let mut shuffled = plan();
        shuffled.tiers.push(Tier {
            from_percent_of_quota: 50,
            rates: Rates {
                new_customer: 600,
                existing_customer: 250,
            },
        });
        shuffled.tiers.reverse();
        // 0-50%: 5%, 50-100%: 6%, above: 8%.
        assert_eq!(
            commission(&shuffled, 1_000, &[deal(1_500, CustomerKind::New)]),
            25 + 30 + 40
        );
        // No quota: base rates only.
        assert_eq!(
            commission(&shuffled, 0, &[deal(1_500, CustomerKind::New)]),
            75
        );
    }

    #[test]
    fn what_one_more_deal_pays() {
        let won = [deal(950_000, CustomerKind::New)];
        // 50,000 to quota at 5% = 2,500, then 50,000 above at 8% = 4,000.
        assert_eq!(
            commission_if_won(&plan(), 1_000_000, &won, deal(100_000, CustomerKind::New)),
            6_500
        );
    }

    /// A small deterministic generator, so the property runs the same
    /// cases everywhere and a failure can be replayed.
    struct Dice(u64);
    impl Dice {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % bound.max(1)
        }
    }

    #[test]
    fn commission_never_goes_down_when_revenue_goes_up() {
        let mut dice = Dice(7);
        for case in 0..2_000 {
            let mut plan = plan();
            for _ in 0..dice.below(3) {
                plan.tiers.push(Tier {
                    from_percent_of_quota: dice.below(200) as i64,
                    rates: Rates {
                        // Tiers pay at least the base rate, as plans do.
                        new_customer: 500 + dice.below(1_000) as i64,
                        existing_customer: 200 + dice.below(1_000) as i64,
                    },
                });
            }
            let quota = dice.below(10_000_000) as i64;
            let customer = |dice: &mut Dice| {
                if dice.below(2) == 0 {
                    CustomerKind::New
                } else {
                    CustomerKind::Existing
                }
            };
            let mut deals: Vec<WonDeal> = (0..dice.below(6))
                .map(|_| deal(dice.below(5_000_000) as i64, customer(&mut dice)))
                .collect();
            let before = commission(&plan, quota, &deals);
            assert!(before >= 0, "case {case}");
            // A bigger last deal, or one more deal, never pays less.
            if let Some(last) = deals.last_mut() {
                last.amount += dice.below(1_000_000) as i64;
                assert!(commission(&plan, quota, &deals) >= before, "case {case}");
            }
            let bigger = commission(&plan, quota, &deals);
            deals.push(deal(dice.below(1_000_000) as i64, customer(&mut dice)));
            assert!(commission(&plan, quota, &deals) >= bigger, "case {case}");
        }
    }
}
