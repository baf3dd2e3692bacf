//! Conferral: ceremonies and who was honoured at each, the medal and the certificate of each
//! laureate, certificates issued as signed PDFs, and their verification by anyone.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::certificate::{self, KeyPair};
use crate::db::{self, Conn, Tx};
use anyhow::Context;
use chrono::NaiveDate;
use laureate_domain::conferral::{
    Attendance, CertificateStatement, CertificateStatus, Item, ItemState, PlaceKind,
    certificate_number, check_item_step,
};
use laureate_domain::permissions::Capability;
use laureate_domain::recheck::Consequential;
use laureate_domain::registry::LaureateStatus;
use laureate_domain::values::{Invalid, optional_text, required_text};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

pub use super::signing_keys::PublicKeyView;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CeremonyRequest {
    pub held_on: NaiveDate,
    pub place_kind: PlaceKind,
    pub place_en: String,
    #[serde(default)]
    pub place_zh: String,
    /// Who presents the awards.
    #[serde(default)]
    pub presenter: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct HonoreeRequest {
    pub laureate_id: i64,
    pub attendance: Attendance,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ItemRequest {
    pub item: Item,
    /// presented or recovered
    pub state: ItemState,
    /// The day; today if omitted.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HonoreeView {
    pub laureate_id: i64,
    pub name: String,
    pub award_year: i64,
    pub attendance: Attendance,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CeremonyView {
    pub id: i64,
    pub held_on: String,
    pub place_kind: PlaceKind,
    pub place_en: String,
    pub place_zh: String,
    pub presenter: String,
    pub honorees: Vec<HonoreeView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemView {
    pub item: Item,
    pub state: ItemState,
    pub issued_on: Option<String>,
    pub presented_on: Option<String>,
    pub recovered_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CertificateView {
    pub laureate_id: i64,
    pub number: String,
    pub code: String,
    pub sha256: String,
    pub key_id: String,
    pub issued_at: String,
    /// Where anyone checks it.
    pub verify_url: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    pub code: String,
    pub number: String,
    /// The program that awarded it (`GET /api/v1/programs`), and the award's name as the
    /// certificate states it.
    pub program: String,
    pub award_en: String,
    pub award_zh: String,
    /// The grade and the prize money the certificate states; empty where the award has none.
    pub grade_en: String,
    pub grade_zh: String,
    pub prize_en: String,
    pub prize_zh: String,
    pub laureate_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub award_year: i64,
    pub status: CertificateStatus,
    pub revoked_at: Option<String>,
    pub issued_at: String,
    /// The SHA-256 of the PDF as issued: a file with another hash is not the document issued.
    pub sha256: String,
    pub key_id: String,
    /// The day (`YYYY-MM-DD`, the office's time zone) from which the key that signed it is
    /// marked compromised, if it is: a certificate issued on or after that day is `compromised`.
    pub key_compromised_from: Option<String>,
    /// The round's approval in the transparency log, as the certificate carries it and its
    /// signed statement names it; absent for certificates issued before the log.
    pub approval_log: Option<ApprovalInLog>,
}

/// Where a certificate's approval is in the transparency log: the leaf of the approval entry and
/// the size of the signed checkpoint its proof is against (served again at
/// `GET /api/v1/log/proof?index=…&size=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct ApprovalInLog {
    pub index: u64,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentCheck {
    /// Whether the file is exactly the document issued under this code.
    pub exact: bool,
    pub sha256: String,
    pub verification: Verification,
}

/// A verification code: 12 characters of Crockford's base32, grouped by four; no 0/O or 1/I/L
/// to confuse when typed from paper.
fn verification_code() -> Result<String> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).context("no randomness")?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A code as typed: case and spaces do not matter.
pub fn normalize_code(raw: &str) -> String {
    raw.trim()
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A certificate signed and rendered, not yet recorded: the laureate, the statement, its
/// signature and the PDF.
type Rendered = (i64, CertificateStatement, Vec<u8>, Vec<u8>);

impl Service {
    fn verify_url(&self, code: &str) -> String {
        format!("{}/verify/{code}", self.public_url)
    }

    /// Issues the certificates of a cycle's laureates that have none: each signed, rendered,
    /// stored with its SHA-256, and recorded as issued with the medal where the rule set
    /// confers one. Idempotent: issuing twice issues nothing new.
    pub async fn issue_certificates(
        &self,
        who: Who<'_>,
        cycle_id: i64,
    ) -> Result<Vec<CertificateView>> {
        self.issue_certificates_reporting(who, cycle_id, &super::progress::Quiet)
            .await
    }

    /// As `issue_certificates`, telling `progress` of each laureate of the round.
    ///
    /// The work is done outside the write lock: what to issue is read on a plain connection, the
    /// PDFs are signed and rendered off the async runtime (`spawn_blocking`), and one short
    /// transaction records them all, provided no certificate of the year was issued meanwhile
    /// (the numbers follow on); otherwise nothing is recorded and the office is asked to try
    /// again.
    pub async fn issue_certificates_reporting(
        &self,
        who: Who<'_>,
        cycle_id: i64,
        progress: &dyn super::progress::Progress,
    ) -> Result<Vec<CertificateView>> {
        who.require(Capability::ManageCycles)?;
        let (now_t, now) = self.now();
        who.require_recent(Consequential::IssueCertificates, now_t)?;
        let today = self.today().to_string();
        // The key is made (or registered) once, in a transaction of its own.
        let key = {
            let mut tx = self.db.begin().await?;
            let key = self.signer(&mut tx, &who, &now).await?;
            tx.commit().await?;
            key
        };
        let prefix;
        let base;
        let cycle;
        let due;
        {
            let mut conn = self.db.conn().await?;
            cycle = self.load_cycle(&mut conn, cycle_id).await?;
            if cycle.row.approved_at.is_none() {
                return Err(ServiceError::Conflict(Msg::new("error-not-approved")));
            }
            due = self
                .certificates_due(&mut conn, cycle_id, cycle.row.award_year)
                .await?;
            prefix = format!(
                "{}-{}-",
                cycle.award.program.to_uppercase(),
                cycle.row.award_year
            );
            base = db::conferral::count_for_year(&mut conn, &prefix).await?;
        }
        let nominations: std::collections::HashMap<i64, db::nominations::NominationRow> = due
            .iter()
            .map(|(laureate, nomination)| (laureate.id, nomination.clone()))
            .collect();
        let made = self
            .render_certificates(&key, &cycle, due, base, &today, progress)
            .await?;
        let mut tx = self.db.begin().await?;
        // Lock the cycle: two issues at once must not record the same certificate number.
        db::cycles::lock(&mut tx, cycle_id, &now).await?;
        if db::conferral::count_for_year(&mut tx, &prefix).await? != base {
            return Err(ServiceError::Conflict(Msg::new("error-concurrent-change")));
        }
        let mut issued = Vec::new();
        for (laureate_id, statement, signature, pdf) in made {
            let sha256 = hex::encode(Sha256::digest(&pdf));
            let statement_json = String::from_utf8(statement.signing_bytes())
                .context("a certificate's statement is not UTF-8")?;
            db::conferral::insert_certificate(
                &mut tx,
                &db::conferral::NewCertificate {
                    laureate_id,
                    number: &statement.number,
                    code: &statement.code,
                    statement: &statement_json,
                    signature: &hex::encode(&signature),
                    key_id: &key.key_id,
                    pdf: &pdf,
                    sha256: &sha256,
                },
                &now,
            )
            .await?;
            issue_items(&mut tx, laureate_id, &cycle.rules, &today).await?;
            audit(
                &mut tx,
                &who,
                &now,
                "certificate.issue",
                ("laureate", laureate_id),
                serde_json::json!({
                    "number": statement.number, "code": statement.code, "sha256": sha256,
                    "key_id": key.key_id,
                }),
            )
            .await?;
            let verify_url = self.verify_url(&statement.code);
            if let Some(nomination) = nominations.get(&laureate_id) {
                self.tell_nominators_of_certificate(
                    &mut tx,
                    nomination,
                    &statement.number,
                    &verify_url,
                    &now,
                )
                .await?;
            }
            issued.push(CertificateView {
                laureate_id,
                verify_url,
                number: statement.number,
                code: statement.code,
                sha256,
                key_id: key.key_id.clone(),
                issued_at: now.clone(),
            });
        }
        tx.commit().await?;
        Ok(issued)
    }

    /// Signs and renders the certificates due, numbered on from `base`, off the async runtime,
    /// each with the proof of its approval in the log.
    async fn render_certificates(
        &self,
        key: &KeyPair,
        cycle: &super::cycles::LoadedCycle,
        due: Vec<(db::laureates::LaureateRow, db::nominations::NominationRow)>,
        base: i64,
        today: &str,
        progress: &dyn super::progress::Progress,
    ) -> Result<Vec<Rendered>> {
        // Each certificate carries the round's approval in the log, proven.
        let ids: Vec<i64> = due.iter().map(|(_, n)| n.id).collect();
        let approvals = self.approvals_in_log(cycle.row.id, &ids).await?;
        progress.start(due.len() as u64, "certificates");
        let mut made = Vec::new();
        for (sequence, (l, n)) in (base + 1..).zip(due) {
            progress.advance(1);
            let statement = CertificateStatement {
                award_en: cycle.award.name_en.clone(),
                award_zh: cycle.award.name_zh.clone(),
                number: certificate_number(&cycle.award.program, cycle.row.award_year, sequence),
                code: verification_code()?,
                award_year: cycle.row.award_year,
                name_en: l.name_en.clone(),
                name_zh: l.name_zh.clone(),
                citation_en: n.citation_en.clone(),
                citation_zh: n.citation_zh.clone(),
                approving_body_en: cycle.rules.approval_body_en.clone(),
                approving_body_zh: cycle.rules.approval_body_zh.clone(),
                issued_on: today.to_owned(),
                key_id: key.key_id.clone(),
                nomination: n.id,
                approval_log_index: approvals.get(&n.id).map(|a| a.index),
                approval_log_size: approvals.get(&n.id).map(|a| a.size),
                ..CertificateStatement::default()
            }
            .with_grade_and_prize(&cycle.rules, &l.grade);
            let signature = key.sign(&statement);
            let url = self.verify_url(&statement.code);
            let approval = approvals.get(&n.id).cloned();
            let (statement, signature, pdf) = tokio::task::spawn_blocking(move || {
                certificate::render(&statement, &signature, &url, approval.as_ref())
                    .map(|pdf| (statement, signature, pdf))
            })
            .await
            .context("rendering a certificate")??;
            made.push((l.id, statement, signature, pdf));
        }
        Ok(made)
    }

    /// The laureates of a cycle's round that are awarded and have no certificate yet, with the
    /// nomination they were approved on, by name.
    async fn certificates_due(
        &self,
        conn: &mut Conn,
        cycle_id: i64,
        award_year: i64,
    ) -> Result<Vec<(db::laureates::LaureateRow, db::nominations::NominationRow)>> {
        let filter = db::laureates::Filter {
            year: Some(award_year),
            sort: laureate_domain::registry::RegistrySort::Name,
            ..db::laureates::Filter::default()
        };
        let (laureates, _) = db::laureates::search(conn, &filter, 1000, 0).await?;
        let mut due = Vec::new();
        for l in laureates {
            let Some(nomination_id) = l.nomination_id else {
                continue;
            };
            if l.status != LaureateStatus::Awarded
                || db::conferral::certificate_of(conn, l.id).await?.is_some()
            {
                continue;
            }
            match db::nominations::find(conn, nomination_id).await? {
                Some(n) if n.cycle_id == cycle_id => due.push((l, n)),
                _ => {}
            }
        }
        Ok(due)
    }

    /// What a certificate's code says: the laureate, the award year, and whether the award still
    /// stands (public).
    pub async fn verify_certificate(&self, code: &str) -> Result<Verification> {
        let code = normalize_code(code);
        let mut conn = self.db.conn().await?;
        let c = db::conferral::certificate_by_code(&mut conn, &code)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Certificate))?;
        let l = db::laureates::find(&mut conn, c.laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        let stated: CertificateStatement = serde_json::from_str(&c.statement)
            .with_context(|| format!("certificate {}: stored statement", c.number))?;
        let compromised_from = db::conferral::key(&mut conn, &c.key_id)
            .await?
            .and_then(|k| k.compromised_from);
        let signed_after = compromised_from
            .as_deref()
            .is_some_and(|day| self.signed_on_or_after(&c.issued_at, day));
        Ok(Verification {
            code: c.code,
            number: c.number,
            program: l.program,
            award_en: stated.award_en,
            award_zh: stated.award_zh,
            grade_en: stated.grade_en,
            grade_zh: stated.grade_zh,
            prize_en: stated.prize_en,
            prize_zh: stated.prize_zh,
            laureate_id: l.id,
            name_en: if l.name_en.is_empty() {
                l.name.clone()
            } else {
                l.name_en
            },
            name_zh: l.name_zh,
            award_year: l.award_year,
            status: match l.status {
                LaureateStatus::Revoked => CertificateStatus::Revoked,
                LaureateStatus::Awarded if signed_after => CertificateStatus::Compromised,
                LaureateStatus::Awarded => CertificateStatus::Valid,
            },
            key_compromised_from: compromised_from,
            revoked_at: l.revoked_at,
            issued_at: c.issued_at,
            sha256: c.sha256,
            key_id: c.key_id,
            approval_log: stated
                .approval_log_index
                .zip(stated.approval_log_size)
                .map(|(index, size)| ApprovalInLog { index, size }),
        })
    }

    /// Whether a file (or its SHA-256) is exactly the document issued under a code.
    pub async fn check_document(
        &self,
        code: &str,
        file: Option<&[u8]>,
        sha256: Option<&str>,
    ) -> Result<DocumentCheck> {
        let hash = match (file, sha256) {
            (Some(bytes), _) => hex::encode(Sha256::digest(bytes)),
            (None, Some(h)) => {
                let h = h.trim().to_lowercase();
                if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(Invalid::new("sha256", "not-a-sha256").into());
                }
                h
            }
            (None, None) => return Err(Invalid::new("file", "required").into()),
        };
        let verification = self.verify_certificate(code).await?;
        Ok(DocumentCheck {
            exact: verification.sha256 == hash,
            sha256: hash,
            verification,
        })
    }

    /// The certificate as issued, for the office to print or send.
    pub async fn certificate_pdf(
        &self,
        who: Who<'_>,
        laureate_id: i64,
    ) -> Result<(String, Vec<u8>)> {
        who.require(Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        let c = db::conferral::certificate_of(&mut conn, laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Certificate))?;
        let pdf = db::conferral::certificate_pdf(&mut conn, laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Certificate))?;
        Ok((c.number, pdf))
    }

    pub async fn certificate_of(&self, laureate_id: i64) -> Result<Option<CertificateView>> {
        let mut conn = self.db.conn().await?;
        Ok(db::conferral::certificate_of(&mut conn, laureate_id)
            .await?
            .map(|c| CertificateView {
                laureate_id,
                verify_url: self.verify_url(&c.code),
                number: c.number,
                code: c.code,
                sha256: c.sha256,
                key_id: c.key_id,
                issued_at: c.issued_at,
            }))
    }

    pub async fn create_ceremony(
        &self,
        who: Who<'_>,
        req: &CeremonyRequest,
    ) -> Result<CeremonyView> {
        who.require(Capability::ManageCycles)?;
        let mut c = super::Checks::default();
        let kind = Some(req.place_kind);
        let place_en = c.check(required_text("place_en", &req.place_en, 300));
        let place_zh = c.check(optional_text("place_zh", &req.place_zh, 300));
        let presenter = c.check(optional_text("presenter", &req.presenter, 300));
        c.finish()?;
        let (Some(kind), Some(place_en), Some(place_zh), Some(presenter)) =
            (kind, place_en, place_zh, presenter)
        else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let (_, now) = self.now();
        let held_on = req.held_on.to_string();
        let mut tx = self.db.begin().await?;
        let id = db::conferral::insert_ceremony(
            &mut tx,
            &db::conferral::NewCeremony {
                held_on: &held_on,
                place_kind: kind.as_str(),
                place_en: &place_en,
                place_zh: place_zh.as_deref().unwrap_or(""),
                presenter: presenter.as_deref().unwrap_or(""),
            },
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now,
            "ceremony.create",
            ("ceremony", id),
            serde_json::json!({ "held_on": held_on, "place_kind": kind.as_str(), "place_en": place_en }),
        )
        .await?;
        let view = self.ceremony_view(&mut tx, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    async fn ceremony_view(&self, conn: &mut db::Conn, id: i64) -> Result<CeremonyView> {
        let c = db::conferral::find_ceremony(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        let honorees = db::conferral::honorees(conn, id)
            .await?
            .into_iter()
            .map(|(laureate_id, name, award_year, attendance)| HonoreeView {
                laureate_id,
                name,
                award_year,
                attendance,
            })
            .collect();
        Ok(CeremonyView {
            id: c.id,
            held_on: c.held_on,
            place_kind: c.place_kind,
            place_en: c.place_en,
            place_zh: c.place_zh,
            presenter: c.presenter,
            honorees,
        })
    }

    /// Every ceremony with its honorees (public: ceremonies are public events).
    pub async fn ceremonies(&self) -> Result<Vec<CeremonyView>> {
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for c in db::conferral::ceremonies(&mut conn).await? {
            out.push(self.ceremony_view(&mut conn, c.id).await?);
        }
        Ok(out)
    }

    /// Honours a laureate at a ceremony. Present in person or represented, their issued medal
    /// and certificate are presented that day, and the registry records the ceremony; a
    /// laureate of any award year may be honoured at a later ceremony.
    pub async fn add_honoree(
        &self,
        who: Who<'_>,
        ceremony_id: i64,
        req: &HonoreeRequest,
    ) -> Result<CeremonyView> {
        who.require(Capability::ManageCycles)?;
        let attendance = req.attendance;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ceremony = db::conferral::find_ceremony(&mut tx, ceremony_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
        let laureate = db::laureates::find(&mut tx, req.laureate_id)
            .await?
            .ok_or_else(|| Invalid::new("laureate_id", "unknown-laureate"))?;
        if laureate.status != LaureateStatus::Awarded {
            return Err(ServiceError::Conflict(Msg::new("error-laureate-revoked")));
        }
        if !db::conferral::add_honoree(&mut tx, ceremony_id, laureate.id, attendance).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-honoured")));
        }
        if attendance.presents_items() {
            for item in db::conferral::items(&mut tx, laureate.id).await? {
                if item.state == ItemState::Issued {
                    db::conferral::set_item(
                        &mut tx,
                        laureate.id,
                        item.item,
                        ItemState::Presented,
                        &ceremony.held_on,
                    )
                    .await?;
                }
            }
            if laureate.ceremony_date.is_none() {
                db::laureates::record_ceremony(
                    &mut tx,
                    laureate.id,
                    &ceremony.held_on,
                    &ceremony.place_en,
                    &now,
                )
                .await?;
            }
        }
        audit(
            &mut tx,
            &who,
            &now,
            "ceremony.honour",
            ("ceremony", ceremony_id),
            serde_json::json!({ "laureate_id": laureate.id, "attendance": attendance.as_str() }),
        )
        .await?;
        let view = self.ceremony_view(&mut tx, ceremony_id).await?;
        self.commit_registry(tx).await?;
        Ok(view)
    }

    /// Records that a medal or a certificate was presented, or recovered after revocation.
    pub async fn record_item(
        &self,
        who: Who<'_>,
        laureate_id: i64,
        req: &ItemRequest,
    ) -> Result<Vec<ItemView>> {
        who.require(Capability::ManageCycles)?;
        let (item, state) = (req.item, req.state);
        let on = req.on.unwrap_or_else(|| self.today()).to_string();
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let laureate = db::laureates::find(&mut tx, laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        // The rule set of the cycle that approved the laureate; for a laureate from before this
        // system, the one in force at the end of the award year.
        let rules = match laureate.nomination_id {
            Some(n) => match db::nominations::find(&mut tx, n).await? {
                Some(row) => self.load_cycle(&mut tx, row.cycle_id).await?.rules,
                None => return Err(ServiceError::NotFound(Entity::Nomination)),
            },
            None => {
                let book = self
                    .programs()
                    .get(&laureate.program)
                    .unwrap_or_else(|| self.rules());
                NaiveDate::from_ymd_opt(laureate.award_year as i32, 12, 31)
                    .and_then(|d| book.in_force_on(d))
                    .or_else(|| book.rule_sets.first())
            }
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no rule set"))?,
        };
        let rules = &rules;
        let current = db::conferral::items(&mut tx, laureate_id)
            .await?
            .into_iter()
            .find(|i| i.item == item)
            .map(|i| i.state);
        check_item_step(
            rules,
            item,
            current,
            state,
            laureate.status == LaureateStatus::Revoked,
        )
        .map_err(|r| ServiceError::Conflict(Msg::new(r.message_key())))?;
        db::conferral::set_item(&mut tx, laureate_id, item, state, &on).await?;
        audit(
            &mut tx,
            &who,
            &now,
            &format!("conferral.{}", state.as_str()),
            ("laureate", laureate_id),
            serde_json::json!({ "item": item.as_str(), "on": on }),
        )
        .await?;
        let items = self.items_in(&mut tx, laureate_id).await?;
        tx.commit().await?;
        Ok(items)
    }

    async fn items_in(&self, conn: &mut db::Conn, laureate_id: i64) -> Result<Vec<ItemView>> {
        Ok(db::conferral::items(conn, laureate_id)
            .await?
            .into_iter()
            .map(|i| ItemView {
                item: i.item,
                state: i.state,
                issued_on: i.issued_on,
                presented_on: i.presented_on,
                recovered_on: i.recovered_on,
            })
            .collect())
    }

    /// A laureate's medal and certificate, and the ceremonies they were honoured at (public).
    pub async fn conferral_of(
        &self,
        laureate_id: i64,
    ) -> Result<(Vec<ItemView>, Vec<(CeremonyView, Attendance)>)> {
        let mut conn = self.db.conn().await?;
        let items = self.items_in(&mut conn, laureate_id).await?;
        let mut ceremonies = Vec::new();
        for (c, attendance) in db::conferral::ceremonies_of(&mut conn, laureate_id).await? {
            ceremonies.push((self.ceremony_view(&mut conn, c.id).await?, attendance));
        }
        Ok((items, ceremonies))
    }
}

/// Records the certificate, and the medal where the rule set confers one, as issued today for a
/// laureate that has no record of them yet.
async fn issue_items(
    tx: &mut Tx,
    laureate_id: i64,
    rules: &laureate_domain::RuleSet,
    today: &str,
) -> Result<()> {
    for item in [Item::Certificate, Item::Medal] {
        let current = db::conferral::items(tx, laureate_id)
            .await?
            .into_iter()
            .find(|i| i.item == item);
        if current.is_none() && item.conferred_under(rules) {
            db::conferral::set_item(tx, laureate_id, item, ItemState::Issued, today).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twelve_unambiguous_characters_in_groups_of_four() {
        let code = verification_code().unwrap();
        assert_eq!(code.len(), 14);
        assert!(
            code.chars()
                .all(|c| c == '-' || c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(normalize_code(" k7qf-3mzd-9tra "), "K7QF-3MZD-9TRA");
    }
}
