//! Defects and vulnerabilities found by trying Laureate from outside, each tested as a class:
//! judgements without a declaration, what the registry keeps of a dossier, experts without an
//! account, constraints that answered 500, repeats, the sign-in redirect, ballot secrecy against
//! a reader of the database, the seal on the audit log, security headers, passwords, addresses
//! that no mailer takes, messages in the reader's language, and the shipped data.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::{PASSWORD, TestApp, urlenc};
use axum::http::{StatusCode, header};
use laureate::db::Backend;
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
    the_sign_in_redirect_never_leaves_the_site,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        for next in [
            "%2F%09%2Fevil.example",
            "%2F%0a%2Fevil.example",
            "%2F%0d%0aSet-Cookie:%20x=y",
            "%2F%5Cevil.example",
            "%2F%2Fevil.example",
            "https%3A%2F%2Fevil.example",
            "%2F%E3%80%80%2Fevil.example",
        ] {
            let form = app
                .page("GET", &format!("/login?next={next}"), "", None)
                .await;
            assert_eq!(form.status, StatusCode::OK, "{next}: {}", form.text);
            assert!(
                form.text.contains("name=\"next\" value=\"/dashboard\""),
                "{next}"
            );
            let cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
            let r = app
                .page(
                    "POST",
                    "/login",
                    &cookie,
                    Some(&format!(
                        "csrf={}&email=office%40test.cn&password={}&next={next}",
                        form.csrf(),
                        urlenc(PASSWORD)
                    )),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{next}: {}", r.text);
            assert_eq!(r.location(), "/dashboard", "{next}");
        }
        let form = app.page("GET", "/login", "", None).await;
        let cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
        let local = app
            .page(
                "POST",
                "/login",
                &cookie,
                Some(&format!(
                    "csrf={}&email=office%40test.cn&password={}&next=%2Flaureates%3Fcountry%3DDE",
                    form.csrf(),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(local.location(), "/laureates?country=DE");
    }
);

// Reads the database as someone who holds it would, after a secret ballot: nothing in it (row
// order, rowids, PostgreSQL's transaction ids, the audit log) pairs a vote with its member.
db_test!(
    nothing_in_the_database_links_a_vote_to_the_member_who_cast_it,
    |app| async move {
        let f = Flow::new(&app).await;
        // Ten members, so a chance ordering that matches is one in 3.6 million.
        let mut members = f.committee.clone();
        for i in 4..=10 {
            let email = format!("member{i}@test.cn");
            members.push(app.login_as("committee", &email).await);
            ok(
                &f.post(
                    &f.admin,
                    "/api/v1/committees/evaluation/terms",
                    json!({ "email": email, "position": "member" }),
                )
                .await,
                "appoint",
            );
        }
        let id = f.nominate("Secret Example").await;
        f.to_committee(&[id]).await;
        let opened = f.step(&f.admin, "ballots", json!({})).await;
        let ballot = opened.json["id"].as_i64().unwrap();
        let mut receipts = Vec::new();
        for (i, m) in members.iter().enumerate() {
            ok(
                &f.post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/declaration"),
                    json!({}),
                )
                .await,
                "declare",
            );
            let vote = ["yes", "no", "abstain"][i % 3];
            let r = f
                .post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/votes"),
                    json!({ "nomination_id": id, "vote": vote }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            let receipt = r.json["receipt"].as_str().unwrap().to_owned();
            receipts.push(laureate::service::accounts::sha256_hex(&receipt));
        }
        let pool = app.service.db().pool();
        // While the ballot is open, no vote is stored in the clear.
        let clear: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballot_votes")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(clear, 0);
        let sealed: Vec<String> = sqlx::query_scalar("SELECT sealed FROM ballot_sealed_votes")
            .fetch_all(pool)
            .await
            .unwrap();
        assert_eq!(sealed.len(), 10);
        for s in &sealed {
            for word in ["yes", "no\"", "abstain", &receipts[0]] {
                assert!(!s.contains(word), "a sealed vote shows {word}");
            }
        }
        f.close(ballot).await;
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballot_sealed_votes")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "the sealed copies are gone");
        // The order in which members took part...
        let member_order: Vec<i64> = match app.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar("SELECT member_id FROM ballot_participation ORDER BY rowid")
            }
            Backend::Postgres => sqlx::query_scalar(
                "SELECT member_id FROM ballot_participation ORDER BY xmin::text::bigint, ctid",
            ),
        }
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(member_order.len(), 10);
        // ...and the order in which the votes are stored.
        let stored: Vec<String> = match app.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar("SELECT receipt_hash FROM ballot_votes ORDER BY rowid")
            }
            Backend::Postgres => {
                sqlx::query_scalar("SELECT receipt_hash FROM ballot_votes ORDER BY ctid")
            }
        }
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(stored.len(), 10);
        // The members voted in the order of `members`, so pairing the two orders would pair
        // each member with the vote whose receipt they hold; the stored order must not.
        assert_ne!(
            stored, receipts,
            "the votes are stored in the order they were cast"
        );
        if app.backend() == Backend::Postgres {
            let vote_xids: Vec<String> =
                sqlx::query_scalar("SELECT DISTINCT xmin::text FROM ballot_votes")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            assert_eq!(
                vote_xids.len(),
                1,
                "every vote is written by the closing transaction"
            );
            let member_xids: Vec<String> =
                sqlx::query_scalar("SELECT xmin::text FROM ballot_participation")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            assert!(!member_xids.contains(&vote_xids[0]));
        }
        // The audit log says who voted, never how, and carries no receipt.
        let payloads: Vec<String> = sqlx::query_scalar("SELECT payload FROM audit_log")
            .fetch_all(pool)
            .await
            .unwrap();
        for p in &payloads {
            for r in &receipts {
                assert!(!p.contains(r.as_str()), "an audit entry carries a receipt");
            }
        }
        // Each member still finds their own vote, as cast.
        let check = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}/check"),
                Some(&f.admin),
                None,
            )
            .await;
        let votes = check.json[0]["votes"].as_array().unwrap();
        for (i, r) in receipts.iter().enumerate() {
            let v = votes.iter().find(|v| v["receipt_sha256"] == *r).unwrap();
            assert_eq!(v["vote"], ["yes", "no", "abstain"][i % 3]);
        }
    }
);

db_test!(
    a_sealed_cycle_hides_every_record_of_its_own_in_the_audit_log,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Sealed Objection").await;
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        assert_eq!(f.advance().await, "formal_review");
        ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
        app.service
            .file_objection(
                id,
                &laureate_domain::objections::ObjectionForm {
                    objector_kind: "person".into(),
                    objector_name: "Objecting Person".into(),
                    contact_email: "objector@example.org".into(),
                    grounds: vec!["falsified_material".into()],
                    statement: "The letter of support was forged.".into(),
                    signed: true,
                },
                &[],
                "10.9.9.9",
            )
            .await
            .unwrap();
        let objections = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/objections", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        let objection = objections.json["items"][0]["id"].as_i64().unwrap();
        for body in [
            json!({ "action": "admit" }),
            json!({ "action": "dismiss", "reply": "The letter was checked and is genuine." }),
        ] {
            ok(
                &f.post(
                    &f.admin,
                    &format!("/api/v1/objections/{objection}/actions"),
                    body,
                )
                .await,
                "handle",
            );
        }
        assert_eq!(f.advance().await, "review");
        ok(
            &f.step(&f.admin, "start-review", json!({})).await,
            "start review",
        );
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/nominations/{id}/reviewers"),
                json!({ "reviewer_id": f.reviewer_id }),
            )
            .await,
            "assign",
        );
        f.review(id, 9).await;
        ok(
            &f.step(&f.admin, "complete-reviews", json!({})).await,
            "complete",
        );
        assert_eq!(f.advance().await, "committee");
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes"; 3])]).await;
        f.close(ballot).await;
        ok(&f.decide().await, "approval");
        for _ in 0..2 {
            f.advance().await;
        }
        let office = app.service.session(&f.admin).await.unwrap().unwrap().actor;
        let entries = app
            .service
            .recent_audit_entries(&office, 1000)
            .await
            .unwrap();
        let audit = serde_json::to_value(&entries).unwrap();
        let entries = audit.as_array().unwrap();
        let mut sealed = std::collections::BTreeSet::new();
        for e in entries {
            let subject = e["subject_type"].as_str().unwrap();
            let sid = e["subject_id"].as_str().and_then(|s| s.parse::<i64>().ok());
            let of_cycle = match subject {
                "cycle" => sid == Some(f.cycle_id),
                "objection" => sid == Some(objection),
                "nomination" => sid == Some(id),
                "ballot" => sid == Some(ballot),
                "review" => true,
                _ => false,
            };
            if of_cycle {
                assert_eq!(e["payload"], json!({ "sealed": true }), "{e}");
                sealed.insert(subject.to_owned());
            }
        }
        for kind in ["cycle", "objection", "nomination", "ballot", "review"] {
            assert!(sealed.contains(kind), "no sealed {kind} entry: {sealed:?}");
        }
        assert!(
            !audit.to_string().contains("forged"),
            "an objection's content leaks"
        );
    }
);

db_test!(
    answers_carry_the_security_headers_and_personal_ones_are_never_stored,
    |app| async move {
        let token = app.login_as("admin", "office@test.cn").await;
        let public = app.get("/laureates").await;
        assert!(public.headers.contains_key("permissions-policy"));
        assert_eq!(public.headers["cross-origin-opener-policy"], "same-origin");
        assert!(
            !public
                .headers
                .contains_key(header::STRICT_TRANSPORT_SECURITY)
        );
        assert_ne!(
            public
                .headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("no-store")
        );
        let me = app.call("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.headers[header::CACHE_CONTROL], "no-store");
        let b = app.browser_login("office@test.cn").await;
        let dashboard = app.page("GET", "/dashboard", &b.cookies, None).await;
        assert_eq!(dashboard.headers[header::CACHE_CONTROL], "no-store");
        // Even a public page, seen signed in, is personal (it names the reader).
        let seen = app.page("GET", "/laureates", &b.cookies, None).await;
        assert_eq!(seen.headers[header::CACHE_CONTROL], "no-store");
        // Behind a TLS proxy, browsers are told to keep to HTTPS.
        let proxied = app
            .send(
                axum::http::Request::get("/")
                    .header("x-forwarded-proto", "https")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            proxied.headers[header::STRICT_TRANSPORT_SECURITY]
                .to_str()
                .unwrap()
                .starts_with("max-age=31536000")
        );
        // security.txt only when the office gave a contact.
        assert_eq!(
            app.get("/.well-known/security.txt").await.status,
            StatusCode::NOT_FOUND
        );
        let with_contact = laureate::web::router(
            laureate::web::AppState::new(app.service.clone())
                .with_security_contact(Some("mailto:security@award.example".into())),
        );
        let txt = {
            use tower::ServiceExt;
            let resp = with_contact
                .oneshot(
                    axum::http::Request::get("/.well-known/security.txt")
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            let bytes = http_body_util::BodyExt::collect(resp.into_body())
                .await
                .unwrap()
                .to_bytes();
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        assert!(
            txt.contains("Contact: mailto:security@award.example\n"),
            "{txt}"
        );
        assert!(txt.contains("Expires: "), "{txt}");
        assert!(txt.contains("Preferred-Languages: en, zh"), "{txt}");
    }
);

db_test!(
    weak_passwords_and_ones_built_from_the_address_are_refused_where_accounts_are_made,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let body = app
            .call(
                "POST",
                "/api/v1/bodies",
                Some(&admin),
                Some(json!({ "name_en": "Peking University", "class": "university" })),
            )
            .await;
        let invited = app
            .call(
                "POST",
                &format!("/api/v1/bodies/{}/invitations", body.json["id"]),
                Some(&admin),
                Some(json!({ "email": "li.ming@pku.example" })),
            )
            .await;
        let token = invited.json["token"].as_str().unwrap().to_owned();
        for (password, code) in [
            ("aaaaaaaaaaaa", "password-guessable"),
            ("123456123456", "password-common"),
            ("li.ming@pku.example", "password-personal"),
            ("Li Ming 2026 !!", "password-personal"),
        ] {
            let r = app
                .call(
                    "POST",
                    &format!("/api/v1/invitations/{token}/accept"),
                    None,
                    Some(json!({ "display_name": "Li Ming", "password": password })),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{password}: {}",
                r.text
            );
            assert_eq!(r.json["error"]["fields"][0]["code"], code, "{password}");
        }
        let accepted = app
            .call(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(
                    json!({ "display_name": "Li Ming", "password": "violet kettle orbit lantern" }),
                ),
            )
            .await;
        assert!(accepted.status.is_success(), "{}", accepted.text);
    }
);

db_test!(
    a_message_no_mailer_can_send_is_given_up_and_shown_to_the_office,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        // An address stored before addresses were checked as the mailer checks them.
        let mut conn = app.service.db().conn().await.unwrap();
        laureate::db::outbox::enqueue(
            &mut conn,
            "<svg/onload=alert(1)>@x.example",
            "Receipt",
            "Body",
            "objection-receipt",
            "legacy-1",
            "2026-01-01T00:00:00.000000Z",
        )
        .await
        .unwrap();
        drop(conn);
        // A relay nothing listens on: the message fails before any connection is made.
        let service = app.service.clone().with_mailer(Some(
            laureate::service::mail::Mailer::new("smtp://127.0.0.1:9", "noreply@example.org")
                .unwrap(),
        ));
        let round = service.deliver_outbox().await.unwrap();
        assert_eq!(round.given_up, 1, "{round:?}");
        let again = service.deliver_outbox().await.unwrap();
        assert_eq!(
            again.sent + again.failed,
            0,
            "a given-up message is not tried again"
        );
        let listed = app.call("GET", "/api/v1/outbox", Some(&admin), None).await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
        let m = &listed.json["items"][0];
        assert_eq!(m["recipient"], "<svg/onload=alert(1)>@x.example");
        assert!(m["given_up_at"].is_string());
        assert!(
            m["last_error"].as_str().unwrap().contains("recipient"),
            "{m}"
        );
        let b = app.browser_login("office@test.cn").await;
        let dashboard = app.page("GET", "/dashboard", &b.cookies, None).await;
        assert!(
            dashboard
                .text
                .contains("One message could not be delivered")
        );
        let page = app.page("GET", "/outbox?lang=zh", &b.cookies, None).await;
        assert!(page.text.contains("未送达的邮件"), "{}", page.text);
        assert!(!page.text.contains("<svg/onload"), "escaped");
        assert!(page.text.contains("svg/onload=alert(1)"), "shown");
        let retried = app
            .call(
                "POST",
                &format!("/api/v1/outbox/{}/retry", m["id"]),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(retried.status, StatusCode::NO_CONTENT, "{}", retried.text);
        assert_eq!(app.service.outbox_depth().await.unwrap(), 1);
    }
);

db_test!(
    not_found_names_what_was_missing_in_the_readers_language,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let b = app.browser_login("office@test.cn").await;
        let zh = app
            .page("GET", "/nominations/999999?lang=zh", &b.cookies, None)
            .await;
        assert_eq!(zh.status, StatusCode::NOT_FOUND);
        assert!(zh.text.contains("没有这个提名。"), "{}", zh.text);
        assert!(!zh.text.contains("no such"), "English in a Chinese page");
        let page = app
            .page("GET", "/no/such/page?lang=zh", &b.cookies, None)
            .await;
        assert!(page.text.contains("没有这个页面。"), "{}", page.text);
        let en = app.page("GET", "/cycles/999999", &b.cookies, None).await;
        assert!(
            en.text.contains("There is no such award cycle."),
            "{}",
            en.text
        );
    }
);

db_test!(
    reimporting_the_shipped_registry_adds_exactly_the_new_sourced_laureates,
    |app| async move {
        let shipped = include_str!("../../../../data/recipients.csv");
        let new = [
            "Martin Atkins",
            "Ingemar Ernberg",
            "Herbert Jäckle",
            "Earl Ward Plummer",
        ];
        // The registry as the previous release shipped it: without the four.
        let before: String = shipped
            .lines()
            .filter(|l| !new.iter().any(|n| l.contains(n)))
            .map(|l| format!("{l}\n"))
            .collect();
        let first = app
            .service
            .import_laureates(laureate::service::Who::Cli, before.as_bytes())
            .await
            .unwrap();
        let again = app
            .service
            .import_laureates(laureate::service::Who::Cli, shipped.as_bytes())
            .await
            .unwrap();
        assert_eq!(again.added, 4, "{again:?}");
        assert_eq!(again.already_present, first.added);
        for name in new {
            let found = app
                .get(&format!("/api/v1/laureates?q={}", urlenc(name)))
                .await;
            assert_eq!(found.json["total"], 1, "{name}: {}", found.text);
        }
        let stats = app.get("/api/v1/stats").await;
        let y2006 = stats.json["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["award_year"] == 2006)
            .unwrap()
            .clone();
        assert_eq!(y2006["held"], 2, "{y2006}");
    }
);
