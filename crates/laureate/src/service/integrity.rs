//! The integrity register: the office records listings; candidates and nominating bodies are
//! screened against them (Regulation Art. 16 and 24).

use super::{Checks, Result, Service, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use chrono::NaiveDate;
use laureate_domain::integrity::{Listing, ListingKind};
use laureate_domain::permissions::Capability;
use laureate_domain::values::{Invalid, optional_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ListingRequest {
    pub kind: ListingKind,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    /// ISO code, if the listing names a country.
    #[serde(default)]
    pub country: String,
    pub starts_on: NaiveDate,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// The decision or source the listing comes from.
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListingView {
    pub id: i64,
    pub kind: ListingKind,
    pub name_en: String,
    pub name_zh: String,
    /// ISO 3166-1 alpha-2, or empty when the listing names no country.
    pub country: String,
    pub country_en: String,
    pub country_zh: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub reference: String,
}

fn listing_of(r: &db::integrity::ListingRow) -> Result<Listing> {
    Ok(Listing {
        id: r.id,
        kind: r.kind,
        name_en: r.name_en.clone(),
        name_zh: r.name_zh.clone(),
        country: r.country.clone(),
        starts_on: r.starts_on.parse().context("stored date")?,
        ends_on: r
            .ends_on
            .as_deref()
            .map(str::parse)
            .transpose()
            .context("stored date")?,
    })
}

impl Service {
    pub(crate) async fn integrity_listings(&self, conn: &mut Conn) -> Result<Vec<Listing>> {
        db::integrity::all(conn)
            .await?
            .iter()
            .map(listing_of)
            .collect()
    }

    pub async fn listings(&self, actor: &Actor) -> Result<Vec<ListingView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            require(actor, Capability::ManageUsers)?;
        }
        let mut conn = self.db.conn().await?;
        Ok(db::integrity::all(&mut conn)
            .await?
            .into_iter()
            .map(|r| ListingView {
                id: r.id,
                kind: r.kind,
                name_en: r.name_en,
                name_zh: r.name_zh,
                country_en: laureate_domain::countries::name_en(&r.country).to_owned(),
                country_zh: laureate_domain::countries::name_zh(&r.country).to_owned(),
                country: r.country,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                reference: r.reference,
            })
            .collect())
    }

    pub async fn add_listing(&self, who: Who<'_>, req: &ListingRequest) -> Result<i64> {
        who.require(Capability::ManageUsers)?;
        let mut c = Checks::default();
        let kind = Some(req.kind);
        let name_en = c.check(optional_text("name_en", &req.name_en, 300));
        let name_zh = c.check(optional_text("name_zh", &req.name_zh, 300));
        let reference = c.check(optional_text("reference", &req.reference, 500));
        if req.name_en.trim().is_empty() && req.name_zh.trim().is_empty() {
            c.push(Invalid::new("name_en", "required"));
        }
        if req.ends_on.is_some_and(|end| end < req.starts_on) {
            c.push(Invalid::new("ends_on", "before-opening"));
        }
        let country = if req.country.trim().is_empty() {
            Some(String::new())
        } else {
            c.check(laureate_domain::values::country_code(
                "country",
                &req.country,
            ))
        };
        c.finish()?;
        let (Some(kind), Some(name_en), Some(name_zh), Some(reference), Some(country)) =
            (kind, name_en, name_zh, reference, country)
        else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let (_, now) = self.now();
        let created_by = who.user_id();
        let mut tx = self.db.begin().await?;
        let starts = req.starts_on.to_string();
        let ends = req.ends_on.map(|d| d.to_string());
        let id = db::integrity::insert(
            &mut tx,
            &db::integrity::NewListing {
                kind: kind.as_str(),
                name_en: name_en.as_deref().unwrap_or(""),
                name_zh: name_zh.as_deref().unwrap_or(""),
                country: &country,
                starts_on: &starts,
                ends_on: ends.as_deref(),
                reference: reference.as_deref().unwrap_or(""),
                created_by,
            },
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now,
            "integrity.add",
            ("integrity_listing", id),
            serde_json::json!({ "kind": kind.as_str(), "starts_on": starts, "ends_on": ends }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
