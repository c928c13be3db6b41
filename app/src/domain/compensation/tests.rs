//! The commission rules' properties and examples.

use super::*;
use crate::domain::validation::FieldProblem;

#[test]
fn commission_on_ten_thousand_deals_at_the_cap_is_exact() {
    use crate::domain::money::MAX_MINOR_UNITS;
    let deals = vec![
        WonDeal {
            amount: MAX_MINOR_UNITS,
            customer: CustomerKind::New,
        };
        10_000
    ];
    // Quota at 10^18: the first thousand deals at 5%, the rest at 8%.
    let quota = 1_000 * MAX_MINOR_UNITS;
    let cap = MoneySum::from(MAX_MINOR_UNITS);
    assert_eq!(
        commission(&plan(), quota, &deals),
        1_000 * cap * 5 / 100 + 9_000 * cap * 8 / 100
    );
    let now = Utc::now();
    let bonus_plan = CompensationPlan {
        id: PlanId::new(),
        team_id: TeamId::new(),
        effective_from: now.date_naive(),
        effective_to: None,
        new_customer_rate: 500,
        existing_customer_rate: 200,
        tiers: Vec::new(),
        rep_bonus: 1,
        team_bonus: 0,
        bonus_currency: Some(Currency::Usd),
        created_by: UserId::new(),
        created_at: now,
        updated_at: now,
        version: 1,
        deleted: false,
    };
    let with_currency: Vec<_> = deals.iter().map(|deal| (Currency::Usd, *deal)).collect();
    // The rep's revenue (10^19) passes i64::MAX and still reaches a quota near it.
    let reached = earnings(
        &bonus_plan,
        Some((Currency::Usd, i64::MAX)),
        &with_currency,
        false,
    );
    assert!(reached.rep_bonus_reached);
}

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
fn a_reps_device_knows_the_team_revenue_from_the_server_or_its_own_wins() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let goal = Goal {
        id: crate::domain::GoalId::new(),
        team_id: TeamId(uuid::Uuid::now_v7()),
        scope: GoalScope::Team,
        subject_id: uuid::Uuid::now_v7(),
        subject_name: "Team".into(),
        metric: GoalMetric::RevenueWon,
        target: 1_000_000,
        currency: Some(Currency::Usd),
        period_start: day,
        period_end: day,
        created_by: crate::domain::UserId::new(),
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
        version: 1,
        deleted: false,
    };
    let own = [
        (Currency::Usd, deal(300_000, CustomerKind::New)),
        (Currency::Eur, deal(900_000, CustomerKind::New)),
    ];
    // The server counted teammates too: its number wins.
    assert_eq!(team_revenue_known(&goal, Some(800_000), &own), 800_000);
    // A win not synced yet: the rep's own deals (goal currency only).
    assert_eq!(team_revenue_known(&goal, Some(100_000), &own), 300_000);
    assert_eq!(team_revenue_known(&goal, None, &own), 300_000);
    assert_eq!(team_revenue_known(&goal, None, &[]), 0);
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

fn plan_draft() -> PlanDraft {
    PlanDraft {
        effective_from: "2026-11-01".into(),
        new_customer_rate: "5".into(),
        existing_customer_rate: "۲٫۵".into(),
        tiers: vec![TierDraft {
            from_percent_of_quota: "100".into(),
            new_customer_rate: "8".into(),
            existing_customer_rate: "3.25".into(),
        }],
        rep_bonus: "500".into(),
        bonus_currency: "USD".into(),
        ..PlanDraft::default()
    }
}

#[test]
fn a_plan_is_typed_in_percent_and_kept_in_basis_points() {
    let plan = plan_draft().validate().expect("valid");
    assert_eq!(
        (plan.new_customer_rate, plan.existing_customer_rate),
        (500, 250)
    );
    assert_eq!(
        plan.tiers[0],
        TierRates {
            from_percent_of_quota: 100,
            new_customer: 800,
            existing_customer: 325
        }
    );
    assert_eq!(
        (plan.rep_bonus, plan.team_bonus, plan.bonus_currency),
        (50_000, 0, Some(Currency::Usd))
    );
    assert_eq!(plan.effective_to, None);
    assert_eq!(rate_for_input(325), "3.25");
    assert_eq!(rate_for_input(250), "2.5");
    assert_eq!(rate_for_input(800), "8");
}

#[test]
fn a_bad_plan_names_every_bad_field() {
    let draft = PlanDraft {
        effective_from: "2026-11-01".into(),
        effective_to: "2026-10-01".into(),
        new_customer_rate: "120".into(),
        existing_customer_rate: "".into(),
        tiers: vec![TierDraft {
            from_percent_of_quota: "lots".into(),
            new_customer_rate: "8.125".into(),
            existing_customer_rate: "3".into(),
        }],
        rep_bonus: "500".into(),
        bonus_currency: "".into(),
        ..PlanDraft::default()
    };
    let errors = draft.validate().expect_err("bad");
    for (field, problem) in [
        ("effective_to", FieldProblem::EndBeforeStart),
        ("new_customer_rate", FieldProblem::TooLarge),
        ("existing_customer_rate", FieldProblem::Required),
        ("tiers.0.from_percent_of_quota", FieldProblem::NotANumber),
        ("tiers.0.new_customer_rate", FieldProblem::NotANumber),
        ("bonus_currency", FieldProblem::UnknownChoice),
    ] {
        assert_eq!(errors.for_field(field), Some(&problem), "{field}");
    }
}

#[test]
fn tiers_use_the_quota_of_their_currency_only() {
    let plan = plan();
    let deals = [
        (Currency::Usd, deal(100_000, CustomerKind::New)),
        (Currency::Irr, deal(10_000_000, CustomerKind::New)),
        (Currency::Usd, deal(100_000, CustomerKind::New)),
    ];
    // Quota 100,000 USD: the first deal at 5%, the second above quota at 8%.
    let paid = commission_by_currency(&plan, Some((Currency::Usd, 100_000)), &deals);
    assert_eq!(paid.get(&Currency::Usd), Some(&(5_000 + 8_000)));
    // Rials have no quota here: base 5% only.
    assert_eq!(paid.get(&Currency::Irr), Some(&500_000));
    // One more 50,000 USD deal would pay 8% of it; the same in rials 5%.
    let won = &deals[..];
    assert_eq!(
        payout_if_won(
            &plan,
            Some((Currency::Usd, 100_000)),
            won,
            Currency::Usd,
            deal(50_000, CustomerKind::New)
        ),
        4_000
    );
    assert_eq!(
        payout_if_won(
            &plan,
            Some((Currency::Usd, 100_000)),
            won,
            Currency::Irr,
            deal(50_000, CustomerKind::New)
        ),
        2_500
    );
}

#[test]
fn the_csv_quotes_names_and_defuses_formulas() {
    let period = Period {
        start: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
        end: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
    };
    let line = |name: &str| CommissionLine {
        user_id: UserId::new(),
        name: name.into(),
        currency: Currency::Usd,
        revenue: 140_000,
        deals: 1,
        commission: 7_000,
        bonus: 50_000,
    };
    let csv = commission_csv(
        period,
        &[line("Sara, \"the closer\""), line("=HYPERLINK(1)")],
    );
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        rows[0],
        "rep,period_start,period_end,currency,deals_won,revenue_won,commission,bonus,total"
    );
    assert_eq!(
        rows[1],
        "\"Sara, \"\"the closer\"\"\",2026-11-01,2026-11-30,USD,1,1400,70,500,570"
    );
    assert!(rows[2].starts_with("'=HYPERLINK(1),"), "{}", rows[2]);
}
