//! Notices in the office's own words: each notice of the catalogue may have an English and a
//! Chinese template (see `crate::wording`), edited by the office with a preview on the newest
//! real notice of its kind and a test sent to oneself. A template is checked when saved and never
//! fails a notice: messages are written when queued, so an edit changes the next notice only.

use super::{Entity, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use crate::i18n::{Lang, Tr};
use crate::wording::{self, NoticeKind};
use laureate_domain::Actor;
use laureate_domain::permissions::Capability;
use laureate_domain::values::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The subject and body of a notice in `lang`, from the office's template if it has one, else
/// from the catalogue. A template that cannot be rendered (it was checked when saved, so only a
/// defect of the engine) falls back to the catalogue: a notice is never lost to its wording.
pub(crate) async fn compose(
    conn: &mut Conn,
    key: &str,
    lang: Lang,
    args: &[(&str, String)],
) -> Result<(String, String)> {
    if let Some(kind) = wording::kind(key)
        && let Some(t) = db::templates::find(conn, key, lang.code()).await?
    {
        match (
            wording::render_notice(kind, &t.subject, lang, args),
            wording::render_notice(kind, &t.body, lang, args),
        ) {
            (Ok(subject), Ok(body)) => return Ok((one_line(&subject), body)),
            (Err(e), _) | (_, Err(e)) => {
                tracing::error!(notice = key, lang = lang.code(), error = %e, "the office's template did not render; the catalogue's wording is used");
            }
        }
    }
    let tr = Tr::new(lang);
    Ok((
        tr.with(&format!("mail-{key}-subject"), args),
        tr.with(&format!("mail-{key}-body"), args),
    ))
}

/// A subject is one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fields of a notice as kept with it in the outbox, for previews.
pub(crate) fn fields_json(args: &[(&str, String)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// A notice the office may word, and whether it has its own wording in each language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoticeListed {
    pub key: String,
    /// The fields its template may use, as `{{ field }}`.
    pub fields: Vec<String>,
    pub edited_en: bool,
    pub edited_zh: bool,
}

/// One language's wording of a notice: the office's template, or the catalogue's converted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Wording {
    pub subject: String,
    pub body: String,
    /// The office's own wording (false: the catalogue's).
    pub edited: bool,
    pub updated_at: Option<String>,
}

/// A notice's wording in both languages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TemplateView {
    pub key: String,
    pub fields: Vec<String>,
    pub en: Wording,
    pub zh: Wording,
}

/// A notice's templates in both languages, saved together; a language left empty (subject and
/// body) goes back to the catalogue's wording.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"subject_en": "Results of the {{ year }} round", "text_en": "Dear colleagues,\n\n{{ candidate }}: {{ outcome }}.\n\n{{ link }}", "subject_zh": "", "text_zh": ""}))]
pub struct TemplateRequest {
    #[serde(default)]
    pub subject_en: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub subject_zh: String,
    #[serde(default)]
    pub text_zh: String,
}

/// A template to try: rendered on the newest real notice of its kind, or sent to oneself.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"lang": "en", "subject": "Results of the {{ year }} round", "text": "{{ candidate }}: {{ outcome }}\n\n{{ link }}"}))]
pub struct TryRequest {
    /// `en` or `zh`.
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub text: String,
}

/// A template rendered for a preview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreviewView {
    pub subject: String,
    pub body: String,
    /// True when written from the newest real notice of its kind; false when no notice of the
    /// kind was sent yet and each field shows its own name.
    pub real: bool,
}

fn notice(key: &str) -> Result<&'static NoticeKind> {
    wording::kind(key).ok_or(ServiceError::NotFound(Entity::Notice))
}

fn lang_field(code: &str) -> Result<Lang> {
    Lang::parse(code).ok_or_else(|| Invalid::new("lang", "unknown-value").into())
}

/// The template checks, each refusal at its field with the engine's reason.
fn checked(kind: &NoticeKind, fields: [(&str, &str); 2]) -> Vec<Invalid> {
    let [(subject_field, subject), (body_field, body)] = fields;
    let mut problems = Vec::new();
    if let Err(e) = wording::check(subject, kind) {
        problems.push(Invalid::new(subject_field, "template-refused").with_detail(&e.0));
    } else if subject.trim().is_empty() {
        problems.push(Invalid::new(subject_field, "required"));
    }
    if let Err(e) = wording::check_body(body, kind) {
        problems.push(Invalid::new(body_field, "template-refused").with_detail(&e.0));
    }
    problems
}

impl Service {
    /// Every notice the office may word (the office).
    pub async fn notices(&self, actor: &Actor) -> Result<Vec<NoticeListed>> {
        require(actor, Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        let saved = db::templates::all(&mut conn).await?;
        let edited = |key: &str, lang: &str| saved.iter().any(|t| t.kind == key && t.lang == lang);
        Ok(wording::kinds()
            .into_iter()
            .map(|k| NoticeListed {
                edited_en: edited(&k.key, "en"),
                edited_zh: edited(&k.key, "zh"),
                key: k.key,
                fields: k.fields,
            })
            .collect())
    }

    /// A notice's wording in both languages (the office).
    pub async fn notice_template(&self, actor: &Actor, key: &str) -> Result<TemplateView> {
        require(actor, Capability::ManageUsers)?;
        let kind = notice(key)?;
        let mut conn = self.db.conn().await?;
        let mut wording_in = async |lang: Lang| -> Result<Wording> {
            Ok(
                match db::templates::find(&mut conn, key, lang.code()).await? {
                    Some(t) => Wording {
                        subject: t.subject,
                        body: t.body,
                        edited: true,
                        updated_at: Some(t.updated_at),
                    },
                    None => Wording {
                        subject: wording::from_catalogue(lang, key, "subject").unwrap_or_default(),
                        body: wording::from_catalogue(lang, key, "body").unwrap_or_default(),
                        edited: false,
                        updated_at: None,
                    },
                },
            )
        };
        let en = wording_in(Lang::En).await?;
        let zh = wording_in(Lang::Zh).await?;
        Ok(TemplateView {
            key: kind.key.clone(),
            fields: kind.fields.clone(),
            en,
            zh,
        })
    }

    /// Saves a notice's templates, both languages checked first and refused at their fields;
    /// a language left empty goes back to the catalogue. Audited with the wording kept.
    pub async fn save_notice_template(
        &self,
        actor: &Actor,
        key: &str,
        req: &TemplateRequest,
    ) -> Result<TemplateView> {
        require(actor, Capability::ManageUsers)?;
        let kind = notice(key)?;
        let req = &TemplateRequest {
            subject_en: wording::normalized(&req.subject_en),
            text_en: wording::normalized(&req.text_en),
            subject_zh: wording::normalized(&req.subject_zh),
            text_zh: wording::normalized(&req.text_zh),
        };
        let langs = [
            (Lang::En, &req.subject_en, &req.text_en),
            (Lang::Zh, &req.subject_zh, &req.text_zh),
        ];
        let mut problems = Vec::new();
        for (lang, subject, body) in langs {
            if subject.trim().is_empty() && body.trim().is_empty() {
                continue;
            }
            let (s, b) = (
                format!("subject_{}", lang.code()),
                format!("text_{}", lang.code()),
            );
            problems.extend(checked(kind, [(&s, subject), (&b, body)]));
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        for (lang, subject, body) in langs {
            // The standard wording sent back as it was shown is not the office's own: the
            // catalogue keeps writing it, with whatever the catalogue later says.
            let standard = wording::from_catalogue(lang, key, "subject").as_deref()
                == Some(subject.trim())
                && wording::from_catalogue(lang, key, "body").as_deref() == Some(body.as_str());
            if standard || (subject.trim().is_empty() && body.trim().is_empty()) {
                db::templates::remove(&mut tx, key, lang.code()).await?;
            } else {
                let row = db::templates::TemplateRow {
                    kind: key.to_owned(),
                    lang: lang.code().to_owned(),
                    subject: subject.trim().to_owned(),
                    body: body.clone(),
                    updated_by: actor.user_id.0,
                    updated_at: now.clone(),
                };
                db::templates::save(&mut tx, &row).await?;
            }
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "notice.template",
            ("notice", key),
            serde_json::json!({
                "subject_en": req.subject_en, "text_en": req.text_en,
                "subject_zh": req.subject_zh, "text_zh": req.text_zh,
            }),
        )
        .await?;
        tx.commit().await?;
        self.notice_template(actor, key).await
    }

    /// Renders a template on the newest real notice of its kind in that language (or, before
    /// any, on each field's name), refused at its field as saving would be.
    pub async fn preview_notice(
        &self,
        actor: &Actor,
        key: &str,
        req: &TryRequest,
    ) -> Result<PreviewView> {
        require(actor, Capability::ManageUsers)?;
        let kind = notice(key)?;
        let lang = lang_field(&req.lang)?;
        let req = &TryRequest {
            lang: req.lang.clone(),
            subject: wording::normalized(&req.subject),
            text: wording::normalized(&req.text),
        };
        let problems = checked(kind, [("subject", &req.subject), ("text", &req.text)]);
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        let mut conn = self.db.conn().await?;
        let real = db::outbox::latest_fields(&mut conn, key, lang.code())
            .await?
            .and_then(|f| {
                serde_json::from_str::<std::collections::BTreeMap<String, String>>(&f).ok()
            });
        let fields: Vec<(String, String)> = match &real {
            Some(map) => map.clone().into_iter().collect(),
            None => kind
                .fields
                .iter()
                .map(|f| (f.clone(), format!("{{{{ {f} }}}}")))
                .collect(),
        };
        let args: Vec<(&str, String)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let render = |src: &str, field: &str| {
            wording::render_notice(kind, src, lang, &args).map_err(|e| {
                ServiceError::Invalid(vec![
                    Invalid::new(field, "template-refused").with_detail(&e.0),
                ])
            })
        };
        Ok(PreviewView {
            subject: one_line(&render(&req.subject, "subject")?),
            body: render(&req.text, "text")?,
            real: real.is_some(),
        })
    }

    /// Sends the preview to the office member's own address, marked as a test.
    pub async fn test_notice(&self, actor: &Actor, key: &str, req: &TryRequest) -> Result<String> {
        let preview = self.preview_notice(actor, key, req).await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let me = db::users::find(&mut tx, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        let lang = lang_field(&req.lang)?;
        let tr = Tr::new(lang);
        let subject = tr.with("notice-test-subject", &[("subject", preview.subject)]);
        let dedupe = format!("notice-test:{key}:{}:{now}", me.id);
        db::outbox::enqueue(
            &mut tx,
            &me.email,
            &subject,
            &preview.body,
            "notice-test",
            &dedupe,
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "notice.test",
            ("notice", key),
            serde_json::json!({ "lang": lang.code() }),
        )
        .await?;
        tx.commit().await?;
        Ok(me.email)
    }
}
