//! Integration tests through the real router, each on a fresh SQLite file and a fresh
//! PostgreSQL database.

mod support;

mod audit;
mod auth;
mod backup;
mod browser;
mod cli;
mod cycle;
mod flow;
mod input;
mod nominations;
mod objections;
mod pages;
mod registry;
mod review;
mod roles;
