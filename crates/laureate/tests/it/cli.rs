//! The `laureate` binary itself: the names of SPEC section 7 and their exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

pub(crate) fn laureate() -> Command {
    Command::new(env!("CARGO_BIN_EXE_laureate"))
}

pub(crate) struct TempDb(std::path::PathBuf);

impl TempDb {
    pub(crate) fn new(name: &str) -> TempDb {
        TempDb(std::env::temp_dir().join(format!("laureate_cli_{name}_{}.db", std::process::id())))
    }

    pub(crate) fn url(&self) -> String {
        format!("sqlite://{}", self.0.display())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// `laureate user add`, the password on standard input.
fn user_add(db: &TempDb, email: &str, role: &str, password: &str) -> std::process::Output {
    let mut child = laureate()
        .args([
            "user",
            "add",
            "--email",
            email,
            "--role",
            role,
            "--database-url",
            &db.url(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) const RECIPIENTS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/recipients.csv");

#[test]
fn import_export_and_audit_verify_work_from_the_command_line() {
    let db = TempDb::new("roundtrip");
    let import = laureate()
        .args([
            "import",
            "laureates",
            RECIPIENTS,
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert!(String::from_utf8_lossy(&import.stdout).contains("added"));
    let again = laureate()
        .args([
            "import",
            "laureates",
            RECIPIENTS,
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains(" 0 added"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let json = laureate()
        .args([
            "export",
            "laureates",
            "--format",
            "json",
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(parsed["total"].as_u64().unwrap() > 90);
    let csv = laureate()
        .args([
            "export",
            "laureates",
            "--format",
            "csv",
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("id,award_year,name,"));
    let verify = laureate()
        .args(["audit", "verify", "--database-url", &db.url()])
        .output()
        .unwrap();
    assert!(verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("intact"));
}

#[test]
fn a_bad_import_file_names_its_line_and_exits_non_zero() {
    let db = TempDb::new("badimport");
    let file = std::env::temp_dir().join(format!("laureate_bad_{}.csv", std::process::id()));
    std::fs::write(&file, "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n2001,A,individual,,,,,,\n20x1,B,individual,,,,,,\n").unwrap();
    let out = laureate()
        .args([
            "import",
            "laureates",
            file.to_str().unwrap(),
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3") && err.contains("nothing was imported"),
        "{err}"
    );
    let json = laureate()
        .args([
            "export",
            "laureates",
            "--format",
            "json",
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(parsed["total"], 0);
}

#[test]
fn a_bad_expert_file_names_its_line_column_and_rule_and_imports_nothing() {
    let db = TempDb::new("experts_bad");
    let file = std::env::temp_dir().join(format!("laureate_experts_{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations
         Li Wei,,li.wei@test.cn,CN,physics,,Fudan University:2001-2010,
         Wang Fang,,wang.fang@test.cn,CN,physics,,Fudan University 2001,
",
    )
    .unwrap();
    let out = laureate()
        .args([
            "experts",
            "import",
            file.to_str().unwrap(),
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Line 3, affiliations: Write each affiliation as institution:from-to")
            && err.contains("Nothing was imported."),
        "{err}"
    );
}

#[test]
fn the_first_office_account_invites_and_deactivates_from_the_command_line() {
    let db = TempDb::new("people");
    assert!(
        user_add(
            &db,
            "office@test.cn",
            "admin",
            "correct horse battery staple"
        )
        .status
        .success()
    );
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        let url = db.url();
        all.extend(["--database-url", url.as_str()]);
        laureate().args(&all).output().unwrap()
    };
    let invited = run(&[
        "user",
        "invite",
        "--email",
        "member@test.cn",
        "--role",
        "committee",
        "--lang",
        "en",
    ]);
    let out = String::from_utf8_lossy(&invited.stdout);
    assert!(
        invited.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&invited.stderr)
    );
    assert!(
        out.contains("mailed to member@test.cn") && out.contains("/invitations/"),
        "{out}"
    );
    let unknown_role = run(&["user", "invite", "--email", "x@test.cn", "--role", "king"]);
    assert!(!unknown_role.status.success());
    // The office never deactivates its last account; another is deactivated and back.
    let last = run(&["user", "deactivate", "--email", "office@test.cn"]);
    assert!(!last.status.success());
    assert!(String::from_utf8_lossy(&last.stderr).contains("last active awards office account"));
    assert!(
        user_add(
            &db,
            "expert@test.cn",
            "reviewer",
            "correct horse battery staple"
        )
        .status
        .success()
    );
    let off = run(&["user", "deactivate", "--email", "expert@test.cn"]);
    assert!(
        off.status.success(),
        "{}",
        String::from_utf8_lossy(&off.stderr)
    );
    assert!(String::from_utf8_lossy(&off.stdout).contains("deactivated"));
    let on = run(&["user", "reactivate", "--email", "expert@test.cn"]);
    assert!(String::from_utf8_lossy(&on.stdout).contains("is active"));
    let nobody = run(&["user", "deactivate", "--email", "nobody@test.cn"]);
    assert!(!nobody.status.success());
}

#[test]
fn user_add_reads_the_password_from_standard_input_and_checks_it() {
    let db = TempDb::new("useradd");
    let add = |email: &str, role: &str, password: &str| user_add(&db, email, role, password);
    let ok = add("office@test.cn", "admin", "correct horse battery staple");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let short = add("other@test.cn", "admin", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    let role = add("third@test.cn", "president", "correct horse battery staple");
    assert!(!role.status.success());
    assert!(String::from_utf8_lossy(&role.stderr).contains("role"));
    let twice = add("office@test.cn", "admin", "correct horse battery staple");
    assert!(String::from_utf8_lossy(&twice.stderr).contains("exists"));
}

#[test]
fn help_lists_the_subcommands_scripts_rely_on() {
    let out = laureate().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for sub in [
        "serve", "migrate", "import", "export", "audit", "assign", "backup", "restore", "user",
    ] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(sub)),
            "{sub} in --help"
        );
    }
}

#[test]
fn the_roster_and_the_integrity_register_are_kept_from_the_command_line() {
    let db = TempDb::new("roster");
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        let url = db.url();
        all.extend(["--database-url", &url]);
        laureate().args(&all).output().unwrap()
    };
    let add = run(&[
        "body",
        "add",
        "--name-en",
        "Peking University",
        "--name-zh",
        "北京大学",
        "--class",
        "university",
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let twice = run(&[
        "body",
        "add",
        "--name-en",
        "Peking University",
        "--class",
        "university",
    ]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("on the roster"));
    let bad = run(&["body", "add", "--name-en", "X", "--class", "club"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected one of central_organ"));
    let invite = run(&[
        "body",
        "invite",
        "--body",
        "Peking University",
        "--email",
        "staff@pku.test",
    ]);
    assert!(
        String::from_utf8_lossy(&invite.stdout).contains("/invitations/"),
        "{}",
        String::from_utf8_lossy(&invite.stderr)
    );
    let nobody = run(&["body", "invite", "--body", "Nowhere", "--email", "x@y.test"]);
    assert!(!nobody.status.success());
    let sanction = run(&[
        "body",
        "sanction",
        "--body",
        "Peking University",
        "--kind",
        "suspension",
        "--reason",
        "false material",
        "--until",
        "2099-01-01",
    ]);
    assert!(
        String::from_utf8_lossy(&sanction.stdout).contains("barred"),
        "{}",
        String::from_utf8_lossy(&sanction.stderr)
    );
    let listing = run(&[
        "integrity",
        "add",
        "--kind",
        "misconduct_ban",
        "--name-en",
        "Some One",
        "--from",
        "2025-01-01",
    ]);
    assert!(
        listing.status.success(),
        "{}",
        String::from_utf8_lossy(&listing.stderr)
    );
    let verify = run(&["audit", "verify"]);
    assert!(String::from_utf8_lossy(&verify.stdout).contains("intact"));
}

#[test]
fn assign_solve_prints_one_json_line_with_the_exact_optimum() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../assign/testdata/small_d3.csv"
    );
    let out = laureate().args(["assign", "solve", file]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(v["objective"], 2_884_602);
    assert_eq!(v["assignments"], 300);
    assert!(v["seconds"].as_f64().unwrap() >= 0.0);
    let seeded = laureate()
        .args(["assign", "solve", file, "--seed", "7"])
        .output()
        .unwrap();
    let again = laureate()
        .args(["assign", "solve", file, "--seed", "7"])
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_slice(&seeded.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        a["objective"], b["objective"],
        "a draw is reproducible from its seed"
    );
    assert!(
        a["objective"].as_i64().unwrap() < 2_884_602,
        "a random draw is not the optimum"
    );

    let bad =
        std::env::temp_dir().join(format!("laureate_bad_instance_{}.csv", std::process::id()));
    std::fs::write(
        &bad,
        "# P,R,demand,maxload,minload,K,seed\n1,1,1,1,0,1,1\npaper,reviewer,score\n0,3,0.5\n",
    )
    .unwrap();
    let out = laureate()
        .args(["assign", "solve", bad.to_str().unwrap()])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&bad);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 4"));
}

#[test]
fn backup_and_restore_work_from_the_command_line() {
    let source = TempDb::new("backup_source");
    let target = TempDb::new("backup_target");
    let file = TempDb::new("backup_file");
    let run = |args: &[&str]| laureate().args(args).output().unwrap();
    let import = run(&[
        "import",
        "laureates",
        RECIPIENTS,
        "--database-url",
        &source.url(),
    ]);
    assert!(import.status.success());
    let path = file.0.to_str().unwrap();
    let backup = run(&["backup", path, "--database-url", &source.url()]);
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(String::from_utf8_lossy(&backup.stdout).contains("backup written"));
    let overwrite = run(&["backup", path, "--database-url", &source.url()]);
    assert!(!overwrite.status.success());
    assert!(String::from_utf8_lossy(&overwrite.stderr).contains("never overwrites"));
    let restore = run(&["restore", path, "--database-url", &target.url()]);
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert!(String::from_utf8_lossy(&restore.stdout).contains("audit log intact"));
    let export = |db: &TempDb| {
        run(&[
            "export",
            "laureates",
            "--format",
            "csv",
            "--database-url",
            &db.url(),
        ])
        .stdout
    };
    assert_eq!(export(&source), export(&target));
    let twice = run(&["restore", path, "--database-url", &target.url()]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("needs an empty database"));
}

#[test]
fn committee_members_are_appointed_listed_and_ended_from_the_command_line() {
    let db = TempDb::new("committee");
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        let url = db.url();
        all.extend(["--database-url", &url]);
        laureate().args(&all).output().unwrap()
    };
    let added = user_add(
        &db,
        "member@test.cn",
        "committee",
        "correct horse battery staple",
    );
    assert!(added.status.success(), "{added:?}");
    let appointed = run(&[
        "committee",
        "appoint",
        "--committee",
        "evaluation",
        "--email",
        "member@test.cn",
        "--position",
        "chair",
        "--from",
        "2020-01-01",
    ]);
    assert!(
        appointed.status.success(),
        "{}",
        String::from_utf8_lossy(&appointed.stderr)
    );
    assert!(String::from_utf8_lossy(&appointed.stdout).contains("2020-01-01 – 2022-12-31"));
    for from in ["2023-01-01", "2026-01-01"] {
        let next = run(&[
            "committee",
            "appoint",
            "--committee",
            "evaluation",
            "--email",
            "member@test.cn",
            "--from",
            from,
        ]);
        if from == "2023-01-01" {
            assert!(next.status.success());
        } else {
            assert!(!next.status.success(), "a third term in a row");
            let err = String::from_utf8_lossy(&next.stderr);
            assert!(
                err.contains("starts_on") && err.contains("2 terms in a row"),
                "{err}"
            );
        }
    }
    // An evaluation group's term names the group; an unknown group is refused naming the field.
    let appoint_to = |group: &str| {
        let line = format!(
            "committee appoint --committee discipline --group {group} --email member@test.cn"
        );
        run(&line.split(' ').collect::<Vec<_>>())
    };
    let grouped = appoint_to("natural-physics");
    let out = String::from_utf8_lossy(&grouped.stdout);
    assert!(out.contains("discipline natural-physics"), "{out}");
    let unknown = appoint_to("natural-astrology");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("discipline_group"));
    let listed = run(&["committee", "list"]);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(
        out.contains("evaluation committee of istc: 0 in office") && out.contains("term    1"),
        "{out}"
    );
    assert!(
        out.contains("discipline committee natural-physics (Physics): 1 in office"),
        "{out}"
    );
    let ended = run(&[
        "committee",
        "end",
        "--term",
        "2",
        "--reason",
        "Resigned",
        "--on",
        "2024-06-30",
    ]);
    assert!(
        ended.status.success(),
        "{}",
        String::from_utf8_lossy(&ended.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run(&["committee", "list"]).stdout)
            .contains("ended early: Resigned")
    );
    let bad = run(&[
        "committee",
        "end",
        "--term",
        "2",
        "--reason",
        "again",
        "--on",
        "2030-01-01",
    ]);
    assert!(!bad.status.success());
    let swept = run(&["ballots", "close-due"]);
    assert!(swept.status.success());
    assert!(String::from_utf8_lossy(&swept.stdout).contains("0 ballot(s) closed"));
    let audit = run(&["audit", "verify"]);
    assert!(audit.status.success());
}

#[test]
fn seed_fills_a_database_with_the_numbers_asked_for_each_write_audited() {
    let db = TempDb::new("seed");
    let out = laureate()
        .args([
            "seed",
            "--laureates",
            "120",
            "--experts",
            "40",
            "--nominations",
            "60",
            "--concurrency",
            "4",
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("laureates: 120 added"), "{stdout}");
    assert!(stdout.contains("experts: 40 added"), "{stdout}");
    assert!(stdout.contains("nominations: 60 added"), "{stdout}");
    let verify = laureate()
        .args(["audit", "verify", "--database-url", &db.url()])
        .output()
        .unwrap();
    assert!(verify.status.success());
    let stats = laureate()
        .args(["export", "laureates", "--database-url", &db.url()])
        .output()
        .unwrap();
    let rows = String::from_utf8_lossy(&stats.stdout).lines().count();
    assert!(
        rows > 120,
        "the seeded laureates are in the registry: {rows} lines"
    );
}

#[test]
fn serve_refuses_a_replica_it_cannot_use_before_it_says_it_is_serving() {
    let db = TempDb::new("replica");
    for (replica, says) in [
        (
            "sqlite://elsewhere.db",
            "a replica must be a PostgreSQL database",
        ),
        (
            "postgres://nobody@127.0.0.1:1/none",
            "cannot open the replica",
        ),
    ] {
        let out = laureate()
            .args([
                "serve",
                "--database-url",
                &db.url(),
                "--bind",
                "127.0.0.1:0",
            ])
            .args(["--replica-url", replica])
            .env("LAUREATE_LOG", "error")
            .output()
            .expect("run laureate serve");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{replica}: it served");
        assert!(stderr.contains(says), "{replica}: {stderr}");
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("is serving"),
            "{replica}: it said it was serving"
        );
    }
}

#[test]
fn read_only_commands_never_create_or_migrate_a_database() {
    let missing = TempDb::new("missing");
    let backup_file = std::env::temp_dir().join(format!(
        "laureate_cli_missing_backup_{}.db",
        std::process::id()
    ));
    for args in [
        vec!["audit", "verify"],
        vec!["export", "laureates", "--format", "csv"],
        vec!["committee", "list"],
        vec!["backup", backup_file.to_str().unwrap()],
    ] {
        let out = laureate()
            .args(&args)
            .args(["--database-url", &missing.url()])
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "{args:?} succeeded on a missing database"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("there is no database at") && err.contains("never creates one"),
            "{args:?}: {err}"
        );
        assert!(!missing.0.exists(), "{args:?} created the database file");
        assert!(!backup_file.exists());
    }
    // A database older than the binary is named as such, and left as it is.
    let old = TempDb::new("older");
    let made = laureate()
        .args(["migrate", "--database-url", &old.url()])
        .output()
        .unwrap();
    assert!(made.status.success());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = laureate::db::Db::connect(&old.url()).await.unwrap();
        sqlx::query("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)")
            .execute(db.pool())
            .await
            .unwrap();
        db.close().await;
    });
    let out = laureate()
        .args(["audit", "verify", "--database-url", &old.url()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("run `laureate migrate` first"), "{err}");
    let still: i64 = rt.block_on(async {
        let db = laureate::db::Db::connect(&old.url()).await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations")
            .fetch_one(db.pool())
            .await
            .unwrap()
    });
    assert_eq!(
        still as usize,
        laureate::db::migrate::MIGRATIONS.len() - 1,
        "verify migrated the database"
    );
    // An empty file is not a Laureate database.
    let empty = TempDb::new("empty");
    std::fs::write(&empty.0, b"").unwrap();
    let out = laureate()
        .args([
            "export",
            "laureates",
            "--format",
            "json",
            "--database-url",
            &empty.url(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no Laureate schema"));
}
