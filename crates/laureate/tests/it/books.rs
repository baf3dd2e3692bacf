//! Committee members' books of papers: one copy per member, made off the request path, each
//! read as its member (a declared conflict withholds the candidate), marked with the member's
//! name and the copy's id on every page, and every download audited.

use crate::conferral::poppler;
use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::{Value, json};

db_test!(
    each_member_gets_a_watermarked_book_read_as_they_may_read,
    |app| async move {
        let f = Flow::new(&app).await;
        let anna = f.nominate("Anna Bookish").await;
        let bo = f.nominate("Bo Papers").await;
        f.first_member_conflicted_with(anna).await;
        f.to_committee(&[anna, bo]).await;
        let books = format!("/api/v1/cycles/{}/books", f.cycle_id);

        // Who may prepare, and what it needs.
        let r = f
            .post(
                &f.committee[1],
                &books,
                json!({ "committee": "evaluation", "agenda": "x" }),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "a member who is not the secretary"
        );
        let r = f
            .post(&f.admin, &books, json!({ "committee": "evaluation" }))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"]["fields"][0]["field"], "agenda");

        let r = f
            .post(
                &f.admin,
                &books,
                json!({ "committee": "evaluation", "agenda": "1. The candidates of 2026.\n2. Any other business." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        assert_eq!(r.json["total"], 3);
        // Off the request path: the server renders beside the answer; this run takes whatever
        // it left, and the list shows the progress until every copy is made.
        app.service.render_queued_books().await.unwrap();
        let mut listed = app.call("GET", &books, Some(&f.admin), None).await;
        for _ in 0..200 {
            if listed.json[0]["ready"] == 3 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            listed = app.call("GET", &books, Some(&f.admin), None).await;
        }
        let set = &listed.json[0];
        assert_eq!(set["ready"], 3, "{}", listed.text);
        let copies: Vec<Value> = set["books"].as_array().unwrap().clone();
        assert_eq!(copies.len(), 3);

        for (i, member) in f.committee.iter().enumerate() {
            let email = format!("member{}@test.cn", i + 1);
            // A member lists only their own copy.
            let mine = app.call("GET", &books, Some(member), None).await;
            let own = mine.json[0]["books"].as_array().unwrap();
            assert_eq!(own.len(), 1, "{}", mine.text);
            let copy = own[0]["copy_id"].as_str().unwrap().to_owned();
            let id = own[0]["id"].as_i64().unwrap();
            let pdf = app
                .call(
                    "GET",
                    &format!("/api/v1/books/{id}/pdf"),
                    Some(member),
                    None,
                )
                .await;
            assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text);
            assert!(pdf.bytes.starts_with(b"%PDF-"));
            assert!(own[0]["pages"].as_i64().unwrap() >= 3);
            // Kept for reading, as the screenshots are.
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/screenshots/books");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(
                dir.join(format!("member{}-{:?}.pdf", i + 1, app.backend())),
                &pdf.bytes,
            );
            if let Some(text) = poppler("pdftotext", &pdf.bytes) {
                assert!(text.contains(&copy), "the copy id on the pages: {text}");
                assert!(text.contains(&email), "the member's name on the pages");
                assert!(text.contains("The candidates of 2026"), "the agenda");
                assert!(text.contains("Bo Papers"));
                // The first member declared a conflict with Anna: withheld from them alone.
                assert_eq!(text.contains("Anna Bookish"), i != 0, "member {i}: {text}");
                assert!(text.contains("Reviewer 1: 90 / 100"), "scores, anonymous");
            }
            // Another member's copy does not exist for them.
            let other = copies
                .iter()
                .find(|c| c["copy_id"] != copy.as_str())
                .unwrap()["id"]
                .as_i64()
                .unwrap();
            assert_eq!(
                app.call(
                    "GET",
                    &format!("/api/v1/books/{other}/pdf"),
                    Some(member),
                    None
                )
                .await
                .status,
                StatusCode::NOT_FOUND
            );
        }
        // The supervision committee sees every copy's progress, and downloads none.
        let supervisor = app.login_as("supervisor", "watch@test.cn").await;
        let seen = app.call("GET", &books, Some(&supervisor), None).await;
        let seen = seen.json[0]["books"].as_array().unwrap().clone();
        assert_eq!(seen.len(), 3);
        assert!(seen.iter().all(|b| b["may_download"] == false));
        let first = copies[0]["id"].as_i64().unwrap();
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/books/{first}/pdf"),
                Some(&supervisor),
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert!(
            copies.iter().all(|b| b["may_download"] == true),
            "the office hands any over"
        );
        // Strangers see no papers.
        assert_eq!(
            app.call("GET", &books, Some(&f.nominator), None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Every issue is on the record, with whose copy it was.
        let audit = app
            .call(
                "GET",
                "/api/v1/audit?action=book.issue",
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(audit.json["total"], 3, "{}", audit.text);

        // The meetings page shows the progress and the reader's own copy.
        let b = app.browser_login("member2@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}/meetings?lang=en", f.cycle_id),
                &b.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("3 of 3 copies ready"), "{}", page.text);
        assert_eq!(page.text.matches("/api/v1/books/").count(), 1);
        ok(&listed, "list");
    }
);
