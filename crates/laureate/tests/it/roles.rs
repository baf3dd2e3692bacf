//! Every route, called as every role and anonymously. Each route declares who may call it; a
//! route of the API that is missing from this table fails the test.

use crate::db_test;
use crate::flow::Flow;
use crate::support::{Browser, TestApp};
use axum::http::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;

const ROLES: [&str; 7] = [
    "admin",
    "nominator",
    "reviewer",
    "committee",
    "awards_committee",
    "supervisor",
    "approver",
];

#[derive(Clone, Copy)]
enum Who {
    Anyone,
    SignedIn,
    Roles(&'static [&'static str]),
}

struct Route {
    method: &'static str,
    path: &'static str,
    who: Who,
    /// Roles for which the object is hidden: they get 404, as for an id that does not exist.
    hidden: &'static [&'static str],
}

const fn r(method: &'static str, path: &'static str, who: Who) -> Route {
    Route {
        method,
        path,
        who,
        hidden: &[],
    }
}

const fn h(
    method: &'static str,
    path: &'static str,
    who: Who,
    hidden: &'static [&'static str],
) -> Route {
    Route {
        method,
        path,
        who,
        hidden,
    }
}

const OFFICE: Who = Who::Roles(&["admin"]);
const OVERSIGHT: Who = Who::Roles(&["admin", "supervisor"]);
const BALLOT_READERS: Who = Who::Roles(&["admin", "supervisor", "committee"]);
/// Who may see the fixture's nomination, which is reviewed and on a ballot.
const NOMINATION_READERS: Who =
    Who::Roles(&["admin", "supervisor", "nominator", "reviewer", "committee"]);
const NOT_AT_THIS_STAGE: &[&str] = &["awards_committee", "approver"];

const API: &[Route] = &[
    r("GET", "/api/v1/laureates", Who::Anyone),
    r("GET", "/api/v1/laureates.csv", Who::Anyone),
    r("GET", "/api/v1/laureates/{id}", Who::Anyone),
    r("GET", "/api/v1/stats", Who::Anyone),
    r("POST", "/api/v1/auth/login", Who::Anyone),
    r("GET", "/api/v1/me", Who::SignedIn),
    r("GET", "/api/v1/cycles", Who::Anyone),
    r("POST", "/api/v1/cycles", OFFICE),
    r("GET", "/api/v1/cycles/{id}", Who::Anyone),
    r("POST", "/api/v1/cycles/{id}/advance", OFFICE),
    r("POST", "/api/v1/cycles/{id}/publish", OFFICE),
    r("POST", "/api/v1/cycles/{id}/start-review", OFFICE),
    r("POST", "/api/v1/cycles/{id}/complete-reviews", OFFICE),
    r("GET", "/api/v1/cycles/{id}/ballots", BALLOT_READERS),
    r("POST", "/api/v1/cycles/{id}/ballots", OFFICE),
    r(
        "POST",
        "/api/v1/cycles/{id}/resolution",
        Who::Roles(&["awards_committee"]),
    ),
    r("POST", "/api/v1/cycles/{id}/ministry-review", OFFICE),
    r(
        "POST",
        "/api/v1/cycles/{id}/approval",
        Who::Roles(&["approver"]),
    ),
    r("GET", "/api/v1/audit", OVERSIGHT),
    r("GET", "/api/v1/nominations", Who::SignedIn),
    r(
        "POST",
        "/api/v1/cycles/{id}/nominations",
        Who::Roles(&["nominator"]),
    ),
    h(
        "GET",
        "/api/v1/nominations/{id}",
        NOMINATION_READERS,
        NOT_AT_THIS_STAGE,
    ),
    h(
        "PUT",
        "/api/v1/nominations/{id}",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    h(
        "POST",
        "/api/v1/nominations/{id}/actions/{action}",
        OFFICE,
        NOT_AT_THIS_STAGE,
    ),
    r("POST", "/api/v1/nominations/{id}/reviewers", OFFICE),
    r("GET", "/api/v1/nominations/{id}/reviews", BALLOT_READERS),
    r(
        "POST",
        "/api/v1/nominations/{id}/reviews",
        Who::Roles(&["reviewer"]),
    ),
    r("GET", "/api/v1/reviews", Who::Roles(&["reviewer"])),
    r("GET", "/api/v1/ballots/{id}", BALLOT_READERS),
    r(
        "POST",
        "/api/v1/ballots/{id}/votes",
        Who::Roles(&["committee"]),
    ),
    r("POST", "/api/v1/ballots/{id}/close", OFFICE),
    // Last: it ends the session the rows above use.
    r("POST", "/api/v1/auth/logout", Who::SignedIn),
];

const PAGES: &[Route] = &[
    r("GET", "/", Who::Anyone),
    r("GET", "/laureates", Who::Anyone),
    r("GET", "/laureates/{id}", Who::Anyone),
    r("GET", "/history", Who::Anyone),
    r("GET", "/stats", Who::Anyone),
    r("GET", "/login", Who::Anyone),
    r("GET", "/verify/{id}", Who::Anyone),
    r("GET", "/healthz", Who::Anyone),
    r("GET", "/api/v1/openapi.json", Who::Anyone),
    r("GET", "/api/docs/", Who::Anyone),
    r("GET", "/dashboard", Who::SignedIn),
    r("POST", "/cycles", OFFICE),
    r("GET", "/cycles/{id}", OVERSIGHT),
    r("POST", "/cycles/{id}/advance", OFFICE),
    r("POST", "/cycles/{id}/publish", OFFICE),
    r("POST", "/cycles/{id}/start-review", OFFICE),
    r("POST", "/cycles/{id}/complete-reviews", OFFICE),
    r("POST", "/cycles/{id}/ballots", OFFICE),
    r(
        "POST",
        "/cycles/{id}/resolution",
        Who::Roles(&["awards_committee"]),
    ),
    r("POST", "/cycles/{id}/ministry-review", OFFICE),
    r("POST", "/cycles/{id}/approval", Who::Roles(&["approver"])),
    r(
        "GET",
        "/cycles/{id}/nominations/new",
        Who::Roles(&["nominator"]),
    ),
    r(
        "POST",
        "/cycles/{id}/nominations",
        Who::Roles(&["nominator"]),
    ),
    h(
        "GET",
        "/nominations/{id}",
        NOMINATION_READERS,
        NOT_AT_THIS_STAGE,
    ),
    h(
        "POST",
        "/nominations/{id}",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    h(
        "GET",
        "/nominations/{id}/edit",
        Who::Roles(&["nominator"]),
        NOT_AT_THIS_STAGE,
    ),
    h(
        "POST",
        "/nominations/{id}/actions/{action}",
        OFFICE,
        NOT_AT_THIS_STAGE,
    ),
    r("POST", "/nominations/{id}/reviewers", OFFICE),
    r(
        "POST",
        "/nominations/{id}/review",
        Who::Roles(&["reviewer"]),
    ),
    r("POST", "/ballots/{id}/votes", Who::Roles(&["committee"])),
    r("POST", "/ballots/{id}/close", OFFICE),
    // Last: it ends the session the rows above use.
    r("POST", "/logout", Who::SignedIn),
];

fn allowed(who: Who, role: Option<&str>) -> bool {
    match (who, role) {
        (Who::Anyone, _) => true,
        (Who::SignedIn, r) => r.is_some(),
        (Who::Roles(list), Some(r)) => list.contains(&r),
        (Who::Roles(_), None) => false,
    }
}

fn email(role: &str) -> String {
    format!("{role}@roles.test")
}

/// A cycle in the committee phase with one reviewed nomination on an open ballot.
async fn fixture(app: &TestApp) -> (i64, i64, i64) {
    let f = Flow::new(app).await;
    let id = f.nominate("Role Example").await;
    f.to_committee(&[id]).await;
    let ballot = f.open_ballot(None).await;
    let laureate = app
        .service
        .import_laureates(
            laureate::service::Who::Cli,
            include_bytes!("../../../../data/recipients.csv"),
        )
        .await
        .unwrap();
    assert!(laureate.added > 0);
    // The same role accounts as the flow's, under the emails this table uses.
    for role in ROLES {
        app.user(role, &email(role)).await;
    }
    // The flow's nominator owns the nomination; give this table's nominator the same body.
    sqlx::query("UPDATE users SET body_id = (SELECT body_id FROM users WHERE email = 'nominator@test.cn') WHERE email = $1")
        .bind(email("nominator"))
        .execute(app.service.db.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO reviews (nomination_id, reviewer_id, assigned_at) SELECT $1, id, '2026-01-01T00:00:00.000000Z' FROM users WHERE email = $2")
        .bind(id)
        .bind(email("reviewer"))
        .execute(app.service.db.pool())
        .await
        .unwrap();
    (f.cycle_id, id, ballot)
}

fn concrete(path: &str, cycle: i64, nomination: i64, ballot: i64) -> String {
    let id = if path.starts_with("/api/v1/cycles") || path.starts_with("/cycles") {
        cycle
    } else if path.contains("ballots/") {
        ballot
    } else if path.contains("nominations/") {
        nomination
    } else {
        1
    };
    path.replace("{id}", &id.to_string())
        .replace("{action}", "accept")
}

db_test!(
    every_route_answers_every_role_as_it_declares,
    |app| async move {
        let (cycle, nomination, ballot) = fixture(&app).await;
        let mut failures = Vec::new();
        let mut checked = 0;
        for role in std::iter::once(None).chain(ROLES.iter().map(|r| Some(*r))) {
            // A fresh session per role, so a logout in the table does not end the others.
            let token = match role {
                Some(r) => Some(app.token(&email(r)).await),
                None => None,
            };
            let browser: Option<Browser> = match role {
                Some(r) => Some(app.browser_login(&email(r)).await),
                None => None,
            };
            for route in API {
                let path = concrete(route.path, cycle, nomination, ballot);
                // One body that every request type of the API accepts (unknown fields are ignored), so
                // that authorization, not validation, decides the answer.
                let body = (route.method != "GET").then(|| {
                json!({
                    "award_year": 2030, "kind": "individual", "name_en": "X", "country": "DE",
                    "categories": ["joint_research"], "version": 1, "reason": "r", "reviewer_id": 1,
                    "score": 50, "comment": "c", "nomination_id": nomination, "vote": "yes",
                    "note": "n", "document": "d", "email": email("admin"), "password": crate::support::PASSWORD,
                })
            });
                let reply = app.call(route.method, &path, token.as_deref(), body).await;
                checked += 1;
                let status = reply.status;
                let ok = if allowed(route.who, role) {
                    status != StatusCode::UNAUTHORIZED
                        && status != StatusCode::FORBIDDEN
                        && status != StatusCode::NOT_FOUND
                } else if role.is_none() {
                    status == StatusCode::UNAUTHORIZED
                } else if route.hidden.contains(&role.unwrap_or("")) {
                    status == StatusCode::NOT_FOUND
                } else {
                    status == StatusCode::FORBIDDEN
                };
                if !ok {
                    failures.push(format!(
                        "{:?} {} {path}: {status} {}",
                        role,
                        route.method,
                        reply.text.chars().take(160).collect::<String>()
                    ));
                }
            }
            for route in PAGES {
                let path = concrete(route.path, cycle, nomination, ballot);
                let (cookies, csrf) = match &browser {
                    Some(b) => (b.cookies.clone(), b.csrf.clone()),
                    None => (String::new(), String::new()),
                };
                let form = (route.method == "POST").then(|| format!("csrf={csrf}&reason=r&note=n&document=d&award_year=2030&vote=yes&nomination_id={nomination}&reviewer_id=1&score=50&comment=c&kind=individual&name_en=X&country=DE&categories=joint_research&version=1"));
                let reply = app
                    .page(route.method, &path, &cookies, form.as_deref())
                    .await;
                checked += 1;
                let status = reply.status;
                let to_login =
                    status == StatusCode::SEE_OTHER && reply.location().starts_with("/login");
                let ok = if allowed(route.who, role) {
                    !to_login
                        && status != StatusCode::FORBIDDEN
                        && status != StatusCode::UNAUTHORIZED
                        && (status != StatusCode::NOT_FOUND || path.starts_with("/verify"))
                } else if role.is_none() {
                    to_login
                } else if route.hidden.contains(&role.unwrap_or("")) {
                    status == StatusCode::NOT_FOUND
                } else {
                    status == StatusCode::FORBIDDEN
                };
                if !ok {
                    failures.push(format!(
                        "{:?} {} {path}: {status} → {}",
                        role,
                        route.method,
                        reply.location()
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {checked} calls answered wrongly:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
);

#[tokio::test]
async fn every_api_route_of_the_openapi_document_is_in_the_table() {
    let (_, openapi) = laureate::web::api::router();
    let documented: BTreeSet<(String, String)> = openapi
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let mut methods = Vec::new();
            if item.get.is_some() {
                methods.push("GET")
            }
            if item.post.is_some() {
                methods.push("POST")
            }
            if item.put.is_some() {
                methods.push("PUT")
            }
            if item.delete.is_some() {
                methods.push("DELETE")
            }
            if item.patch.is_some() {
                methods.push("PATCH")
            }
            methods
                .into_iter()
                .map(move |m| (m.to_owned(), path.clone()))
        })
        .collect();
    let table: BTreeSet<(String, String)> = API
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&table).collect();
    let extra: Vec<_> = table.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes without a declared audience: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "table rows for routes that do not exist: {extra:?}"
    );
}
