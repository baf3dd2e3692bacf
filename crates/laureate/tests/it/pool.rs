//! The expert pool imported from CSV, all or nothing, with duplicates merged.

use crate::db_test;
use crate::flow::ok;
use crate::review::under_review;
use serde_json::{Value, json};

db_test!(
    the_pool_imports_from_csv_all_or_nothing_and_merges_duplicates,
    |app| async move {
        let (f, _) = under_review(&app, 1).await;
        let admin = app.service.session(&f.admin).await.unwrap().unwrap().actor;
        let header = "name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations\n";
        let bad = format!(
            "{header}Good One,,good@test.cn,DE,physics,,Fudan University:2001-2010,\nBad Two,,not-an-email,,,,,\n"
        );
        let err = app
            .service
            .import_experts(laureate::service::Who::User(&admin), bad.as_bytes())
            .await
            .unwrap_err();
        assert!(err.to_string().starts_with("line 3"), "{err}");
        assert!(
            app.service.experts(&admin).await.unwrap().is_empty(),
            "nothing imported"
        );
        // On the pool's page the pasted text comes back under the summary, the line and the
        // column named in the reader's language, the text area marked.
        let office = app.browser_login("office@test.cn").await;
        let wrong =
            format!("{header}Li Wei,李伟,li.wei@test.cn,CN,physics,,,Wang Fang:colleague:2019\n");
        let body = format!(
            "csrf={}&csv={}",
            office.csrf,
            form_urlencoded::byte_serialize(wrong.as_bytes()).collect::<String>()
        );
        let r = app
            .page_from(
                "POST",
                "/experts/import?lang=zh",
                &office.cookies,
                Some(&body),
                Some("/experts?lang=zh"),
            )
            .await;
        assert_eq!(r.status.as_u16(), 422, "{}", r.text);
        assert!(
            r.text.contains("第2行，collaborations：请使用 co_author")
                && r.text.contains("未导入任何专家"),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("Wang Fang:colleague:2019\n</textarea>"),
            "{}",
            r.text
        );
        assert!(r.text.contains("id=\"csv-error\""), "{}", r.text);
        let good = format!(
            "{header}Wang Wei,王伟,wang.wei@test.cn,,materials science;metallurgy,,Institute of Metal Research:2001-,Review Candidate 0:co_author:2024\nW. Wei,,w.wei@other.test,,physics,,,\n"
        );
        let (added, kept) = app
            .service
            .import_experts(laureate::service::Who::User(&admin), good.as_bytes())
            .await
            .unwrap();
        assert_eq!((added, kept), (2, 0));
        let (added, kept) = app
            .service
            .import_experts(laureate::service::Who::User(&admin), good.as_bytes())
            .await
            .unwrap();
        assert_eq!((added, kept), (0, 2), "importing twice adds nothing");
        let pool = app
            .call("GET", "/api/v1/experts", Some(&f.admin), None)
            .await
            .json;
        let wang = pool["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["email"] == "wang.wei@test.cn")
            .unwrap()
            .clone();
        let alias = pool["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["email"] == "w.wei@other.test")
            .unwrap()
            .clone();
        assert_eq!(wang["fields"], json!(["materials science", "metallurgy"]));
        let found = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/conflicts/detect", f.cycle_id),
                json!({}),
            )
            .await;
        let reasons: Vec<&str> = found
            .json
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["expert_id"] == wang["id"])
            .map(|c| c["reason"].as_str().unwrap())
            .collect();
        assert_eq!(
            reasons,
            ["conflict-collaboration", "conflict-partner-institution"]
        );
        let merged = f
            .post(
                &f.admin,
                "/api/v1/experts/merge",
                json!({ "from": wang["id"], "into": alias["id"] }),
            )
            .await;
        ok(&merged, "merge");
        assert_eq!(
            merged.json["affiliations"][0]["institution"], "Institute of Metal Research",
            "the profile follows the merge"
        );
        let conflicts = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/conflicts", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        let moved: Vec<&Value> = conflicts.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["expert_id"] == alias["id"])
            .collect();
        assert_eq!(
            moved.len(),
            2,
            "conflicts are recomputed for the remaining record"
        );
    }
);
