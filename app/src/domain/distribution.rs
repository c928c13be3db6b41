//! Spreading leads across a team fairly: round robin (turns, continuing
//! where the last batch stopped), least busy (to whoever has the fewest open
//! leads) or weighted by each rep's capacity. Reps away are skipped. Pure,
//! so the fairness promises are property-tested here.

use super::UserId;
use super::choice_enum;
use serde::{Deserialize, Serialize};

choice_enum!(
    /// How a batch of leads is shared out.
    DistributionRule {
        /// Each present rep in turn, starting after whoever got the last one.
        RoundRobin => "round_robin",
        /// To the present rep with the fewest open leads at that moment.
        LeastBusy => "least_busy",
        /// Like least busy, but open leads are counted against each rep's capacity.
        Weighted => "weighted",
    }
);

/// A rep who may receive leads, as the rules need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: UserId,
    /// Open leads the rep owns now.
    pub open_leads: u64,
    /// How many open leads the rep can carry (weighted rule); at least 1.
    pub capacity: u64,
    /// Away (an absence covering today, or left out by the manager).
    pub absent: bool,
}

/// A rep of the team as the import screen and the distribution rules see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepLoad {
    pub user_id: UserId,
    pub display_name: String,
    pub open_leads: u64,
    /// How many open leads they can carry; `None`: the usual.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// The last day of the absence that keeps them away on the team's
    /// today; leads shared now skip them.
    #[serde(default)]
    #[serde(with = "crate::domain::wire_time::optional_day")]
    pub away_until: Option<chrono::NaiveDate>,
}

/// The owner of each of `count` leads, in order. `last_turn` is the rep who
/// received the previous round-robin lead, so batches continue the round.
/// Empty when no candidate is present.
pub fn distribute(
    count: usize,
    candidates: &[Candidate],
    rule: DistributionRule,
    last_turn: Option<UserId>,
) -> Vec<UserId> {
    let present: Vec<Candidate> = candidates
        .iter()
        .copied()
        .filter(|candidate| !candidate.absent)
        .collect();
    if present.is_empty() {
        return Vec::new();
    }
    match rule {
        DistributionRule::RoundRobin => {
            // Turns go in a fixed order (by id), so the round survives
            // between batches however the candidates were listed.
            let mut order: Vec<UserId> =
                present.iter().map(|candidate| candidate.user_id).collect();
            crate::domain::sorting::sort(&mut order);
            order.dedup();
            let start = last_turn
                .map(|last| order.partition_point(|user| *user <= last))
                .unwrap_or(0);
            (0..count)
                .map(|offset| order[(start + offset) % order.len()])
                .collect()
        }
        DistributionRule::LeastBusy | DistributionRule::Weighted => {
            let mut load: Vec<(Candidate, u64)> = present
                .iter()
                .map(|candidate| (*candidate, candidate.open_leads))
                .collect();
            let weighted = rule == DistributionRule::Weighted;
            (0..count)
                .map(|_| {
                    let (index, _) = load
                        .iter()
                        .enumerate()
                        .min_by(|(_, (a, a_load)), (_, (b, b_load))| {
                            let order = if weighted {
                                // a_load / a_capacity < b_load / b_capacity, without division.
                                (u128::from(*a_load) * u128::from(b.capacity.max(1)))
                                    .cmp(&(u128::from(*b_load) * u128::from(a.capacity.max(1))))
                            } else {
                                a_load.cmp(b_load)
                            };
                            order.then(a.user_id.cmp(&b.user_id))
                        })
                        .unwrap_or((0, &load[0]));
                    load[index].1 += 1;
                    load[index].0.user_id
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn user(number: u8) -> UserId {
        UserId(uuid::Uuid::from_bytes([number; 16]))
    }

    fn candidate(number: u8, open_leads: u64, capacity: u64, absent: bool) -> Candidate {
        Candidate {
            user_id: user(number),
            open_leads,
            capacity,
            absent,
        }
    }

    fn counts(owners: &[UserId]) -> HashMap<UserId, usize> {
        let mut counts = HashMap::new();
        for owner in owners {
            *counts.entry(*owner).or_insert(0) += 1;
        }
        counts
    }

    #[test]
    fn round_robin_takes_turns_and_continues_where_the_last_batch_stopped() {
        let team = [
            candidate(1, 0, 1, false),
            candidate(2, 0, 1, false),
            candidate(3, 0, 1, true),
        ];
        let first = distribute(3, &team, DistributionRule::RoundRobin, None);
        assert_eq!(first, vec![user(1), user(2), user(1)]);
        let second = distribute(
            2,
            &team,
            DistributionRule::RoundRobin,
            first.last().copied(),
        );
        assert_eq!(second, vec![user(2), user(1)]);
    }

    #[test]
    fn least_busy_fills_the_emptiest_first_and_weighted_follows_capacity() {
        let team = [candidate(1, 5, 10, false), candidate(2, 2, 1, false)];
        assert_eq!(
            distribute(4, &team, DistributionRule::LeastBusy, None),
            vec![user(2), user(2), user(2), user(1)]
        );
        // 5/10 is less loaded than 2/1: the big-capacity rep gets them.
        assert_eq!(
            distribute(3, &team, DistributionRule::Weighted, None),
            vec![user(1), user(1), user(1)]
        );
    }

    #[test]
    fn nobody_present_means_nobody_is_given_leads() {
        let team = [candidate(1, 0, 1, true)];
        assert!(distribute(3, &team, DistributionRule::RoundRobin, None).is_empty());
        assert!(distribute(3, &[], DistributionRule::LeastBusy, None).is_empty());
    }

    fn team_strategy() -> impl Strategy<Value = Vec<Candidate>> {
        prop::collection::vec((0u64..20, 1u64..5, any::<bool>()), 1..6).prop_map(|reps| {
            reps.into_iter()
                .enumerate()
                .map(|(index, (open, capacity, absent))| {
                    candidate(u8::try_from(index).unwrap_or(0) + 1, open, capacity, absent)
                })
                .collect()
        })
    }

    proptest! {
        /// Over any sequence of batches, round-robin counts among present
        /// reps differ by at most one, and absent reps get none.
        #[test]
        fn round_robin_is_fair_over_any_sequence_of_batches(
            team in team_strategy(),
            batches in prop::collection::vec(0usize..7, 1..8),
        ) {
            let mut last = None;
            let mut all = Vec::new();
            for size in batches {
                let owners = distribute(size, &team, DistributionRule::RoundRobin, last);
                if let Some(owner) = owners.last() {
                    last = Some(*owner);
                }
                all.extend(owners);
            }
            let counts = counts(&all);
            let present: Vec<&Candidate> = team.iter().filter(|rep| !rep.absent).collect();
            for rep in team.iter().filter(|rep| rep.absent) {
                prop_assert_eq!(counts.get(&rep.user_id), None);
            }
            if !present.is_empty() {
                let given: Vec<usize> = present
                    .iter()
                    .map(|rep| counts.get(&rep.user_id).copied().unwrap_or(0))
                    .collect();
                let most = given.iter().max().copied().unwrap_or(0);
                let least = given.iter().min().copied().unwrap_or(0);
                prop_assert!(most - least <= 1, "counts {:?}", given);
            }
        }

        /// Least busy never gives a lead to a rep who, at that moment, has
        /// more open leads than another present rep.
        #[test]
        fn least_busy_never_loads_a_busier_rep(team in team_strategy(), count in 0usize..30) {
            let owners = distribute(count, &team, DistributionRule::LeastBusy, None);
            let mut load: HashMap<UserId, u64> = team
                .iter()
                .filter(|rep| !rep.absent)
                .map(|rep| (rep.user_id, rep.open_leads))
                .collect();
            for owner in owners {
                let least = load.values().min().copied().unwrap_or(0);
                let given = load.get(&owner).copied();
                prop_assert_eq!(given, Some(least));
                *load.entry(owner).or_insert(0) += 1;
            }
        }
    }
}
