//! The award's rules as pure types and functions: rule sets, roles, cycle phases, nomination states,
//! eligibility, ballots, quotas and the audit chain. Nothing here reaches a database, a clock or the
//! network, so every rule is unit-tested beside its code.

#[macro_use]
pub mod text_enum;

pub mod archive;
pub mod audit;
pub mod ballots;
pub mod books;
pub mod calendar;
pub mod candidates;
pub mod committees;
pub mod conferral;
pub mod countries;
pub mod decisions;
pub mod eligibility;
pub mod evidence;
pub mod grades;
pub mod ids;
pub mod integrity;
pub mod mail;
pub mod names;
pub mod nominations;
pub mod objections;
pub mod permissions;
pub mod phases;
pub mod programs;
pub mod recheck;
pub mod registry;
pub mod review;
pub mod revocations;
pub mod roles;
pub mod roster;
pub mod rules;
pub mod second_factor;
pub mod throttle;
pub mod values;
pub mod vocabulary;

pub use candidates::{CandidateKind, ContributionCategory};
pub use ids::*;
pub use nominations::{NominationAction, NominationState};
pub use phases::{Phase, Schedule};
pub use programs::Programs;
pub use roles::{Actor, Role};
pub use rules::{RuleBook, RuleSet};
