//! The decisions after the evaluation committee, as Regulation Art. 20–21 make them: the Awards
//! Committee's members vote on each recommendation, the ministry reviews and the approving body
//! decides each candidate, and a returned candidate is voted on again.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::{Value, json};

/// Ten candidates through the evaluation committee, recommended; the supervision committee has
/// reported. Their ids.
async fn ten_recommended(f: &Flow<'_>) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 1..=10 {
        ids.push(f.nominate(&format!("Candidate {i:02}")).await);
    }
    f.to_committee(&ids).await;
    let ballot = f.open_ballot(None).await;
    let votes: Vec<(i64, [&str; 3])> = ids.iter().map(|id| (*id, ["yes"; 3])).collect();
    f.vote(ballot, &votes).await;
    f.close(ballot).await;
    f.supervision_report().await;
    ids
}

fn ids_of(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

async fn announced(f: &Flow<'_>) -> Vec<String> {
    let r = f
        .app
        .call("GET", "/api/v1/announcements/2026", None, None)
        .await;
    let mut names: Vec<String> = r.json["laureates"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

db_test!(
    the_awards_committee_confirms_nine_the_ministry_returns_one_the_approver_refuses_one,
    |app| async move {
        let f = Flow::new(&app).await;
        let ids = ten_recommended(&f).await;
        // Without its vote, the Awards Committee has nothing to adopt.
        let early = f.step(&f.awards, "resolution", json!({})).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
        assert_eq!(early.json["error"]["code"], "awards-vote-needed");
        // The vote: nine carried; the tenth has one yes of three, not a majority.
        let opened = f.open_awards_ballot(None).await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        assert_eq!(opened.json["committee"], "awards");
        let ballot = opened.json["id"].as_i64().unwrap();
        let mut votes: Vec<(i64, [&str; 3])> = ids[..9]
            .iter()
            .map(|id| (*id, ["yes", "yes", "no"]))
            .collect();
        votes.push((ids[9], ["yes", "no", "abstain"]));
        f.awards_vote(ballot, &votes).await;
        // An evaluation committee member is not on this ballot and cannot read it.
        let stranger = f
            .post(
                &f.committee[0],
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": ids[0], "vote": "yes" }),
            )
            .await;
        assert_eq!(stranger.status, StatusCode::FORBIDDEN, "{}", stranger.text);
        let hidden = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.committee[0]),
                None,
            )
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.text);
        f.close(ballot).await;
        // Closing records the tallies; nothing moves until the resolution adopts them.
        assert_eq!(f.state(ids[0]).await, "recommended");
        // Any member adopts it; the resolution records every tally.
        let resolution = f.step(&f.awards_members[1], "resolution", json!({})).await;
        ok(&resolution, "resolution");
        assert_eq!(ids_of(&resolution.json["nominations"]), ids[..9].to_vec());
        assert_eq!(ids_of(&resolution.json["refused"]), vec![ids[9]]);
        let tenth = resolution.json["tallies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["nomination_id"] == ids[9])
            .cloned()
            .unwrap();
        assert_eq!(
            (
                &tenth["yes"],
                &tenth["no"],
                &tenth["abstain"],
                &tenth["outcome"]
            ),
            (&json!(1), &json!(1), &json!(1), &json!("failed"))
        );
        assert_eq!(f.state(ids[9]).await, "not_confirmed");
        // Adopted once: a second adoption has nothing new.
        let again = f.step(&f.awards, "resolution", json!({})).await;
        assert_eq!(again.json["error"]["code"], "awards-vote-needed");
        assert_eq!(f.advance().await, "approval");

        // The ministry returns the first with reasons and passes the others.
        let mut decisions = vec![json!({
            "nomination_id": ids[0], "outcome": "returned",
            "reasons": "The cooperation agreement cited is not on file.",
        })];
        for id in &ids[1..9] {
            decisions.push(json!({ "nomination_id": id, "outcome": "approved" }));
        }
        let review = f
            .step(
                &f.admin,
                "ministry-review",
                json!({
                    "note": "Reviewed by MOST.", "document": "国科发奖〔2026〕12号",
                    "decided_on": "2026-01-02", "decisions": decisions,
                }),
            )
            .await;
        ok(&review, "ministry review");
        assert_eq!(ids_of(&review.json["returned"]), vec![ids[0]]);
        assert_eq!(review.json["nominations"].as_array().map(Vec::len), Some(8));
        assert_eq!(f.state(ids[0]).await, "recommended");

        // The approving body refuses one and approves seven; the returned one holds up nobody.
        let mut decisions = vec![json!({
            "nomination_id": ids[1], "outcome": "refused", "reasons": "Not within the award's scope.",
        })];
        for id in &ids[2..9] {
            decisions.push(json!({ "nomination_id": id, "outcome": "approved" }));
        }
        let approval = f
            .step(
                &f.approver,
                "approval",
                json!({ "document": "国发〔2026〕1号", "decisions": decisions }),
            )
            .await;
        ok(&approval, "approval");
        assert_eq!(
            approval.json["nominations"].as_array().map(Vec::len),
            Some(7)
        );
        assert_eq!(ids_of(&approval.json["refused"]), vec![ids[1]]);
        assert_eq!(announced(&f).await.len(), 7);

        // The returned candidate is voted on again, in the approval phase, and approved.
        let revote = f.open_awards_ballot(Some(&[ids[0]])).await;
        assert_eq!(revote.status, StatusCode::CREATED, "{}", revote.text);
        let revote = revote.json["id"].as_i64().unwrap();
        f.awards_vote(revote, &[(ids[0], ["yes", "yes", "yes"])])
            .await;
        f.close(revote).await;
        let second = f.step(&f.awards, "resolution", json!({})).await;
        ok(&second, "second resolution");
        assert_eq!(ids_of(&second.json["nominations"]), vec![ids[0]]);
        ok(
            &f.step(
                &f.admin,
                "ministry-review",
                json!({ "note": "Reviewed again." }),
            )
            .await,
            "second review",
        );
        let last = f
            .step(
                &f.approver,
                "approval",
                json!({ "document": "国发〔2026〕2号" }),
            )
            .await;
        ok(&last, "second approval");
        assert_eq!(ids_of(&last.json["nominations"]), vec![ids[0]]);

        // Eight laureates, in the registry and the announcement: not the refused one, nor the
        // one the Awards Committee did not confirm.
        let names = announced(&f).await;
        assert_eq!(names.len(), 8, "{names:?}");
        assert!(names.contains(&"Candidate 01".to_owned()));
        assert!(!names.contains(&"Candidate 02".to_owned()));
        assert!(!names.contains(&"Candidate 10".to_owned()));
        assert_eq!(
            app.get("/api/v1/laureates?year=2026").await.json["total"],
            8
        );
        // Each candidate's record: the tally and every decision with its reasons.
        let records = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/decisions", f.cycle_id),
                Some(&f.approver),
                None,
            )
            .await;
        ok(&records, "records");
        assert_eq!(records.json["total"], 10);
        let first = records.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["nomination_id"] == ids[0])
            .cloned()
            .unwrap();
        let steps: Vec<(String, String)> = first["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["stage"].as_str().unwrap().to_owned(),
                    d["outcome"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            steps,
            [
                ("ministry".into(), "returned".into()),
                ("ministry".into(), "approved".into()),
                ("approval".into(), "approved".into())
            ]
        );
        assert_eq!(first["decisions"][0]["decided_on"], "2026-01-02");
        assert_eq!(first["awards_tally"]["yes"], 3);
        // Every nomination's body heard its result once: eight awarded, two not.
        assert_eq!(app.mails_of("nominator@test.cn", "results").await, 10);
        // The resolution and each decision are on the record.
        let audit = app
            .call("GET", "/api/v1/audit?per_page=200", Some(&f.admin), None)
            .await;
        let actions: Vec<&str> = audit.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert_eq!(
            actions.iter().filter(|a| **a == "cycle.resolution").count(),
            2
        );
        assert_eq!(
            actions.iter().filter(|a| **a == "cycle.approval").count(),
            2
        );
    }
);

db_test!(
    a_decision_names_only_candidates_awaiting_it_with_reasons_for_a_return_or_refusal,
    |app| async move {
        let f = Flow::new(&app).await;
        let ids = ten_recommended(&f).await;
        f.awards_confirm_all().await;
        ok(
            &f.step(&f.awards, "resolution", json!({})).await,
            "resolution",
        );
        assert_eq!(f.advance().await, "approval");
        let decide = |body: Value| f.step(&f.admin, "ministry-review", body);
        let refused = |r: &crate::support::Reply, code: &str| {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            let fields = r.json["error"]["fields"].to_string();
            assert!(fields.contains(code), "{code}: {}", r.text);
        };
        let r = decide(json!({ "note": "n", "decisions": [
            { "nomination_id": ids[0], "outcome": "returned" }] }))
        .await;
        refused(&r, "decision-reasons-required");
        let r = decide(json!({ "note": "n", "decisions": [
            { "nomination_id": ids[0], "outcome": "maybe" }] }))
        .await;
        refused(&r, "unknown-value");
        let r = decide(json!({ "note": "n", "decisions": [
            { "nomination_id": 999_999, "outcome": "approved" }] }))
        .await;
        refused(&r, "decision-not-awaiting");
        let r = decide(json!({ "note": "n", "decided_on": "2999-01-01" })).await;
        refused(&r, "decided_on");
        let r = decide(json!({ "note": "n", "decisions": [
            { "nomination_id": ids[0], "outcome": "approved" },
            { "nomination_id": ids[0], "outcome": "refused", "reasons": "r" }] }))
        .await;
        refused(&r, "duplicate-entries");
        // Nothing was decided by the refused attempts.
        assert_eq!(f.state(ids[0]).await, "resolved");
        // The approver decides only what the ministry passed, and only the approver does.
        ok(
            &decide(json!({ "note": "n", "decisions": [
                { "nomination_id": ids[1], "outcome": "approved" }] }))
            .await,
            "one passed",
        );
        let r = f
            .step(
                &f.approver,
                "approval",
                json!({ "document": "1", "decisions": [
                    { "nomination_id": ids[0], "outcome": "approved" }] }),
            )
            .await;
        refused(&r, "decision-not-awaiting");
        let r = f
            .step(&f.admin, "approval", json!({ "document": "1" }))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = f
            .step(&f.approver, "ministry-review", json!({ "note": "n" }))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A decision listing nobody to decide is refused.
        let r = f
            .step(
                &f.approver,
                "approval",
                json!({ "document": "1", "decisions": [] }),
            )
            .await;
        assert_eq!(r.json["error"]["code"], "nothing-to-decide", "{}", r.text);
    }
);

db_test!(
    the_awards_committee_needs_its_quorum_and_a_conflicted_member_is_recused,
    |app| async move {
        let f = Flow::new(&app).await;
        let first = f.nominate("Conflicted Example").await;
        let second = f.nominate("Quiet Example").await;
        f.to_committee(&[first, second]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(first, ["yes"; 3]), (second, ["yes"; 3])])
            .await;
        f.close(ballot).await;
        f.supervision_report().await;
        // The second member of the Awards Committee is in the expert pool with a conflict of
        // interest with the first candidate: recused from its vote, automatically.
        let expert = f
            .post(
                &f.admin,
                "/api/v1/experts",
                json!({ "name_en": "Awards Member Two", "email": "awards2@test.cn" }),
            )
            .await;
        assert_eq!(expert.status, StatusCode::CREATED, "{}", expert.text);
        let conflict = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/conflicts", f.cycle_id),
                json!({
                    "expert_id": expert.json["id"], "nomination_id": first,
                    "detail": "co-author in 2024",
                }),
            )
            .await;
        assert!(conflict.status.is_success(), "{}", conflict.text);
        let opened = f.open_awards_ballot(None).await;
        let ballot = opened.json["id"].as_i64().unwrap();
        let item = |v: &Value, id: i64| {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["nomination_id"] == id)
                .cloned()
                .unwrap()
        };
        assert_eq!(item(&opened.json, first)["recused"], 1, "{}", opened.text);
        let recused = f
            .post(
                &f.awards_members[1],
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": first, "vote": "yes" }),
            )
            .await;
        assert_eq!(recused.status, StatusCode::CONFLICT, "{}", recused.text);
        assert_eq!(recused.json["error"]["code"], "recused");
        // The first: both eligible members vote yes. The second: one vote of three is short of
        // the quorum of two thirds.
        f.awards_vote(
            ballot,
            &[(first, ["yes", "-", "yes"]), (second, ["yes", "-", "-"])],
        )
        .await;
        let closed = f.close(ballot).await;
        assert_eq!(item(&closed, first)["outcome"], "passed", "{closed}");
        assert_eq!(item(&closed, second)["outcome"], "no_quorum", "{closed}");
        ok(
            &f.step(&f.awards, "resolution", json!({})).await,
            "resolution",
        );
        assert_eq!(f.state(first).await, "resolved");
        // Without a quorum the candidate stays recommended, for another ballot.
        assert_eq!(f.state(second).await, "recommended");
        // The rule set says how the Awards Committee decides, as data.
        let rules = app.get("/api/v1/rule-sets/istc-2025").await;
        assert_eq!(
            rules.json["awards_committee_vote"],
            json!({ "quorum": [2, 3], "threshold": [1, 2], "more_than": true })
        );
    }
);
