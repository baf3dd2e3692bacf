//! Defects found by trying Laureate from outside, the integrity half, each tested as a class:
//! judgements without a declaration, what the registry keeps of a dossier, experts without an
//! account, constraints that answered 500, and repeats. `security.rs` has the other half.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::TestApp;
use axum::http::StatusCode;
use laureate::db::constraints::{UNIQUE_KEYS, Violation, violation};
use laureate::service::ServiceError;
use serde_json::{Value, json};
use sqlx::Row;

/// A cycle in the review phase with `n` accepted, published nominations under review.
async fn under_review(app: &TestApp, n: usize) -> (Flow<'_>, Vec<i64>) {
    let f = Flow::new(app).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let id = f.nominate(&format!("Candidate {i}")).await;
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        ids.push(id);
    }
    assert_eq!(f.advance().await, "formal_review");
    ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
    assert_eq!(f.advance().await, "review");
    ok(
        &f.step(&f.admin, "start-review", json!({})).await,
        "start review",
    );
    (f, ids)
}

fn criteria(each: i64) -> Value {
    json!({
        "significance-of-results": each, "depth-of-cooperation": each, "benefit-to-china": each,
    })
}

db_test!(
    no_score_is_recorded_from_an_expert_who_has_not_declared_or_declared_a_conflict,
    |app| async move {
        let (f, ids) = under_review(&app, 2).await;
        for id in &ids {
            ok(
                &f.post(
                    &f.admin,
                    &format!("/api/v1/nominations/{id}/reviewers"),
                    json!({ "reviewer_id": f.reviewer_id }),
                )
                .await,
                "assign",
            );
        }
        let score = |id: i64| {
            let f = &f;
            async move {
                f.post(
                    &f.reviewer,
                    &format!("/api/v1/nominations/{id}/reviews"),
                    json!({ "criteria": criteria(9), "comment": "Outstanding cooperation." }),
                )
                .await
            }
        };
        // Before any declaration: refused, and nothing counts.
        let early = score(ids[0]).await;
        assert_eq!(early.status, StatusCode::FORBIDDEN, "{}", early.text);
        assert_eq!(
            early.json["error"]["message"],
            "Declare your interests on this nomination before scoring it."
        );
        let reviews = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&f.admin),
                None,
            )
            .await;
        assert!(
            reviews.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["score"].is_null()),
            "{}",
            reviews.text
        );
        // A declared conflict rules the score out too.
        ok(
            &f.post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/declaration", ids[0]),
                json!({ "has_conflict": true, "note": "My former student." }),
            )
            .await,
            "declare a conflict",
        );
        let conflicted = score(ids[0]).await;
        assert_eq!(
            conflicted.status,
            StatusCode::CONFLICT,
            "{}",
            conflicted.text
        );
        assert_eq!(conflicted.json["error"]["code"], "declared-conflict");
        // Declared clear, the expert scores.
        f.review(ids[1], 8).await;
        let counted = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[1]),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(counted.json["items"][0]["score"], 80, "{}", counted.text);
        // The page refuses as the API does.
        let b = app.browser_login("expert@test.cn").await;
        let page = app
            .page(
                "POST",
                &format!("/nominations/{}/review", ids[0]),
                &b.cookies,
                Some(&format!(
                    "csrf={}&significance-of-results=9&depth-of-cooperation=9&benefit-to-china=9&comment=x",
                    b.csrf
                )),
            )
            .await;
        assert_ne!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    }
);

db_test!(
    no_vote_is_recorded_from_a_member_who_has_not_declared_or_declared_a_conflict,
    |app| async move {
        let f = Flow::new(&app).await;
        let a = f.nominate("Voted Example").await;
        let b = f.nominate("Declared Example").await;
        f.to_committee(&[a, b]).await;
        let opened = f.step(&f.admin, "ballots", json!({})).await;
        let ballot = opened.json["id"].as_i64().unwrap();
        let vote = |member: String, id: i64| {
            let f = &f;
            async move {
                f.post(
                    &member,
                    &format!("/api/v1/ballots/{ballot}/votes"),
                    json!({ "nomination_id": id, "vote": "yes" }),
                )
                .await
            }
        };
        let member = f.committee[0].clone();
        let undeclared = vote(member.clone(), a).await;
        assert_eq!(
            undeclared.status,
            StatusCode::FORBIDDEN,
            "{}",
            undeclared.text
        );
        // A conflict needs its note, and recuses the member from that item only.
        let bare = f
            .post(
                &member,
                &format!("/api/v1/ballots/{ballot}/declaration"),
                json!({ "conflicts": [b] }),
            )
            .await;
        assert_eq!(
            bare.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            bare.text
        );
        let declared = f
            .post(
                &member,
                &format!("/api/v1/ballots/{ballot}/declaration"),
                json!({ "conflicts": [b], "note": "We share a grant." }),
            )
            .await;
        ok(&declared, "declare");
        let again = f
            .post(
                &member,
                &format!("/api/v1/ballots/{ballot}/declaration"),
                json!({ "conflicts": [] }),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "a declaration is final");
        let recused = vote(member.clone(), b).await;
        assert_eq!(recused.status, StatusCode::CONFLICT, "{}", recused.text);
        assert_eq!(recused.json["error"]["code"], "recused");
        assert_eq!(vote(member.clone(), a).await.status, StatusCode::CREATED);
        let seen = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.admin),
                None,
            )
            .await;
        let item = seen.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["nomination_id"] == b)
            .unwrap()
            .clone();
        assert_eq!(item["recused"], 1);
        assert_eq!(item["recusals"][0]["reason"], "conflict-declared-ballot");
    }
);

db_test!(
    the_registry_record_of_an_approved_laureate_carries_what_the_dossier_said,
    |app| async move {
        let f = Flow::new(&app).await;
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                json!({
                    "kind": "individual",
                    "name_en": "Maria Keller",
                    "name_zh": "玛丽亚·凯勒",
                    "country": "DE",
                    "field": "materials science",
                    "affiliation": "Max Planck Institute for Solid State Research",
                    "categories": ["joint_research"],
                    "citation_en": "For twenty years of joint research on battery materials.",
                    "citation_zh": "表彰其二十年来在电池材料领域的合作研究。",
                }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        ok(&f.act(&f.nominator, id, "submit").await, "submit");
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes"; 3])]).await;
        f.close(ballot).await;
        ok(&f.decide().await, "approval");
        let listed = app
            .get("/api/v1/laureates?q=Maria%20Keller&year=2026")
            .await;
        let l = &listed.json["items"][0];
        assert_eq!(l["name_en"], "Maria Keller", "{}", listed.text);
        assert_eq!(l["name_zh"], "玛丽亚·凯勒");
        assert_eq!(
            l["affiliation"],
            "Max Planck Institute for Solid State Research"
        );
        assert_eq!(l["country"], "Germany");
        assert_eq!(l["field"], "materials science");
        assert_eq!(l["award_year"], 2026);
        assert_eq!(
            l["citation_en"],
            "For twenty years of joint research on battery materials."
        );
        assert_eq!(l["citation_zh"], "表彰其二十年来在电池材料领域的合作研究。");
        assert_eq!(l["nomination_id"], id);
        // The record's page shows the citation in the reader's language.
        let page = app.get(&format!("/laureates/{}?lang=zh", l["id"])).await;
        assert!(page.text.contains("表彰其二十年来"), "{}", page.text);
        // …and leads to the round's announcement, which lists it.
        assert!(
            page.text
                .contains("href=\"/announcements/2026?program=istc\""),
            "{}",
            page.text
        );
        let announcement = app.get("/announcements/2026").await;
        assert_eq!(announcement.status, StatusCode::OK);
        assert!(announcement.text.contains("Maria Keller"));
    }
);

db_test!(
    experts_without_an_account_are_listed_as_unavailable_and_the_binding_constraint_is_named,
    |app| async move {
        let (f, _ids) = under_review(&app, 2).await;
        for (name, email) in [
            ("No Account", "noaccount@test.cn"),
            ("Nor This", "nor@test.cn"),
        ] {
            let r = f
                .post(
                    &f.admin,
                    "/api/v1/experts",
                    json!({ "name_en": name, "email": email, "fields": ["physics"] }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        // The flow's reviewer has an account; link it to the pool as an expert.
        ok(
            &f.post(
                &f.admin,
                "/api/v1/experts",
                json!({ "name_en": "Has Account", "email": "expert@test.cn", "fields": ["physics"] }),
            )
            .await,
            "pool the reviewer",
        );
        let preview = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                json!({ "mode": "optimal", "demand": 1, "max_load": 2 }),
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
        let unavailable = preview.json["unavailable"].as_array().unwrap();
        let names: Vec<_> = unavailable
            .iter()
            .map(|u| {
                (
                    u["expert_name"].as_str().unwrap(),
                    u["reason"].as_str().unwrap(),
                )
            })
            .collect();
        assert!(names.contains(&("No Account", "no-account")), "{names:?}");
        assert!(names.contains(&("Nor This", "no-account")), "{names:?}");
        // Two nominations needing two experts each, with one expert able to take part: the
        // answer names the numbers, not a conflicted pair.
        let infeasible = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                json!({ "mode": "optimal", "demand": 2, "max_load": 2 }),
            )
            .await;
        assert_eq!(infeasible.status, StatusCode::CONFLICT);
        assert_eq!(infeasible.json["error"]["code"], "assignment-infeasible");
        let message = infeasible.json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("1 experts taking at most 2 dossiers each can take 2 in all")
                && message.contains("2 nominations need 2 experts each, 4 in all")
                && message.contains("2 experts of the pool have no reviewer's account"),
            "{message}"
        );
        let b = app.browser_login("office@test.cn").await;
        let zh = app
            .page(
                "POST",
                &format!("/cycles/{}/assignment?lang=zh", f.cycle_id),
                &b.cookies,
                Some(&format!(
                    "csrf={}&step=preview&mode=optimal&demand=2&max_load=2&min_load=0&seed=",
                    b.csrf
                )),
            )
            .await;
        assert!(zh.text.contains("专家人数不足"), "{}", zh.text);
    }
);

db_test!(
    opening_a_cycle_for_a_year_that_has_one_is_refused_naming_the_year,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        crate::flow::open_cycle(&app, &admin).await;
        let again = app
            .call(
                "POST",
                "/api/v1/cycles",
                Some(&admin),
                Some(json!({ "award_year": 2026 })),
            )
            .await;
        // A value another record holds is a conflict with the current state, naming the field.
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        assert_eq!(again.json["error"]["code"], "taken");
        assert_eq!(again.json["error"]["fields"][0]["field"], "award_year");
        assert_eq!(again.json["error"]["fields"][0]["code"], "cycle-exists");
        let body = json!({ "name_en": "Ministry of Education", "class": "central_organ" });
        let first = app
            .call("POST", "/api/v1/bodies", Some(&admin), Some(body.clone()))
            .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
        let twice = app
            .call("POST", "/api/v1/bodies", Some(&admin), Some(body))
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text);
        assert_eq!(twice.json["error"]["fields"][0]["code"], "body-exists");
    }
);

db_test!(
    a_ballot_that_lists_a_nomination_twice_is_refused_naming_the_field,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Twice Listed").await;
        f.to_committee(&[id]).await;
        let r = f
            .step(&f.admin, "ballots", json!({ "nomination_ids": [id, id] }))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"]["fields"][0]["field"], "nomination_ids");
    }
);

// Every unique key of the schema, broken the way a race would break it (a row copied over one
// that exists, in a database that has been through a whole cycle), answers a conflict or
// invalid input naming what exists, never a server error.
db_test!(
    every_unique_key_of_the_schema_answers_a_conflict_never_a_server_error,
    |app| async move {
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Key Example"]).await;
        // Rows in the tables the cycle does not reach.
        f.revoke(laureates[0]).await;
        app.service
            .import_laureates(
                laureate::service::Who::Cli,
                include_bytes!("../../../../data/recipients.csv"),
            )
            .await
            .unwrap();
        let mut conn = app.service.db().conn().await.unwrap();
        let mut tried = std::collections::BTreeSet::new();
        for key in UNIQUE_KEYS.iter() {
            if key.table == "schema_migrations" || key.table == "audit_head" {
                continue;
            }
            let row = sqlx::query(&format!("SELECT * FROM {} LIMIT 1", key.table))
                .fetch_optional(&mut *conn)
                .await
                .unwrap();
            let Some(row) = row else { continue };
            let columns: Vec<String> = row
                .columns()
                .iter()
                .map(|c| sqlx::Column::name(c).to_owned())
                .filter(|c| c != "id" || key.columns.iter().any(|k| k == "id"))
                .collect();
            let list = columns.join(", ");
            let copy = sqlx::query(&format!(
                "INSERT INTO {t} ({list}) SELECT {list} FROM {t} LIMIT 1",
                t = key.table
            ))
            .execute(&mut *conn)
            .await;
            let Err(err) = copy else {
                // A partial index: the copy fits beside the original.
                continue;
            };
            let Some(Violation::Unique(name)) = violation(&err) else {
                panic!("{}: not a unique violation: {err}", key.table);
            };
            assert!(
                UNIQUE_KEYS
                    .iter()
                    .any(|k| k.name == name && k.table == key.table),
                "{}: the database named {name}, which the migrations do not declare",
                key.table
            );
            let answer = ServiceError::from(err);
            assert!(
                matches!(
                    answer,
                    ServiceError::Conflict(_) | ServiceError::Taken(_) | ServiceError::Invalid(_)
                ),
                "{name}: {answer:?}"
            );
            tried.insert(name);
        }
        for expected in [
            "users_email_key",
            "cycles_program_award_year_key",
            "nominator_bodies_name_en_key",
            "reviews_nomination_reviewer_key",
            "ballot_participation_pkey",
            "laureates_award_year_name_key",
            "declarations_expert_nomination_key",
            "ballot_declarations_pkey",
            "revocation_answers_pkey",
            "sessions_pkey",
        ] {
            assert!(tried.contains(expected), "{expected} not driven: {tried:?}");
        }
        assert!(tried.len() >= 20, "{} keys driven: {tried:?}", tried.len());
    }
);

db_test!(
    recording_a_conflict_twice_records_it_once_and_inviting_an_account_is_refused,
    |app| async move {
        let (f, ids) = under_review(&app, 1).await;
        let expert = f
            .post(
                &f.admin,
                "/api/v1/experts",
                json!({ "name_en": "Twice Conflicted", "email": "twice@test.cn" }),
            )
            .await;
        let body = json!({
            "expert_id": expert.json["id"], "nomination_id": ids[0], "detail": "co-author",
        });
        let path = format!("/api/v1/cycles/{}/conflicts", f.cycle_id);
        let first = f.post(&f.admin, &path, body.clone()).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
        let second = f.post(&f.admin, &path, body).await;
        assert_eq!(second.status, StatusCode::OK, "{}", second.text);
        assert_eq!(first.json["id"], second.json["id"]);
        let listed = app.call("GET", &path, Some(&f.admin), None).await;
        let office: Vec<_> = listed.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["source"] == "office")
            .collect();
        assert_eq!(office.len(), 1, "{}", listed.text);

        // An invitation to an address that has an account: a clear 409.
        let me = app
            .call("GET", "/api/v1/me", Some(&f.nominator), None)
            .await;
        let body_id = me.json["body_id"].as_i64().unwrap();
        let invite = |email: &'static str| {
            let f = &f;
            async move {
                f.post(
                    &f.admin,
                    &format!("/api/v1/bodies/{body_id}/invitations"),
                    json!({ "email": email }),
                )
                .await
            }
        };
        let taken = invite("nominator@test.cn").await;
        assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.text);
        assert!(
            taken
                .text
                .contains("nominator@test.cn already has an account")
        );
        // Inviting the same new address again sends a new link and ends the first.
        let one = invite("new.staff@test.cn").await;
        let two = invite("new.staff@test.cn").await;
        assert_eq!(one.status, StatusCode::CREATED);
        assert_eq!(two.status, StatusCode::CREATED);
        let old = app
            .get(&format!(
                "/api/v1/invitations/{}",
                one.json["token"].as_str().unwrap()
            ))
            .await;
        let new = app
            .get(&format!(
                "/api/v1/invitations/{}",
                two.json["token"].as_str().unwrap()
            ))
            .await;
        assert_eq!(old.json["status"], "expired", "{}", old.text);
        assert_eq!(new.json["status"], "valid", "{}", new.text);
        let malicious = invite("<svg/onload=alert(1)>@x.example").await;
        assert_eq!(malicious.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            malicious.json["error"]["fields"][0]["code"],
            "invalid-email"
        );
    }
);

db_test!(
    a_nul_or_control_character_in_free_text_is_refused_or_ignored_never_a_server_error,
    |app| async move {
        // PostgreSQL refuses NUL in text: every place that takes text nobody validated first
        // (sign-in, searches, receipts, verification codes) must answer as for any bad text.
        let nul = json!({ "email": "\u{0}l\u{12}p>\\@x", "password": "whatever at all" });
        let r = app
            .call("POST", "/api/v1/auth/login", None, Some(nul))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        for path in [
            "/api/v1/laureates?q=%00a",
            "/laureates?q=%00a",
            "/api/v1/laureates?country=%00",
            "/objections/status?receipt=%00",
            "/verify?code=%00",
        ] {
            let r = app.call("GET", path, None, None).await;
            assert!(
                r.status.is_success() || r.status.is_client_error(),
                "{path}: {} {}",
                r.status,
                r.text
            );
        }
    }
);

db_test!(
    two_office_accounts_ending_each_other_at_once_leave_one_active,
    |app| async move {
        // Each round: two new office accounts, all others ended, then each ends the other at
        // the same moment. The award must keep an active office account every time.
        let mut previous: Vec<i64> = Vec::new();
        for round in 0..8 {
            let (a, b) = (format!("a{round}@test.cn"), format!("b{round}@test.cn"));
            let id_a = app.user("admin", &a).await;
            let id_b = app.user("admin", &b).await;
            let (token_a, token_b) = (app.token(&a).await, app.token(&b).await);
            for id in previous.drain(..) {
                let r = app
                    .call(
                        "POST",
                        &format!("/api/v1/people/{id}/deactivate"),
                        Some(&token_a),
                        None,
                    )
                    .await;
                assert!(
                    r.status == StatusCode::OK || r.status == StatusCode::CONFLICT,
                    "{}",
                    r.text
                );
            }
            let path_a = format!("/api/v1/people/{id_b}/deactivate");
            let path_b = format!("/api/v1/people/{id_a}/deactivate");
            let (ra, rb) = tokio::join!(
                app.call("POST", &path_a, Some(&token_a), None),
                app.call("POST", &path_b, Some(&token_b), None),
            );
            let ended = [&ra, &rb]
                .iter()
                .filter(|r| r.status == StatusCode::OK)
                .count();
            assert!(
                ended <= 1,
                "round {round}: both ended: {} / {}",
                ra.text,
                rb.text
            );
            let active: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1",
            )
            .fetch_one(app.service.db().pool())
            .await
            .unwrap();
            assert!(active >= 1, "round {round}: no office account is left");
            previous = vec![id_a, id_b];
        }
    }
);
