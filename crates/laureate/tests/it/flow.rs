//! Drives a cycle through the API, step by step, the way the office and each role would.

use crate::support::{Reply, TestApp};
use axum::http::StatusCode;
use serde_json::{Value, json};

#[derive(Clone)]
pub struct Flow<'a> {
    pub app: &'a TestApp,
    pub admin: String,
    pub nominator: String,
    pub reviewer: String,
    pub reviewer_id: i64,
    pub committee: Vec<String>,
    /// The Awards Committee's chair (`awards@test.cn`).
    pub awards: String,
    /// The Awards Committee's three members in office, the chair first.
    pub awards_members: Vec<String>,
    pub approver: String,
    pub cycle_id: i64,
    /// The program of the cycle (`istc` unless opened with `for_program`).
    pub program: String,
    /// The cycle's rule set (the program's for the award year 2026).
    pub rules: laureate_domain::RuleSet,
    /// The members of the program's first evaluation group, where it has groups: every
    /// dossier is nominated to that group, which votes before the evaluation committee.
    pub group_members: Vec<String>,
}

pub fn ok(r: &Reply, what: &str) {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.text);
}

/// Every item of the formal checklist of the rule set in force.
pub fn checklist() -> Vec<String> {
    let book = laureate_domain::RuleBook::istc();
    let today = chrono::Utc::now().date_naive();
    book.in_force_on(today)
        .map(|r| r.formal_checklist.clone())
        .unwrap_or_default()
}

pub fn dossier(name: &str) -> Value {
    json!({
        "kind": "individual",
        "name_en": name,
        "name_zh": "",
        "country": "DE",
        "field": "physics",
        "categories": ["joint_research"],
        "citation_en": format!("For {name}'s joint research."),
    })
}

/// The office opens the 2026 cycle through the API; its id.
pub async fn open_cycle(app: &TestApp, admin: &str) -> i64 {
    open_program_cycle(app, admin, None).await
}

/// The office opens the 2026 cycle of a program (the default one without), through the API.
pub async fn open_program_cycle(app: &TestApp, admin: &str, program: Option<&str>) -> i64 {
    let mut body = json!({ "award_year": 2026 });
    if let Some(p) = program {
        body["program"] = json!(p);
    }
    let r = app
        .call("POST", "/api/v1/cycles", Some(admin), Some(body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["program"], program.unwrap_or("istc"), "{}", r.text);
    r.json["id"].as_i64().expect("cycle id")
}

/// Appoints the three members `member{i}@test.cn` to the evaluation committee of `program`
/// (the default program's without one).
pub async fn appoint_evaluation(app: &TestApp, admin: &str, program: Option<&str>) {
    for i in 1..=3 {
        let r = app
            .call(
                "POST",
                "/api/v1/committees/evaluation/terms",
                Some(admin),
                Some(
                    json!({ "email": format!("member{i}@test.cn"), "position": "member",
                             "program": program }),
                ),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "appoint: {}", r.text);
        assert_eq!(r.json["program"], program.unwrap_or("istc"), "{}", r.text);
    }
}

/// Appoints three members (`group{i}-{program}@test.cn`) to the first evaluation group of
/// `rules`, where it has groups; returns their tokens.
pub async fn appoint_group(
    app: &TestApp,
    admin: &str,
    program: &str,
    rules: &laureate_domain::RuleSet,
) -> Vec<String> {
    let mut members = Vec::new();
    let Some(group) = rules.discipline_groups.first() else {
        return members;
    };
    for i in 1..=3 {
        let email = format!("group{i}-{program}@test.cn");
        members.push(app.login_as("committee", &email).await);
        let r = app
            .call(
                "POST",
                "/api/v1/committees/discipline/terms",
                Some(admin),
                Some(json!({ "email": email, "position": "member",
                             "discipline_group": group.id })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "appoint: {}", r.text);
    }
    members
}

impl<'a> Flow<'a> {
    pub async fn new(app: &'a TestApp) -> Flow<'a> {
        Flow::for_program(app, None).await
    }

    /// The people of a cycle and a 2026 cycle of `program` (the ISTC Award without one).
    pub async fn for_program(app: &'a TestApp, program: Option<&str>) -> Flow<'a> {
        let admin = app.login_as("admin", "office@test.cn").await;
        let nominator = app.login_as("nominator", "nominator@test.cn").await;
        let reviewer_id = app.user("reviewer", "expert@test.cn").await;
        let reviewer = app.token("expert@test.cn").await;
        let mut committee = Vec::new();
        for i in 1..=3 {
            committee.push(
                app.login_as("committee", &format!("member{i}@test.cn"))
                    .await,
            );
        }
        appoint_evaluation(app, &admin, program).await;
        let mut awards_members = Vec::new();
        for (email, position) in [
            ("awards@test.cn", "chair"),
            ("awards2@test.cn", "member"),
            ("awards3@test.cn", "member"),
        ] {
            awards_members.push(app.login_as("awards_committee", email).await);
            let r = app
                .call(
                    "POST",
                    "/api/v1/committees/awards/terms",
                    Some(&admin),
                    Some(json!({ "email": email, "position": position })),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "appoint: {}", r.text);
        }
        let awards = awards_members[0].clone();
        let approver = app.login_as("approver", "approver@test.cn").await;
        let cycle_id = open_program_cycle(app, &admin, program).await;
        let program = program.unwrap_or("istc").to_owned();
        let rules = laureate_domain::Programs::shipped()
            .get(&program)
            .and_then(|b| b.for_award_year(2026))
            .expect("the program has a rule set for 2026")
            .clone();
        let group_members = appoint_group(app, &admin, &program, &rules).await;
        Flow {
            group_members,
            program,
            rules,
            app,
            admin,
            nominator,
            reviewer,
            reviewer_id,
            committee,
            awards,
            awards_members,
            approver,
            cycle_id,
        }
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> Reply {
        self.app.call("POST", path, Some(token), Some(body)).await
    }

    /// A dossier of the cycle's program: the ISTC Award's foreign individual, the Preeminent
    /// Award's Chinese scientist, or a project proposed at `grade` (second class if none).
    pub fn dossier(&self, name: &str, grade: Option<&str>) -> Value {
        match self.rules.candidate_kinds.first().map(|k| k.as_str()) {
            Some("project") => json!({
                "kind": "project", "name_en": name, "country": "CN", "field": "physics",
                "categories": [], "grade": grade.unwrap_or("second"),
                "discipline_group": self.rules.discipline_groups.first().map(|g| g.id.as_str()),
                "citation_en": format!("For the project {name}."),
                "completers": [{ "name_en": format!("{name} Lead"), "nationality": "CN",
                                 "affiliation": "Tsinghua University" }],
            }),
            _ if !self.rules.required_nationalities.is_empty() => json!({
                "kind": "individual", "name_en": name, "country": "CN", "field": "physics",
                "categories": [], "citation_en": format!("For {name}'s breakthroughs."),
            }),
            _ => dossier(name),
        }
    }

    pub async fn nominate(&self, name: &str) -> i64 {
        self.nominate_at(name, None).await
    }

    /// Nominates and submits a candidate of the cycle's program, a project at `grade`.
    pub async fn nominate_at(&self, name: &str, grade: Option<&str>) -> i64 {
        let r = self
            .post(
                &self.nominator,
                &format!("/api/v1/cycles/{}/nominations", self.cycle_id),
                self.dossier(name, grade),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json["id"].as_i64().expect("nomination id");
        ok(&self.act(&self.nominator, id, "submit").await, "submit");
        id
    }

    /// A move with a reason, the declaration of truth and the whole formal checklist ticked.
    pub async fn act(&self, token: &str, id: i64, action: &str) -> Reply {
        let body = json!({
            "reason": "a reason", "declaration": true, "checklist": self.rules.formal_checklist,
        });
        self.post(
            token,
            &format!("/api/v1/nominations/{id}/actions/{action}"),
            body,
        )
        .await
    }

    pub async fn advance(&self) -> String {
        let r = self
            .post(
                &self.admin,
                &format!("/api/v1/cycles/{}/advance", self.cycle_id),
                json!({}),
            )
            .await;
        ok(&r, "advance");
        r.json["phase"].as_str().unwrap_or_default().to_owned()
    }

    pub async fn step(&self, token: &str, step: &str, body: Value) -> Reply {
        self.post(
            token,
            &format!("/api/v1/cycles/{}/{step}", self.cycle_id),
            body,
        )
        .await
    }

    /// Accepts, publishes, reviews and scores the given nominations, ending in the committee phase.
    pub async fn to_committee(&self, ids: &[i64]) {
        for id in ids {
            ok(&self.act(&self.admin, *id, "accept").await, "accept");
        }
        assert_eq!(self.advance().await, "formal_review");
        ok(
            &self.step(&self.admin, "publish", json!({})).await,
            "publish",
        );
        assert_eq!(self.advance().await, "review");
        ok(
            &self.step(&self.admin, "start-review", json!({})).await,
            "start review",
        );
        for id in ids {
            ok(
                &self
                    .post(
                        &self.admin,
                        &format!("/api/v1/nominations/{id}/reviewers"),
                        json!({ "reviewer_id": self.reviewer_id }),
                    )
                    .await,
                "assign",
            );
            self.review(*id, 9).await;
        }
        let r = self.step(&self.admin, "complete-reviews", json!({})).await;
        ok(&r, "complete reviews");
        assert_eq!(
            r.json["nominations"].as_array().map(Vec::len),
            Some(ids.len())
        );
        assert_eq!(self.advance().await, "committee");
        self.through_group(ids).await;
    }

    /// Where the program has evaluation groups, the first group passes `ids` on to the
    /// evaluation committee: its members declare, vote yes on each, and the office closes.
    pub async fn through_group(&self, ids: &[i64]) {
        let Some(group) = self.rules.discipline_groups.first() else {
            return;
        };
        let r = self
            .step(
                &self.admin,
                "ballots",
                json!({ "committee": "discipline", "discipline_group": group.id }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let ballot = r.json["id"].as_i64().expect("ballot id");
        assert_eq!(r.json["discipline_group"]["id"], group.id.as_str());
        self.declare_as(&self.group_members, ballot).await;
        let votes: Vec<(i64, [&str; 3])> = ids.iter().map(|id| (*id, ["yes"; 3])).collect();
        self.cast(&self.group_members, ballot, &votes).await;
        let closed = self.close(ballot).await;
        for item in closed["items"].as_array().into_iter().flatten() {
            assert_eq!(item["outcome"], "passed", "{closed}");
        }
        for id in ids {
            assert_eq!(
                self.state(*id).await,
                "reviewed",
                "a group's pass leaves it reviewed"
            );
        }
    }

    /// The expert declares no conflict, then scores every criterion of the rubric.
    pub async fn review(&self, id: i64, each: i64) {
        let declared = self
            .post(
                &self.reviewer,
                &format!("/api/v1/nominations/{id}/declaration"),
                json!({ "has_conflict": false }),
            )
            .await;
        assert_eq!(declared.status, StatusCode::NO_CONTENT, "{}", declared.text);
        // The ISTC Award scores the criteria of joint research; other programs their own.
        let categories: &[laureate_domain::ContributionCategory] = if self.rules.rubric.is_empty() {
            &[]
        } else {
            &[laureate_domain::ContributionCategory::JointResearch]
        };
        let criteria: serde_json::Map<String, Value> =
            laureate_domain::review::rubric_for(&self.rules, categories)
                .into_iter()
                .map(|c| (c, json!(each)))
                .collect();
        let r = self
            .post(
                &self.reviewer,
                &format!("/api/v1/nominations/{id}/reviews"),
                json!({ "criteria": criteria, "comment": "Outstanding cooperation." }),
            )
            .await;
        ok(&r, "review");
    }

    pub async fn open_ballot(&self, ids: Option<&[i64]>) -> i64 {
        let body = match ids {
            Some(ids) => json!({ "nomination_ids": ids }),
            None => json!({}),
        };
        let r = self.step(&self.admin, "ballots", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let ballot = r.json["id"].as_i64().expect("ballot id");
        self.declare(ballot).await;
        ballot
    }

    /// Every member declares no conflict on the ballot (once; a second declaration is refused
    /// and changes nothing).
    pub async fn declare(&self, ballot: i64) {
        self.declare_as(&self.committee, ballot).await;
    }

    /// Each of `members` declares no conflict on the ballot (see `declare`).
    async fn declare_as(&self, members: &[String], ballot: i64) {
        for member in members {
            let r = self
                .post(
                    member,
                    &format!("/api/v1/ballots/{ballot}/declaration"),
                    json!({ "conflicts": [] }),
                )
                .await;
            assert!(
                r.status == StatusCode::OK || r.json["error"]["code"] == "already-declared",
                "{}",
                r.text
            );
        }
    }

    /// Each member votes as given, per nomination; `-` casts no vote. Members declare first.
    pub async fn vote(&self, ballot: i64, votes: &[(i64, [&str; 3])]) {
        self.declare(ballot).await;
        self.cast(&self.committee, ballot, votes).await;
    }

    /// Each of `members` votes as given, per nomination; `-` casts no vote.
    async fn cast(&self, members: &[String], ballot: i64, votes: &[(i64, [&str; 3])]) {
        for (id, by_member) in votes {
            for (member, vote) in members.iter().zip(by_member) {
                if *vote == "-" {
                    continue;
                }
                let r = self
                    .post(
                        member,
                        &format!("/api/v1/ballots/{ballot}/votes"),
                        json!({ "nomination_id": id, "vote": vote }),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            }
        }
    }

    pub async fn close(&self, ballot: i64) -> Value {
        let r = self
            .post(
                &self.admin,
                &format!("/api/v1/ballots/{ballot}/close"),
                json!({}),
            )
            .await;
        ok(&r, "close ballot");
        r.json
    }

    pub async fn state(&self, id: i64) -> String {
        let r = self
            .app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&self.admin),
                None,
            )
            .await;
        r.json["state"].as_str().unwrap_or_default().to_owned()
    }

    /// Opens the Awards Committee's ballot on the recommendations named, or on all; every
    /// member declares no conflict.
    pub async fn open_awards_ballot(&self, ids: Option<&[i64]>) -> Reply {
        let mut body = json!({ "committee": "awards" });
        if let Some(ids) = ids {
            body["nomination_ids"] = json!(ids);
        }
        let r = self.step(&self.admin, "ballots", body).await;
        if r.status == StatusCode::CREATED {
            let ballot = r.json["id"].as_i64().expect("ballot id");
            for member in &self.awards_members {
                let d = self
                    .post(
                        member,
                        &format!("/api/v1/ballots/{ballot}/declaration"),
                        json!({ "conflicts": [] }),
                    )
                    .await;
                assert_eq!(d.status, StatusCode::OK, "{}", d.text);
            }
        }
        r
    }

    /// Each Awards Committee member votes as given, per nomination; `-` casts no vote.
    pub async fn awards_vote(&self, ballot: i64, votes: &[(i64, [&str; 3])]) {
        self.cast(&self.awards_members, ballot, votes).await;
    }

    /// The Awards Committee votes yes on every recommendation (if any awaits it) and its ballot
    /// is closed.
    pub async fn awards_confirm_all(&self) {
        let r = self.open_awards_ballot(None).await;
        if r.status == StatusCode::CONFLICT && r.json["error"]["code"] == "nothing-to-vote" {
            return;
        }
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let ballot = r.json["id"].as_i64().expect("ballot id");
        let votes: Vec<(i64, [&str; 3])> = r.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| (i["nomination_id"].as_i64().expect("id"), ["yes"; 3]))
            .collect();
        self.awards_vote(ballot, &votes).await;
        self.close(ballot).await;
    }

    /// The supervision committee reports on the cycle (Regulation Art. 20).
    pub async fn supervision_report(&self) {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let email = format!(
            "flow.supervisor{}@test.cn",
            N.fetch_add(1, Ordering::Relaxed)
        );
        let supervisor = self.app.login_as("supervisor", &email).await;
        let report = self
            .app
            .call(
                "PUT",
                &format!("/api/v1/cycles/{}/supervision-report", self.cycle_id),
                Some(&supervisor),
                Some(json!({ "body": "Nomination, review and objections followed the rules." })),
            )
            .await;
        ok(&report, "supervision report");
    }

    /// The supervision committee reports on the cycle, then the Awards Committee votes yes on
    /// every recommendation and adopts its resolution.
    pub async fn resolve(&self) -> Reply {
        self.supervision_report().await;
        self.awards_confirm_all().await;
        self.step(&self.awards, "resolution", json!({})).await
    }

    /// Resolution, ministry review and approval.
    pub async fn decide(&self) -> Reply {
        ok(&self.resolve().await, "resolution");
        assert_eq!(self.advance().await, "approval");
        let r = self
            .step(
                &self.admin,
                "ministry-review",
                json!({ "note": "Reviewed by the ministry." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        self.step(
            &self.approver,
            "approval",
            json!({ "document": "国发〔2026〕1号" }),
        )
        .await
    }

    /// The first committee member joins the expert pool, and the office records their conflict
    /// of interest with a nomination.
    pub async fn first_member_conflicted_with(&self, nomination: i64) {
        let expert = self
            .post(
                &self.admin,
                "/api/v1/experts",
                json!({ "name_en": "Member One", "email": "member1@test.cn" }),
            )
            .await;
        assert_eq!(expert.status, StatusCode::CREATED, "{}", expert.text);
        let conflict = self
            .post(
                &self.admin,
                &format!("/api/v1/cycles/{}/conflicts", self.cycle_id),
                json!({
                    "expert_id": expert.json["id"], "nomination_id": nomination,
                    "detail": "co-author in 2024",
                }),
            )
            .await;
        assert!(conflict.status.is_success(), "{}", conflict.text);
    }

    /// Nominations carried through every stage to approval; returns the laureates' ids in the
    /// registry, in the order of the names given.
    pub async fn laureates(&self, names: &[&str]) -> Vec<i64> {
        let mut ids = Vec::new();
        for name in names {
            ids.push(self.nominate(name).await);
        }
        self.to_committee(&ids).await;
        let ballot = self.open_ballot(None).await;
        let votes: Vec<(i64, [&str; 3])> = ids.iter().map(|id| (*id, ["yes"; 3])).collect();
        self.vote(ballot, &votes).await;
        self.close(ballot).await;
        ok(&self.decide().await, "approval");
        let listed = self
            .app
            .call(
                "GET",
                &format!("/api/v1/announcements/2026?program={}", self.program),
                None,
                None,
            )
            .await;
        names
            .iter()
            .map(|name| {
                listed.json["laureates"]
                    .as_array()
                    .expect("laureates")
                    .iter()
                    .find(|l| l["name"] == *name)
                    .and_then(|l| l["id"].as_i64())
                    .expect("the laureate is announced")
            })
            .collect()
    }

    /// A revocation case carried to its approval, the parties having answered.
    pub async fn revoke(&self, laureate_id: i64) {
        let opened = self
            .post(
                &self.admin,
                &format!("/api/v1/laureates/{laureate_id}/revocations"),
                json!({
                    "ground": "fraud", "statement": "Forged letters.",
                    "summary_en": "Forged letters of support", "summary_zh": "伪造推荐信",
                }),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
        let case = opened.json["id"].as_i64().expect("case id");
        for (token, party) in [(&self.admin, "laureate"), (&self.nominator, "nominator")] {
            let r = self
                .post(
                    token,
                    &format!("/api/v1/revocations/{case}/answers"),
                    json!({ "party": party, "body": "An answer." }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        ok(
            &self
                .post(
                    &self.awards,
                    &format!("/api/v1/revocations/{case}/decision"),
                    json!({ "revoke": true, "note": "Proven." }),
                )
                .await,
            "decision",
        );
        ok(
            &self
                .post(
                    &self.admin,
                    &format!("/api/v1/revocations/{case}/submission"),
                    json!({ "submit": true, "note": "Submitted for approval." }),
                )
                .await,
            "the ministry's submission",
        );
        ok(
            &self
                .post(
                    &self.approver,
                    &format!("/api/v1/revocations/{case}/approval"),
                    json!({ "document": "国发〔2027〕9号" }),
                )
                .await,
            "approval of the revocation",
        );
    }
}
