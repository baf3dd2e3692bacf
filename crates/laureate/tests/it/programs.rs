//! The five State Science and Technology Awards on one engine: the programs as scripts and
//! people read them, and a round of each program carried from nomination to approval, with
//! its quota, its grades and its money, on both databases.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::{Value, json};

/// The laureates of a program's 2026 announcement, by name, with their grades.
async fn announced(f: &Flow<'_>) -> Value {
    let r = f
        .app
        .call(
            "GET",
            &format!("/api/v1/announcements/2026?program={}", f.program),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json
}

/// Nominations of the flow's cycle in `state`, as (grade, count).
async fn by_grade_in(
    f: &Flow<'_>,
    ids: &[i64],
    state: &str,
) -> std::collections::BTreeMap<String, u32> {
    let mut out = std::collections::BTreeMap::new();
    for id in ids {
        let n = f
            .app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None,
            )
            .await;
        if n.json["state"] == state {
            *out.entry(n.json["grade"].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
    }
    out
}

db_test!(
    the_five_programs_are_listed_for_scripts_and_people,
    |app| async move {
        let list = app.call("GET", "/api/v1/programs", None, None).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.text);
        assert_eq!(list.json["total"], 5);
        let ids: Vec<&str> = list.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["highest", "natural", "invention", "progress", "istc"]);
        let highest = app
            .call("GET", "/api/v1/programs/highest", None, None)
            .await;
        assert_eq!(highest.json["name_zh"], "国家最高科学技术奖");
        assert_eq!(highest.json["quota"], 2);
        assert_eq!(highest.json["grades"], json!([]));
        assert_eq!(highest.json["prize_yuan"], 8_000_000);
        assert_eq!(highest.json["money_to"], "laureate");
        let istc = &list.json["items"][4];
        assert_eq!(istc["quota"], 10);
        assert_eq!(istc["money"], false);
        let progress = &list.json["items"][3];
        assert_eq!(progress["grades"][0]["id"], "special");
        assert_eq!(progress["grades"][0]["max_per_round"], 3);
        assert_eq!(progress["grades"][1]["max_share_percent"], 15);
        assert_eq!(progress["shared_quotas"][0]["max_per_round"], 300);
        assert!(
            progress["sources"]["grades"]
                .as_str()
                .unwrap()
                .contains("2025 implementing rules")
        );
        let unknown = app.call("GET", "/api/v1/programs/nobel", None, None).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        // Rule sets by program; an unknown program is named as the field at fault.
        let sets = app
            .call("GET", "/api/v1/rule-sets?program=natural", None, None)
            .await;
        assert_eq!(sets.json["total"], 3, "{}", sets.text);
        assert_eq!(sets.json["items"][0]["id"], "natural-2020");
        let all = app.call("GET", "/api/v1/rule-sets", None, None).await;
        assert_eq!(all.json["total"], 18);
        for path in ["/api/v1/rule-sets?program=x", "/api/v1/laureates?program=x"] {
            let bad = app.call("GET", path, None, None).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            assert_eq!(bad.json["error"]["fields"][0]["field"], "program", "{path}");
        }
        // The public page, in both languages, with each program's grades and money.
        let en = app.get("/programs?lang=en").await;
        assert_eq!(en.status, StatusCode::OK);
        for text in [
            "State Preeminent Science and Technology Award",
            "8,000,000 yuan",
            "to the laureate personally",
            "at most 15 %",
            "International Science and Technology Cooperation Award",
            "never money",
            "Evaluation groups",
            "Information sciences",
        ] {
            assert!(en.text.contains(text), "{text}");
        }
        let zh = app.get("/programs?lang=zh").await;
        for text in [
            "国家自然科学奖",
            "特等奖",
            "不超过3项",
            "归获奖者个人所有",
            "学科评审组",
            "信息科学",
        ] {
            assert!(zh.text.contains(text), "{text}");
        }
        // The office chooses a program when it opens a cycle; an unknown one is refused.
        let admin = app.login_as("admin", "office@test.cn").await;
        let bad = app
            .call(
                "POST",
                "/api/v1/cycles",
                Some(&admin),
                Some(json!({ "award_year": 2026, "program": "nobel" })),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        assert_eq!(bad.json["error"]["fields"][0]["field"], "program");
        // Two programs hold rounds of the same award year side by side, each titled as itself.
        for (program, title) in [
            (
                "istc",
                "2026 International Science and Technology Cooperation Award",
            ),
            ("natural", "2026 State Natural Science Award"),
        ] {
            let c = app
                .call(
                    "POST",
                    "/api/v1/cycles",
                    Some(&admin),
                    Some(json!({ "award_year": 2026, "program": program })),
                )
                .await;
            assert_eq!(c.status, StatusCode::CREATED, "{}", c.text);
            assert_eq!(c.json["title_en"], title);
            assert_eq!(c.json["program"], program);
        }
        // A graded award's dossier needs a grade of its own; an ungraded one refuses any.
        let nominator = app.login_as("nominator", "nominator@test.cn").await;
        let cycles = app.call("GET", "/api/v1/cycles", Some(&admin), None).await;
        let cycle_of = |program: &str| {
            cycles.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["program"] == program)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let project = |grade: &str| {
            json!({ "kind": "project", "name_en": "Topological insulators", "country": "CN",
                    "categories": [], "grade": grade, "discipline_group": "natural-physics",
                    "completers": [{ "name_en": "Xue Qikun", "nationality": "CN" }] })
        };
        let mut no_completers = project("first");
        no_completers["completers"] = json!([]);
        let mut too_many = project("first");
        too_many["completers"] = json!(vec![json!({ "name_en": "A", "nationality": "CN" }); 6]);
        let mut organizations = project("first");
        organizations["organizations"] =
            json!([{ "name_en": "Tsinghua University", "country": "CN" }]);
        for (program, body, field, code) in [
            ("natural", project(""), "grade", "required"),
            ("natural", project("gold"), "grade", "unknown-grade"),
            ("natural", no_completers, "completers", "required"),
            // At most five completers and no completing organizations for this award.
            ("natural", too_many, "completers", "too-many"),
            ("natural", organizations, "organizations", "not-a-project"),
            (
                "istc",
                {
                    let mut d = crate::flow::dossier("Ada Graded");
                    d["grade"] = json!("first");
                    d
                },
                "grade",
                "ungraded-award",
            ),
            (
                "istc",
                {
                    let mut d = crate::flow::dossier("Ada Completed");
                    d["completers"] = json!([{ "name_en": "B", "nationality": "DE" }]);
                    d
                },
                "completers",
                "not-a-project",
            ),
        ] {
            let r = app
                .call(
                    "POST",
                    &format!("/api/v1/cycles/{}/nominations", cycle_of(program)),
                    Some(&nominator),
                    Some(body),
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            assert_eq!(r.json["error"]["fields"][0]["field"], field, "{}", r.text);
            assert_eq!(r.json["error"]["fields"][0]["code"], code, "{}", r.text);
        }
        let made = app
            .call(
                "POST",
                &format!("/api/v1/cycles/{}/nominations", cycle_of("natural")),
                Some(&nominator),
                Some(project("first")),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
        assert_eq!(made.json["grade"], "first");
        assert_eq!(made.json["kind"], "project");
        assert_eq!(made.json["completers"][0]["name_en"], "Xue Qikun");
    }
);

db_test!(
    the_preeminent_award_confers_two_at_most_with_its_money,
    |app| async move {
        app.fix_clock();
        let f = Flow::for_program(&app, Some("highest")).await;
        // Only Chinese citizens: a foreign candidate's dossier is drafted but not submitted.
        let foreign = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                crate::flow::dossier("Hans Foreign"),
            )
            .await;
        assert_eq!(foreign.status, StatusCode::CREATED, "{}", foreign.text);
        let id = foreign.json["id"].as_i64().unwrap();
        let refused = f.act(&f.nominator, id, "submit").await;
        assert!(!refused.status.is_success(), "{}", refused.text);
        assert!(
            refused.text.contains("eligibility-nationality"),
            "{}",
            refused.text
        );
        let ids = [
            f.nominate("Li Wei").await,
            f.nominate("Wang Fang").await,
            f.nominate("Zhang Min").await,
        ];
        f.to_committee(&ids).await;
        let ballot = f.open_ballot(None).await;
        f.vote(
            ballot,
            &[
                (ids[0], ["yes", "yes", "yes"]),
                (ids[1], ["yes", "yes", "yes"]),
                (ids[2], ["yes", "yes", "no"]),
            ],
        )
        .await;
        f.close(ballot).await;
        // Two places: the third passing candidate is over the quota.
        assert_eq!(f.state(ids[0]).await, "recommended");
        assert_eq!(f.state(ids[1]).await, "recommended");
        assert_eq!(f.state(ids[2]).await, "not_recommended");
        ok(&f.decide().await, "approval");
        let a = announced(&f).await;
        assert_eq!(a["program"], "highest");
        assert_eq!(a["award_zh"], "国家最高科学技术奖");
        assert_eq!(a["laureates"].as_array().unwrap().len(), 2);
        assert_eq!(
            a["prizes"][0]["prize_en"],
            "Prize money 8,000,000 yuan, to the laureate personally"
        );
        // The registry keeps each program's laureates apart.
        let mine = app
            .call("GET", "/api/v1/laureates?program=highest", None, None)
            .await;
        assert_eq!(mine.json["total"], 2, "{}", mine.text);
        assert_eq!(mine.json["items"][0]["program"], "highest");
        let istc = app
            .call("GET", "/api/v1/laureates?program=istc", None, None)
            .await;
        assert!(
            istc.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["program"] == "istc")
        );
        // The ISTC Award's announcement of the year is not this one.
        let other = app
            .call("GET", "/api/v1/announcements/2026", None, None)
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.text);
        // Certificates state the award and the money; anyone reads them back by code.
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let certs = issued.json["issued"].as_array().unwrap().clone();
        assert_eq!(certs.len(), 2);
        assert!(
            certs[0]["number"]
                .as_str()
                .unwrap()
                .starts_with("HIGHEST-2026-")
        );
        let code = certs[0]["code"].as_str().unwrap();
        let v = app
            .call("GET", &format!("/api/v1/verify/{code}"), None, None)
            .await;
        assert_eq!(v.json["program"], "highest");
        assert_eq!(
            v.json["award_en"],
            "State Preeminent Science and Technology Award"
        );
        assert_eq!(v.json["prize_zh"], "奖金8000000元，归获奖者个人所有");
        let page = app.get(&format!("/verify/{code}?lang=en")).await;
        assert!(
            page.text.contains("Prize money 8,000,000 yuan"),
            "{}",
            page.text
        );
    }
);

db_test!(
    a_natural_science_round_keeps_its_grade_limits_whatever_order_its_ballots_close_in,
    |app| async move {
        app.fix_clock();
        let f = Flow::for_program(&app, Some("natural")).await;
        // Two ballots: each passes two special prizes, and first-class projects that only fit
        // within 15 % of the round as it ends.
        let mut first_ballot = Vec::new();
        for (i, grade) in [
            "special", "special", "first", "second", "second", "second", "second",
        ]
        .iter()
        .enumerate()
        {
            first_ballot.push(f.nominate_at(&format!("Project A{i}"), Some(grade)).await);
        }
        let mut second_ballot = Vec::new();
        for (i, grade) in [
            "special", "special", "first", "first", "second", "second", "second",
        ]
        .iter()
        .enumerate()
        {
            second_ballot.push(f.nominate_at(&format!("Project B{i}"), Some(grade)).await);
        }
        let all: Vec<i64> = first_ballot.iter().chain(&second_ballot).copied().collect();
        f.to_committee(&all).await;
        let ballot = f.open_ballot(Some(&first_ballot)).await;
        let yes: Vec<(i64, [&str; 3])> = first_ballot.iter().map(|id| (*id, ["yes"; 3])).collect();
        f.vote(ballot, &yes).await;
        f.close(ballot).await;
        let ballot = f.open_ballot(Some(&second_ballot)).await;
        // Distinct support in the second ballot, so no tie sends a grade to a run-off.
        let votes: Vec<(i64, [&str; 3])> = second_ballot
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    *id,
                    if i % 2 == 0 {
                        ["yes"; 3]
                    } else {
                        ["yes", "yes", "no"]
                    },
                )
            })
            .collect();
        f.vote(ballot, &votes).await;
        // Two servers close the ballot at once: one closes it, the other is told it is closed.
        let path = format!("/api/v1/ballots/{ballot}/close");
        let (x, y) = tokio::join!(
            app.call("POST", &path, Some(&f.admin), Some(json!({}))),
            app.call("POST", &path, Some(&f.admin), Some(json!({}))),
        );
        let codes = [x.status, y.status];
        assert!(
            codes.contains(&StatusCode::OK),
            "{codes:?} {} {}",
            x.text,
            y.text
        );
        assert!(codes.contains(&StatusCode::CONFLICT), "{codes:?}");
        // Special prizes: at most three. First class: one of eleven fits 15 %, a second would
        // not (2 of 12 is 16.7 %).
        let recommended = by_grade_in(&f, &all, "recommended").await;
        let expected: std::collections::BTreeMap<String, u32> = [
            ("special".to_owned(), 3),
            ("first".to_owned(), 1),
            ("second".to_owned(), 7),
        ]
        .into_iter()
        .collect();
        assert_eq!(recommended, expected);
        assert_eq!(f.rules.round_breaches(&recommended), vec![]);
        // The Awards Committee confirms them and the approving body approves; the registry and
        // the announcement carry each laureate's grade and the prize of each grade.
        ok(&f.decide().await, "approval");
        let a = announced(&f).await;
        assert_eq!(a["laureates"].as_array().unwrap().len(), 11);
        let specials = a["laureates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["grade"] == "special")
            .count();
        assert_eq!(specials, 3);
        assert_eq!(a["prizes"].as_array().unwrap().len(), 3);
        assert_eq!(a["prizes"][1]["grade_zh"], "一等奖");
        let page = app.get("/announcements/2026?program=natural&lang=zh").await;
        assert!(page.text.contains("国家自然科学奖") && page.text.contains("特等奖"));
        let registry = app.get("/laureates?program=natural&lang=en").await;
        assert!(
            registry
                .text
                .contains("Natural Science Award · Special prize")
        );
        // The open data names each record's program and grade, after the import format's
        // columns.
        let csv = app.get("/api/v1/laureates.csv?program=natural").await;
        assert!(
            csv.text
                .lines()
                .next()
                .unwrap()
                .ends_with(",status,revoked_at,program,grade"),
            "{}",
            csv.text
        );
        assert_eq!(
            csv.text.matches(",natural,special\n").count(),
            3,
            "{}",
            csv.text
        );
        // The statistics of each award: the Natural Science Award's own counts, with no
        // reported counts to compare with (the sources report the ISTC Award's).
        let stats = app.get("/api/v1/stats?program=natural").await;
        assert_eq!(stats.json["program"], "natural", "{}", stats.text);
        assert_eq!(stats.json["total_held"], 11);
        assert_eq!(stats.json["total_reported"], 0);
        let years = stats.json["years"].as_array().unwrap();
        assert_eq!(years.len(), 1, "{}", stats.text);
        assert_eq!(years[0]["award_year"], 2026);
        assert!(years[0]["reported"].is_null());
        let istc = app.get("/api/v1/stats").await;
        assert_eq!(istc.json["program"], "istc");
        assert!(istc.json["total_reported"].as_i64().unwrap() > 0);
        let unknown = app.get("/api/v1/stats?program=nobel").await;
        assert_eq!(
            unknown.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            unknown.text
        );
        assert_eq!(unknown.json["error"]["fields"][0]["field"], "program");
        let csv = app.get("/api/v1/stats.csv?program=natural").await;
        assert!(csv.text.contains("\n2026,11,"), "{}", csv.text);
        let page = app.get("/stats?program=natural&lang=zh").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("国家自然科学奖"), "{}", page.text);
        assert!(
            page.text.contains("名录现有本奖项记录11条"),
            "{}",
            page.text
        );
        assert!(
            page.text
                .contains(r#"<a href="/stats?program=natural" aria-current="page">"#),
            "{}",
            page.text
        );
    }
);

db_test!(
    a_progress_round_and_an_invention_round_run_beside_the_istc_award,
    |app| async move {
        app.fix_clock();
        // The ISTC Award's own round, unchanged, in the same year.
        let istc = Flow::new(&app).await;
        let istc_laureates = istc.laureates(&["Anna Schmidt"]).await;
        assert_eq!(istc_laureates.len(), 1);
        for program in ["progress", "invention"] {
            let cycle = crate::flow::open_program_cycle(&app, &istc.admin, Some(program)).await;
            crate::flow::appoint_evaluation(&app, &istc.admin, Some(program)).await;
            let rules = laureate_domain::Programs::shipped()
                .get(program)
                .unwrap()
                .for_award_year(2026)
                .unwrap()
                .clone();
            let f = Flow {
                cycle_id: cycle,
                program: program.to_owned(),
                group_members: crate::flow::appoint_group(&app, &istc.admin, program, &rules).await,
                rules,
                ..istc.clone()
            };
            let mut ids = vec![
                f.nominate_at(&format!("{program} special"), Some("special"))
                    .await,
            ];
            ids.push(
                f.nominate_at(&format!("{program} first"), Some("first"))
                    .await,
            );
            for i in 0..6 {
                ids.push(
                    f.nominate_at(&format!("{program} second {i}"), Some("second"))
                        .await,
                );
            }
            f.to_committee(&ids).await;
            let ballot = f.open_ballot(None).await;
            let yes: Vec<(i64, [&str; 3])> = ids.iter().map(|id| (*id, ["yes"; 3])).collect();
            f.vote(ballot, &yes).await;
            f.close(ballot).await;
            ok(&f.decide().await, "approval");
            let a = announced(&f).await;
            // One first class of eight is 12.5 %: within 15 %.
            assert_eq!(a["laureates"].as_array().unwrap().len(), 8, "{program}");
            assert_eq!(a["program"], program);
        }
        let all = app
            .call("GET", "/api/v1/laureates?per_page=100", None, None)
            .await;
        let programs: std::collections::BTreeSet<&str> = all.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["award_year"] == 2026)
            .map(|l| l["program"].as_str().unwrap())
            .collect();
        assert_eq!(
            programs.into_iter().collect::<Vec<_>>(),
            ["invention", "istc", "progress"]
        );
    }
);

/// The shipped folder of program rule books, beside the workspace's crates.
fn shipped_rules() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/rules")
}

#[test]
fn programs_check_validates_the_shipped_folder_and_names_the_file_and_line_of_a_mistake() {
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["programs", "check"])
        .arg(shipped_rules())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&ok.stdout);
    assert_eq!(ok.status.code(), Some(0), "{out}");
    assert!(out.contains("5 programs, 18 rule sets, valid"), "{out}");
    assert!(out.contains("prize_yuan = 8000000"), "{out}");
    assert!(out.contains("source: unconfirmed"), "{out}");
    // An award of projects shows its project rules, its evaluation groups among them.
    assert!(
        out.contains("max_organizations = 7") && out.contains("\"id\":\"natural-physics\""),
        "{out}"
    );
    assert_eq!(out.matches("discipline_groups = ").count(), 3, "{out}");
    // A copy of the folder with one value of the wrong type.
    let dir = std::env::temp_dir().join(format!("laureate_rules_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(shipped_rules()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace(
            "max_recipients_per_round = 2\n",
            "max_recipients_per_round = -2\n",
        );
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    let line = std::fs::read_to_string(dir.join("highest.toml"))
        .unwrap()
        .lines()
        .position(|l| l == "max_recipients_per_round = -2")
        .unwrap()
        + 1;
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["programs", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("highest.toml:{line}: rule set `highest-2020`")),
        "{err}"
    );
    // The same folder refuses a command that would run it, naming the file and the line.
    let db_file = dir.join("laureate.db");
    let db_url = format!("sqlite://{}", db_file.display());
    let migrated = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["migrate", "--database-url", &db_url])
        .output()
        .unwrap();
    assert!(migrated.status.success());
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["committee", "list", "--database-url", &db_url, "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{err}");
    assert!(err.contains(&format!("highest.toml:{line}:")), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

db_test!(
    a_project_is_screened_completer_by_completer_and_organization_by_organization,
    |app| async move {
        let f = Flow::for_program(&app, Some("progress")).await;
        for (name, country) in [("Listed Completer", "CN"), ("Listed Institute", "CN")] {
            let r = f
                .post(
                    &f.admin,
                    "/api/v1/integrity",
                    json!({ "kind": "serious_dishonesty", "name_en": name, "country": country,
                            "starts_on": "2024-01-01", "reference": "Notice 3/2024" }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let path = format!("/api/v1/cycles/{}/nominations", f.cycle_id);
        // A clean project, one with a listed second completer, one with a listed organization.
        let mut ids = Vec::new();
        for (title, completer, organization) in [
            ("Clean grid", "Zhang San", "State Grid"),
            ("Tainted grid", "Listed Completer", "State Grid"),
            ("Tainted institute", "Zhang San", "Listed Institute"),
        ] {
            let mut d = f.dossier(title, None);
            d["completers"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "name_en": completer, "nationality": "CN" }));
            d["organizations"] = json!([{ "name_en": organization, "country": "CN" }]);
            let r = f.post(&f.nominator, &path, d).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            ids.push(r.json["id"].as_i64().unwrap());
        }
        ok(&f.act(&f.nominator, ids[0], "submit").await, "submit");
        for id in &ids[1..] {
            let r = f.act(&f.nominator, *id, "submit").await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            assert_eq!(
                r.json["error"]["fields"][0]["code"], "eligibility-completers-integrity",
                "{}",
                r.text
            );
            // The office sees which listing it is; the project's own name is clean.
            let view = app
                .call(
                    "GET",
                    &format!("/api/v1/nominations/{id}"),
                    Some(&f.admin),
                    None,
                )
                .await;
            assert_eq!(
                view.json["integrity_listings"].as_array().unwrap().len(),
                1,
                "{}",
                view.text
            );
            let own = view.json["eligibility"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["rule"] == "eligibility-integrity")
                .unwrap()["outcome"]
                .clone();
            assert_eq!(own, "passed");
        }
    }
);
