//! The nominator roster: nominating bodies, their sanctions (Regulation Art. 31) and invitations
//! by single-use, expiring link.

use super::accounts::{NewUser, random_token, sha256_hex};
use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Duration, Utc};
use laureate_domain::permissions::Capability;
use laureate_domain::roster::{
    BodyClass, INVITATION_DAYS, InvitationStatus, Sanction, SanctionKind, barring_sanction,
    invitation_status,
};
use laureate_domain::values::{Email, Invalid, optional_text, required_text};
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
#[schema(example = json!({"email": "staff@university.example"}))]
pub struct InvitationRequest {
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationCreated {
    /// Send this to the invitee; it is shown once and works once, until `expires_at`.
    pub token: String,
    pub path: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    pub body_name_en: String,
    pub body_name_zh: String,
    pub email: String,
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

    /// Invites a member of staff of a body. Only the token's hash is kept.
    pub async fn invite(
        &self,
        who: Who<'_>,
        body_id: i64,
        req: &InvitationRequest,
    ) -> Result<InvitationCreated> {
        who.require(Capability::ManageUsers)?;
        let email = Email::parse("email", &req.email)?;
        let token = random_token()?;
        let (now, now_s) = self.now();
        let expires = time_to_db(now + Duration::days(INVITATION_DAYS));
        let mut tx = self.db.begin().await?;
        db::roster::find_body(&mut tx, body_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Body))?;
        if db::users::find_by_email(&mut tx, email.as_str())
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(
                Msg::new("error-invitation-account-exists").text("email", email.as_str()),
            ));
        }
        // Inviting an address again sends a new link and ends the one sent before: the office
        // sees a link once, and may have lost it.
        let replaced =
            db::roster::expire_pending_invitations(&mut tx, body_id, email.as_str(), &now_s)
                .await?;
        let id = db::roster::insert_invitation(
            &mut tx,
            &sha256_hex(&token),
            body_id,
            email.as_str(),
            &expires,
            who.user_id(),
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now_s,
            "invitation.create",
            ("invitation", id),
            serde_json::json!({ "body_id": body_id, "email": email.as_str(), "replaces": replaced }),
        )
        .await?;
        tx.commit().await?;
        Ok(InvitationCreated {
            path: format!("/invitations/{token}"),
            token,
            expires_at: expires,
        })
    }

    async fn load_invitation(
        &self,
        conn: &mut Conn,
        token: &str,
    ) -> Result<(db::roster::InvitationRow, InvitationStatus)> {
        let row = db::roster::find_invitation(conn, &sha256_hex(token))
            .await?
            .ok_or(ServiceError::NotFound(Entity::Invitation))?;
        let status = invitation_status(
            time_from_db(&row.expires_at)?,
            row.used_at.is_some(),
            self.clock.now(),
        );
        Ok((row, status))
    }

    pub async fn invitation(&self, token: &str) -> Result<InvitationView> {
        let mut conn = self.db.conn().await?;
        let (row, status) = self.load_invitation(&mut conn, token).await?;
        let body = db::roster::find_body(&mut conn, row.body_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Body))?;
        Ok(InvitationView {
            body_name_en: body.name_en,
            body_name_zh: body.name_zh,
            email: row.email,
            status,
        })
    }

    /// Creates the invitee's nominator account, in one transaction with using the invitation:
    /// it works once, and only until it expires.
    pub async fn accept_invitation(
        &self,
        token: &str,
        req: &AcceptInvitationRequest,
    ) -> Result<super::accounts::UserView> {
        let invited_email = self.invitation(token).await?.email;
        let body_name = {
            let mut conn = self.db.conn().await?;
            let (row, _) = self.load_invitation(&mut conn, token).await?;
            db::roster::find_body(&mut conn, row.body_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Body))?
                .name_en
        };
        let prepared = super::accounts::prepare_user(NewUser {
            email: invited_email,
            display_name: req.display_name.clone(),
            role: Role::Nominator.as_str().to_owned(),
            password: req.password.clone(),
            body_name: Some(body_name),
        })
        .await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (row, status) = self.load_invitation(&mut tx, token).await?;
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
        audit(
            &mut tx,
            &Who::System,
            &now,
            "invitation.accept",
            ("invitation", row.id),
            serde_json::json!({ "user_id": user.id }),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }
}
