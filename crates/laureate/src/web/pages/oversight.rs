//! The oversight record (`/audit`): the audit log searched by who acted, the action, the record
//! acted on and a range of days, a page at a time, each entry linked to its record, and the same
//! search as CSV. For the office and the supervision committee.

use super::view::Choice;
use super::{Chrome, PageError, Pager, render};
use crate::service::audit::{AuditEntryView, AuditQuery};
use crate::service::paging::Paging;
use crate::web::AppState;
use crate::web::auth::SignedIn;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use laureate_domain::archive::AUDIT_SUBJECTS;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(audit_page))
        .route("/audit/export.csv", get(audit_csv))
}

#[derive(Debug, Default, Deserialize)]
struct AuditParams {
    #[serde(flatten)]
    query: AuditQuery,
    #[serde(default)]
    page: Option<String>,
}

pub struct EntryRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// The record's own page, where it has one.
    pub link: Option<String>,
    pub payload: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    q: AuditQuery,
    subjects: Vec<Choice>,
    entries: Vec<EntryRow>,
    total: u64,
    pager: Option<Pager>,
    export: String,
}

/// The page of a record an audit entry is about, where it has one.
fn subject_link(e: &AuditEntryView) -> Option<String> {
    let id: i64 = e.subject_id.parse().ok()?;
    Some(match e.subject_type.as_str() {
        "nomination" => format!("/nominations/{id}"),
        "cycle" => format!("/cycles/{id}"),
        "laureate" => format!("/laureates/{id}"),
        "revocation" => format!("/revocations/{id}"),
        "ballot" => format!("/audit?subject_type=ballot&subject_id={id}"),
        "meeting" => format!("/meetings/{id}"),
        "archive_request" => "/archive".to_owned(),
        "archive_opening" => "/archive#openings".to_owned(),
        _ => return None,
    })
}

/// The query as it stands in a link: the filters given, each encoded.
fn query_string(q: &AuditQuery) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("actor", &q.actor),
        ("action", &q.action),
        ("subject_type", &q.subject_type),
        ("subject_id", &q.subject_id),
        ("since", &q.since),
        ("until", &q.until),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            out.append_pair(name, v);
        }
    }
    out.finish()
}

async fn audit_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(params): Query<AuditParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let page = params
        .page
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let found = state
        .service
        .audit_search(&actor, &params.query, Paging { page, per_page: 50 })
        .await?;
    let query = query_string(&params.query);
    let path = if query.is_empty() {
        "/audit".to_owned()
    } else {
        format!("/audit?{query}")
    };
    let entries = found
        .items
        .iter()
        .map(|e| EntryRow {
            seq: e.seq,
            at: t.when(&e.at),
            actor: e.actor_email.clone().unwrap_or_else(|| e.actor.clone()),
            action: e.action.clone(),
            subject: format!(
                "{} {}",
                t.get(&format!("audit-subject-{}", e.subject_type)),
                e.subject_id
            ),
            link: subject_link(e),
            payload: e.payload.to_string(),
        })
        .collect();
    let subjects = AUDIT_SUBJECTS
        .iter()
        .map(|(s, _)| Choice::new(*s, t.get(&format!("audit-subject-{s}"))))
        .collect();
    let view = AuditPage {
        c: Chrome::new(&ctx, t.get("oversight-title"), "dashboard"),
        subjects,
        entries,
        total: found.total,
        pager: Pager::new(&t, &path, found.page, found.per_page, found.total),
        export: if query.is_empty() {
            "/audit/export.csv".to_owned()
        } else {
            format!("/audit/export.csv?{query}")
        },
        q: params.query,
    };
    Ok(render(&ctx, StatusCode::OK, view))
}

async fn audit_csv(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Query(params): Query<AuditParams>,
) -> Result<Response, PageError> {
    let body = state.service.audit_csv(&actor, &params.query).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit.csv\"".to_owned(),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Tr};
    use laureate_domain::archive::AUDIT_SUBJECTS;

    #[test]
    fn every_kind_of_record_is_named_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let t = Tr::new(lang);
            for (subject, _) in AUDIT_SUBJECTS {
                assert!(
                    t.lookup(&format!("audit-subject-{subject}"), &[]).is_some(),
                    "{lang:?}: {subject}"
                );
            }
        }
    }
}
