//! Corrections to the public record: every change kept as a revision with its reason and source.

use super::registry::LaureateView;
use super::{Entity, Result, Service, ServiceError, Who, audit};
use crate::db;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CorrectionRequest {
    /// The version the corrector loaded; a newer one on the server gives 409.
    pub version: i64,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub field: String,
    pub affiliation: String,
    #[serde(default)]
    pub ceremony_date: Option<chrono::NaiveDate>,
    pub ceremony_place: String,
    pub source_url: String,
    /// Why the record is corrected; kept with the correction.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RevisionView {
    pub number: i64,
    /// field → { "from", "to" }
    pub changes: serde_json::Value,
    pub reason: String,
    pub source_url: String,
    pub at: String,
}

impl Service {
    /// Corrects a registry record: versioned, with its reason and source, audited; never silent.
    pub async fn correct_laureate(
        &self,
        who: Who<'_>,
        id: i64,
        req: &CorrectionRequest,
    ) -> Result<LaureateView> {
        who.require(laureate_domain::permissions::Capability::ManageRegistry)?;
        let v = parse_correction(req)?;
        let date = req.ceremony_date.map(|d| d.to_string());
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let before = db::laureates::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        if before.version != req.version {
            return Err(ServiceError::Conflict(super::Msg::new(
                "error-stale-version",
            )));
        }
        let changes = changes(&before, &v, date.as_deref());
        if changes.is_empty() {
            return Err(laureate_domain::values::Invalid::new("reason", "no-change").into());
        }
        let applied = db::laureates::correct(
            &mut tx,
            id,
            req.version,
            &db::laureates::Correction {
                country_code: laureate_domain::countries::code_of(&v.country),
                name_en: &v.name_en,
                name_zh: &v.name_zh,
                country: &v.country,
                field: &v.field,
                affiliation: &v.affiliation,
                ceremony_date: date.as_deref(),
                ceremony_place: &v.place,
                source_url: &v.source,
            },
            &now,
        )
        .await?;
        if !applied {
            return Err(ServiceError::Conflict(super::Msg::new(
                "error-stale-version",
            )));
        }
        let changes = serde_json::Value::Object(changes);
        let number = db::laureates::insert_revision(
            &mut tx,
            id,
            &changes.to_string(),
            &v.reason,
            &v.source,
            who.user_id(),
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now,
            "laureate.correct",
            ("laureate", id),
            serde_json::json!({ "revision": number, "changes": changes, "reason": v.reason }),
        )
        .await?;
        let view = db::laureates::find(&mut tx, id)
            .await?
            .map(LaureateView::from)
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        self.commit_registry(tx).await?;
        Ok(view)
    }

    pub async fn laureate_revisions(&self, id: i64) -> Result<Vec<RevisionView>> {
        let mut conn = self.db.conn().await?;
        db::laureates::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        db::laureates::revisions(&mut conn, id)
            .await?
            .into_iter()
            .map(|r| {
                Ok(RevisionView {
                    number: r.number,
                    changes: serde_json::from_str(&r.changes).with_context(|| {
                        format!("laureate {id} revision {}: stored changes", r.number)
                    })?,
                    reason: r.reason,
                    source_url: r.source_url,
                    at: r.at,
                })
            })
            .collect()
    }
}

/// A correction's values, checked; an empty field is written empty.
struct Corrected {
    reason: String,
    name_en: String,
    name_zh: String,
    country: String,
    field: String,
    affiliation: String,
    place: String,
    source: String,
}

fn parse_correction(req: &CorrectionRequest) -> Result<Corrected> {
    use laureate_domain::values::{Invalid, optional_text, required_text};
    let mut c = super::Checks::default();
    let reason = c.check(required_text("reason", &req.reason, 2000));
    let name_en = c.check(optional_text("name_en", &req.name_en, 300));
    let name_zh = c.check(optional_text("name_zh", &req.name_zh, 300));
    let country = c.check(optional_text("country", &req.country, 100));
    let field = c.check(optional_text("field", &req.field, 300));
    let affiliation = c.check(optional_text("affiliation", &req.affiliation, 500));
    let place = c.check(optional_text("ceremony_place", &req.ceremony_place, 300));
    let source = c.check(optional_text("source_url", &req.source_url, 1000));
    if !(req.source_url.trim().is_empty()
        || req.source_url.starts_with("http://")
        || req.source_url.starts_with("https://"))
    {
        c.push(Invalid::new("source_url", "not-a-url"));
    }
    c.finish()?;
    let text = |v: Option<Option<String>>| v.flatten().unwrap_or_default();
    Ok(Corrected {
        reason: reason.unwrap_or_default(),
        name_en: text(name_en),
        name_zh: text(name_zh),
        country: text(country),
        field: text(field),
        affiliation: text(affiliation),
        place: text(place),
        source: text(source),
    })
}

/// What a correction changes, field by field, from what to what.
fn changes(
    before: &db::laureates::LaureateRow,
    v: &Corrected,
    date: Option<&str>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut changes = serde_json::Map::new();
    let mut note = |field: &str, from: &str, to: &str| {
        if from != to {
            changes.insert(
                field.to_owned(),
                serde_json::json!({ "from": from, "to": to }),
            );
        }
    };
    note("name_en", &before.name_en, &v.name_en);
    note("name_zh", &before.name_zh, &v.name_zh);
    note("country", &before.country, &v.country);
    note("field", &before.field, &v.field);
    note("affiliation", &before.affiliation, &v.affiliation);
    note(
        "ceremony_date",
        before.ceremony_date.as_deref().unwrap_or(""),
        date.unwrap_or(""),
    );
    note("ceremony_place", &before.ceremony_place, &v.place);
    note("source_url", &before.source_url, &v.source);
    changes
}
