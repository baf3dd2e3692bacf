//! Publication of the accepted candidates for objections, and what the public may read of it (Regulation Art. 20).

use super::{Entity, Result, Service, ServiceError};
use crate::db::{self};
use laureate_domain::objections::{self, Target};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublishedCandidate {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    /// ISO 3166-1 alpha-2, when the rule set publishes nationality; empty otherwise.
    pub country: String,
    pub country_en: String,
    pub country_zh: String,
    pub field: String,
    /// The nominating body, in English and Chinese.
    pub nominator: String,
    pub nominator_zh: String,
    pub contribution_en: String,
    pub contribution_zh: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Publication {
    pub cycle_id: i64,
    pub award_year: i64,
    /// Objections are received until this moment (UTC).
    pub objection_deadline: Option<String>,
    pub candidates: Vec<PublishedCandidate>,
}

impl Service {
    /// The publications whose objection period is open now, newest cycle first: public.
    pub async fn open_publications(&self) -> Result<Vec<Publication>> {
        let now = db::time_to_db(self.clock.now());
        let mut open = Vec::new();
        for cycle in self.cycles().await? {
            match self.publication(cycle.id).await {
                Ok(p)
                    if p.objection_deadline
                        .as_deref()
                        .is_some_and(|d| d > now.as_str()) =>
                {
                    open.push(p);
                }
                Ok(_) | Err(ServiceError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(open)
    }

    /// The published candidates of a cycle and the objection deadline: public.
    pub async fn publication(&self, cycle_id: i64) -> Result<Publication> {
        let mut conn = self.db.conn().await?;
        let cycle = self.load_cycle(&mut conn, cycle_id).await?;
        let Some(until) = objections::deadline(&cycle.schedule) else {
            return Err(ServiceError::NotFound(Entity::Publication));
        };
        let candidates = db::nominations::list_for_cycle(&mut conn, cycle_id)
            .await?
            .into_iter()
            .filter(|n| {
                objections::publicly_listed(Target {
                    state: n.state,
                    deadline: Some(until),
                })
            })
            .map(|n| {
                let show = |field: &str, value: String| {
                    if cycle.rules.published_fields.iter().any(|f| f == field) {
                        value
                    } else {
                        String::new()
                    }
                };
                PublishedCandidate {
                    nomination_id: n.id,
                    name_en: n.name_en.clone(),
                    name_zh: n.name_zh.clone(),
                    country: show("nationality", n.country.clone()),
                    country_en: show(
                        "nationality",
                        laureate_domain::countries::name_en(&n.country).to_owned(),
                    ),
                    country_zh: show(
                        "nationality",
                        laureate_domain::countries::name_zh(&n.country).to_owned(),
                    ),
                    field: show("field", n.field.clone()),
                    nominator: show("nominator", n.body_name_en.clone()),
                    nominator_zh: show("nominator", n.body_name_zh.clone()),
                    contribution_en: show("contribution", n.contribution_en.clone()),
                    contribution_zh: show("contribution", n.contribution_zh.clone()),
                }
            })
            .collect();
        Ok(Publication {
            cycle_id,
            award_year: cycle.row.award_year,
            objection_deadline: Some(db::time_to_db(until)),
            candidates,
        })
    }

    /// One candidate of a published list, with its list's objection deadline; a nomination the
    /// public does not know of is not found, as one that does not exist.
    pub async fn published_candidate(
        &self,
        nomination_id: i64,
    ) -> Result<(PublishedCandidate, Option<String>)> {
        let cycle_id = {
            let mut conn = self.db.conn().await?;
            db::nominations::find(&mut conn, nomination_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Nomination))?
                .cycle_id
        };
        let p = self.publication(cycle_id).await?;
        let candidate = p
            .candidates
            .into_iter()
            .find(|c| c.nomination_id == nomination_id)
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        Ok((candidate, p.objection_deadline))
    }
}
