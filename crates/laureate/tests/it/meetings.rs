//! Committee meetings: attendance checked against the quorum, the ballots decided there, and
//! minutes the secretary writes and the chair approves.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::{Value, json};

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn meeting(committee: &str, attendance: &[&str], ballots: &[i64]) -> Value {
    json!({
        "committee": committee, "held_on": today(), "place": "Ministry of Science and Technology",
        "agenda": "1. The recommendations.\n2. Any other business.",
        "attendance": attendance, "ballots": ballots,
    })
}

db_test!(
    a_meeting_decides_only_with_a_quorum_present_and_its_minutes_are_approved_by_the_chair,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Meeting Example").await;
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes"; 3])]).await;
        f.close(ballot).await;
        // A fourth member, the chair: the quorum of two thirds of four is three present.
        let chair = app.login_as("committee", "chair@test.cn").await;
        ok(
            &f.post(
                &f.admin,
                "/api/v1/committees/evaluation/terms",
                json!({ "email": "chair@test.cn", "position": "chair" }),
            )
            .await,
            "appoint the chair",
        );
        let path = format!("/api/v1/cycles/{}/meetings", f.cycle_id);
        let two = ["member1@test.cn", "member2@test.cn"];
        // Two of four: the meeting is recorded, not quorate, and decides no ballot.
        let short = f
            .post(&f.admin, &path, meeting("evaluation", &two, &[ballot]))
            .await;
        assert_eq!(short.status, StatusCode::CONFLICT, "{}", short.text);
        assert_eq!(short.json["error"]["code"], "meeting-no-quorum");
        let inquorate = f
            .post(&f.admin, &path, meeting("evaluation", &two, &[]))
            .await;
        assert_eq!(inquorate.status, StatusCode::CREATED, "{}", inquorate.text);
        assert_eq!(inquorate.json["quorate"], false);
        assert_eq!(inquorate.json["members"], 4);
        // Three of four: quorate, and the ballot is decided there.
        let three = ["member1@test.cn", "member2@test.cn", "MEMBER3@test.cn"];
        let held = f
            .post(&f.admin, &path, meeting("evaluation", &three, &[ballot]))
            .await;
        assert_eq!(held.status, StatusCode::CREATED, "{}", held.text);
        assert_eq!(held.json["quorate"], true);
        assert_eq!(held.json["ballots"], json!([ballot]));
        assert_eq!(held.json["attendance"].as_array().map(Vec::len), Some(3));
        let m = held.json["id"].as_i64().unwrap();
        // Bad input names its field: someone not on the committee, a day to come.
        let stranger = f
            .post(
                &f.admin,
                &path,
                meeting("evaluation", &["awards@test.cn"], &[]),
            )
            .await;
        assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(stranger.json["error"]["fields"][0]["field"], "attendance");
        let mut later = meeting("evaluation", &two, &[]);
        later["held_on"] = json!("2999-01-01");
        let later = f.post(&f.admin, &path, later).await;
        assert_eq!(
            later.json["error"]["fields"][0]["field"], "held_on",
            "{}",
            later.text
        );
        // A member who is not the secretary records nothing.
        let member = f
            .post(&f.committee[0], &path, meeting("evaluation", &two, &[]))
            .await;
        assert_eq!(member.status, StatusCode::FORBIDDEN, "{}", member.text);

        // The minutes: written by the office, approved by the chair only, then fixed.
        let minutes = format!("/api/v1/meetings/{m}/minutes");
        let approval = format!("/api/v1/meetings/{m}/approval");
        let early = f.post(&chair, &approval, json!({})).await;
        assert_eq!(
            early.json["error"]["code"], "minutes-empty",
            "{}",
            early.text
        );
        let written = app
            .call(
                "PUT",
                &minutes,
                Some(&f.admin),
                Some(json!({ "minutes": "The committee recommended the candidate." })),
            )
            .await;
        ok(&written, "minutes");
        assert_eq!(written.json["may_approve_minutes"], false);
        let by_member = f.post(&f.committee[0], &approval, json!({})).await;
        assert_eq!(by_member.status, StatusCode::FORBIDDEN);
        let by_office = f.post(&f.admin, &approval, json!({})).await;
        assert_eq!(by_office.status, StatusCode::FORBIDDEN);
        let seen = app
            .call("GET", &format!("/api/v1/meetings/{m}"), Some(&chair), None)
            .await;
        assert_eq!(seen.json["may_approve_minutes"], true, "{}", seen.text);
        let approved = f.post(&chair, &approval, json!({})).await;
        ok(&approved, "approve");
        assert!(approved.json["minutes_approved_at"].is_string());
        let again = app
            .call(
                "PUT",
                &minutes,
                Some(&f.admin),
                Some(json!({ "minutes": "Changed." })),
            )
            .await;
        assert_eq!(
            again.json["error"]["code"], "minutes-approved",
            "{}",
            again.text
        );

        // The Awards Committee's secretary records its own committee's meetings only, and its
        // members do not read the evaluation committee's.
        app.login_as("awards_committee", "awards.secretary@test.cn")
            .await;
        ok(
            &f.post(
                &f.admin,
                "/api/v1/committees/awards/terms",
                json!({ "email": "awards.secretary@test.cn", "position": "secretary" }),
            )
            .await,
            "appoint the secretary",
        );
        let secretary = app.token("awards.secretary@test.cn").await;
        let own = f
            .post(
                &secretary,
                &path,
                json!({
                    "held_on": today(), "place": "Beijing", "agenda": "The resolution.",
                    "attendance": ["awards@test.cn", "awards2@test.cn", "awards3@test.cn"],
                }),
            )
            .await;
        assert_eq!(own.status, StatusCode::CREATED, "{}", own.text);
        assert_eq!(own.json["committee"], "awards");
        let theirs = f
            .post(&secretary, &path, meeting("evaluation", &three, &[]))
            .await;
        assert_eq!(theirs.status, StatusCode::FORBIDDEN);
        let listed = app.call("GET", &path, Some(&f.awards), None).await;
        assert_eq!(
            listed.json.as_array().map(Vec::len),
            Some(1),
            "{}",
            listed.text
        );
        let hidden = app
            .call(
                "GET",
                &format!("/api/v1/meetings/{m}"),
                Some(&f.awards),
                None,
            )
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        let all = app.call("GET", &path, Some(&f.admin), None).await;
        assert_eq!(all.json.as_array().map(Vec::len), Some(3));
        // On the record.
        let audit = app
            .call(
                "GET",
                &format!("/api/v1/audit?subject_type=meeting&subject_id={m}"),
                Some(&f.admin),
                None,
            )
            .await;
        for action in [
            "meeting.record",
            "meeting.minutes",
            "meeting.minutes_approved",
        ] {
            assert!(audit.text.contains(action), "{action}: {}", audit.text);
        }
        // The pages.
        let office = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}/meetings", f.cycle_id),
                &office.cookies,
                None,
            )
            .await;
        assert!(
            page.text.contains("id=\"record-evaluation\"")
                && page.text.contains("id=\"record-awards\"")
        );
        assert!(
            page.text.contains("Not quorate: 2 present of 4 members"),
            "{}",
            page.text
        );
        let one = app
            .page("GET", &format!("/meetings/{m}"), &office.cookies, None)
            .await;
        assert!(
            one.text.contains("Minutes approved by the chair"),
            "{}",
            one.text
        );
        assert!(
            !one.text
                .contains(&format!("action=\"/meetings/{m}/minutes\""))
        );
    }
);
