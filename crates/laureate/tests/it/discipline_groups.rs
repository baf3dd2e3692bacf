//! Evaluation groups (学科评审组, Regulations Art. 19): a program's groups vote on the reviewed
//! candidates nominated to them, each with its own members and ballots, and the evaluation
//! committee votes only on those the groups passed; on both databases, through the API and
//! the pages.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::json;

/// The field and code of a refusal's first field error.
fn field_error(r: &crate::support::Reply) -> (String, String) {
    let f = &r.json["error"]["fields"][0];
    (
        f["field"].as_str().unwrap_or_default().to_owned(),
        f["code"].as_str().unwrap_or_default().to_owned(),
    )
}

db_test!(
    a_groups_members_alone_vote_on_its_candidates_and_the_committee_only_on_those_it_passed,
    |app| async move {
        let clock = app.fix_clock();
        let f = Flow::for_program(&app, Some("natural")).await;
        let maths = f.rules.discipline_groups[0].id.clone();
        let chemistry = f.rules.discipline_groups[2].id.clone();
        // The program lists its groups for nominators and scripts.
        let p = app
            .call("GET", "/api/v1/programs/natural", None, None)
            .await;
        assert_eq!(p.json["discipline_groups"][0]["id"], maths.as_str());
        assert_eq!(p.json["discipline_groups"][0]["name_zh"], "数学");

        // A dossier names its group: none, or another program's, is refused naming the field.
        let path = format!("/api/v1/cycles/{}/nominations", f.cycle_id);
        let mut d = f.dossier("Ungrouped project", None);
        d.as_object_mut().unwrap().remove("discipline_group");
        let r = f.post(&f.nominator, &path, d.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "required".into())
        );
        d["discipline_group"] = json!("progress-industry");
        let r = f.post(&f.nominator, &path, d).await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "not-of-the-program".into())
        );

        // Three projects in the first group, one in chemistry.
        let kept = f.nominate("Passed project").await;
        let failed = f.nominate("Failed project").await;
        let waiting = f.nominate("Waiting project").await;
        let mut d = f.dossier("Chemistry project", None);
        d["discipline_group"] = json!(chemistry);
        let r = f.post(&f.nominator, &path, d).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["discipline_group"], chemistry.as_str());
        let other = r.json["id"].as_i64().unwrap();
        ok(&f.act(&f.nominator, other, "submit").await, "submit");
        // Reviewed and in the committee phase, without the groups' ballots yet.
        let ids = [kept, failed, waiting, other];
        let no_groups = Flow {
            rules: laureate_domain::RuleSet {
                discipline_groups: Vec::new(),
                ..f.rules.clone()
            },
            ..f.clone()
        };
        no_groups.to_committee(&ids).await;

        // The evaluation committee cannot vote before a group passed anyone.
        let r = f.step(&f.admin, "ballots", json!({})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        let r = f
            .step(&f.admin, "ballots", json!({ "nomination_ids": [kept] }))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.json["error"]["code"], "not-through-group", "{}", r.text);

        // A group's ballot names its group, of the cycle's program.
        let r = f
            .step(&f.admin, "ballots", json!({ "committee": "discipline" }))
            .await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "required".into())
        );
        let r = f
            .step(
                &f.admin,
                "ballots",
                json!({ "committee": "discipline", "discipline_group": "progress-industry" }),
            )
            .await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "not-of-the-program".into())
        );
        // The first group votes on its three candidates only (named: two of them).
        let r = f
            .step(
                &f.admin,
                "ballots",
                json!({ "committee": "discipline", "discipline_group": maths,
                        "nomination_ids": [kept, failed] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let ballot = r.json["id"].as_i64().unwrap();
        assert_eq!(r.json["committee"], "discipline");
        assert_eq!(r.json["members"], 3);
        // A second ballot of the same group waits; another group's opens beside it, and it
        // cannot take a candidate of the first group.
        let r = f
            .step(
                &f.admin,
                "ballots",
                json!({ "committee": "discipline", "discipline_group": maths }),
            )
            .await;
        assert_eq!(r.json["error"]["code"], "ballot-open", "{}", r.text);
        let r = f
            .step(
                &f.admin,
                "ballots",
                json!({ "committee": "discipline", "discipline_group": chemistry,
                        "nomination_ids": [waiting] }),
            )
            .await;
        assert_eq!(r.json["error"]["code"], "not-in-group", "{}", r.text);
        // The evaluation committee's members are not on the group's ballot.
        let r = f
            .post(
                &f.committee[0],
                &format!("/api/v1/ballots/{ballot}/declaration"),
                json!({ "conflicts": [] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        for m in &f.group_members {
            let d = f
                .post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/declaration"),
                    json!({ "conflicts": [] }),
                )
                .await;
            ok(&d, "declare");
        }
        for (id, vote) in [(kept, "yes"), (failed, "no")] {
            for m in &f.group_members {
                let r = f
                    .post(
                        m,
                        &format!("/api/v1/ballots/{ballot}/votes"),
                        json!({ "nomination_id": id, "vote": vote }),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            }
        }
        f.close(ballot).await;
        // Passed: still reviewed, for the committee; failed: not recommended.
        assert_eq!(f.state(kept).await, "reviewed");
        assert_eq!(f.state(failed).await, "not_recommended");
        assert_eq!(f.state(waiting).await, "reviewed");

        // The evaluation committee's ballot takes only what a group passed, and a candidate
        // still waiting for its group is refused by name.
        let r = f
            .step(&f.admin, "ballots", json!({ "nomination_ids": [waiting] }))
            .await;
        assert_eq!(r.json["error"]["code"], "not-through-group", "{}", r.text);
        // A member of the ISTC Award's evaluation committee only is not on this award's.
        app.login_as("committee", "istc-only@test.cn").await;
        let r = f
            .post(
                &f.admin,
                "/api/v1/committees/evaluation/terms",
                json!({ "email": "istc-only@test.cn", "position": "member" }),
            )
            .await;
        assert_eq!(r.json["program"], "istc", "{}", r.text);
        let ballot = f.open_ballot(None).await;
        let view = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}"),
                Some(&f.admin),
                None,
            )
            .await;
        let on: Vec<i64> = view.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["nomination_id"].as_i64().unwrap())
            .collect();
        assert_eq!(on, vec![kept]);
        assert_eq!(
            view.json["members"], 3,
            "the Natural Science Award's committee"
        );
        assert_eq!(view.json["program"], "natural");
        f.vote(ballot, &[(kept, ["yes"; 3])]).await;
        f.close(ballot).await;
        assert_eq!(f.state(kept).await, "recommended");

        // The audit names the group of each ballot.
        let audit = app
            .call(
                "GET",
                "/api/v1/audit?action=ballot.open&per_page=10",
                Some(&f.admin),
                None,
            )
            .await;
        assert!(audit.text.contains(&maths), "{}", audit.text);

        // The office's pages: the committees page lists the groups with their members, and
        // the cycle page offers each group's ballot.
        // The office signs in to the pages a moment later (its codes of this moment are used).
        clock.advance(chrono::Duration::minutes(2));
        let b = app.browser_login("office@test.cn").await;
        let page = app
            .page("GET", "/committees?lang=zh", &b.cookies, None)
            .await;
        assert!(page.text.contains("学科评审组：数学"), "{}", page.text);
        assert!(
            page.text
                .contains(r#"id="committee-discipline-natural-mathematics""#)
        );
        let cycle = app
            .page(
                "GET",
                &format!("/cycles/{}?lang=en", f.cycle_id),
                &b.cookies,
                None,
            )
            .await;
        assert!(
            cycle
                .text
                .contains(&format!(r#"value="discipline:{chemistry}""#)),
            "{}",
            cycle.text
        );
    }
);

db_test!(
    appointments_to_a_group_name_the_group_and_are_counted_per_group,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        app.login_as("committee", "member@test.cn").await;
        let appoint = |body: serde_json::Value, committee: &'static str| {
            let admin = admin.clone();
            let app = &app;
            async move {
                app.call(
                    "POST",
                    &format!("/api/v1/committees/{committee}/terms"),
                    Some(&admin),
                    Some(body),
                )
                .await
            }
        };
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "chair" }),
            "discipline",
        )
        .await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "required".into())
        );
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "chair",
                    "discipline_group": "natural-astrology" }),
            "discipline",
        )
        .await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "unknown-value".into())
        );
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "member",
                    "discipline_group": "natural-physics" }),
            "evaluation",
        )
        .await;
        assert_eq!(
            field_error(&r),
            ("discipline_group".into(), "not-a-discipline-group".into())
        );
        // An evaluation committee is one award's; the Awards Committee serves every award.
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "member", "program": "nobel" }),
            "evaluation",
        )
        .await;
        assert_eq!(field_error(&r), ("program".into(), "unknown-value".into()));
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "member", "program": "natural" }),
            "awards",
        )
        .await;
        assert_eq!(
            field_error(&r),
            ("program".into(), "not-per-program".into())
        );
        // One member chairs two groups and sits on the evaluation committee: terms on each
        // are their own.
        for (committee, group) in [
            ("discipline", Some("natural-physics")),
            ("discipline", Some("invention-energy")),
            ("evaluation", None),
        ] {
            let r = appoint(
                json!({ "email": "member@test.cn", "position": "chair",
                        "discipline_group": group }),
                committee,
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            assert_eq!(r.json["discipline_group"], json!(group));
        }
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "member",
                    "discipline_group": "natural-physics" }),
            "discipline",
        )
        .await;
        assert_eq!(
            field_error(&r),
            ("starts_on".into(), "term-overlaps".into())
        );
        let list = app
            .call("GET", "/api/v1/committees", Some(&admin), None)
            .await;
        let physics = list.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["discipline_group"]["id"] == "natural-physics")
            .cloned()
            .unwrap();
        assert_eq!(physics["committee"], "discipline");
        assert_eq!(physics["discipline_group"]["program"], "natural");
        assert_eq!(physics["members"].as_array().unwrap().len(), 1);
        // Each award's evaluation committee is listed with its own members: the member sits
        // on the ISTC Award's (the default program's), not on the Natural Science Award's.
        let evaluation = |program: &str| {
            list.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["committee"] == "evaluation" && c["program"] == program)
                .cloned()
                .unwrap()
        };
        assert_eq!(evaluation("istc")["members"].as_array().unwrap().len(), 1);
        assert_eq!(
            evaluation("natural")["members"].as_array().unwrap().len(),
            0
        );
        let r = appoint(
            json!({ "email": "member@test.cn", "position": "member", "program": "natural" }),
            "evaluation",
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["program"], "natural");
    }
);
