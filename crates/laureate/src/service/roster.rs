//! The nominator roster: nominating bodies, their sanctions (Regulation Art. 31) and invitations
//! by single-use, expiring link.

use super::accounts::NewUser;
pub use super::people::InvitationCreated;
use super::people::InviteRequest;
use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Utc};
use laureate_domain::permissions::Capability;
use laureate_domain::roster::{
    BodyClass, InvitationStatus, Sanction, SanctionKind, barring_sanction,
};
use laureate_domain::values::{Invalid, optional_text, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"name_en": "Ministry of Education", "name_zh": "教育部", "class": "central_organ"}))]
pub struct BodyRequest {
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    pub class: BodyClass,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SanctionView {
    pub kind: SanctionKind,
    pub reason: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BodyView {
    pub id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub class: BodyClass,
    pub members: i64,
    /// The sanction that bars the body from nominating now, if any.
    pub barred_by: Option<SanctionView>,
    pub sanctions: Vec<SanctionView>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SanctionRequest {
    pub kind: SanctionKind,
    pub reason: String,
    /// For a suspension: when it ends.
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"email": "staff@university.example", "lang": "zh"}))]
pub struct InvitationRequest {
    pub email: String,
    /// The invitee's language for the mail: `en` or `zh`.
    #[serde(default = "default_lang")]
    pub lang: String,
}

fn default_lang() -> String {
    "en".into()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    /// The nominating body, for an invitation to a nominator's staff (empty otherwise).
    pub body_name_en: String,
    pub body_name_zh: String,
    pub email: String,
    pub role: Role,
    /// The name the office gave, which the invitee may change.
    pub display_name: String,
    pub lang: String,
    pub status: InvitationStatus,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AcceptInvitationRequest {
    pub display_name: String,
    pub password: String,
}

pub(crate) fn sanction_of(row: &db::roster::SanctionRow) -> Result<Sanction> {
    Ok(Sanction {
        kind: row.kind,
        reason: row.reason.clone(),
        starts_at: time_from_db(&row.starts_at)?,
        ends_at: row.ends_at.as_deref().map(time_from_db).transpose()?,
    })
}

fn sanction_view(s: &Sanction) -> SanctionView {
    SanctionView {
        kind: s.kind,
        reason: s.reason.clone(),
        starts_at: time_to_db(s.starts_at),
        ends_at: s.ends_at.map(time_to_db),
    }
}

impl Service {
    pub(crate) async fn body_view(&self, conn: &mut Conn, id: i64) -> Result<BodyView> {
        let body = db::roster::find_body(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Body))?;
        let sanctions = db::roster::sanctions(conn, id)
            .await?
            .iter()
            .map(sanction_of)
            .collect::<Result<Vec<_>>>()?;
        let now = self.clock.now();
        Ok(BodyView {
            id: body.id,
            name_en: body.name_en,
            name_zh: body.name_zh,
            class: body.class,
            members: db::roster::member_count(conn, id).await?,
            barred_by: barring_sanction(&sanctions, now).map(sanction_view),
            sanctions: sanctions.iter().map(sanction_view).collect(),
        })
    }

    /// The id of the body with this English name (the command line names bodies so).
    pub async fn body_named(&self, name_en: &str) -> Result<i64> {
        let mut conn = self.db.conn().await?;
        db::roster::find_body_by_name(&mut conn, name_en)
            .await?
            .map(|b| b.id)
            .ok_or(ServiceError::NotFound(Entity::Body))
    }

    pub async fn bodies(&self, actor: &Actor) -> Result<Vec<BodyView>> {
        require(actor, Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for b in db::roster::bodies(&mut conn).await? {
            out.push(self.body_view(&mut conn, b.id).await?);
        }
        Ok(out)
    }

    /// The body a nominator acts for, with any sanction that bars it, so it sees why.
    pub async fn my_body(&self, actor: &Actor) -> Result<Option<BodyView>> {
        let Some(body) = actor.body_id else {
            return Ok(None);
        };
        let mut conn = self.db.conn().await?;
        self.body_view(&mut conn, body.0).await.map(Some)
    }

    pub async fn create_body(&self, who: Who<'_>, req: &BodyRequest) -> Result<BodyView> {
        who.require(Capability::ManageUsers)?;
        let mut c = Checks::default();
        let name_en = c.check(required_text("name_en", &req.name_en, 300));
        let name_zh = c.check(optional_text("name_zh", &req.name_zh, 300));
        let class = Some(req.class);
        c.finish()?;
        let (Some(name_en), Some(name_zh), Some(class)) = (name_en, name_zh, class) else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        if db::roster::find_body_by_name(&mut tx, &name_en)
            .await?
            .is_some()
        {
            return Err(ServiceError::Taken(Invalid::new("name_en", "body-exists")));
        }
        let id = db::roster::insert_body(
            &mut tx,
            &name_en,
            name_zh.as_deref().unwrap_or(""),
            class.as_str(),
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now,
            "body.create",
            ("body", id),
            serde_json::json!({ "name_en": name_en, "class": class.as_str() }),
        )
        .await?;
        let view = self.body_view(&mut tx, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Suspends or cancels a body's right to nominate, with the reason and period recorded.
    pub async fn sanction_body(
        &self,
        who: Who<'_>,
        body_id: i64,
        req: &SanctionRequest,
    ) -> Result<BodyView> {
        who.require(Capability::ManageUsers)?;
        let kind = req.kind;
        let reason = required_text("reason", &req.reason, 2000)?;
        let (now, now_s) = self.now();
        let ends_at = match (kind, req.ends_at) {
            (SanctionKind::Suspension, None) => {
                return Err(Invalid::new("ends_at", "required").into());
            }
            (SanctionKind::Suspension, Some(end)) if end <= now => {
                return Err(Invalid::new("ends_at", "in-the-past").into());
            }
            (SanctionKind::Suspension, Some(end)) => Some(time_to_db(end)),
            (SanctionKind::Cancellation, _) => None,
        };
        let mut tx = self.db.begin().await?;
        db::roster::find_body(&mut tx, body_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Body))?;
        let id = db::roster::insert_sanction(
            &mut tx,
            &db::roster::NewSanction {
                body_id,
                kind: kind.as_str(),
                reason: &reason,
                starts_at: &now_s,
                ends_at: ends_at.as_deref(),
                decided_by: who.user_id(),
            },
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now_s,
            "body.sanction",
            ("body", body_id),
            serde_json::json!({ "sanction_id": id, "kind": kind.as_str(), "reason": reason, "ends_at": ends_at }),
        )
        .await?;
        let view = self.body_view(&mut tx, body_id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Invites a member of staff of a body: an invitation to the nominator role for that body
    /// (see [`Service::invite_person`]), mailed in the language given.
    pub async fn invite(
        &self,
        who: Who<'_>,
        body_id: i64,
        req: &InvitationRequest,
    ) -> Result<InvitationCreated> {
        who.require(Capability::ManageUsers)?;
        {
            let mut conn = self.db.conn().await?;
            db::roster::find_body(&mut conn, body_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Body))?;
        }
        self.invite_person(
            who,
            &InviteRequest {
                email: req.email.clone(),
                role: Role::Nominator,
                display_name: String::new(),
                body_id: Some(body_id),
                expert_id: None,
                lang: req.lang.clone(),
            },
        )
        .await
    }

    /// What an invitation link is for, and whether it may still be used.
    pub async fn invitation(&self, token: &str) -> Result<InvitationView> {
        let mut conn = self.db.conn().await?;
        let (row, status) = self.invitation_by_token(&mut conn, token).await?;
        let body = match row.body_id {
            Some(b) => db::roster::find_body(&mut conn, b).await?,
            None => None,
        };
        Ok(InvitationView {
            body_name_en: body.as_ref().map(|b| b.name_en.clone()).unwrap_or_default(),
            body_name_zh: body.map(|b| b.name_zh).unwrap_or_default(),
            email: row.email,
            role: row.role,
            display_name: row.display_name,
            lang: row.lang,
            status,
        })
    }

    /// Creates the invitee's account in the invited role (with its body, or linked to its pool
    /// entry), in one transaction with using the invitation: it works once, and only until it
    /// expires or is revoked.
    pub async fn accept_invitation(
        &self,
        token: &str,
        req: &AcceptInvitationRequest,
    ) -> Result<super::accounts::UserView> {
        let (row, body_name) = {
            let mut conn = self.db.conn().await?;
            let (row, _) = self.invitation_by_token(&mut conn, token).await?;
            let body_name = match row.body_id {
                Some(b) => db::roster::find_body(&mut conn, b)
                    .await?
                    .map(|b| b.name_en),
                None => None,
            };
            (row, body_name)
        };
        let prepared = super::accounts::prepare_user(NewUser {
            email: row.email.clone(),
            display_name: req.display_name.clone(),
            role: row.role.as_str().to_owned(),
            password: req.password.clone(),
            body_name,
        })
        .await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (row, status) = self.invitation_by_token(&mut tx, token).await?;
        match status {
            InvitationStatus::Valid => {}
            InvitationStatus::Used => {
                return Err(ServiceError::Conflict(Msg::new("error-invitation-used")));
            }
            InvitationStatus::Expired => {
                return Err(ServiceError::Conflict(Msg::new("error-invitation-expired")));
            }
        }
        let user = self.insert_user(&mut tx, &Who::System, prepared).await?;
        if !db::roster::use_invitation(&mut tx, row.id, user.id, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-invitation-used")));
        }
        db::people::set_lang(&mut tx, user.id, &row.lang).await?;
        if let Some(expert) = row.expert_id {
            db::experts::set_user(&mut tx, expert, user.id, &now).await?;
        }
        audit(
            &mut tx,
            &Who::System,
            &now,
            "invitation.accept",
            ("invitation", row.id),
            serde_json::json!({ "user_id": user.id, "role": row.role.as_str() }),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }
}
