//! The planned calendar: a cycle opened with dates walks every phase without a click, each start
//! doing its work once (also with two servers); the office moves dates within the rule set's
//! limits and extends one body's or one expert's deadline; reminders go out once; jobs that
//! fail are shown to the office; calendar feeds parse as iCalendar.

use crate::db_test;
use crate::flow::{Flow, dossier, ok};
use crate::support::TestApp;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use laureate::service::Clock;
use laureate::service::jobs::{Job, Ran};
use serde_json::{Value, json};

/// The start of `phase` in a cycle's view.
fn start(cycle: &Value, phase: &str) -> DateTime<Utc> {
    let at = cycle["phases"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["phase"] == phase))
        .map(|p| p["starts_at"].clone())
        .unwrap_or_default();
    serde_json::from_value(at).unwrap_or_else(|e| panic!("{phase} has no start: {e}"))
}

async fn cycle(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/api/v1/cycles/{id}")).await.json
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.service.db().pool())
        .await
        .expect("count the audit log")
}

/// A nomination's state, read by the office with a session valid at the test's time.
async fn state(app: &TestApp, id: i64) -> String {
    let admin = app.token("office@test.cn").await;
    let r = app
        .call(
            "GET",
            &format!("/api/v1/nominations/{id}"),
            Some(&admin),
            None,
        )
        .await;
    r.json["state"].as_str().unwrap_or_default().to_owned()
}

/// Moves the test's clock to `at`.
fn move_to(clock: &Clock, at: DateTime<Utc>) {
    clock.advance(at - clock.now());
}

db_test!(
    a_cycle_opened_with_dates_walks_every_phase_without_a_click,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        let planned = cycle(&app, f.cycle_id).await;
        // Every phase has a date from the rule set's calendar; the objection period is the
        // rule set's thirty days.
        assert_eq!(planned["phases"].as_array().map(Vec::len), Some(9));
        assert_eq!(
            (start(&planned, "review") - start(&planned, "objection")).num_days(),
            30
        );
        let submitted = f.nominate("Ada Example").await;
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                dossier("Draft Example"),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

        // A week before the window closes the body is reminded of its draft, once; two days
        // before, again, and the office hears that the phase ends.
        let closes = start(&planned, "formal_review");
        move_to(&clock, closes - Duration::hours(6 * 24 + 12));
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 1);
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 0);
        move_to(&clock, closes - Duration::hours(36));
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 2);
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 0);
        assert_eq!(app.mails_of("nominator@test.cn", "draft-reminder").await, 2);
        assert_eq!(app.mails_of("office@test.cn", "phase-ending").await, 1);

        // The window closes on its date.
        move_to(&clock, closes + Duration::minutes(1));
        assert_eq!(app.service.start_due_phases().await.unwrap(), 1);
        assert_eq!(app.service.start_due_phases().await.unwrap(), 0, "once");
        assert_eq!(cycle(&app, f.cycle_id).await["phase"], "formal_review");
        let admin = app.token("office@test.cn").await;
        ok(&f.act(&admin, submitted, "accept").await, "accept");

        // Nothing ran while the objection period began: both starts run, in order, when the
        // job next runs; the accepted candidate is published, then sent to review.
        move_to(&clock, start(&planned, "review") + Duration::minutes(1));
        assert_eq!(app.service.start_due_phases().await.unwrap(), 2);
        assert_eq!(state(&app, submitted).await, "under_review");
        let events: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM nomination_events WHERE nomination_id = $1 ORDER BY id",
        )
        .bind(submitted)
        .fetch_all(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(events, ["submit", "accept", "publish", "start_review"]);

        let reviewer = app.token("expert@test.cn").await;
        let admin = app.token("office@test.cn").await;
        let assign = f
            .post(
                &admin,
                &format!("/api/v1/nominations/{submitted}/reviewers"),
                json!({ "reviewer_id": f.reviewer_id }),
            )
            .await;
        ok(&assign, "assign");
        let f = Flow { reviewer, ..f };
        f.review(submitted, 8).await;

        // The committee phase closes review of what was scored.
        move_to(&clock, start(&planned, "committee") + Duration::minutes(1));
        assert_eq!(app.service.start_due_phases().await.unwrap(), 1);
        assert_eq!(state(&app, submitted).await, "reviewed");

        // To the close, with nothing left undone: no escalation.
        move_to(&clock, start(&planned, "closed") + Duration::minutes(1));
        assert_eq!(app.service.start_due_phases().await.unwrap(), 3);
        assert_eq!(cycle(&app, f.cycle_id).await["phase"], "closed");
        assert_eq!(audit_count(&app, "cycle.phase_begin").await, 8);
        assert_eq!(app.mails_of("office@test.cn", "phase-undone").await, 0);
        // The draft was never submitted, and nothing more is sent about it.
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 0);
    }
);

db_test!(two_servers_start_each_phase_once, |app| async move {
    let mut app = app;
    let clock = app.fix_clock();
    let f = Flow::new(&app).await;
    let id = f.nominate("Ada Example").await;
    ok(&f.act(&f.admin, id, "accept").await, "accept");
    let planned = cycle(&app, f.cycle_id).await;
    move_to(&clock, start(&planned, "review") + Duration::minutes(1));
    let b = laureate::service::Service::new(
        laureate::db::Db::connect(&app.url).await.expect("connect"),
    )
    .with_clock(clock.clone());
    let a = app.service.clone();
    let (x, y) = tokio::join!(a.start_due_phases(), b.start_due_phases());
    let (x, y) = (x.unwrap_or(0), y.unwrap_or(0));
    // Formal review's start, objection's and review's: three, once each (the window's
    // began when the cycle opened).
    assert_eq!(x + y, 3, "{x} + {y}");
    assert_eq!(audit_count(&app, "cycle.phase_begin").await, 4);
    assert_eq!(state(&app, id).await, "under_review");
    // Through the leased job too: one server runs it, the other is skipped.
    let (x, y) = tokio::join!(a.run_job(Job::StartPhases), b.run_job(Job::StartPhases));
    let runs = [x.unwrap(), y.unwrap()];
    assert!(
        runs.contains(&Ran::Skipped) && runs.contains(&Ran::Done(0)),
        "{runs:?}"
    );
});

db_test!(
    the_office_moves_dates_within_the_rule_sets_limits,
    |app| async move {
        let f = Flow::new(&app).await;
        let path = format!("/api/v1/cycles/{}/calendar", f.cycle_id);
        let planned = cycle(&app, f.cycle_id).await;
        let objection = start(&planned, "objection");
        let refused = |body: Value, field: &'static str, code: &'static str| {
            let path = path.clone();
            let f = &f;
            async move {
                let r = f.post(&f.admin, &path, body).await;
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
                assert_eq!(r.json["error"]["fields"][0]["field"], field, "{}", r.text);
                assert_eq!(r.json["error"]["fields"][0]["code"], code, "{}", r.text);
            }
        };
        // The nomination window has begun; a date in the past moves nothing; phases in order;
        // the objection period is never shorter than thirty days; one period at most.
        refused(
            json!({ "start_nomination": Utc::now() + Duration::days(1) }),
            "start_nomination",
            "phase-begun",
        )
        .await;
        refused(
            json!({ "start_review": Utc::now() - Duration::days(1) }),
            "start_review",
            "not-in-future",
        )
        .await;
        refused(
            json!({ "start_objection": start(&planned, "review") + Duration::days(1) }),
            "start_review",
            "phase-out-of-order",
        )
        .await;
        refused(
            json!({ "start_review": objection + Duration::days(20) }),
            "start_review",
            "phase-too-short",
        )
        .await;
        refused(
            json!({ "start_closed": Utc::now() + Duration::days(800) }),
            "start_closed",
            "cycle-too-long",
        )
        .await;
        // A longer objection period is the office's to choose.
        let later = start(&planned, "review") + Duration::days(10);
        let r = f
            .post(&f.admin, &path, json!({ "start_review": later }))
            .await;
        ok(&r, "move review");
        assert_eq!(start(&r.json, "review"), later);
        assert_eq!(audit_count(&app, "cycle.calendar").await, 1);
        // Only the office.
        let r = f
            .post(&f.nominator, &path, json!({ "start_review": later }))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The form on the cycle page: a refused date comes back marked on its field, kept.
        let b = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}?lang=en", f.cycle_id),
                &b.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("Change the dates"), "{}", page.text);
        let bad = (objection + Duration::days(3))
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        let r = app
            .page_from(
                "POST",
                &format!("/cycles/{}/calendar", f.cycle_id),
                &b.cookies,
                Some(&format!("csrf={}&start_review={bad}", b.csrf)),
                Some(&format!("/cycles/{}?lang=en", f.cycle_id)),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.text.contains("error-summary") && r.text.contains("at least 30 days"));
        assert!(
            r.text.contains(&format!("value=\"{bad}\"")),
            "the input is kept"
        );
    }
);

db_test!(
    opening_a_cycle_takes_the_rules_of_its_award_year_and_keeps_rounds_apart,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let open = |year: i64| {
            let admin = admin.clone();
            let app = &app;
            async move {
                app.call(
                    "POST",
                    "/api/v1/cycles",
                    Some(&admin),
                    Some(json!({ "award_year": year })),
                )
                .await
            }
        };
        let r = open(2026).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["rule_set_id"], "istc-2025");
        // The 2025 rules hold rounds every two years.
        let r = open(2027).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"]["fields"][0]["code"], "rounds-too-close");
        let r = open(2028).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        // A round of 2019 is run under the rules of 2019, whatever today's date.
        let r = open(2019).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["rule_set_id"], "istc-2013");
        let r = open(1998).await;
        assert_eq!(
            r.json["error"]["fields"][0]["code"], "no-rule-set",
            "{}",
            r.text
        );
    }
);

db_test!(
    an_extension_lets_one_body_or_one_expert_act_after_the_deadline,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        let other = app.login_as("nominator", "other@body.cn").await;
        let mut drafts = Vec::new();
        for (token, name) in [(&f.nominator, "Late Example"), (&other, "Other Example")] {
            let r = f
                .post(
                    token,
                    &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                    dossier(name),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            drafts.push(r.json["id"].as_i64().unwrap());
        }
        let planned = cycle(&app, f.cycle_id).await;
        let closes = start(&planned, "formal_review");
        move_to(&clock, closes + Duration::hours(1));
        let nominator = app.token("nominator@test.cn").await;
        let r = f.act(&nominator, drafts[0], "submit").await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "the window has closed: {}",
            r.text
        );
        let me = app.call("GET", "/api/v1/me", Some(&nominator), None).await;
        let body_id = me.json["body_id"].as_i64().expect("a body");
        let admin = app.token("office@test.cn").await;
        let path = format!("/api/v1/cycles/{}/extensions", f.cycle_id);
        // A reason is required, and the end must be after the deadline.
        let r = f
            .post(
                &admin,
                &path,
                json!({ "kind": "nomination", "body_id": body_id, "until": closes - Duration::hours(1), "reason": "" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        let fields: Vec<&str> = r.json["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert_eq!(fields, ["reason", "until"]);
        let until = closes + Duration::days(3);
        let r = f
            .post(
                &admin,
                &path,
                json!({ "kind": "nomination", "body_id": body_id, "until": until, "reason": "Documents held up by a postal strike." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(
            app.mails_of("nominator@test.cn", "deadline-extended").await,
            1
        );
        ok(
            &f.act(&nominator, drafts[0], "submit").await,
            "submit, extended",
        );
        // The body's own calendar shows its window ending when its extension does.
        let r = f.post(&nominator, "/api/v1/me/calendar", json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let feed = r.json["url"].as_str().unwrap().to_owned();
        let feed = app
            .get(&format!(
                "/calendar/{}",
                feed.split_once("/calendar/").unwrap().1
            ))
            .await
            .text;
        let unfolded = feed.replace("\r\n ", "");
        assert!(unfolded.contains("(extended for you)"), "{unfolded}");
        assert!(
            unfolded.contains(&format!("DTEND:{}", until.format("%Y%m%dT%H%M%SZ"))),
            "{unfolded}"
        );
        let other = app.token("other@body.cn").await;
        let r = f.act(&other, drafts[1], "submit").await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "only the body extended: {}",
            r.text
        );
        let listed = app.call("GET", &path, Some(&admin), None).await;
        assert_eq!(listed.json["total"], 1);
        assert_eq!(
            listed.json["items"][0]["reason"],
            "Documents held up by a postal strike."
        );
        assert_eq!(audit_count(&app, "cycle.extend_deadline").await, 1);
        // An expert's deadline: only one assigned in the cycle.
        let r = f
            .post(
                &admin,
                &path,
                json!({ "kind": "review", "user_id": f.reviewer_id, "until": until, "reason": "Ill." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(
            r.json["error"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["field"] == "user_id" && f["code"] == "not-an-assigned-expert"),
            "{}",
            r.text
        );
    }
);

db_test!(
    a_phase_that_begins_with_work_undone_tells_the_office,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        let id = f.nominate("Ada Example").await;
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        assert_eq!(f.advance().await, "formal_review");
        ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
        assert_eq!(f.advance().await, "review");
        assert_eq!(
            state(&app, id).await,
            "under_review",
            "sent to review on the start"
        );
        // The committee phase is brought forward to a day from now; nobody scores.
        let soon = clock.now() + Duration::hours(25);
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/cycles/{}/calendar", f.cycle_id),
                json!({ "start_committee": soon }),
            )
            .await,
            "calendar",
        );
        move_to(&clock, soon + Duration::minutes(1));
        assert_eq!(app.service.start_due_phases().await.unwrap(), 1);
        assert_eq!(
            state(&app, id).await,
            "under_review",
            "nothing scored to close"
        );
        assert_eq!(app.mails_of("office@test.cn", "phase-undone").await, 1);
        let (_, subject) = app
            .outbox_for("office@test.cn")
            .await
            .into_iter()
            .find(|(kind, _)| kind == "phase-undone")
            .unwrap();
        assert!(subject.contains("committee"), "{subject}");
    }
);

db_test!(
    members_yet_to_vote_are_reminded_once_before_a_ballot_closes,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Ada Example").await;
        f.to_committee(&[id]).await;
        let closes = Utc::now() + Duration::hours(20);
        let r = f
            .step(&f.admin, "ballots", json!({ "closes_at": closes }))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let ballot = r.json["id"].as_i64().unwrap();
        // Member one votes; the other two have not.
        f.declare(ballot).await;
        let r = f
            .post(
                &f.committee[0],
                &format!("/api/v1/ballots/{ballot}/votes"),
                json!({ "nomination_id": id, "vote": "yes" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 2);
        assert_eq!(app.service.queue_deadline_reminders().await.unwrap(), 0);
        assert_eq!(app.mails_of("member1@test.cn", "ballot-closing").await, 0);
        assert_eq!(app.mails_of("member2@test.cn", "ballot-closing").await, 1);
        // The deadline is in the calendar of a member yet to vote, named by its cycle, and not
        // in the calendar of one who has voted.
        for (member, expected) in [(&f.committee[1], true), (&f.committee[0], false)] {
            let made = f.post(member, "/api/v1/me/calendar", json!({})).await;
            let url = made.json["url"].as_str().unwrap();
            let path = format!("/calendar/{}", url.rsplit('/').next().unwrap());
            let feed = app.get(&path).await.text.replace("\r\n ", "");
            assert_eq!(
                feed.contains("A ballot closes: 2026 International"),
                expected,
                "{feed}"
            );
        }
    }
);

db_test!(
    a_failing_job_is_shown_to_the_office_until_it_succeeds,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let pool = app.service.db().pool();
        sqlx::query("ALTER TABLE job_leases RENAME TO job_leases_away")
            .execute(pool)
            .await
            .unwrap();
        assert!(app.service.run_job(Job::SweepSessions).await.is_err());
        sqlx::query("ALTER TABLE job_leases_away RENAME TO job_leases")
            .execute(pool)
            .await
            .unwrap();
        // The lease failed before the run: nothing to record. A failing run is recorded.
        sqlx::query("ALTER TABLE cycle_phases RENAME TO cycle_phases_away")
            .execute(pool)
            .await
            .unwrap();
        assert!(app.service.run_job(Job::StartPhases).await.is_err());
        let jobs = app.call("GET", "/api/v1/jobs", Some(&admin), None).await;
        assert_eq!(jobs.status, StatusCode::OK, "{}", jobs.text);
        let start = &jobs.json["items"][0];
        assert_eq!(start["name"], "start-phases");
        assert_eq!(start["failures"], 1);
        assert!(start["last_error"].as_str().is_some_and(|e| !e.is_empty()));
        let b = app.browser_login("office@test.cn").await;
        let page = app.page("GET", "/outbox?lang=en", &b.cookies, None).await;
        assert!(page.text.contains("start-phases"), "{}", page.text);
        sqlx::query("ALTER TABLE cycle_phases_away RENAME TO cycle_phases")
            .execute(pool)
            .await
            .unwrap();
        assert_eq!(
            app.service.run_job(Job::StartPhases).await.unwrap(),
            Ran::Done(0)
        );
        let jobs = app.call("GET", "/api/v1/jobs", Some(&admin), None).await;
        assert_eq!(jobs.json["items"][0]["failures"], 0);
        assert!(jobs.json["items"][0]["last_error"].is_null());
        let nominator = app.login_as("nominator", "nominator@test.cn").await;
        let r = app
            .call("GET", "/api/v1/jobs", Some(&nominator), None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
);

/// The events of an iCalendar document as a standard parser (Python's `icalendar`) reads them:
/// (summary, start) per event. `None` when the parser is not installed outside CI.
fn parse_ics(text: &str) -> Option<Vec<(String, String)>> {
    let python = match std::env::var("LAUREATE_API_TOOLS") {
        Ok(dir) if !dir.is_empty() => std::path::PathBuf::from(dir).join("python"),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must parse the feeds: set LAUREATE_API_TOOLS"
            );
            eprintln!("skipped: LAUREATE_API_TOOLS is not set");
            return None;
        }
    };
    let script = "import icalendar, json, sys\n\
        cal = icalendar.Calendar.from_ical(sys.stdin.read())\n\
        assert cal.get('VERSION') == '2.0' and cal.get('PRODID'), 'VERSION and PRODID'\n\
        out = []\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   assert e.get('UID') and e.get('DTSTAMP'), 'UID and DTSTAMP'\n\
        \x20   out.append([str(e.get('SUMMARY')), e.decoded('DTSTART').isoformat()])\n\
        print(json.dumps(out))\n";
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the feed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the parser's list"))
}

db_test!(
    calendar_feeds_parse_as_icalendar_and_a_reset_address_stops_the_old_one,
    |app| async move {
        let f = Flow::new(&app).await;
        let public = app.get("/calendar.ics").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(
            public.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        if let Some(events) = parse_ics(&public.text) {
            let summaries: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
            for what in [
                "Nomination window: 2026",
                "Publication for objections: 2026",
            ] {
                assert!(
                    summaries.iter().any(|s| s.starts_with(what)),
                    "{what}: {summaries:?}"
                );
            }
        }
        let zh = app.get("/calendar.ics?lang=zh").await;
        assert!(zh.text.contains("提名"), "{}", zh.text);

        // The office's own feed: every phase of the running cycle.
        let r = f.post(&f.admin, "/api/v1/me/calendar", json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let url = r.json["url"].as_str().unwrap().to_owned();
        let path = url
            .split_once("/calendar/")
            .map(|(_, t)| format!("/calendar/{t}"))
            .unwrap();
        let own = app.get(&path).await;
        assert_eq!(own.status, StatusCode::OK);
        if let Some(events) = parse_ics(&own.text) {
            for phase in [
                "Formal examination",
                "Preliminary evaluation",
                "Approval",
                "Ceremony",
            ] {
                assert!(
                    events.iter().any(|e| e.0.starts_with(phase)),
                    "{phase}: {events:?}"
                );
            }
        }
        let status = app
            .call("GET", "/api/v1/me/calendar", Some(&f.admin), None)
            .await;
        assert_eq!(status.json["exists"], true);
        // A new address; the old one is gone, as is one never made.
        let again = f.post(&f.admin, "/api/v1/me/calendar", json!({})).await;
        assert_ne!(again.json["url"], r.json["url"]);
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/calendar/not-a-secret.ics").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(audit_count(&app, "user.calendar_feed_reset").await, 2);
    }
);
