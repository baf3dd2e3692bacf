//! Invitations to a ceremony: the office invites a laureate, the laureate's nominating body is
//! told by mail in each reader's language and records the reply (attending, represented, not
//! attending), and the office is told of each reply and sees them all.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use crate::i18n::{Lang, Tr};
use laureate_domain::conferral::InvitationReply;
use laureate_domain::permissions::Capability;
use laureate_domain::registry::LaureateStatus;
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct InvitationRequest {
    pub laureate_id: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReplyRequest {
    pub reply: InvitationReply,
}

/// An invitation to a ceremony and the laureate's reply, if any.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    pub ceremony_id: i64,
    pub laureate_id: i64,
    pub name: String,
    pub name_zh: String,
    pub award_year: i64,
    pub invited_at: String,
    pub reply: Option<InvitationReply>,
    pub replied_at: Option<String>,
}

fn view(r: db::conferral::InvitationRow) -> Result<InvitationView> {
    Ok(InvitationView {
        ceremony_id: r.ceremony_id,
        laureate_id: r.laureate_id,
        name: r.name,
        name_zh: r.name_zh,
        award_year: r.award_year,
        invited_at: r.invited_at,
        reply: r.reply.as_deref().map(db::decode).transpose()?,
        replied_at: r.replied_at,
    })
}

impl Service {
    /// Invites a laureate to a ceremony still to come; their nominating body is told.
    pub async fn invite_to_ceremony(
        &self,
        who: Who<'_>,
        ceremony_id: i64,
        req: &InvitationRequest,
    ) -> Result<InvitationView> {
        who.require(Capability::ManageCycles)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ceremony = db::conferral::find_ceremony(&mut tx, ceremony_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        if ceremony.held_on.as_str() < self.today().to_string().as_str() {
            return Err(ServiceError::Conflict(Msg::new("error-ceremony-past")));
        }
        let laureate = db::laureates::find(&mut tx, req.laureate_id)
            .await?
            .ok_or_else(|| {
                laureate_domain::values::Invalid::new("laureate_id", "unknown-laureate")
            })?;
        if laureate.status != LaureateStatus::Awarded {
            return Err(ServiceError::Conflict(Msg::new("error-laureate-revoked")));
        }
        let Some(body_id) = db::conferral::body_of_laureate(&mut tx, laureate.id).await? else {
            return Err(ServiceError::Conflict(Msg::new("error-no-nominating-body")));
        };
        if !db::conferral::invite(&mut tx, ceremony_id, laureate.id, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-invited")));
        }
        audit(
            &mut tx,
            &who,
            &now,
            "ceremony.invite",
            ("ceremony", ceremony_id),
            serde_json::json!({ "laureate_id": laureate.id }),
        )
        .await?;
        let link = format!(
            "{}/ceremonies/{ceremony_id}/invitations/{}",
            self.public_url, laureate.id
        );
        self.tell_staff(
            &mut tx,
            body_id,
            "ceremony-invitation",
            |lang| {
                let tr = Tr::in_zone(lang, self.office_zone());
                vec![
                    (
                        "candidate",
                        if lang == Lang::Zh && !laureate.name_zh.is_empty() {
                            laureate.name_zh.clone()
                        } else {
                            laureate.name.clone()
                        },
                    ),
                    ("date", tr.date(&ceremony.held_on)),
                    (
                        "place",
                        tr.pick(&ceremony.place_en, &ceremony.place_zh).to_owned(),
                    ),
                    ("link", link.clone()),
                ]
            },
            &format!("ceremony-invitation:{ceremony_id}:{}", laureate.id),
            &now,
        )
        .await?;
        let row = db::conferral::find_invitation(&mut tx, ceremony_id, laureate.id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        tx.commit().await?;
        view(row)
    }

    /// The nominating body records its laureate's reply; the office is told.
    pub async fn reply_to_invitation(
        &self,
        actor: &Actor,
        ceremony_id: i64,
        laureate_id: i64,
        req: &ReplyRequest,
    ) -> Result<InvitationView> {
        require(actor, Capability::Nominate)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::conferral::find_invitation(&mut tx, ceremony_id, laureate_id)
            .await?
            .filter(|r| r.body_id.is_some() && r.body_id == actor.body_id.map(|b| b.0))
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        let ceremony = db::conferral::find_ceremony(&mut tx, ceremony_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        if ceremony.held_on.as_str() < self.today().to_string().as_str() {
            return Err(ServiceError::Conflict(Msg::new("error-ceremony-past")));
        }
        db::conferral::reply(&mut tx, ceremony_id, laureate_id, req.reply.as_str(), &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "ceremony.reply",
            ("ceremony", ceremony_id),
            serde_json::json!({ "laureate_id": laureate_id, "reply": req.reply.as_str() }),
        )
        .await?;
        let link = format!("{}/ceremonies#ceremony-{ceremony_id}", self.public_url);
        self.tell_office(
            &mut tx,
            "ceremony-reply",
            |lang| {
                let tr = Tr::new(lang);
                vec![
                    ("candidate", row.name.clone()),
                    ("reply", tr.get(req.reply.label_key())),
                    ("date", tr.date(&ceremony.held_on)),
                    ("link", link.clone()),
                ]
            },
            &format!("ceremony-reply:{ceremony_id}:{laureate_id}:{now}"),
            &now,
        )
        .await?;
        let row = db::conferral::find_invitation(&mut tx, ceremony_id, laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        tx.commit().await?;
        view(row)
    }

    /// The invitations to a ceremony: all of them for the office, a nominating body's own for
    /// its staff.
    pub async fn invitations(
        &self,
        actor: &Actor,
        ceremony_id: i64,
    ) -> Result<Vec<InvitationView>> {
        let office = laureate_domain::permissions::role_can(actor.role, Capability::ManageCycles);
        if !office && actor.role != Role::Nominator {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        db::conferral::find_ceremony(&mut conn, ceremony_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        db::conferral::invitations(&mut conn, ceremony_id)
            .await?
            .into_iter()
            .filter(|r| office || (r.body_id.is_some() && r.body_id == actor.body_id.map(|b| b.0)))
            .map(view)
            .collect()
    }
}
