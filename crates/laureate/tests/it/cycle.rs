//! The whole cycle, from opening to the public registry, and the quota of ten.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::json;

db_test!(
    a_nomination_walks_from_the_call_to_the_public_registry,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Ada Example").await;
        assert_eq!(f.state(id).await, "submitted");
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes", "yes", "no"])]).await;
        let closed = f.close(ballot).await;
        assert_eq!(closed["items"][0]["outcome"], "passed");
        assert_eq!(closed["items"][0]["yes"], 2);
        assert_eq!(f.state(id).await, "recommended");
        let approved = f.decide().await;
        ok(&approved, "approval");
        assert_eq!(f.state(id).await, "approved");

        let registry = app.get("/api/v1/laureates?year=2026").await;
        assert_eq!(registry.json["total"], 1, "{}", registry.text);
        let laureate = &registry.json["items"][0];
        assert_eq!(laureate["name"], "Ada Example");
        assert_eq!(laureate["status"], "awarded");
        assert_eq!(laureate["nomination_id"], id);
        let page = app.get(&format!("/laureates/{}", laureate["id"])).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Ada Example"));

        let cycle = app.get(&format!("/api/v1/cycles/{}", f.cycle_id)).await;
        assert_eq!(cycle.json["approval_document"], "国发〔2026〕1号");
        assert_eq!(
            cycle.json["approval_body_en"],
            "CPC Central Committee and State Council"
        );
        app.service.sequence_log_fully().await.unwrap();
        let entries = app.service.verify_audit_log().await.unwrap().unwrap();
        assert!(entries.verified > 20, "every step is audited: {entries}");
    }
);

db_test!(
    at_most_ten_are_recommended_and_a_tie_at_the_boundary_goes_to_a_run_off,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut ids = Vec::new();
        for i in 1..=12 {
            ids.push(f.nominate(&format!("Candidate {i:02}")).await);
        }
        f.to_committee(&ids).await;
        let ballot = f.open_ballot(None).await;
        // Nine pass unanimously, three with two of three votes: places 10 to 12 are tied.
        let mut votes: Vec<(i64, [&str; 3])> = ids[..9]
            .iter()
            .map(|id| (*id, ["yes", "yes", "yes"]))
            .collect();
        votes.extend(ids[9..].iter().map(|id| (*id, ["yes", "yes", "no"])));
        f.vote(ballot, &votes).await;
        let closed = f.close(ballot).await;
        let outcomes: Vec<&str> = closed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["outcome"].as_str().unwrap())
            .collect();
        assert_eq!(outcomes.iter().filter(|o| **o == "passed").count(), 9);
        assert_eq!(outcomes.iter().filter(|o| **o == "tied").count(), 3);
        assert_eq!(closed["slots_left"], 1);
        for id in &ids[9..] {
            assert_eq!(
                f.state(*id).await,
                "reviewed",
                "tied nominations wait for the run-off"
            );
        }

        // The run-off decides the last place; the other two pass but are over the quota.
        let runoff = f.open_ballot(Some(&ids[9..])).await;
        f.vote(
            runoff,
            &[
                (ids[9], ["yes", "yes", "yes"]),
                (ids[10], ["yes", "yes", "no"]),
                (ids[11], ["yes", "yes", "no"]),
            ],
        )
        .await;
        let closed = f.close(runoff).await;
        assert_eq!(closed["round"], 2);
        assert_eq!(f.state(ids[9]).await, "recommended");
        assert_eq!(f.state(ids[10]).await, "not_recommended");
        assert_eq!(f.state(ids[11]).await, "not_recommended");
        assert_eq!(closed["slots_left"], 0);

        // With the quota full, another ballot cannot recommend anyone.
        let approved = f.decide().await;
        ok(&approved, "approval");
        assert_eq!(
            approved.json["nominations"].as_array().map(Vec::len),
            Some(10)
        );
        assert_eq!(
            app.get("/api/v1/laureates?year=2026").await.json["total"],
            10
        );
    }
);

db_test!(
    an_operation_outside_its_phase_is_refused_with_the_phase_that_allows_it,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Late Example").await;
        assert_eq!(f.advance().await, "formal_review");
        // The window has closed: a new draft cannot be created, a draft cannot be submitted.
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                crate::flow::dossier("Too Late"),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json["error"]["code"], "wrong-phase");
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("nomination window"),
            "{}",
            r.text
        );
        // Voting before the committee phase is refused too.
        let r = f.step(&f.admin, "ballots", json!({})).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("committee"),
            "{}",
            r.text
        );
        // Formal review may still accept.
        ok(
            &f.act(&f.admin, id, "accept").await,
            "accept in formal review",
        );
    }
);

db_test!(
    approval_needs_the_ministry_review_and_the_approver,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Careful Example").await;
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes", "yes", "yes"])]).await;
        f.close(ballot).await;
        // The Awards Committee resolves only after the supervision committee has reported.
        let early = f.step(&f.awards, "resolution", json!({})).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
        assert_eq!(early.json["error"]["code"], "supervision-report-missing");
        ok(&f.resolve().await, "resolution");
        f.advance().await;
        let r = f
            .step(&f.approver, "approval", json!({ "document": "1" }))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json["error"]["code"], "no-ministry-review");
        let r = f
            .step(&f.admin, "approval", json!({ "document": "1" }))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "the office cannot approve");
    }
);

db_test!(
    a_member_votes_once_per_item_and_the_tally_stays_hidden_until_the_ballot_closes,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Secret Example").await;
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes", "no", "abstain"])]).await;
        let again = f
            .post(
                &f.committee[0],
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "no" }),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let open = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.committee[0]),
                None,
            )
            .await;
        assert_eq!(open.json["items"][0]["votes_cast"], 3);
        assert!(
            open.json["items"][0]["yes"].is_null(),
            "no counts while open: {}",
            open.text
        );
        // The audit log records that members voted, never how.
        let audit = app.call("GET", "/api/v1/audit", Some(&f.admin), None).await;
        let votes: Vec<&serde_json::Value> = audit.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "ballot.vote_cast")
            .collect();
        assert_eq!(votes.len(), 3);
        for v in votes {
            assert!(
                !v["payload"].to_string().contains("yes")
                    && !v["payload"].to_string().contains("abstain"),
                "{v}"
            );
        }
        let closed = f.close(ballot).await;
        assert_eq!(
            (
                closed["items"][0]["yes"].as_i64(),
                closed["items"][0]["no"].as_i64(),
                closed["items"][0]["abstain"].as_i64()
            ),
            (Some(1), Some(1), Some(1))
        );
        assert_eq!(closed["items"][0]["outcome"], "failed");
        assert_eq!(f.state(id).await, "not_recommended");
    }
);

db_test!(
    a_nominator_withdraws_before_the_resolution_with_a_reason,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Withdrawn Example").await;
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/nominations/{id}/actions/withdraw"),
                json!({ "declaration": true }),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a reason is required"
        );
        let r = f.act(&f.nominator, id, "withdraw").await;
        ok(&r, "withdraw");
        assert_eq!(r.json["state"], "withdrawn");
        assert_eq!(
            r.json["history"].as_array().unwrap().last().unwrap()["reason"],
            "a reason"
        );
    }
);

db_test!(
    a_returned_dossier_is_corrected_and_resubmitted_and_a_stale_edit_is_refused,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Returned Example").await;
        ok(&f.act(&f.admin, id, "return").await, "return");
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(n.json["state"], "returned");
        assert_eq!(n.json["state_reason"], "a reason");
        let version = n.json["version"].as_i64().unwrap();
        let mut body = crate::flow::dossier("Returned Example, corrected");
        body["version"] = json!(version);
        let r = app
            .call(
                "PUT",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                Some(body.clone()),
            )
            .await;
        ok(&r, "correct");
        let stale = app
            .call(
                "PUT",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                Some(body),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(
            stale.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Reload")
        );
        ok(&f.act(&f.nominator, id, "submit").await, "resubmit");
        assert_eq!(f.state(id).await, "submitted");
    }
);

db_test!(
    racing_closes_of_a_ballot_never_recommend_more_than_the_quota,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut ids = Vec::new();
        for i in 0..12 {
            ids.push(f.nominate(&format!("Quota Candidate {i:02}")).await);
        }
        f.to_committee(&ids).await;
        // Racing openings: one ballot opens, the others are told one is open.
        let open_path = format!("/api/v1/cycles/{}/ballots", f.cycle_id);
        let open = || f.post(&f.admin, &open_path, json!({}));
        let opened = tokio::join!(open(), open(), open(), open(), open(), open());
        let opened = [opened.0, opened.1, opened.2, opened.3, opened.4, opened.5];
        let created: Vec<&crate::support::Reply> = opened
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .collect();
        assert_eq!(
            created.len(),
            1,
            "{:?}",
            opened
                .iter()
                .map(|r| (r.status, &r.text))
                .collect::<Vec<_>>()
        );
        assert!(
            opened
                .iter()
                .all(|r| r.status == StatusCode::CREATED || r.status == StatusCode::CONFLICT)
        );
        let ballot = created[0].json["id"].as_i64().unwrap();
        // Ten pass with every vote, two with two of three: all twelve pass, ten fit the quota.
        let votes: Vec<(i64, [&str; 3])> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    *id,
                    if i < 10 {
                        ["yes", "yes", "yes"]
                    } else {
                        ["yes", "yes", "no"]
                    },
                )
            })
            .collect();
        f.vote(ballot, &votes).await;
        let path = format!("/api/v1/ballots/{ballot}/close");
        let close = || f.post(&f.admin, &path, json!({}));
        let answers = tokio::join!(
            close(),
            close(),
            close(),
            close(),
            close(),
            close(),
            close(),
            close()
        );
        let statuses = [
            answers.0.status,
            answers.1.status,
            answers.2.status,
            answers.3.status,
            answers.4.status,
            answers.5.status,
            answers.6.status,
            answers.7.status,
        ];
        assert_eq!(
            statuses.iter().filter(|s| **s == StatusCode::OK).count(),
            1,
            "one close wins: {statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
            "{statuses:?}"
        );
        let mut recommended = 0;
        for id in &ids {
            if f.state(*id).await == "recommended" {
                recommended += 1;
            }
        }
        assert_eq!(recommended, 10);
        let closed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'ballot.close'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(closed, 1, "one close is recorded");
    }
);

db_test!(
    a_member_with_a_conflict_is_recused_from_that_vote_and_the_chair_sees_why,
    |app| async move {
        let f = Flow::new(&app).await;
        let conflicted = f.nominate("Recusal Example").await;
        let other = f.nominate("Open Example").await;
        f.to_committee(&[conflicted, other]).await;
        // The first committee member is also in the expert pool, with a conflict on one nomination.
        f.first_member_conflicted_with(conflicted).await;
        let ballot = f.open_ballot(None).await;
        let member = &f.committee[0];
        let refused = f
            .post(
                member,
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": conflicted, "vote": "yes" }),
            )
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
        assert_eq!(refused.json["error"]["code"], "recused");
        // The member sees that they are recused; only the chair sees who and why.
        let seen = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(member),
                None,
            )
            .await;
        let item = |v: &serde_json::Value, id: i64| {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["nomination_id"] == id)
                .cloned()
                .unwrap()
        };
        assert_eq!(item(&seen.json, conflicted)["recused_me"], true);
        // Members weigh the experts' scores before voting; a recused member sees none of them.
        assert_eq!(item(&seen.json, conflicted)["scores"], json!([]));
        let other_scores = item(&seen.json, other)["scores"].clone();
        assert!(
            other_scores.as_array().is_some_and(|s| !s.is_empty()
                && s.iter()
                    .all(|v| v.as_i64().is_some_and(|n| (0..=100).contains(&n)))),
            "{other_scores}"
        );
        // Recused from the discussion too: the dossier and its reviews are closed to the member.
        for path in [
            format!("/api/v1/nominations/{conflicted}"),
            format!("/api/v1/nominations/{conflicted}/reviews"),
        ] {
            let closed = app.call("GET", &path, Some(member), None).await;
            assert_eq!(closed.status, StatusCode::NOT_FOUND, "{path}");
        }
        let open = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{other}"),
                Some(member),
                None,
            )
            .await;
        assert_eq!(open.status, StatusCode::OK);
        assert_eq!(item(&seen.json, conflicted)["recusals"], json!([]));
        let chair = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(item(&chair.json, conflicted)["recused"], 1);
        assert_eq!(
            item(&chair.json, conflicted)["recusals"][0]["reason"],
            "conflict-office"
        );
        let dashboard = app.browser_login("member1@test.cn").await;
        let page = app
            .page("GET", "/dashboard", &dashboard.cookies, None)
            .await;
        assert!(
            page.text.contains("You are recused"),
            "the member's ballot says so"
        );
        assert!(
            refused.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Recorded by the office")
        );
        // The other two members carry the item: two of two eligible is a quorum.
        f.vote(ballot, &[(other, ["yes", "yes", "yes"])]).await;
        let mut receipts = Vec::new();
        for m in &f.committee[1..] {
            let r = f
                .post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/votes"),
                    json!({ "nomination_id": conflicted, "vote": "yes" }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            receipts.push(r.json["receipt"].as_str().unwrap().to_owned());
        }
        let early = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}/check"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(early.status, StatusCode::CONFLICT, "checked once closed");
        let closed = f.close(ballot).await;
        // Anyone who may read the ballot checks the count; each member finds their own vote.
        let check = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}/check"),
                Some(member),
                None,
            )
            .await;
        assert_eq!(check.status, StatusCode::OK, "{}", check.text);
        let checked = check
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["nomination_id"] == conflicted)
            .cloned()
            .unwrap();
        assert_eq!(checked["participants"], 2);
        assert_eq!(checked["yes"], 2);
        let votes = checked["votes"].as_array().unwrap();
        assert_eq!(votes.len(), 2);
        for receipt in &receipts {
            let hash = laureate::service::accounts::sha256_hex(receipt);
            assert!(
                votes
                    .iter()
                    .any(|v| v["receipt_sha256"] == hash.as_str() && v["vote"] == "yes"),
                "the member's receipt is listed with the vote"
            );
        }
        assert!(!check.text.contains("member2") && !check.text.contains("Member"));
        assert_eq!(item(&closed, conflicted)["outcome"], "passed", "{closed}");
        assert_eq!(item(&closed, conflicted)["recused"], 1);
        assert_eq!(f.state(conflicted).await, "recommended");
        assert_eq!(f.state(other).await, "recommended");
        let audit = app.call("GET", "/api/v1/audit", Some(&f.admin), None).await;
        assert!(audit.text.contains("recusals"));
    }
);
