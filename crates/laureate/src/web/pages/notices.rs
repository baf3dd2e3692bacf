//! The office's pages for the wording of notices: every notice with its fields, and an editor
//! per notice with both languages side by side, a preview on the newest real notice, a test
//! sent to oneself, and going back to the standard wording.

use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::{Lang, Tr};
use crate::service::templates::{PreviewView, TemplateRequest, TemplateView, TryRequest};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notices", get(notices_page))
        .route("/notices/{notice}", get(notice_page).post(notice_form))
}

/// A notice's name in the reader's language.
fn title(t: &Tr, key: &str) -> String {
    t.lookup(&format!("notice-name-{key}"), &[])
        .unwrap_or_else(|| key.to_owned())
}

pub struct NoticeLine {
    key: String,
    title: String,
    fields: Vec<String>,
    edited_en: bool,
    edited_zh: bool,
}

#[cfg(test)]
mod tests {
    use super::NoticeForm;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn a_language_left_empty_is_tried_with_the_standard_wording() {
        let form = NoticeForm {
            subject_en: "Results {{ year }}".into(),
            text_en: "{{ link }}".into(),
            ..NoticeForm::default()
        };
        let en = form.tried("results", Lang::En);
        assert_eq!(
            (en.subject.as_str(), en.text.as_str()),
            ("Results {{ year }}", "{{ link }}")
        );
        let zh = form.tried("results", Lang::Zh);
        assert_eq!(
            Some(zh.text),
            crate::wording::from_catalogue(Lang::Zh, "results", "body")
        );
        assert_eq!(zh.lang, "zh");
    }

    #[test]
    fn every_notice_has_a_name_in_both_languages() {
        for kind in crate::wording::kinds() {
            for lang in [Lang::En, Lang::Zh] {
                let key = format!("notice-name-{}", kind.key);
                assert!(Tr::new(lang).lookup(&key, &[]).is_some(), "{key} {lang:?}");
            }
        }
    }
}

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage {
    c: Chrome,
    rows: Vec<NoticeLine>,
}

async fn notices_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let rows = state
        .service
        .notices(&actor)
        .await?
        .into_iter()
        .map(|n| NoticeLine {
            title: title(&t, &n.key),
            fields: fields(&n.fields),
            key: n.key,
            edited_en: n.edited_en,
            edited_zh: n.edited_zh,
        })
        .collect();
    let page = NoticesPage {
        c: Chrome::new(&ctx, t.get("notices-title"), "dashboard"),
        rows,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Each field as the template writes it.
pub(super) fn fields(list: &[String]) -> Vec<String> {
    list.iter().map(|f| format!("{{{{ {f} }}}}")).collect()
}

/// One language's part of the editor.
pub struct LangPart {
    code: &'static str,
    legend: String,
    subject: String,
    text: String,
    edited: bool,
    preview: Option<PreviewView>,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    c: Chrome,
    key: String,
    title: String,
    fields: Vec<String>,
    flash: Option<String>,
    parts: Vec<LangPart>,
}

async fn notice_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Path(notice): Path<String>,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let view = state.service.notice_template(&actor, &notice).await?;
    let form = NoticeForm {
        subject_en: view.en.subject.clone(),
        text_en: view.en.body.clone(),
        subject_zh: view.zh.subject.clone(),
        text_zh: view.zh.body.clone(),
        ..NoticeForm::default()
    };
    let flash = flash(&ctx.tr, f.done.as_deref());
    Ok(editor(&ctx, &view, &form, flash, [None, None]))
}

fn editor(
    ctx: &PageCtx,
    view: &TemplateView,
    form: &NoticeForm,
    flash: Option<String>,
    previews: [Option<PreviewView>; 2],
) -> Response {
    let t = ctx.tr;
    let [en, zh] = previews;
    let page = NoticePage {
        c: Chrome::new(ctx, title(&t, &view.key), "dashboard"),
        key: view.key.clone(),
        title: title(&t, &view.key),
        fields: fields(&view.fields),
        flash,
        parts: vec![
            LangPart {
                code: "en",
                legend: t.get("notice-in-en"),
                subject: form.subject_en.clone(),
                text: form.text_en.clone(),
                edited: view.en.edited,
                preview: en,
            },
            LangPart {
                code: "zh",
                legend: t.get("notice-in-zh"),
                subject: form.subject_zh.clone(),
                text: form.text_zh.clone(),
                edited: view.zh.edited,
                preview: zh,
            },
        ],
    };
    render(ctx, StatusCode::OK, page)
}

#[derive(Debug, Default, Deserialize)]
struct NoticeForm {
    #[serde(default)]
    subject_en: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    subject_zh: String,
    #[serde(default)]
    text_zh: String,
    /// `save`, `preview`, `test` or `standard`.
    #[serde(default)]
    r#do: String,
}

impl NoticeForm {
    /// The wording to try in one language: as typed, or the standard one where both fields were
    /// left empty (which is what saving them empty means).
    fn tried(&self, key: &str, lang: Lang) -> TryRequest {
        let (subject, text) = match lang {
            Lang::En => (&self.subject_en, &self.text_en),
            Lang::Zh => (&self.subject_zh, &self.text_zh),
        };
        let standard =
            |part: &str| crate::wording::from_catalogue(lang, key, part).unwrap_or_default();
        let empty = subject.trim().is_empty() && text.trim().is_empty();
        TryRequest {
            lang: lang.code().to_owned(),
            subject: if empty {
                standard("subject")
            } else {
                subject.clone()
            },
            text: if empty {
                standard("body")
            } else {
                text.clone()
            },
        }
    }
}

/// A refusal of a try in one language, named at that language's field.
fn at_lang(e: crate::service::ServiceError, lang: Lang) -> crate::service::ServiceError {
    match e {
        crate::service::ServiceError::Invalid(list) => crate::service::ServiceError::Invalid(
            list.into_iter()
                .map(|mut i| {
                    i.field = format!("{}_{}", i.field, lang.code());
                    i
                })
                .collect(),
        ),
        other => other,
    }
}

async fn notice_form(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Path(notice): Path<String>,
    CsrfForm(form): CsrfForm<NoticeForm>,
) -> Result<Response, PageError> {
    let s = &state.service;
    match form.r#do.as_str() {
        "preview" | "test" => {
            let view = s.notice_template(&actor, &notice).await?;
            let mut previews = [None, None];
            let mut sent = None;
            for (i, lang) in [Lang::En, Lang::Zh].into_iter().enumerate() {
                let tried = form.tried(&notice, lang);
                if form.r#do == "test" {
                    sent = Some(
                        s.test_notice(&actor, &notice, &tried)
                            .await
                            .map_err(|e| at_lang(e, lang))?,
                    );
                }
                previews[i] = Some(
                    s.preview_notice(&actor, &notice, &tried)
                        .await
                        .map_err(|e| at_lang(e, lang))?,
                );
            }
            let flash = sent.map(|to| ctx.tr.with("notice-test-sent", &[("email", to)]));
            Ok(editor(&ctx, &view, &form, flash, previews))
        }
        "standard" => {
            s.save_notice_template(&actor, &notice, &TemplateRequest::default())
                .await?;
            Ok(Redirect::to(&format!("/notices/{notice}?done=notice-standard")).into_response())
        }
        _ => {
            let req = TemplateRequest {
                subject_en: form.subject_en,
                text_en: form.text_en,
                subject_zh: form.subject_zh,
                text_zh: form.text_zh,
            };
            s.save_notice_template(&actor, &notice, &req).await?;
            Ok(Redirect::to(&format!("/notices/{notice}?done=notice-saved")).into_response())
        }
    }
}
