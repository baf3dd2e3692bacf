//! Laureate: award administration for the International Science and Technology Cooperation Award
//! of the PRC. `db` holds the SQL, `service` the use cases, `web` and `cli` are the edges.

pub mod booklet;
pub mod certificate;
pub mod cli;
pub mod db;
pub mod demo;
pub mod i18n;
mod layers;
pub mod seal;
pub mod service;
pub mod transparency;
pub mod web;
pub mod witness;
pub mod wording;
pub mod zone;

pub use service::{Service, ServiceError};
