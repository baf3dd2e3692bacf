//! Integration tests through the real router, each on a fresh SQLite file and a fresh
//! PostgreSQL database.

// The role table's request body is one large `json!` literal.
#![recursion_limit = "256"]
// A journey reads best as one function, and a test says what it expects by unwrapping: the
// workspace's limits on both (clippy.toml) are for the product's code.
#![allow(clippy::too_many_lines, clippy::unwrap_used)]

mod support;

mod accessibility;
mod archive_access;
mod audit;
mod auth;
mod backup;
mod books;
mod browser;
mod browser_archive;
mod browser_calendar;
mod browser_decisions;
mod browser_mail;
mod browser_passkeys;
mod browser_programs;
mod calendar;
mod carry_over;
mod certificate_log;
mod chinese;
mod cli;
mod client;
mod committees;
mod conferral;
mod cycle;
mod decisions;
mod discipline_groups;
mod flow;
mod forms;
mod hardening;
mod held;
mod injection;
mod input;
mod journey;
mod log_upgrade;
mod mail;
mod meetings;
mod messages;
mod nominations;
mod notices;
mod objections;
mod openapi;
mod oversight;
mod package;
mod page_table;
mod pages;
mod passkeys;
mod people;
mod phone;
mod pool;
mod process;
mod programs;
mod queries;
mod recheck;
mod registry;
mod relay;
mod review;
mod roles;
mod route_table;
mod scaleout;
mod security;
mod signing_keys;
mod templates;
mod topology;
mod transparency;
mod two_factor;
mod verifier;
mod witnesses;
