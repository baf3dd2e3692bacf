//! Journeys in a real browser: headless Chromium driven through chromedriver (Debian's packages
//! `chromium` and `chromium-driver`). Without chromedriver these tests say they were skipped;
//! under CI they fail instead. Screenshots of each step go to `target/screenshots/`.

use crate::support::{PASSWORD, TestApp};
use fantoccini::{Client, ClientBuilder, Locator};
use laureate::db::Backend;
use laureate::service::Who;
use laureate::service::cycles::OpenCycleRequest;
use laureate::service::nominations::ActionInput;
use laureate::service::roster::{BodyRequest, InvitationRequest};
use laureate_domain::{Actor, NominationAction, Role, UserId};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
    pub base: String,
    shots: std::path::PathBuf,
    step: u32,
    /// The authenticator apps of the harness's accounts, for the second step of a sign-in.
    pub authenticators: crate::support::Authenticators,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn chromedriver() -> Option<String> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(str::to_owned)
}

impl Browser {
    /// Serves the app on a real port and opens headless Chromium; `None` when chromedriver is not
    /// installed (outside CI).
    pub async fn start(app: &TestApp, journey: &str) -> Option<Browser> {
        Browser::start_at(app, journey, None, false).await
    }

    /// As [`Browser::start`], with the viewport of a phone 390 CSS pixels wide (Chromium's
    /// device emulation: a headless window cannot be made narrower than 500).
    pub async fn start_phone(app: &TestApp, journey: &str) -> Option<Browser> {
        Browser::start_at(app, journey, Some(390), false).await
    }

    /// The site served as `http://localhost:{port}`, a domain name, where browsers offer
    /// passkeys (never to an IP address).
    pub async fn start_at_domain(
        app: &TestApp,
        journey: &str,
        phone: Option<u32>,
    ) -> Option<Browser> {
        Browser::start_at(app, journey, phone, true).await
    }

    async fn start_at(
        app: &TestApp,
        journey: &str,
        phone: Option<u32>,
        domain: bool,
    ) -> Option<Browser> {
        let Some(driver_path) = chromedriver() else {
            if std::env::var("CI").is_ok() {
                panic!("CI must run the browser tests: install chromium and chromium-driver");
            }
            eprintln!("skipped: chromedriver is not installed");
            return None;
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let base = if domain {
            format!("http://localhost:{}", addr.port())
        } else {
            format!("http://{addr}")
        };
        let router = if domain {
            laureate::web::router(laureate::web::AppState::new(
                app.service.clone().with_public_url(&base),
            ))
        } else {
            app.router.clone()
        };
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile =
            std::env::temp_dir().join(format!("laureate-chromium-{}-{port}", std::process::id()));
        let mut caps = serde_json::Map::new();
        let mut options = serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ]
        });
        if let Some(width) = phone {
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": width, "height": 844, "pixelRatio": 2 }
            });
        }
        caps.insert("goog:chromeOptions".into(), options);
        // Two crypto providers are linked into the tests; WebDriver's client uses the default.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("TLS set-up")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/screenshots")
            .join(journey);
        let _ = std::fs::create_dir_all(&shots);
        Some(Browser {
            client,
            driver,
            _profile: TempDir(profile),
            base,
            shots,
            step: 0,
            authenticators: app.authenticators.clone(),
        })
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigate");
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let e = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        e.clear().await.ok();
        e.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        let element = match self.client.find(Locator::Css(css)).await {
            Ok(e) => e,
            Err(e) => {
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                panic!("{css}: {e}\nat {url}:\n{}", self.text().await);
            }
        };
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    /// Clicks a button that submits a form, and waits until the next page has loaded.
    /// Confirms a step that asked first (its confirmation page's button).
    pub async fn confirm(&self) {
        self.submit("form:has(input[name='confirm']) button[type=submit]")
            .await;
    }

    pub async fn submit(&self, css: &str) {
        self.client
            .execute("window.__laureatePrevious = true;", vec![])
            .await
            .expect("mark the page");
        self.click(css).await;
        self.wait_for_new_page().await;
    }

    /// Waits until the page marked with `window.__laureatePrevious` has been replaced by a new
    /// one, fully loaded.
    pub async fn wait_for_new_page(&self) {
        for _ in 0..200 {
            let fresh = self
                .client
                .execute(
                    "return window.__laureatePrevious === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if fresh {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no new page");
    }

    /// Waits (at most 10 s) until the element's text contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{css} says {text:?}, not {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self) -> String {
        self.client.source().await.expect("page source")
    }

    /// Saves a screenshot of this step for the CI artefacts.
    pub async fn shot(&mut self, name: &str) {
        self.step += 1;
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.shots.join(format!("{:02}-{name}.png", self.step)), png);
        }
    }

    /// Fails if any page so far showed a key that neither catalogue translates.
    pub fn assert_translated(&self) {
        let missing = laureate::i18n::missing_keys();
        assert!(
            missing.is_empty(),
            "pages showed keys with no translation: {missing:?}"
        );
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        self.assert_translated();
    }
}

/// The nominator's journey: invited by link, signs up, drafts, attaches evidence, submits, is
/// returned, corrects, resubmits and withdraws — in Chinese.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nominator_is_invited_drafts_submits_corrects_and_withdraws_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let admin_id = app.user("admin", "office@test.cn").await;
    let office = Actor {
        user_id: UserId(admin_id),
        role: Role::Admin,
        body_id: None,
        // The test stands in for the office at the server, as the command line does.
        checked_at: Some(app.service.current_time()),
    };
    let cycle = app
        .service
        .open_cycle(
            &office,
            OpenCycleRequest {
                award_year: 2026,
                ..OpenCycleRequest::default()
            },
        )
        .await
        .unwrap();
    let body = app
        .service
        .create_body(
            Who::Cli,
            &BodyRequest {
                name_en: "Chinese Academy of Sciences".into(),
                name_zh: "中国科学院".into(),
                class: laureate_domain::roster::BodyClass::ResearchInstitution,
            },
        )
        .await
        .unwrap();
    let invitation = app
        .service
        .invite(
            Who::Cli,
            body.id,
            &InvitationRequest {
                email: "staff@cas.test".into(),
                lang: "zh".into(),
            },
        )
        .await
        .unwrap();
    let Some(mut b) = Browser::start(&app, "nominator").await else {
        return;
    };

    // Sign up through the invitation link, in Chinese.
    b.goto(&format!("{}?lang=zh", invitation.path)).await;
    assert!(b.text().await.contains("中国科学院"));
    b.fill("#display_name", "王老师").await;
    b.fill("#password", PASSWORD).await;
    b.shot("invitation").await;
    b.submit("form button[type=submit]").await;
    assert!(b.text().await.contains("欢迎"), "signed in after sign-up");

    // Draft an individual's dossier.
    b.submit(&format!("a[href='/cycles/{}/nominations/new']", cycle.id))
        .await;
    fill_dossier(
        &b,
        &[
            ("#name_en", "Anna Schmidt"),
            ("#name_zh", "安娜·施密特"),
            ("#country", "DE"),
            ("#birth_year", "1962"),
            ("#field", "materials science"),
            ("input[name=partner_name_en]", "Institute of Metal Research"),
            ("input[name=partner_from]", "2004"),
            (
                "#contribution_en",
                "Twenty years of joint research on lightweight alloys.",
            ),
        ],
    )
    .await;
    b.shot("draft").await;
    b.submit("form[data-autosave] button[type=submit]").await;
    let page = b.text().await;
    assert!(page.contains("安娜·施密特") && page.contains("Institute of Metal Research"));
    let url = b.client.current_url().await.unwrap();
    let id: i64 = url
        .path()
        .trim_start_matches("/nominations/")
        .parse()
        .unwrap();

    // Editing saves the draft by itself, and says so in the reader's language, also when it
    // cannot (an unknown country code).
    b.goto(&format!("/nominations/{id}/edit")).await;
    b.fill("#field", "materials science and engineering").await;
    b.wait_for_text(".autosave-status", "自动保存").await;
    b.fill("#country", "ZZ").await;
    b.wait_for_text(".autosave-status", "未能自动保存").await;
    b.goto(&format!("/nominations/{id}")).await;

    // Attach evidence, typed by its content.
    let pdf = std::env::temp_dir().join(format!("laureate-evidence-{}.pdf", std::process::id()));
    std::fs::write(&pdf, b"%PDF-1.4\n% letter of support\n").unwrap();
    b.client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(pdf.to_str().unwrap())
        .await
        .unwrap();
    b.submit("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    let _ = std::fs::remove_file(&pdf);
    assert!(
        b.text()
            .await
            .contains(&format!("laureate-evidence-{}.pdf", std::process::id()))
    );
    b.shot("evidence").await;

    // Submit with the declaration of truth.
    b.click("form[action$='/actions/submit'] input[name=declaration]")
        .await;
    b.submit("form[action$='/actions/submit'] button[type=submit]")
        .await;
    assert!(b.text().await.contains("已提交"));
    b.shot("submitted").await;

    // The office returns it with a reason; the nominator sees it, corrects and resubmits.
    app.service
        .act_on_nomination(
            &office,
            id,
            NominationAction::Return,
            &ActionInput {
                reason: Some("请补充合作单位的证明信。".into()),
                ..ActionInput::default()
            },
        )
        .await
        .unwrap();
    b.goto(&format!("/nominations/{id}")).await;
    let page = b.text().await;
    assert!(page.contains("退回修改") && page.contains("请补充合作单位的证明信。"));
    b.submit(&format!("a[href='/nominations/{id}/edit']")).await;
    b.fill("#citation_zh", "长期致力于中德轻合金联合研究。")
        .await;
    b.submit("form[data-autosave] button[type=submit]").await;
    b.click("form[action$='/actions/submit'] input[name=declaration]")
        .await;
    b.submit("form[action$='/actions/submit'] button[type=submit]")
        .await;
    let page = b.text().await;
    assert!(page.contains("已提交") && page.contains("长期致力于中德轻合金联合研究。"));
    assert!(
        page.contains("版本 2"),
        "the resubmission is a second version"
    );
    b.shot("resubmitted").await;

    // Withdraw, with a reason.
    b.fill(
        "form[action$='/actions/withdraw'] input[name=reason]",
        "候选人另有安排。",
    )
    .await;
    b.submit("form[action$='/actions/withdraw'] button[type=submit]")
        .await;
    assert!(b.text().await.contains("已撤回"));
    b.shot("withdrawn").await;
    b.close().await;
    let view = app.service.nomination(&office, id).await.unwrap();
    assert_eq!(view.state, laureate_domain::NominationState::Withdrawn);
    assert_eq!(view.versions.len(), 2);
    assert_eq!(view.attachments.len(), 1);
}

/// A newcomer finds a laureate by part of a Chinese name, sees where the fact comes from, reads
/// which years are complete, and finds the CSV download.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_searches_in_chinese_and_reads_the_statistics_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    app.service
        .import_laureates(Who::Cli, include_bytes!("../../../../data/recipients.csv"))
        .await
        .unwrap();
    let Some(mut b) = Browser::start(&app, "registry").await else {
        return;
    };
    b.goto("/laureates?lang=zh").await;
    b.fill("#q", "葛立").await;
    b.shot("search").await;
    // The registry searches as the visitor types (after a short pause): the results come
    // without pressing the button, which would race the search already on its way.
    b.wait_for_text("main", "共1条记录").await;
    let page = b.text().await;
    assert!(
        page.contains("克裏斯·葛立夫") && page.contains("共1条记录"),
        "one result"
    );
    let url = b.client.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or("").contains("q=%E8%91%9B%E7%AB%8B"),
        "the search is in the address: {url}"
    );
    b.submit("table.data a").await;
    let record = b.text().await;
    assert!(record.contains("big5.www.gov.cn"), "the source is shown");
    b.shot("record").await;
    b.goto("/stats?lang=en").await;
    let stats = b.text().await;
    assert!(
        stats.contains("Held in part") && stats.contains("Complete") && stats.contains("No awards")
    );
    assert!(
        b.client
            .find(Locator::Css("figure.chart svg[role=img] title"))
            .await
            .is_ok()
    );
    assert!(
        b.client
            .find(Locator::Css("a[href='/api/v1/stats.csv?program=istc']"))
            .await
            .is_ok()
    );
    b.shot("stats").await;
    b.goto("/open-data").await;
    assert!(
        b.client
            .find(Locator::Css("a[href='/api/v1/laureates.csv']"))
            .await
            .is_ok()
    );
    b.close().await;
}

/// The office previews and records an optimal assignment; the expert, in Chinese, declares no
/// conflict and scores the dossier on the rubric.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_assigns_and_an_expert_declares_and_scores_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = crate::flow::Flow::new(&app).await;
    let r = f
        .post(
            &f.nominator,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            crate::flow::dossier("Browser Review Candidate"),
        )
        .await;
    let id = r.json["id"].as_i64().unwrap();
    crate::flow::ok(&f.act(&f.nominator, id, "submit").await, "submit");
    crate::flow::ok(&f.act(&f.admin, id, "accept").await, "accept");
    f.advance().await;
    crate::flow::ok(
        &f.step(&f.admin, "publish", serde_json::json!({})).await,
        "publish",
    );
    f.advance().await;
    crate::flow::ok(
        &f.step(&f.admin, "start-review", serde_json::json!({}))
            .await,
        "start review",
    );
    app.service
        .create_expert(
            Who::Cli,
            &laureate::service::experts::ExpertRequest {
                name_en: "Expert One".into(),
                email: "expert@test.cn".into(),
                fields: vec!["physics".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let Some(mut b) = Browser::start(&app, "reviewer").await else {
        return;
    };
    // The office previews, then records, the optimal assignment.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}/assignment", f.cycle_id)).await;
    b.fill("#demand", "1").await;
    b.fill("#max_load", "1").await;
    b.submit("button[value=preview]").await;
    assert!(
        b.text().await.contains("Expert One"),
        "the preview names the pair"
    );
    b.shot("preview").await;
    b.submit("button[value=commit]").await;
    assert!(b.text().await.contains("Recorded"));
    b.submit("form[action='/logout'] button").await;
    // The expert, in Chinese.
    sign_in(&b, "expert@test.cn", "zh").await;
    assert!(b.text().await.contains("Browser Review Candidate"));
    b.submit(&format!("a[href='/nominations/{id}']")).await;
    assert!(b.text().await.contains("利害关系声明"), "declare first");
    b.shot("declaration").await;
    declare_and_score(&b, "8", "合作成果显著。").await;
    b.shot("scores").await;
    let page = b.text().await;
    assert!(
        page.contains("评审已提交") && page.contains("80"),
        "the rubric total is 80"
    );
    b.shot("submitted").await;
    b.close().await;
}

/// The objection journey: a member of the public reads the publication in Chinese, objects with
/// evidence and gets a receipt; the office, in English, admits and upholds it; the objector
/// follows it by receipt to the reply, and the nomination is back with its nominator.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_of_the_public_objects_and_follows_the_objection_by_receipt_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let (f, id, _, _) = crate::objections::published(&app).await;
    let Some(mut b) = Browser::start(&app, "objection").await else {
        return;
    };
    b.goto("/candidates?lang=zh").await;
    assert!(b.text().await.contains("Ada Objected"));
    b.shot("publication").await;
    b.submit(&format!("a[href='/nominations/{id}/object']"))
        .await;
    b.fill("#objector_name", "李华").await;
    b.fill("#contact_email", "li.hua@example.cn").await;
    b.click("input[name=grounds][value=authorship_dispute]")
        .await;
    b.fill("#statement", "该论文由本人课题组完成，候选者未参与。")
        .await;
    let pdf = std::env::temp_dir().join(format!("laureate-objection-{}.pdf", std::process::id()));
    std::fs::write(&pdf, b"%PDF-1.4\n% authorship record\n").unwrap();
    b.client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(pdf.to_str().unwrap())
        .await
        .unwrap();
    // Unsigned first: refused with the reason, nothing lost from the form.
    b.submit("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    let refused = b.text().await;
    assert!(refused.contains("签署真实姓名"), "the reason is given");
    assert!(refused.contains("李华"), "the form keeps what was typed");
    b.shot("unsigned").await;
    b.client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(pdf.to_str().unwrap())
        .await
        .unwrap();
    b.click("input[name=signed]").await;
    b.submit("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    let _ = std::fs::remove_file(&pdf);
    let receipt = b
        .client
        .find(Locator::Css("#receipt"))
        .await
        .expect("a receipt number")
        .text()
        .await
        .unwrap();
    assert!(receipt.starts_with("OBJ-2026-"), "{receipt}");
    b.shot("receipt").await;

    // The office handles it in English.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}/objections", f.cycle_id)).await;
    let page = b.text().await;
    assert!(page.contains("李华") && page.contains("Ada Objected"));
    b.submit("form[action$='/handle'] button[type=submit]")
        .await;
    assert!(b.text().await.contains("admitted for handling"));
    b.click("input[name=action][value=uphold]").await;
    b.client
        .find(Locator::Css("select[name=effect] option[value=return]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.fill(
        "textarea[name=reply]",
        "Upheld: the nomination is returned to its nominator.",
    )
    .await;
    b.shot("decide").await;
    b.submit("form[action$='/handle'] button.primary").await;
    assert!(b.text().await.contains("The objection is upheld"));
    b.submit("form[action='/logout'] button").await;

    // The objector follows it by receipt.
    b.goto(&format!("/objections/status?lang=zh&receipt={receipt}"))
        .await;
    let status = b.text().await;
    assert!(status.contains("异议成立"), "upheld, in Chinese");
    assert!(status.contains("returned to its nominator"));
    b.shot("status").await;
    assert_eq!(f.state(id).await, "returned");
    b.close().await;
}

/// On a dossier's page, the expert declares no conflict, scores every criterion of the rubric
/// the same and submits the review with a comment.
pub async fn declare_and_score(b: &Browser, score: &str, comment: &str) {
    b.click("input[name=conflict][value=no]").await;
    b.submit("form[action$='/declaration'] button[type=submit]")
        .await;
    for c in [
        "significance-of-results",
        "depth-of-cooperation",
        "benefit-to-china",
    ] {
        b.fill(&format!("#c-{c}"), score).await;
    }
    b.fill("#comment", comment).await;
    b.submit("form[action$='/review'] button[type=submit]")
        .await;
}

/// Fills the new-nomination form, field by field (selector, text), and ticks joint research as
/// the category; the caller saves it.
pub async fn fill_dossier(b: &Browser, fields: &[(&str, &str)]) {
    for (css, text) in fields {
        b.fill(css, text).await;
    }
    b.click("input[name=categories][value=joint_research]")
        .await;
}

/// Signs in through the form, and, for an account with an authenticator, types its next code
/// on the second step, as its owner would.
pub async fn sign_in(b: &Browser, email: &str, lang: &str) {
    b.goto(&format!("/login?lang={lang}")).await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.submit("form button[type=submit]").await;
    let at = b.client.current_url().await.expect("a URL");
    if at.path() == "/login/code" {
        let code = b
            .authenticators
            .next_code(email)
            .await
            .expect("an enrolled authenticator");
        b.fill("#code", &code).await;
        b.submit("form[action='/login/code'] button[type=submit]")
            .await;
    }
    let at = b.client.current_url().await.expect("a URL");
    assert!(
        at.path() != "/login" && at.path() != "/login/code",
        "{email} is not signed in: {at}\n{}",
        b.text().await
    );
}

pub async fn sign_out(b: &Browser) {
    b.submit("form[action='/logout'] button").await;
}

/// Starts reading the site as `reader` (a role, or anonymous) in `lang`.
pub async fn read_as(b: &Browser, reader: Option<&str>, lang: &str) {
    match reader {
        Some(role) => sign_in(b, &crate::roles::email(role), lang).await,
        None => b.goto(&format!("/?lang={lang}")).await,
    }
}

/// Stops reading as `reader`: a signed-in reader signs out.
pub async fn stop_reading_as(b: &Browser, reader: Option<&str>) {
    if reader.is_some() {
        sign_out(b).await;
    }
}

/// Sets a date or date-time field's value as its picker would (typed keys depend on the locale).
/// Chooses an option of a select: `css` names the option, e.g. `#kind option[value=b]`.
pub async fn choose(b: &Browser, css: &str) {
    b.click(css).await;
}

pub async fn set_value(b: &Browser, css: &str, value: &str) {
    b.client
        .execute(
            "document.querySelector(arguments[0]).value = arguments[1];",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap();
}
