//! Committees and their terms, who votes and who runs a ballot, the ballot deadline, the run-off
//! at the quota boundary, the decision chain to the announcement, and revocation.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::{Value, json};

fn item(ballot: &Value, id: i64) -> Value {
    ballot["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["nomination_id"] == id)
        .cloned()
        .expect("the item")
}

db_test!(
    appointments_follow_the_term_rules_of_the_rule_set,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        for i in 1..=3 {
            app.user("committee", &format!("m{i}@test.cn")).await;
        }
        app.user("reviewer", "expert@test.cn").await;
        let appoint = |email: &str, position: &str, from: &str| {
            let body = json!({ "email": email, "position": position, "starts_on": from });
            let admin = admin.clone();
            let app = &app;
            async move {
                app.call(
                    "POST",
                    "/api/v1/committees/evaluation/terms",
                    Some(&admin),
                    Some(body),
                )
                .await
            }
        };
        let first = appoint("m1@test.cn", "chair", "2020-01-01").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
        assert_eq!(first.json["ends_on"], "2022-12-31", "a term is three years");
        let second = appoint("m1@test.cn", "chair", "2023-01-01").await;
        assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
        // A third term in a row is refused, and says why.
        let third = appoint("m1@test.cn", "member", "2026-01-01").await;
        assert_eq!(third.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            third.json["error"]["fields"][0]["code"],
            "term-too-many-in-a-row"
        );
        assert!(
            third.text.contains("at most 2 terms in a row"),
            "{}",
            third.text
        );
        // After a whole term off the member may return.
        let back = appoint("m1@test.cn", "member", "2029-01-01").await;
        assert_eq!(back.status, StatusCode::CREATED, "{}", back.text);
        // One chair at a time; two terms of one member may not overlap.
        let rival = appoint("m2@test.cn", "chair", "2024-06-01").await;
        assert_eq!(
            rival.json["error"]["fields"][0]["code"],
            "term-position-taken"
        );
        let overlap = appoint("m1@test.cn", "member", "2030-01-01").await;
        assert_eq!(overlap.json["error"]["fields"][0]["code"], "term-overlaps");
        // Only the committee's role may sit on it, and only the two committees exist.
        let wrong = appoint("expert@test.cn", "member", "2024-01-01").await;
        assert_eq!(wrong.json["error"]["fields"][0]["code"], "term-wrong-role");
        let nowhere = app
            .call(
                "POST",
                "/api/v1/committees/finance/terms",
                Some(&admin),
                Some(json!({ "email": "m2@test.cn", "position": "member" })),
            )
            .await;
        assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
        // Today's members, and a term ended early with its reason.
        let today = appoint("m3@test.cn", "member", "").await;
        assert_eq!(today.status, StatusCode::UNPROCESSABLE_ENTITY, "not a date");
        let today = app
            .call(
                "POST",
                "/api/v1/committees/evaluation/terms",
                Some(&admin),
                Some(json!({ "email": "m3@test.cn", "position": "member" })),
            )
            .await;
        assert_eq!(today.status, StatusCode::CREATED, "{}", today.text);
        assert_eq!(today.json["in_office"], true);
        let ended = app
            .call(
                "POST",
                &format!("/api/v1/committee-terms/{}/end", today.json["id"]),
                Some(&admin),
                Some(json!({ "reason": "Resigned." })),
            )
            .await;
        assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
        assert_eq!(ended.json["ended_early_reason"], "Resigned.");
        let listed = app
            .call("GET", "/api/v1/committees", Some(&admin), None)
            .await;
        // Each award has its evaluation committee: these terms are the ISTC Award's.
        let evaluation = listed.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["committee"] == "evaluation" && c["program"] == "istc")
            .unwrap();
        assert_eq!(evaluation["term_years"], 3);
        assert_eq!(evaluation["max_consecutive_terms"], 2);
        assert_eq!(evaluation["terms"].as_array().unwrap().len(), 4);
        let audit = app.call("GET", "/api/v1/audit", Some(&admin), None).await;
        assert!(
            audit.text.contains("committee.appoint") && audit.text.contains("committee.end_term")
        );
        // The page shows the members in both languages.
        let browser = app.browser_login("office@test.cn").await;
        let page = app.page("GET", "/committees", &browser.cookies, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Evaluation committee of the ISTC Award"));
        let zh = app
            .page("GET", "/committees?lang=zh", &browser.cookies, None)
            .await;
        assert!(zh.text.contains("国际科技合作奖评审委员会"));
    }
);

db_test!(
    only_members_in_office_vote_and_the_chair_or_the_office_runs_the_ballot,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Electorate Example").await;
        f.to_committee(&[id]).await;
        // A chair joins the flow's three members; a committee account without a term does not.
        let chair = app.login_as("committee", "chair@test.cn").await;
        let outsider = app.login_as("committee", "outsider@test.cn").await;
        let r = f
            .post(
                &f.admin,
                "/api/v1/committees/evaluation/terms",
                json!({ "email": "chair@test.cn", "position": "chair" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let plain = f.step(&f.committee[0], "ballots", json!({})).await;
        assert_eq!(
            plain.status,
            StatusCode::FORBIDDEN,
            "a member is not the chair"
        );
        let opened = f.step(&chair, "ballots", json!({})).await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        assert_eq!(opened.json["members"], 4);
        assert_eq!(opened.json["can_run"], true);
        let ballot = opened.json["id"].as_i64().unwrap();
        let refused = f
            .post(
                &outsider,
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "yes" }),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.text.contains("not a member"), "{}", refused.text);
        f.vote(ballot, &[(id, ["yes", "yes", "no"])]).await;
        // A recommendation is the ballot's to make, never a bare move.
        for token in [&f.committee[0], &f.admin] {
            let bare = f.act(token, id, "recommend").await;
            assert_eq!(bare.status, StatusCode::CONFLICT, "{}", bare.text);
            assert!(
                bare.text.contains("not a move made by hand"),
                "{}",
                bare.text
            );
        }
        let undeclared = f
            .post(
                &chair,
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "yes" }),
            )
            .await;
        assert_eq!(
            undeclared.status,
            StatusCode::FORBIDDEN,
            "{}",
            undeclared.text
        );
        assert!(
            undeclared
                .text
                .contains("Declare your interests on this ballot before voting"),
            "{}",
            undeclared.text
        );
        let declared = f
            .post(
                &chair,
                &format!("/api/v1/ballots/{ballot}/declaration"),
                json!({}),
            )
            .await;
        assert_eq!(declared.status, StatusCode::OK, "{}", declared.text);
        assert_eq!(declared.json["declared"], true);
        let chair_vote = f
            .post(
                &chair,
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "yes" }),
            )
            .await;
        assert_eq!(
            chair_vote.status,
            StatusCode::CREATED,
            "{}",
            chair_vote.text
        );
        let early = f
            .post(
                &f.committee[1],
                &format!("/api/v1/ballots/{ballot}/close"),
                json!({}),
            )
            .await;
        assert_eq!(early.status, StatusCode::FORBIDDEN);
        let closed = f
            .post(
                &chair,
                &format!("/api/v1/ballots/{ballot}/close"),
                json!({}),
            )
            .await;
        assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
        // Three yes of four present passes two thirds.
        assert_eq!(item(&closed.json, id)["outcome"], "passed");
        assert_eq!(item(&closed.json, id)["yes"], 3);
    }
);

db_test!(
    a_ballot_takes_no_votes_after_its_deadline_and_closes_by_itself,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Deadline Example").await;
        f.to_committee(&[id]).await;
        let past = f
            .step(
                &f.admin,
                "ballots",
                json!({ "closes_at": "2001-01-01T00:00:00Z" }),
            )
            .await;
        assert_eq!(
            past.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            past.text
        );
        let closes_at = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
        let opened = f
            .step(&f.admin, "ballots", json!({ "closes_at": closes_at }))
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let ballot = opened.json["id"].as_i64().unwrap();
        assert!(opened.json["closes_at"].as_str().is_some());
        f.vote(ballot, &[(id, ["yes", "yes", "-"])]).await;
        assert!(app.service.close_due_ballots().await.unwrap().is_empty());
        // Two days pass.
        sqlx::query("UPDATE ballots SET closes_at = '2001-01-01T00:00:00.000000Z' WHERE id = $1")
            .bind(ballot)
            .execute(app.service.db().pool())
            .await
            .unwrap();
        let late = f
            .post(
                &f.committee[2],
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "no" }),
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        assert_eq!(
            late.json["error"]["message"],
            "The ballot's deadline has passed; it takes no more votes."
        );
        assert_eq!(app.service.close_due_ballots().await.unwrap(), vec![ballot]);
        assert!(app.service.close_due_ballots().await.unwrap().is_empty());
        let seen = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(seen.json["state"], "closed");
        assert_eq!(item(&seen.json, id)["outcome"], "passed");
        assert_eq!(f.state(id).await, "recommended");
        let closed_by: String = sqlx::query_scalar(
            "SELECT actor FROM audit_log WHERE action = 'ballot.close' AND subject_id = $1",
        )
        .bind(ballot.to_string())
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(closed_by, "system");
    }
);

db_test!(
    fourteen_candidates_end_in_ten_laureates_after_a_run_off_and_one_is_revoked_later,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut ids = Vec::new();
        for i in 1..=14 {
            ids.push(f.nominate(&format!("Candidate {i:02}")).await);
        }
        f.to_committee(&ids).await;
        // The first member has a conflict of interest with the first candidate.
        f.first_member_conflicted_with(ids[0]).await;
        let ballot = f.open_ballot(None).await;
        // Nine carried by all eligible members (the first with one recused), two tied at the
        // boundary for the last place, three rejected.
        let mut votes = vec![(ids[0], ["-", "yes", "yes"])];
        for id in &ids[1..9] {
            votes.push((*id, ["yes", "yes", "yes"]));
        }
        for id in &ids[9..11] {
            votes.push((*id, ["yes", "yes", "no"]));
        }
        for id in &ids[11..] {
            votes.push((*id, ["no", "no", "abstain"]));
        }
        f.vote(ballot, &votes).await;
        let closed = f.close(ballot).await;
        assert_eq!(item(&closed, ids[0])["recused"], 1);
        assert_eq!(item(&closed, ids[0])["outcome"], "passed");
        assert_eq!(closed["tied"], json!([ids[9], ids[10]]));
        for id in &ids[9..11] {
            assert_eq!(item(&closed, *id)["outcome"], "tied");
            assert_eq!(
                f.state(*id).await,
                "reviewed",
                "a tie is never decided silently"
            );
        }
        assert_eq!(closed["slots_left"], 1);
        // The chair's page offers the run-off.
        let browser = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}", f.cycle_id),
                &browser.cookies,
                None,
            )
            .await;
        assert!(
            page.text
                .contains("Open a run-off ballot on the tied nominations")
        );
        let run_off = f.open_ballot(Some(&ids[9..11])).await;
        f.vote(
            run_off,
            &[
                (ids[9], ["yes", "yes", "yes"]),
                (ids[10], ["yes", "no", "no"]),
            ],
        )
        .await;
        let decided = f.close(run_off).await;
        assert_eq!(item(&decided, ids[9])["outcome"], "passed");
        assert_eq!(item(&decided, ids[10])["outcome"], "failed");
        assert_eq!(decided["slots_left"], 0);
        let approved = f.decide().await;
        ok(&approved, "approval");
        assert_eq!(approved.json["nominations"].as_array().unwrap().len(), 10);
        // Published: the registry, the API and the announcement page.
        let announced = app
            .call("GET", "/api/v1/announcements/2026", None, None)
            .await;
        assert_eq!(announced.status, StatusCode::OK, "{}", announced.text);
        let laureates = announced.json["laureates"].as_array().unwrap().clone();
        assert_eq!(laureates.len(), 10);
        assert_eq!(announced.json["approval_document"], "国发〔2026〕1号");
        let page = app
            .page("GET", "/announcements/2026?lang=zh", "", None)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("2026年度") && page.text.contains("Candidate 10"));
        assert!(!page.text.contains("Candidate 11"));
        let revoked = laureates
            .iter()
            .find(|l| l["name"] == "Candidate 05")
            .unwrap()["id"]
            .as_i64()
            .unwrap();

        // Later, the award of one laureate is found to have been won by fraud.
        let opened = f
            .post(
                &f.admin,
                &format!("/api/v1/laureates/{revoked}/revocations"),
                json!({
                    "ground": "fraud", "statement": "The letters of support were forged.",
                    "summary_en": "Forged letters of support", "summary_zh": "伪造推荐信",
                }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let case = opened.json["id"].as_i64().unwrap();
        let again = f
            .post(
                &f.admin,
                &format!("/api/v1/laureates/{revoked}/revocations"),
                json!({ "ground": "fraud", "statement": "s", "summary_en": "s", "summary_zh": "s" }),
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "one open case at a time"
        );
        let notice: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'revocation-notice' AND recipient = 'nominator@test.cn'",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(notice, 1, "the nominating body is notified");
        let early = f
            .post(
                &f.awards,
                &format!("/api/v1/revocations/{case}/decision"),
                json!({ "revoke": true, "note": "Proven." }),
            )
            .await;
        assert_eq!(
            early.status,
            StatusCode::CONFLICT,
            "the parties are heard first"
        );
        let answered = f
            .post(
                &f.nominator,
                &format!("/api/v1/revocations/{case}/answers"),
                json!({ "party": "nominator", "body": "We were deceived too." }),
            )
            .await;
        assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text);
        let answered = f
            .post(
                &f.admin,
                &format!("/api/v1/revocations/{case}/answers"),
                json!({ "party": "laureate", "body": "The laureate's letter of 3 March." }),
            )
            .await;
        assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text);
        let premature = f
            .post(
                &f.approver,
                &format!("/api/v1/revocations/{case}/approval"),
                json!({ "document": "国发〔2027〕9号" }),
            )
            .await;
        assert_eq!(
            premature.status,
            StatusCode::CONFLICT,
            "approval follows a decision"
        );
        let decided = f
            .post(
                &f.awards,
                &format!("/api/v1/revocations/{case}/decision"),
                json!({ "revoke": true, "note": "The forgery is proven." }),
            )
            .await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.text);
        assert_eq!(decided.json["state"], "decided");
        let on_the_opinion_alone = f
            .post(
                &f.approver,
                &format!("/api/v1/revocations/{case}/approval"),
                json!({ "document": "国发〔2027〕9号" }),
            )
            .await;
        assert_eq!(
            on_the_opinion_alone.status,
            StatusCode::CONFLICT,
            "the ministry submits the revocation before the approving body approves it"
        );
        let not_the_committee = f
            .post(
                &f.awards,
                &format!("/api/v1/revocations/{case}/submission"),
                json!({ "submit": true, "note": "x" }),
            )
            .await;
        assert_eq!(not_the_committee.status, StatusCode::FORBIDDEN);
        let no_letter = f
            .post(
                &f.admin,
                &format!("/api/v1/revocations/{case}/submission"),
                json!({ "submit": true, "note": " " }),
            )
            .await;
        assert_eq!(no_letter.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            no_letter.json["error"]["fields"][0]["field"], "note",
            "{}",
            no_letter.text
        );
        let submitted = f
            .post(
                &f.admin,
                &format!("/api/v1/revocations/{case}/submission"),
                json!({ "submit": true, "note": "MOST letter 2027-14 to the State Council." }),
            )
            .await;
        assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
        assert_eq!(submitted.json["state"], "submitted");
        assert_eq!(
            submitted.json["ministry_note"],
            "MOST letter 2027-14 to the State Council."
        );
        let steps: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'revocation.submit'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(steps, 1, "the ministry's step is audited");
        let by_office = f
            .post(
                &f.admin,
                &format!("/api/v1/revocations/{case}/approval"),
                json!({ "document": "x" }),
            )
            .await;
        assert_eq!(
            by_office.status,
            StatusCode::FORBIDDEN,
            "the same body approves"
        );
        let approved = f
            .post(
                &f.approver,
                &format!("/api/v1/revocations/{case}/approval"),
                json!({ "document": "国发〔2027〕9号" }),
            )
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
        assert_eq!(approved.json["state"], "revoked");
        // The registry keeps the record and shows the revocation.
        let record = app
            .call("GET", &format!("/api/v1/laureates/{revoked}"), None, None)
            .await;
        assert_eq!(record.json["status"], "revoked");
        assert_eq!(
            record.json["revocation_summary_en"],
            "Forged letters of support"
        );
        assert!(record.json["revoked_at"].as_str().is_some());
        let listed = app
            .call("GET", "/api/v1/laureates?year=2026", None, None)
            .await;
        assert_eq!(listed.json["total"], 10, "nothing is deleted");
        let page = app
            .page("GET", &format!("/laureates/{revoked}?lang=zh"), "", None)
            .await;
        assert!(page.text.contains("伪造推荐信"));
        let nomination = laureates.iter().find(|l| l["id"] == revoked).unwrap()["nomination_id"]
            .as_i64()
            .unwrap();
        assert_eq!(f.state(nomination).await, "revoked");
        let announced = app
            .call("GET", "/api/v1/announcements/2026", None, None)
            .await;
        assert_eq!(announced.json["laureates"].as_array().unwrap().len(), 10);
        let intact = app.service.verify_audit_log().await.unwrap();
        assert!(intact.is_ok(), "{intact:?}");
        let approved_count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM nominations WHERE cycle_id = $1 AND state IN ('approved', 'conferred', 'revoked')",
        )
        .bind(f.cycle_id)
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(approved_count, 10, "at most ten per round");
    }
);

db_test!(
    a_committee_has_several_vice_chairs_beside_one_chair,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        for i in 1..=3 {
            app.user("committee", &format!("v{i}@test.cn")).await;
        }
        for (email, position) in [
            ("v1@test.cn", "chair"),
            ("v2@test.cn", "vice_chair"),
            ("v3@test.cn", "vice_chair"),
        ] {
            let r = app
                .call(
                    "POST",
                    "/api/v1/committees/evaluation/terms",
                    Some(&admin),
                    Some(json!({ "email": email, "position": position })),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{position}: {}", r.text);
        }
        let browser = app.browser_login("office@test.cn").await;
        let zh = app
            .page("GET", "/committees?lang=zh", &browser.cookies, None)
            .await;
        assert!(zh.text.matches("副主任委员").count() >= 2, "{}", zh.text);
    }
);
