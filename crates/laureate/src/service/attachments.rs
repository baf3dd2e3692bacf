//! Evidence attachments of a dossier: PDF and images only, typed by their content, with limits
//! per file and per dossier, a SHA-256 of each, and served only to those who may see the dossier.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::evidence::{check_upload, clean_filename};
use laureate_domain::values::Invalid;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentView {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: String,
}

impl From<db::attachments::AttachmentRow> for AttachmentView {
    fn from(a: db::attachments::AttachmentRow) -> Self {
        AttachmentView {
            id: a.id,
            filename: a.filename,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            created_at: a.created_at,
        }
    }
}

pub struct Download {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Service {
    /// Adds evidence to a draft or returned dossier of the actor's own body.
    pub async fn attach(
        &self,
        actor: &Actor,
        nomination_id: i64,
        filename: &str,
        bytes: &[u8],
    ) -> Result<AttachmentView> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = self
            .editable_nomination(&mut tx, actor, nomination_id)
            .await?;
        let existing = db::attachments::list(&mut tx, row.id).await?;
        let total: i64 = existing.iter().map(|a| a.size_bytes).sum();
        let kind = check_upload(bytes, existing.len(), total as usize)
            .map_err(|p| Invalid::new("file", p.code()))?;
        let name = clean_filename(filename, kind);
        let digest = hex::encode(Sha256::digest(bytes));
        let id = db::attachments::insert(
            &mut tx,
            &db::attachments::NewAttachment {
                nomination_id: row.id,
                filename: &name,
                content_type: kind.mime(),
                sha256: &digest,
                data: bytes,
                uploaded_by: actor.user_id.0,
            },
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "attachment.add",
            ("nomination", row.id),
            serde_json::json!({ "attachment_id": id, "filename": name, "sha256": digest, "size": bytes.len() }),
        )
        .await?;
        let view = db::attachments::find(&mut tx, id)
            .await?
            .map(AttachmentView::from)
            .ok_or(ServiceError::NotFound(Entity::Attachment))?;
        tx.commit().await?;
        Ok(view)
    }

    pub async fn remove_attachment(
        &self,
        actor: &Actor,
        nomination_id: i64,
        attachment_id: i64,
    ) -> Result<()> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = self
            .editable_nomination(&mut tx, actor, nomination_id)
            .await?;
        let a = db::attachments::find(&mut tx, attachment_id)
            .await?
            .filter(|a| a.nomination_id == row.id)
            .ok_or(ServiceError::NotFound(Entity::Attachment))?;
        db::attachments::delete(&mut tx, a.id).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "attachment.remove",
            ("nomination", row.id),
            serde_json::json!({ "attachment_id": a.id, "sha256": a.sha256 }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A file, for those who may see its dossier; anyone else gets "not found".
    pub async fn download(
        &self,
        actor: &Actor,
        nomination_id: i64,
        attachment_id: i64,
    ) -> Result<Download> {
        self.nomination(actor, nomination_id).await?;
        let mut conn = self.db.conn().await?;
        let a = db::attachments::find(&mut conn, attachment_id)
            .await?
            .filter(|a| a.nomination_id == nomination_id)
            .ok_or(ServiceError::NotFound(Entity::Attachment))?;
        let bytes = db::attachments::data(&mut conn, a.id).await?;
        Ok(Download {
            filename: a.filename,
            content_type: a.content_type,
            bytes,
        })
    }

    /// The nomination row, if the actor's body owns it and it may still be changed.
    pub(crate) async fn editable_nomination(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        id: i64,
    ) -> Result<db::nominations::NominationRow> {
        let view = self.nomination_view(conn, actor, id).await?;
        if !super::nominations::mover(actor, view.body_id).owns_nomination {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let row = db::nominations::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let state = row.state;
        if !state.is_editable() {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-editable").key_arg("state", state.label_key()),
            ));
        }
        Ok(row)
    }
}
