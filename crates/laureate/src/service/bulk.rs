//! Messages the office writes to an audience (the roster, the experts, a committee, the
//! laureates of a year, the nominating bodies of a cycle): written once in each language with
//! merge fields, previewed with the count of recipients, then queued in one transaction as one
//! copy per recipient in their language, spread over time at the message's rate. Each copy's
//! delivery (queued, sent, refused and retried with the relay's answer, given up) is the
//! outbox's, shown per message.

use super::{Entity, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use crate::i18n::Lang;
use crate::wording::{self, NoticeKind};
use laureate_domain::Actor;
use laureate_domain::committees::CommitteeKind;
use laureate_domain::mail::{
    Audience, AudienceRef, DEFAULT_PER_MINUTE, DeliveryState, MAX_PER_MINUTE, MERGE_FIELDS,
    MIN_PER_MINUTE, copy_delay_seconds, delivery_state,
};
use laureate_domain::permissions::Capability;
use laureate_domain::values::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most recipients one message reaches: the whole roster and pool of a national award are
/// far fewer.
const MAX_RECIPIENTS: usize = 20_000;

/// A message to an audience, in both languages (one may be left empty: its readers get the
/// other), with merge fields as `{{ name }}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"audience": "roster", "subject_en": "The 2026 call for nominations", "text_en": "Dear {{ name }},\n\nThe call is open on {{ site }}.", "subject_zh": "2026年度提名通知", "text_zh": "{{ name }}：\n\n提名已开始：{{ site }}", "per_minute": 60}))]
pub struct MessageRequest {
    /// Read as text, so that who may send is checked before what was sent.
    #[serde(default)]
    #[schema(value_type = Audience)]
    pub audience: String,
    /// For `committee`: `evaluation` or `awards`.
    #[serde(default)]
    pub committee: Option<String>,
    /// For `laureates`: the award year.
    #[serde(default)]
    pub year: Option<i64>,
    /// For `nominators`: the cycle.
    #[serde(default)]
    pub cycle_id: Option<i64>,
    #[serde(default)]
    pub subject_en: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub subject_zh: String,
    #[serde(default)]
    pub text_zh: String,
    /// Copies sent per minute, 1 to 600 (60 if not given).
    #[serde(default)]
    pub per_minute: Option<i64>,
}

/// One copy as its reader will get it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SampleCopy {
    pub lang: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// What sending would do: how many copies, and the first copy in each language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessagePreview {
    pub recipients: i64,
    pub samples: Vec<SampleCopy>,
}

/// A message sent, with where its copies stand.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    pub id: i64,
    pub audience: Audience,
    /// The committee, year or cycle that completes the audience.
    pub audience_ref: Option<String>,
    pub subject_en: String,
    pub subject_zh: String,
    pub per_minute: i64,
    pub recipients: i64,
    pub created_at: String,
    pub queued: i64,
    pub sent: i64,
    pub retrying: i64,
    pub given_up: i64,
}

/// One copy of a message and its delivery.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CopyView {
    pub to: String,
    pub state: DeliveryState,
    pub attempts: i64,
    /// The relay's last answer, for a copy refused.
    pub answer: Option<String>,
    /// When it was sent, or when it is next tried.
    pub at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageDetail {
    pub message: MessageView,
    pub copies: Vec<CopyView>,
}

impl MessageRequest {
    /// The wording with line ends as typed in a browser read as `\n`.
    fn normalized(&self) -> MessageRequest {
        MessageRequest {
            subject_en: wording::normalized(&self.subject_en),
            text_en: wording::normalized(&self.text_en),
            subject_zh: wording::normalized(&self.subject_zh),
            text_zh: wording::normalized(&self.text_zh),
            ..self.clone()
        }
    }
}

fn audience(req: &MessageRequest) -> Result<Audience> {
    if req.audience.is_empty() {
        return Err(Invalid::new("audience", "required").into());
    }
    req.audience.parse().map_err(|_| {
        Invalid::new("audience", "unknown-value")
            .with_detail(&req.audience)
            .into()
    })
}

fn message_kind() -> NoticeKind {
    NoticeKind {
        key: "message".into(),
        fields: MERGE_FIELDS.iter().map(|f| (*f).to_owned()).collect(),
    }
}

impl From<db::bulk::MessageRow> for MessageView {
    fn from(m: db::bulk::MessageRow) -> MessageView {
        MessageView {
            id: m.id,
            audience: m.audience.parse().unwrap_or(Audience::Roster),
            audience_ref: m.audience_ref,
            subject_en: m.subject_en,
            subject_zh: m.subject_zh,
            per_minute: m.per_minute,
            queued: m.recipients - m.sent - m.retrying - m.given_up,
            recipients: m.recipients,
            created_at: m.created_at,
            sent: m.sent,
            retrying: m.retrying,
            given_up: m.given_up,
        }
    }
}

/// The wording checked: at least one language, each given language's subject and text templates
/// over the merge fields; refusals at their fields.
fn check_wording(req: &MessageRequest) -> Vec<Invalid> {
    let kind = message_kind();
    let mut problems = Vec::new();
    let langs = [
        ("en", &req.subject_en, &req.text_en),
        ("zh", &req.subject_zh, &req.text_zh),
    ];
    if langs
        .iter()
        .all(|(_, s, t)| s.trim().is_empty() && t.trim().is_empty())
    {
        problems.push(Invalid::new("subject_en", "required"));
        return problems;
    }
    for (code, subject, text) in langs {
        if subject.trim().is_empty() && text.trim().is_empty() {
            continue;
        }
        for (field, src) in [
            (format!("subject_{code}"), subject),
            (format!("text_{code}"), text),
        ] {
            if src.trim().is_empty() {
                problems.push(Invalid::new(&field, "required"));
            } else if let Err(e) = wording::check(src, &kind) {
                problems.push(Invalid::new(&field, "template-refused").with_detail(&e.0));
            }
        }
    }
    problems
}

impl Service {
    /// The audience of a message and what completes it, checked at its field.
    async fn audience_of(
        &self,
        conn: &mut Conn,
        req: &MessageRequest,
    ) -> Result<(Vec<db::bulk::Recipient>, Option<String>)> {
        let audience = audience(req)?;
        let (chosen, field) = audience.chosen_by();
        let field = field.unwrap_or("audience");
        Ok(match chosen {
            AudienceRef::None => match audience {
                Audience::Experts => (db::bulk::experts(conn).await?, None),
                _ => (db::bulk::roster(conn).await?, None),
            },
            AudienceRef::Committee => {
                let committee: CommitteeKind = req
                    .committee
                    .as_deref()
                    .unwrap_or_default()
                    .parse()
                    .map_err(|_| Invalid::new(field, "required"))?;
                let day = self.now().1[..10].to_owned();
                (
                    db::bulk::committee(conn, committee.as_str(), &day).await?,
                    Some(committee.as_str().to_owned()),
                )
            }
            AudienceRef::Year => {
                let year = req
                    .year
                    .filter(|y| (1990..=2200).contains(y))
                    .ok_or_else(|| Invalid::new(field, "required"))?;
                (
                    db::bulk::laureates_of_year(conn, year).await?,
                    Some(year.to_string()),
                )
            }
            AudienceRef::Cycle => {
                let cycle = req
                    .cycle_id
                    .ok_or_else(|| Invalid::new(field, "required"))?;
                if db::cycles::find(conn, cycle).await?.is_none() {
                    return Err(Invalid::new(field, "unknown-value").into());
                }
                (
                    db::bulk::nominators_of_cycle(conn, cycle).await?,
                    Some(cycle.to_string()),
                )
            }
        })
    }

    /// One recipient's copy: subject and body in their language (or the other, if theirs was
    /// left empty), with their fields merged.
    fn copy_for(
        &self,
        req: &MessageRequest,
        r: &db::bulk::Recipient,
    ) -> Result<(Lang, String, String)> {
        let mut lang = Lang::parse(&r.lang).unwrap_or_default();
        let wording_in = |l: Lang| match l {
            Lang::En => (&req.subject_en, &req.text_en),
            Lang::Zh => (&req.subject_zh, &req.text_zh),
        };
        if wording_in(lang).0.trim().is_empty() {
            lang = lang.other();
        }
        let (subject, text) = wording_in(lang);
        let pick = |en: &str, zh: &str| match lang {
            Lang::Zh if !zh.is_empty() => zh.to_owned(),
            _ => en.to_owned(),
        };
        let year = match audience(req)? {
            Audience::Laureates => req.year.map(|y| y.to_string()).unwrap_or_default(),
            _ => String::new(),
        };
        let fields = [
            ("name", r.display_name.clone()),
            ("email", r.email.clone()),
            ("body", pick(&r.body_en, &r.body_zh)),
            ("candidate", pick(&r.candidate_en, &r.candidate_zh)),
            ("year", year),
            ("site", self.public_url.clone()),
        ];
        let kind = message_kind();
        let render = |src: &str, field: &str| {
            wording::render_notice(&kind, src, lang, &fields).map_err(|e| {
                ServiceError::Invalid(vec![
                    Invalid::new(&format!("{field}_{}", lang.code()), "template-refused")
                        .with_detail(&e.0),
                ])
            })
        };
        let subject = render(subject, "subject")?;
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok((lang, subject, render(text, "text")?))
    }

    fn checked_rate(req: &MessageRequest) -> Result<i64> {
        let rate = req.per_minute.unwrap_or(DEFAULT_PER_MINUTE);
        if (MIN_PER_MINUTE..=MAX_PER_MINUTE).contains(&rate) {
            Ok(rate)
        } else {
            Err(Invalid::new("per_minute", "per-minute-range").into())
        }
    }

    /// What sending the message would do (the office): its count of recipients and the first
    /// copy in each language. Nothing is queued.
    pub async fn preview_message(
        &self,
        actor: &Actor,
        req: &MessageRequest,
    ) -> Result<MessagePreview> {
        require(actor, Capability::ManageUsers)?;
        let req = &req.normalized();
        let mut problems = check_wording(req);
        if let Err(ServiceError::Invalid(more)) = Self::checked_rate(req) {
            problems.extend(more);
        }
        let mut conn = self.db.conn().await?;
        let audience = self.audience_of(&mut conn, req).await;
        if !problems.is_empty() {
            if let Err(ServiceError::Invalid(more)) = audience {
                problems.extend(more);
            }
            return Err(ServiceError::Invalid(problems));
        }
        let (recipients, _) = audience?;
        let mut samples: Vec<SampleCopy> = Vec::new();
        for r in &recipients {
            let (lang, subject, body) = self.copy_for(req, r)?;
            if samples.iter().all(|s| s.lang != lang.code()) {
                samples.push(SampleCopy {
                    lang: lang.code().to_owned(),
                    to: r.email.clone(),
                    subject,
                    body,
                });
            }
            if samples.len() == 2 {
                break;
            }
        }
        Ok(MessagePreview {
            recipients: i64::try_from(recipients.len()).unwrap_or(i64::MAX),
            samples,
        })
    }

    /// Sends a message to its audience (the office): one copy per recipient, in their
    /// language, queued with the message in one transaction and spread at its rate; audited.
    pub async fn send_message(&self, actor: &Actor, req: &MessageRequest) -> Result<MessageView> {
        self.preview_message(actor, req).await?;
        let req = &req.normalized();
        let rate = Self::checked_rate(req)?;
        let (now_t, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (recipients, audience_ref) = self.audience_of(&mut tx, req).await?;
        if recipients.is_empty() {
            return Err(Invalid::new("audience", "audience-empty").into());
        }
        if recipients.len() > MAX_RECIPIENTS {
            return Err(Invalid::new("audience", "audience-too-large").into());
        }
        let id = db::bulk::insert(
            &mut tx,
            &db::bulk::NewMessage {
                audience: audience(req)?.as_str(),
                audience_ref: audience_ref.as_deref(),
                subject_en: &req.subject_en,
                body_en: &req.text_en,
                subject_zh: &req.subject_zh,
                body_zh: &req.text_zh,
                per_minute: rate,
                recipients: i64::try_from(recipients.len()).unwrap_or(i64::MAX),
                sent_by: actor.user_id.0,
                created_at: &now,
            },
        )
        .await?;
        for (n, r) in recipients.iter().enumerate() {
            let (lang, subject, body) = self.copy_for(req, r)?;
            let due =
                db::time_to_db(now_t + chrono::Duration::seconds(copy_delay_seconds(n, rate)));
            let dedupe = format!("bulk:{id}:{}:{}", r.laureate_id, r.email);
            let copy = db::outbox::Queued {
                recipient: &r.email,
                subject: &subject,
                body: &body,
                kind: "message",
                dedupe_key: &dedupe,
                lang: Some(lang.code()),
                fields: None,
                bulk_id: Some(id),
                due: Some(&due),
            };
            db::outbox::enqueue_message(&mut tx, &copy, &now).await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "message.sent",
            ("bulk_message", id),
            serde_json::json!({
                "audience": req.audience, "audience_ref": audience_ref,
                "recipients": recipients.len(), "per_minute": rate,
                "subject_en": req.subject_en, "subject_zh": req.subject_zh,
            }),
        )
        .await?;
        tx.commit().await?;
        self.message(actor, id).await.map(|d| d.message)
    }

    /// The messages sent, newest first, with where their copies stand (the office).
    pub async fn messages(&self, actor: &Actor) -> Result<Vec<MessageView>> {
        require(actor, Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        Ok(db::bulk::list(&mut conn, 200)
            .await?
            .into_iter()
            .map(MessageView::from)
            .collect())
    }

    /// One message and each of its copies' delivery (the office).
    pub async fn message(&self, actor: &Actor, id: i64) -> Result<MessageDetail> {
        require(actor, Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        let message = db::bulk::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Message))?;
        let copies = db::bulk::copies(&mut conn, id)
            .await?
            .into_iter()
            .map(|c| {
                let state =
                    delivery_state(c.sent_at.is_some(), c.given_up_at.is_some(), c.attempts);
                CopyView {
                    to: c.recipient,
                    state,
                    attempts: c.attempts,
                    answer: c.last_error,
                    at: match state {
                        DeliveryState::Sent => c.sent_at,
                        DeliveryState::GivenUp => c.given_up_at,
                        _ => c.next_attempt_at,
                    },
                }
            })
            .collect();
        Ok(MessageDetail {
            message: message.into(),
            copies,
        })
    }
}
