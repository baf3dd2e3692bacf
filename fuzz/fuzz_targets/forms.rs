//! The form and JSON decoders behind every state-changing route: any body, posted by a signed-in
//! office user or nominator to the real router over a demo database, gets an answer below 500.
//! The first byte picks the route and the account, the rest is the body.

#![no_main]

use axum::body::Body;
use axum::http::{Request, header};
use laureate::db::{Db, migrate};
use laureate::service::Service;
use laureate::web::{AppState, router};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tower::ServiceExt;

/// Page routes that take a form (`application/x-www-form-urlencoded`).
const FORMS: &[&str] = &[
    "/login",
    "/cycles",
    "/cycles/1/advance",
    "/cycles/1/publish",
    "/cycles/1/ballots",
    "/cycles/1/nominations",
    "/nominations/1",
    "/nominations/1/actions/submit",
    "/nominations/1/actions/accept",
    "/nominations/2/actions/return",
    "/nominations/1/reviewers",
    "/nominations/1/review",
    "/ballots/1/votes",
    "/committees/evaluation/terms",
    "/committee-terms/1/end",
    "/laureates/1/revocations",
    "/revocations/1/answers",
    "/ceremonies",
    "/ceremonies/1/honorees",
    "/experts",
    "/experts/merge",
    "/conflicts/1/dismiss",
    "/cycles/1/assignment",
    "/objections/1/handle",
    "/objections/1/respond",
    "/cycles/1/supervision-report",
    "/laureates/1/corrections",
    "/archive/cycles/1/requests",
    "/roster",
    "/roster/1/invitations",
    "/roster/1/sanctions",
    "/integrity",
];

/// API routes that take JSON.
const JSON: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/cycles",
    "/api/v1/cycles/1/nominations",
    "/api/v1/nominations/1/actions/submit",
    "/api/v1/nominations/1/objections",
    "/api/v1/nominations/1/reviews",
    "/api/v1/nominations/1/declaration",
    "/api/v1/cycles/1/assignment/preview",
    "/api/v1/cycles/1/ballots",
    "/api/v1/ballots/1/votes",
    "/api/v1/experts",
    "/api/v1/bodies",
    "/api/v1/ceremonies",
    "/api/v1/committees/awards/terms",
    "/api/v1/laureates/1/revocations",
    "/api/v1/integrity",
];

struct Session {
    token: String,
    csrf: String,
}

struct Harness {
    rt: tokio::runtime::Runtime,
    app: axum::Router,
    office: Session,
    nominator: Session,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let path = std::env::temp_dir().join(format!("laureate_fuzz_{}.db", std::process::id()));
        let (service, office, nominator) = rt.block_on(async {
            let db = Db::connect(&format!("sqlite://{}", path.display()))
                .await
                .expect("a database");
            migrate::run(&db).await.expect("migrations");
            let service = Service::new(db);
            laureate::demo::seed(&service).await.expect("demo data");
            let mut sessions = Vec::new();
            for email in ["office@demo.laureate", "nominator@demo.laureate"] {
                let s = service
                    .login(email, laureate::demo::DEMO_PASSWORD, "fuzz")
                    .await
                    .expect("a demo login");
                sessions.push(Session {
                    token: s.token,
                    csrf: s.session.csrf_token,
                });
            }
            let nominator = sessions.pop().expect("two sessions");
            let office = sessions.pop().expect("two sessions");
            (service, office, nominator)
        });
        let app = router(AppState::new(service));
        Harness {
            rt,
            app,
            office,
            nominator,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let h = harness();
    let who = if pick & 0x80 == 0 {
        &h.office
    } else {
        &h.nominator
    };
    let pick = usize::from(pick & 0x7f);
    let request = if pick < FORMS.len() * 2 {
        let path = FORMS[pick % FORMS.len()];
        let mut form = format!("csrf={}&", who.csrf).into_bytes();
        form.extend_from_slice(body);
        Request::post(path)
            .header(header::COOKIE, format!("laureate_session={}", who.token))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
    } else {
        Request::post(JSON[pick % JSON.len()])
            .header(header::AUTHORIZATION, format!("Bearer {}", who.token))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_vec()))
    }
    .expect("a request");
    let path = request.uri().path().to_owned();
    let response =
        h.rt.block_on(h.app.clone().oneshot(request))
            .expect("the router answers");
    assert!(
        !response.status().is_server_error(),
        "{path} answered {} to {:?}",
        response.status(),
        String::from_utf8_lossy(body)
    );
});
