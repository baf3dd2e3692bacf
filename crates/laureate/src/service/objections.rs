//! Objections: public intake under a real name within the period, with evidence; a receipt to
//! follow it by; handling by the office to an outcome that can change the nomination; the
//! nominator's response; and the supervision committee's report on the cycle (Regulation Art. 20
//! and 23). The objector's identity is read only by the office and the supervision committee.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use chrono::{Duration, NaiveDate};
use laureate_domain::archive::RecordKind;
use laureate_domain::evidence::{check_upload, clean_filename};
use laureate_domain::objections::{
    self, ObjectionAction, ObjectionForm, ObjectionGround, ObjectionStatus, ObjectorKind, Target,
    UpheldEffect,
};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::values::{Invalid, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// Objections one address may file in a window; bursts beyond it are refused with a 429.
pub const BURST_LIMIT: i64 = 5;
pub const BURST_WINDOW_MINUTES: i64 = 10;

/// What the objector gets back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Receipt {
    pub receipt: String,
    pub status: ObjectionStatus,
    pub filed_at: String,
}

/// What anyone holding the receipt may read: where the objection stands and the written reply.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicStatus {
    pub receipt: String,
    pub nomination: String,
    pub status: ObjectionStatus,
    pub filed_at: String,
    pub updated_at: String,
    /// The reason an objection was found inadmissible.
    pub triage_reason: Option<String>,
    /// The office's written reply, once the objection is decided.
    pub reply: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectionFileView {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteView {
    pub body: String,
    pub created_at: String,
}

/// Who objected: present only for the office and the supervision committee.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Objector {
    pub kind: ObjectorKind,
    pub name: String,
    pub contact_email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectionView {
    pub id: i64,
    pub cycle_id: i64,
    pub nomination_id: i64,
    pub candidate: String,
    pub status: ObjectionStatus,
    pub grounds: Vec<ObjectionGround>,
    pub statement: String,
    pub files: Vec<ObjectionFileView>,
    /// `null` for everyone but the office and the supervision committee.
    pub objector: Option<Objector>,
    pub receipt: Option<String>,
    pub triage_reason: Option<String>,
    pub response_request: Option<String>,
    pub response_due: Option<String>,
    pub nominator_response: Option<String>,
    pub effect: Option<UpheldEffect>,
    pub reply: Option<String>,
    /// Investigation notes: office and supervision committee only.
    pub notes: Vec<NoteView>,
    pub filed_at: String,
    pub updated_at: String,
    /// The moves the caller may make on it now: the office's steps through
    /// `POST /objections/{id}/actions`, the nominating body's `respond` through
    /// `POST /objections/{id}/response`.
    pub actions: Vec<ObjectionAction>,
}

/// A move in handling an objection, with what that move needs.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"action": "request_response", "request": "Please answer the authorship claim.", "due": "2027-05-20"}))]
pub struct HandleRequest {
    /// The move: admit, refuse, request_response, dismiss or uphold (`respond` is the
    /// nominator's, through `POST /objections/{id}/response`).
    pub action: ObjectionAction,
    /// Why an objection is refused as inadmissible.
    #[serde(default)]
    pub reason: Option<String>,
    /// What the nominator is asked to answer.
    #[serde(default)]
    pub request: Option<String>,
    /// The day by which the nominator answers.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// For an upheld objection: return, reject or withdraw the nomination.
    #[serde(default)]
    pub effect: Option<UpheldEffect>,
    /// The written reply to the objector, required to dismiss or uphold.
    #[serde(default)]
    pub reply: Option<String>,
}

fn receipt_code(year: i64) -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).context("no randomness")?;
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(format!("OBJ-{year}-{code}"))
}

fn status_of(row: &db::objections::ObjectionRow) -> Result<ObjectionStatus> {
    Ok(row.status)
}

/// Evidence sent with an objection, under the same rules as a dossier's: each file typed by its
/// content and named safely, within the limits.
fn check_evidence(
    files: &[(String, Vec<u8>)],
) -> Result<Vec<(String, laureate_domain::evidence::FileType, &[u8])>> {
    let mut total = 0usize;
    let mut checked = Vec::new();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let kind = check_upload(bytes, i, total).map_err(|p| {
            Invalid::new("file", p.code()).with_detail(name.chars().take(100).collect::<String>())
        })?;
        total += bytes.len();
        checked.push((clean_filename(name, kind), kind, bytes.as_slice()));
    }
    Ok(checked)
}

impl Service {
    /// At most [`BURST_LIMIT`] objections from one address in [`BURST_WINDOW_MINUTES`].
    async fn admit_objection(
        &self,
        client: &str,
        now_t: chrono::DateTime<chrono::Utc>,
        now: &str,
    ) -> Result<()> {
        let mut conn = self.db.conn().await?;
        let since = db::time_to_db(now_t - Duration::minutes(BURST_WINDOW_MINUTES));
        let admitted = db::rate::admit(
            &mut conn,
            &format!("objection:{client}"),
            &since,
            now,
            BURST_LIMIT,
        )
        .await?;
        if admitted {
            Ok(())
        } else {
            Err(ServiceError::TooMany(
                Msg::new("error-objection-burst").text("minutes", BURST_WINDOW_MINUTES),
            ))
        }
    }

    /// Files an objection from the public. `client` is the address it came from, for the burst
    /// limit; `files` are evidence under the same rules as a dossier's.
    pub async fn file_objection(
        &self,
        nomination_id: i64,
        form: &ObjectionForm,
        files: &[(String, Vec<u8>)],
        client: &str,
    ) -> Result<Receipt> {
        let (now_t, now) = self.now();
        self.admit_objection(client, now_t, &now).await?;
        let mut tx = self.db.begin().await?;
        let row = db::nominations::find(&mut tx, nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let cycle = self.load_cycle(&mut tx, row.cycle_id).await?;
        let state = row.state;
        // A nomination that is not on a published list is not public: it is simply not found.
        let target = Target {
            state,
            deadline: objections::deadline(&cycle.schedule),
        };
        if !objections::publicly_listed(target) {
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        let objection = objections::check(form, target, now_t).map_err(ServiceError::Invalid)?;
        let checked = check_evidence(files)?;
        let fingerprint = hex::encode(Sha256::digest(
            objections::fingerprint_source(nomination_id, &objection).as_bytes(),
        ));
        if db::objections::fingerprint_exists(&mut tx, &fingerprint).await? {
            return Err(ServiceError::Conflict(Msg::new(
                "error-objection-duplicate",
            )));
        }
        let receipt = receipt_code(cycle.row.award_year)?;
        let grounds: Vec<&str> = objection.grounds.iter().map(|g| g.as_str()).collect();
        let id = db::objections::insert(
            &mut tx,
            &db::objections::NewObjection {
                receipt: &receipt,
                cycle_id: row.cycle_id,
                nomination_id,
                objector_kind: objection.objector_kind.as_str(),
                objector_name: &objection.objector_name,
                contact_email: objection.contact.as_str(),
                grounds: &grounds.join(","),
                statement: &objection.statement,
                fingerprint: &fingerprint,
            },
            &now,
        )
        // The same objection filed twice at the same moment meets the fingerprint's key: the
        // second is answered as a duplicate (`service::unique_taken`).
        .await?;
        for (name, kind, bytes) in &checked {
            db::objections::insert_file(
                &mut tx,
                &db::objections::NewFile {
                    objection_id: id,
                    filename: name,
                    content_type: kind.mime(),
                    sha256: &hex::encode(Sha256::digest(bytes)),
                    data: bytes,
                },
                &now,
            )
            .await?;
        }
        // The log names the objection and its grounds, never the objector.
        audit(
            &mut tx,
            &Who::System,
            &now,
            "objection.file",
            ("objection", id),
            serde_json::json!({
                "nomination": nomination_id,
                "grounds": grounds,
                "files": checked.len(),
            }),
        )
        .await?;
        self.tell_of_objection_filed(
            &mut tx,
            id,
            &receipt,
            objection.contact.as_str(),
            &row,
            &now,
        )
        .await?;
        tx.commit().await?;
        Ok(Receipt {
            receipt,
            status: ObjectionStatus::Received,
            filed_at: now,
        })
    }

    /// Where an objection stands, for whoever holds its receipt.
    pub async fn objection_status(&self, receipt: &str) -> Result<PublicStatus> {
        let receipt = receipt.trim().to_ascii_uppercase();
        let mut conn = self.db.conn().await?;
        let row = db::objections::by_receipt(&mut conn, &receipt)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let nomination = db::nominations::find(&mut conn, row.nomination_id)
            .await?
            .map(|n| n.name_en)
            .ok_or_else(|| anyhow::anyhow!("objection {}: its nomination is missing", row.id))?;
        let status = status_of(&row)?;
        Ok(PublicStatus {
            receipt: row.receipt,
            nomination,
            status,
            filed_at: row.created_at,
            updated_at: row.updated_at,
            triage_reason: row.triage_reason,
            reply: (!status.is_open()).then_some(row.reply).flatten(),
        })
    }

    /// May the actor read this objection at all? The office and the supervision committee read
    /// every one; a nominator reads those on its own body's nominations, without the objector.
    async fn may_read_objection(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        row: &db::objections::ObjectionRow,
    ) -> Result<Option<db::nominations::NominationRow>> {
        if !self
            .cycle_readable(conn, actor, row.cycle_id, RecordKind::Objections)
            .await?
        {
            return Ok(None);
        }
        let nomination = db::nominations::find(conn, row.nomination_id).await?;
        Ok(nomination.filter(|n| match actor.role {
            Role::Admin | Role::Supervisor => true,
            Role::Nominator => actor.body_id.map(|b| b.0) == Some(n.body_id),
            _ => false,
        }))
    }

    async fn objection_view(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        row: db::objections::ObjectionRow,
        candidate: String,
    ) -> Result<ObjectionView> {
        let insider = role_can(actor.role, Capability::SeeObjectors);
        let files = db::objections::files(conn, row.id)
            .await?
            .into_iter()
            .map(|f| ObjectionFileView {
                id: f.id,
                filename: f.filename,
                content_type: f.content_type,
                size_bytes: f.size_bytes,
                sha256: f.sha256,
            })
            .collect();
        let notes = if insider {
            db::objections::notes(conn, row.id)
                .await?
                .into_iter()
                .map(|n| NoteView {
                    body: n.body,
                    created_at: n.created_at,
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(ObjectionView {
            id: row.id,
            cycle_id: row.cycle_id,
            nomination_id: row.nomination_id,
            candidate,
            status: row.status,
            grounds: row
                .grounds
                .split(',')
                .map(db::decode)
                .collect::<std::result::Result<_, _>>()?,
            statement: row.statement,
            files,
            objector: insider.then_some(Objector {
                kind: row.objector_kind,
                name: row.objector_name,
                contact_email: row.contact_email,
            }),
            receipt: insider.then_some(row.receipt),
            triage_reason: row.triage_reason,
            response_request: row.response_request,
            response_due: row.response_due,
            nominator_response: row.nominator_response,
            effect: row.effect.as_deref().map(db::decode).transpose()?,
            reply: row.reply,
            notes,
            filed_at: row.created_at,
            updated_at: row.updated_at,
            // Only the office, supervision and the nomination's own body read an objection.
            actions: objections::available_actions(
                row.status,
                actor.role,
                actor.role == Role::Nominator,
            ),
        })
    }

    /// An objection as it stands after a change inside the same transaction.
    async fn reload_view(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        id: i64,
        candidate: String,
    ) -> Result<ObjectionView> {
        let fresh = db::objections::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        self.objection_view(conn, actor, fresh, candidate).await
    }

    /// The objections of a cycle the actor may read.
    pub async fn objections_of_cycle(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<Vec<ObjectionView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor | Role::Nominator) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        self.load_cycle(&mut conn, cycle_id).await?;
        let mut out = Vec::new();
        for row in db::objections::of_cycle(&mut conn, cycle_id).await? {
            if let Some(n) = self.may_read_objection(&mut conn, actor, &row).await? {
                out.push(
                    self.objection_view(&mut conn, actor, row, n.name_en)
                        .await?,
                );
            }
        }
        Ok(out)
    }

    pub async fn objection(&self, actor: &Actor, id: i64) -> Result<ObjectionView> {
        let mut conn = self.db.conn().await?;
        let row = db::objections::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let n = self
            .may_read_objection(&mut conn, actor, &row)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        self.objection_view(&mut conn, actor, row, n.name_en).await
    }

    /// An evidence file of an objection, for those who may read the objection.
    pub async fn objection_file(
        &self,
        actor: &Actor,
        file_id: i64,
    ) -> Result<super::attachments::Download> {
        let mut conn = self.db.conn().await?;
        let (file, bytes) = db::objections::file_data(&mut conn, file_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::File))?;
        let row = db::objections::find(&mut conn, file.objection_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::File))?;
        self.may_read_objection(&mut conn, actor, &row)
            .await?
            .ok_or(ServiceError::NotFound(Entity::File))?;
        Ok(super::attachments::Download {
            filename: file.filename,
            content_type: file.content_type,
            bytes,
        })
    }

    /// The office's moves: admit or refuse, ask the nominator to respond, dismiss or uphold with
    /// a written reply. Upholding carries its effect out on the nomination in the same
    /// transaction.
    pub async fn handle_objection(
        &self,
        actor: &Actor,
        id: i64,
        req: &HandleRequest,
    ) -> Result<ObjectionView> {
        require(actor, Capability::HandleObjections)?;
        let action = req.action;
        let (now_t, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::objections::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let nomination = self
            .may_read_objection(&mut tx, actor, &row)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let from = status_of(&row)?;
        let to = objections::transition(from, action)?;
        let text = |field: &str, v: &Option<String>| {
            required_text(field, v.as_deref().unwrap_or(""), 5000)
        };
        let mut m = db::objections::Move {
            from: from.as_str(),
            to: to.as_str(),
            triage_reason: None,
            response_request: None,
            response_due: None,
            nominator_response: None,
            effect: None,
            reply: None,
        };
        let (reason, request, due, reply, effect);
        match action {
            ObjectionAction::Refuse => {
                reason = text("reason", &req.reason)?;
                m.triage_reason = Some(&reason);
            }
            ObjectionAction::RequestResponse => {
                request = text("request", &req.request)?;
                let day = req.due.ok_or_else(|| Invalid::new("due", "required"))?;
                if day <= now_t.date_naive() {
                    return Err(Invalid::new("due", "in-the-past").into());
                }
                due = day.to_string();
                m.response_request = Some(&request);
                m.response_due = Some(&due);
            }
            ObjectionAction::Dismiss | ObjectionAction::Uphold => {
                reply = text("reply", &req.reply)?;
                m.reply = Some(&reply);
            }
            ObjectionAction::Admit | ObjectionAction::Respond => {}
        }
        if action == ObjectionAction::Respond {
            return Err(Invalid::new("action", "objection-move-not-allowed").into());
        }
        if action == ObjectionAction::Uphold {
            let chosen = req.effect.ok_or_else(|| {
                Invalid::new("effect", "required").with_detail("return, reject, withdraw")
            })?;
            effect = chosen.as_str().to_owned();
            m.effect = Some(&effect);
            let cycle = self.load_cycle(&mut tx, nomination.cycle_id).await?;
            let note = format!("objection {}", row.receipt);
            self.move_nomination(
                &mut tx,
                &Who::User(actor),
                actor,
                &nomination,
                cycle.phase,
                chosen.nomination_action(),
                Some(&note),
            )
            .await?;
        }
        if !db::objections::apply(&mut tx, id, &m, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            &format!("objection.{}", action.as_str()),
            ("objection", id),
            serde_json::json!({
                "from": from.as_str(), "to": to.as_str(),
                "nomination": row.nomination_id, "effect": m.effect,
            }),
        )
        .await?;
        self.tell_of_objection_handled(&mut tx, id, &nomination, action, &m, &now)
            .await?;
        let view = self
            .reload_view(&mut tx, actor, id, nomination.name_en)
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The nominator's response to a request from the office.
    pub async fn respond_to_objection(
        &self,
        actor: &Actor,
        id: i64,
        text: &str,
    ) -> Result<ObjectionView> {
        require(actor, Capability::Nominate)?;
        let text = required_text("response", text, 20_000)?;
        let (now_t, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::objections::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let nomination = self
            .may_read_objection(&mut tx, actor, &row)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let from = status_of(&row)?;
        let to = objections::transition(from, ObjectionAction::Respond)?;
        let today = now_t.date_naive().to_string();
        if let Some(due) = row.response_due.as_deref()
            && due < today.as_str()
        {
            return Err(Invalid::new("response", "objection-response-late")
                .with_detail(due)
                .into());
        }
        let m = db::objections::Move {
            from: from.as_str(),
            to: to.as_str(),
            triage_reason: None,
            response_request: None,
            response_due: None,
            nominator_response: Some(&text),
            effect: None,
            reply: None,
        };
        if !db::objections::apply(&mut tx, id, &m, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "objection.respond",
            ("objection", id),
            serde_json::json!({ "nomination": row.nomination_id }),
        )
        .await?;
        self.tell_office_of_response(&mut tx, &row, &nomination, &now)
            .await?;
        let view = self
            .reload_view(&mut tx, actor, id, nomination.name_en)
            .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Reminds nominating bodies of responses due within two days; the server runs it hourly,
    /// and each objection is reminded at most once a day per address. Returns how many were
    /// queued.
    pub async fn queue_objection_reminders(&self) -> Result<usize> {
        let (now_t, now) = self.now();
        let today = now_t.date_naive();
        let mut tx = self.db.begin().await?;
        let mut queued = 0;
        for row in db::objections::awaiting_response(&mut tx).await? {
            let Some(due) = row
                .response_due
                .as_deref()
                .and_then(|d| d.parse::<NaiveDate>().ok())
            else {
                continue;
            };
            if due < today || due - today > Duration::days(2) {
                continue;
            }
            let Some(nomination) = db::nominations::find(&mut tx, row.nomination_id).await? else {
                continue;
            };
            queued += self
                .remind_objection_response(
                    &mut tx,
                    &row,
                    &nomination,
                    &due.to_string(),
                    &today.to_string(),
                    &now,
                )
                .await?;
        }
        if queued > 0 {
            audit(
                &mut tx,
                &Who::System,
                &now,
                "objection.reminders",
                ("system", 0),
                serde_json::json!({ "queued": queued }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(queued)
    }

    /// An investigation note by the office.
    pub async fn add_objection_note(&self, actor: &Actor, id: i64, body: &str) -> Result<()> {
        require(actor, Capability::HandleObjections)?;
        let body = required_text("note", body, 10_000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::objections::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Objection))?;
        let note = db::objections::insert_note(&mut tx, row.id, Some(actor.user_id.0), &body, &now)
            .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "objection.note",
            ("objection", id),
            serde_json::json!({ "note": note }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Open objections on a nomination, which hold it back from the committee's resolution.
    pub(crate) async fn open_objections(&self, conn: &mut Conn, nomination_id: i64) -> Result<i64> {
        let open: Vec<&str> = ObjectionStatus::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.as_str())
            .collect();
        Ok(db::objections::count_in(conn, nomination_id, &open).await?)
    }
}
