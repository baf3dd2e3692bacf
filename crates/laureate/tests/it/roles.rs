//! Every route, called as every role and anonymously. Each route declares who may call it; a
//! route of the API that is missing from this table fails the test.

use crate::db_test;
use crate::flow::Flow;
use crate::route_table::*;
use crate::support::{Browser, TestApp};
use axum::http::{StatusCode, header};
use serde_json::json;
use std::collections::BTreeSet;

pub(crate) const ROLES: [&str; 8] = [
    "admin",
    "nominator",
    "reviewer",
    "committee",
    "awards_committee",
    "supervisor",
    "approver",
    "researcher",
];

pub(crate) fn email(role: &str) -> String {
    format!("{role}@roles.test")
}

/// The ids the table's paths need.
pub(crate) struct Fixture {
    cycle: i64,
    nomination: i64,
    ballot: i64,
    body: i64,
    attachment: i64,
    invitation: String,
    archive_request: i64,
    archive_opening: i64,
    conflict: i64,
    /// Two pairs of experts: the API merges the first, the page the second.
    experts: [i64; 4],
}

/// A cycle in the committee phase with one reviewed nomination, with evidence, on an open ballot;
/// the registry; an invitation.
pub(crate) async fn fixture(app: &TestApp) -> Fixture {
    let f = Flow::new(app).await;
    let r = f
        .post(
            &f.nominator,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            crate::flow::dossier("Role Example"),
        )
        .await;
    let id = r.json["id"].as_i64().unwrap();
    let nominator = app
        .service
        .session(&f.nominator)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let attachment = app
        .service
        .attach(&nominator, id, "letter.pdf", b"%PDF-1.4 evidence")
        .await
        .unwrap()
        .id;
    crate::flow::ok(&f.act(&f.nominator, id, "submit").await, "submit");
    f.to_committee(&[id]).await;
    // The same role accounts as the flow's, under the emails this table uses; this table's
    // committee member sits on the evaluation committee, so is on the ballot.
    for role in ROLES {
        app.user(role, &email(role)).await;
    }
    app.service
        .appoint(
            laureate::service::Who::Cli,
            "evaluation",
            &laureate::service::committees::AppointRequest {
                email: email("committee"),
                position: laureate_domain::committees::Position::Member,
                starts_on: None,
                program: None,
                discipline_group: None,
            },
        )
        .await
        .unwrap();
    let ballot = f.open_ballot(None).await;
    // A meeting of the evaluation committee (meeting 1), which this table's member attended.
    let meeting = f
        .post(
            &f.admin,
            &format!("/api/v1/cycles/{}/meetings", f.cycle_id),
            serde_json::json!({
                "committee": "evaluation", "held_on": chrono::Utc::now().date_naive().to_string(),
                "place": "Beijing", "agenda": "The ballot.", "attendance": [email("committee")],
            }),
        )
        .await;
    assert_eq!(meeting.json["id"], 1, "{}", meeting.text);
    // This table's committee member has declared their interests, so may vote.
    let member = app.token(&email("committee")).await;
    crate::flow::ok(
        &f.post(
            &member,
            &format!("/api/v1/ballots/{ballot}/declaration"),
            serde_json::json!({}),
        )
        .await,
        "declare",
    );
    let laureate = app
        .service
        .import_laureates(
            laureate::service::Who::Cli,
            include_bytes!("../../../../data/recipients.csv"),
        )
        .await
        .unwrap();
    assert!(laureate.added > 0);
    // The flow's nominator owns the nomination; give this table's nominator the same body.
    let body = nominator.body_id.unwrap().0;
    sqlx::query("UPDATE users SET body_id = $1 WHERE email = $2")
        .bind(body)
        .bind(email("nominator"))
        .execute(app.service.db().pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO reviews (nomination_id, reviewer_id, assigned_at) SELECT $1, id, '2026-01-01T00:00:00.000000Z' FROM users WHERE email = $2")
        .bind(id)
        .bind(email("reviewer"))
        .execute(app.service.db().pool())
        .await
        .unwrap();
    let invitation = app
        .service
        .invite(
            laureate::service::Who::Cli,
            body,
            &laureate::service::roster::InvitationRequest {
                email: "invitee@roles.test".into(),
                lang: "en".into(),
            },
        )
        .await
        .unwrap()
        .token;
    // A cycle (of the award year 2000) closed in 1970, long past its sealing period, with a researcher's request.
    let admin = app.service.session(&f.admin).await.unwrap().unwrap().actor;
    let old = app
        .service
        .open_cycle(
            &admin,
            laureate::service::cycles::OpenCycleRequest {
                award_year: 2000,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // Every phase of it, to the close, long ago.
    sqlx::query(
        "UPDATE cycle_phases SET starts_at = '1970-01-01T00:00:00.000000Z', began_at = '1970-01-01T00:00:00.000000Z' WHERE cycle_id = $1",
    )
    .bind(old.id)
    .execute(app.service.db().pool())
    .await
    .unwrap();
    let researcher = app
        .service
        .session(&app.token(&email("researcher")).await)
        .await
        .unwrap()
        .unwrap()
        .actor;
    let archive_request = app
        .service
        .apply_for_archive(
            &researcher,
            old.id,
            &laureate::service::archive::ArchiveRequestInput {
                purpose: "history of the award".into(),
                scope: Vec::new(),
            },
        )
        .await
        .unwrap()
        .id;
    let archive_opening = app
        .service
        .open_archive(
            &admin,
            old.id,
            &laureate::service::archive::ArchiveOpeningInput {
                basis: "audit".into(),
                reference: "A-1".into(),
                reason: "every route, every role".into(),
                expires_on: String::new(),
            },
        )
        .await
        .unwrap()
        .id;
    // This table's reviewer is assigned and has declared, so may open the dossier.
    let reviewer = app
        .service
        .session(&app.token(&email("reviewer")).await)
        .await
        .unwrap()
        .unwrap()
        .actor;
    app.service
        .declare(
            &reviewer,
            id,
            &laureate::service::conflicts::DeclarationRequest {
                has_conflict: false,
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let mut experts = [0; 4];
    for (i, e) in experts.iter_mut().enumerate() {
        let req = laureate::service::experts::ExpertRequest {
            name_en: format!("Pool Expert {i}"),
            email: format!("pool{i}@roles.test"),
            ..Default::default()
        };
        *e = app
            .service
            .create_expert(laureate::service::Who::Cli, &req)
            .await
            .unwrap()
            .id;
    }
    let conflict = app
        .service
        .add_conflict(
            &admin,
            &laureate::service::conflicts::ManualConflictRequest {
                expert_id: experts[0],
                nomination_id: id,
                detail: "known".into(),
            },
        )
        .await
        .unwrap()
        .0;
    // An objection with a file, filed while the nomination was published, and the supervision
    // committee's report.
    sqlx::query("INSERT INTO objections (receipt, cycle_id, nomination_id, objector_kind, objector_name, contact_email, grounds, statement, fingerprint, status, created_at, updated_at) VALUES ('OBJ-2026-ROLES', $1, $2, 'person', 'Objector', 'objector@roles.test', 'integrity', 'statement', 'fp', 'received', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')")
        .bind(f.cycle_id)
        .bind(id)
        .execute(app.service.db().pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO objection_files (objection_id, filename, content_type, size_bytes, sha256, data, created_at) SELECT id, 'o.pdf', 'application/pdf', 3, 'x', $1, '2026-01-01T00:00:00.000000Z' FROM objections WHERE receipt = 'OBJ-2026-ROLES'")
        .bind(b"%PDF".to_vec())
        .execute(app.service.db().pool())
        .await
        .unwrap();
    let supervisor = app
        .service
        .session(&app.token(&email("supervisor")).await)
        .await
        .unwrap()
        .unwrap()
        .actor;
    app.service
        .write_supervision_report(&supervisor, f.cycle_id, "All stages were followed.")
        .await
        .unwrap();
    // A revocation case on the registry's first laureate, awaiting answers.
    let case = app
        .service
        .open_revocation(
            &admin,
            1,
            &laureate::service::revocations::OpenRevocationRequest {
                ground: laureate_domain::revocations::RevocationGround::Fraud,
                statement: "Falsified letters.".into(),
                summary_en: "Fraud".into(),
                summary_zh: "弄虚作假".into(),
                respond_by: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(case.id, 1);
    Fixture {
        cycle: f.cycle_id,
        nomination: id,
        ballot,
        body,
        attachment,
        invitation,
        archive_request,
        archive_opening,
        conflict,
        experts,
    }
}

/// Every page of the site, each once, with the first reader that may open it: anonymous, then
/// each role in turn. The page walks (phone widths, accessibility, Chinese text) read them so.
pub(crate) fn pages_by_reader(fx: &Fixture) -> Vec<(Option<&'static str>, Vec<String>)> {
    let mut seen = BTreeSet::new();
    std::iter::once(None)
        .chain(ROLES.iter().map(|r| Some(*r)))
        .map(|reader| {
            let pages = readable_pages(reader, &mut seen)
                .iter()
                .map(|r| concrete(r.path, fx))
                .collect();
            (reader, pages)
        })
        .collect()
}

pub(crate) fn concrete(path: &str, fx: &Fixture) -> String {
    if path.contains("rules/{id}") || path.contains("rule-sets/{id}") {
        return path.replace("{id}", "istc-2025");
    }
    if path.contains("programs/{id}") {
        return path.replace("{id}", "highest");
    }
    let id = if path.contains("archive/requests/") {
        fx.archive_request
    } else if path.contains("archive/openings/") {
        fx.archive_opening
    } else if path.contains("conflicts/{id}/dismiss") {
        fx.conflict
    } else if path.starts_with("/api/v1/cycles")
        || path.starts_with("/cycles")
        || path.starts_with("/archive/cycles")
    {
        fx.cycle
    } else if path.contains("ballots/") {
        fx.ballot
    } else if path.contains("nominations/") {
        fx.nomination
    } else if path.contains("bodies/") || path.contains("roster/") {
        fx.body
    } else {
        1
    };
    path.replace("{id}", &id.to_string())
        .replace("{action}", "accept")
        .replace("{attachment}", &fx.attachment.to_string())
        .replace("{token}", &fx.invitation)
        .replace("{receipt}", "OBJ-2026-ROLES")
        .replace("{committee}", "evaluation")
        .replace("{year}", "2026")
        .replace("{code}", "AAAA-BBBB-CCCC")
        .replace("{laureate}", "1")
        .replace("{notice}", "results")
        .replace("{key_id}", "no-such-key")
}

/// A multipart body with a small PDF, for the upload routes.
fn multipart(csrf: &str) -> (String, Vec<u8>) {
    let boundary = "XyZboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--{boundary}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    auth: Option<(&str, &str)>,
    content_type: &str,
    body: Vec<u8>,
) -> crate::support::Reply {
    let mut req = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "localhost");
    if let Some((name, value)) = auth {
        req = req.header(name, value);
    }
    if !body.is_empty() {
        req = req.header(header::CONTENT_TYPE, content_type);
    }
    app.send(req.body(axum::body::Body::from(body)).unwrap())
        .await
}

/// Calls an API route with one body that every request type accepts (unknown fields are
/// ignored), so that authorization, not validation, decides the answer.
async fn api_call(
    app: &TestApp,
    route: &Route,
    path: &str,
    auth: Option<(&str, &str)>,
    fx: &Fixture,
) -> crate::support::Reply {
    let nomination = fx.nomination;
    if route.path.ends_with("/attachments") {
        let (ct, body) = multipart("");
        send(app, route.method, path, auth, &ct, body).await
    } else if route.method == "GET" {
        send(app, route.method, path, auth, "", Vec::new()).await
    } else {
        // One body that every request type of the API accepts (unknown fields are
        // ignored; a few routes take their own values of a shared field), so that
        // authorization, not validation, decides the answer.
        let body = json!({
            "award_year": 2030, "kind": "individual", "name_en": "X", "country": "DE",
            "categories": ["joint_research"], "version": 1, "reason": "r", "reviewer_id": 1,
            "score": 50, "comment": "c", "nomination_id": nomination, "vote": "yes",
            "note": "n", "document": "d", "email": email("admin"), "password": crate::support::PASSWORD,
            "class": "university", "starts_on": "2026-01-01", "display_name": "Invitee",
            "name_zh": "", "field": "f", "affiliation": "a", "ceremony_place": "p", "source_url": "",
            "purpose": "p", "grant": true, "criteria": {}, "has_conflict": false,
            "mode": "optimal", "demand": 1, "max_load": 1, "from": fx.experts[0], "into": fx.experts[1],
            "expert_id": fx.experts[0], "detail": "d", "text": "t", "body": "b",
            "position": "member", "ground": "fraud", "statement": "s", "summary_en": "s",
            "summary_zh": "s", "party": "laureate", "revoke": true, "submit": true, "role": "committee",
            "held_on": "2027-01-10", "place_kind": "other", "place_en": "x",
            "laureate_id": 1, "attendance": "in_person", "item": "certificate",
            "state": "presented",
        });
        let mut body = body;
        for (key, value) in shape_for(route.path) {
            body[key] = json!(value);
        }
        // A meeting's attendance is a list of addresses.
        if route.path.ends_with("/meetings") {
            body["attendance"] = json!([]);
        }
        send(
            app,
            route.method,
            path,
            auth,
            "application/json",
            body.to_string().into_bytes(),
        )
        .await
    }
}

/// The values a route's request type takes where the shared body's would not parse:
/// its fields are typed, and a wrong kind is refused before anyone is asked who sent it.
fn shape_for(path: &str) -> &'static [(&'static str, &'static str)] {
    if path.ends_with("/sanctions") {
        &[("kind", "suspension")]
    } else if path.ends_with("/integrity") {
        &[("kind", "misconduct_ban")]
    } else if path.contains("/objections/") {
        &[("action", "dismiss")]
    } else if path.ends_with("/compromise") {
        &[("from", "2026-01-01")]
    } else if path.ends_with("/reply") {
        &[("reply", "attending")]
    } else if path.ends_with("/extensions") {
        &[("kind", "nomination"), ("until", "2030-01-01T00:00:00Z")]
    } else {
        &[]
    }
}

/// Calls a page route as a browser with the given session, with one form every page accepts.
async fn page_call(
    app: &TestApp,
    route: &Route,
    path: &str,
    browser: &Browser,
    fx: &Fixture,
) -> crate::support::Reply {
    let nomination = fx.nomination;
    let (cookies, csrf) = (browser.cookies.clone(), browser.csrf.clone());
    let cookie_header = (!cookies.is_empty()).then_some(("cookie", cookies.as_str()));
    if route.path.ends_with("/attachments") {
        let (ct, body) = multipart(&csrf);
        send(app, route.method, path, cookie_header, &ct, body).await
    } else if route.method == "POST" {
        let form = format!(
            "csrf={csrf}&reason=r&note=n&document=d&award_year=2030&vote=yes&nomination_id={nomination}&reviewer_id=1&score=50&comment=c&kind=individual&name_en=X&country=DE&categories=joint_research&version=1&email=x%40roles.test&class=university&starts_on=2026-01-01&display_name=Invitee&password=correct+horse+battery&purpose=p&grant=yes&field=f&affiliation=a&from={}&into={}&expert_id={}&detail=d&mode=optimal&demand=1&max_load=1&min_load=0&step=preview&conflict=no&csv=&position=member&ground=fraud&statement=s&summary_en=s&summary_zh=s&party=laureate&revoke=yes&submit=yes&role=committee&held_on=2027-01-10&place_kind=other&place_en=x&laureate_id=1&attendance=in_person&confirm=yes",
            fx.experts[2], fx.experts[3], fx.experts[0]
        );
        let mut form = form;
        // A route's own value replaces the shared one: a field given twice is refused.
        for (key, value) in shape_for(route.path) {
            let shared = format!("&{key}=");
            if let Some(at) = form.find(&shared) {
                let end = form[at + 1..].find('&').map_or(form.len(), |e| at + 1 + e);
                form.replace_range(at..end, &format!("&{key}={value}"));
            } else {
                form.push_str(&format!("&{key}={value}"));
            }
        }
        app.page(route.method, path, &cookies, Some(&form)).await
    } else {
        app.page(route.method, path, &cookies, None).await
    }
}

db_test!(
    every_route_answers_every_role_as_it_declares,
    |app| async move {
        let fx = fixture(&app).await;
        let mut failures = Vec::new();
        let mut checked = 0;
        for role in std::iter::once(None).chain(ROLES.iter().map(|r| Some(*r))) {
            // A fresh session per role, so a logout in the table does not end the others.
            let token = match role {
                Some(r) => Some(app.token(&email(r)).await),
                None => None,
            };
            for route in API {
                let path = concrete(route.path, &fx);
                let bearer = token.as_ref().map(|t| format!("Bearer {t}"));
                let auth = bearer.as_deref().map(|b| ("authorization", b));
                let reply = api_call(&app, route, &path, auth, &fx).await;
                checked += 1;
                let status = reply.status;
                let ok = if allowed(route.who, role) {
                    status != StatusCode::UNAUTHORIZED
                        && status != StatusCode::FORBIDDEN
                        && (status != StatusCode::NOT_FOUND || may_be_absent(&path))
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
            // Anonymous forms carry the double-submit token of the form cookie. The browser signs
            // in after the API calls, one of which signs out every other session.
            let browser: Browser = match role {
                Some(r) => app.browser_login(&email(r)).await,
                None => {
                    let login = app.page("GET", "/login", "", None).await;
                    Browser {
                        cookies: format!(
                            "laureate_form={}",
                            login.cookie("laureate_form").unwrap()
                        ),
                        csrf: login.csrf(),
                    }
                }
            };
            for route in PAGES {
                let path = concrete(route.path, &fx);
                let reply = page_call(&app, route, &path, &browser, &fx).await;
                checked += 1;
                let status = reply.status;
                let to_login =
                    status == StatusCode::SEE_OTHER && reply.location().starts_with("/login");
                let ok = if allowed(route.who, role) {
                    !to_login
                        && status != StatusCode::FORBIDDEN
                        && status != StatusCode::UNAUTHORIZED
                        && (status != StatusCode::NOT_FOUND || may_be_absent(&path))
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
        // Every refusal was said in words, in both languages: no message key left untranslated.
        let missing = laureate::i18n::missing_keys();
        assert!(missing.is_empty(), "answers showed raw keys: {missing:?}");
    }
);

/// A stranger to an object learns nothing of it: 404, as for an id that does not exist; a route
/// the role may never call at all may say 403 instead.
fn kept_out(status: StatusCode, route: &Route, role: &str) -> bool {
    status == StatusCode::NOT_FOUND
        || (status == StatusCode::FORBIDDEN && !allowed(route.who, Some(role)))
}

db_test!(
    a_nominator_of_another_body_and_an_unassigned_expert_find_no_such_nomination,
    |app| async move {
        let fx = fixture(&app).await;
        let strangers = [
            ("nominator", "other.body@roles.test"),
            ("reviewer", "unassigned@roles.test"),
        ];
        let mut failures = Vec::new();
        let mut checked = 0;
        for (role, address) in strangers {
            let token = app.login_as(role, address).await;
            let bearer = format!("Bearer {token}");
            let browser = app.browser_login(address).await;
            // Every route about the fixture's nomination, but the public ones (its objection
            // form): the owner's role may call it, this account may not even learn it exists.
            let about_it =
                |r: &&Route| r.path.contains("nominations/{id}") && !matches!(r.who, Who::Anyone);
            for route in API.iter().filter(about_it) {
                let path = concrete(route.path, &fx);
                let reply =
                    api_call(&app, route, &path, Some(("authorization", &bearer)), &fx).await;
                checked += 1;
                if !kept_out(reply.status, route, role) {
                    failures.push(format!("{role} {} {path}: {}", route.method, reply.status));
                }
            }
            for route in PAGES.iter().filter(about_it) {
                let path = concrete(route.path, &fx);
                let reply = page_call(&app, route, &path, &browser, &fx).await;
                checked += 1;
                if !kept_out(reply.status, route, role) {
                    failures.push(format!("{role} {} {path}: {}", route.method, reply.status));
                }
                assert!(
                    !reply.text.contains("Role Example"),
                    "{path} names the candidate"
                );
            }
        }
        assert!(checked > 20, "only {checked} calls");
        assert!(
            failures.is_empty(),
            "{} of {checked} calls let a stranger near the nomination:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
);

#[tokio::test]
async fn every_api_route_of_the_openapi_document_is_in_the_table() {
    let (_, openapi) = laureate::web::api::router(&laureate_domain::Programs::shipped());
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

/// The document tells a caller who may call each operation, in the words of the API: a public
/// operation says `public`, one any signed-in caller may make says so, and the others name the
/// role codes the table above declares (and which the calls above prove) — no more, no fewer,
/// except where the path names the move and each move has its own roles.
#[tokio::test]
async fn every_operation_of_the_document_names_who_may_call_it() {
    let (_, openapi) = laureate::web::api::router(&laureate_domain::Programs::shipped());
    let doc = serde_json::to_value(&openapi).expect("the document as JSON");
    let mut wrong = Vec::new();
    for route in API {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        let text = format!(
            "{} {}",
            op["summary"].as_str().unwrap_or_default(),
            op["description"].as_str().unwrap_or_default()
        );
        let named: BTreeSet<&str> = ROLES
            .iter()
            .copied()
            .filter(|r| text.contains(&format!("`{r}`")))
            .collect();
        let ok = match route.who {
            Who::Anyone => text.contains("public") && named.is_empty(),
            Who::SignedIn => text.contains("any signed-in caller"),
            Who::Roles(roles) if route.path.contains("{action}") => {
                roles.iter().all(|r| named.contains(r))
            }
            Who::Roles(roles) => named == roles.iter().copied().collect(),
        };
        if !ok {
            let expected = match route.who {
                Who::Anyone => "public".to_owned(),
                Who::SignedIn => "any signed-in caller".to_owned(),
                Who::Roles(roles) => roles.join(", "),
            };
            wrong.push(format!(
                "{} {}: says {named:?}, should say {expected}\n    {}",
                route.method,
                route.path,
                text.trim()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} operations do not say who may call them:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
