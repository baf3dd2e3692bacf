//! Demo data for `laureate serve --demo`: the registry from `data/recipients.csv`, one account
//! per role, and a demo cycle with nominations, all created through the ordinary use cases (so
//! every change is audited). Running it twice adds nothing.

use crate::db;
use crate::service::accounts::NewUser;
use crate::service::committees::AppointRequest;
use crate::service::cycles::OpenCycleRequest;
use crate::service::nominations::{ActionInput, DossierRequest, Partner};
use crate::service::{Service, Who};
use anyhow::Context;
use laureate_domain::committees::CommitteeKind;
use laureate_domain::{Actor, NominationAction, NominatorBodyId, Role, UserId};

/// Demo accounts share this password. Never use `--demo` on a real deployment.
pub const DEMO_PASSWORD: &str = "laureate-demo-2026";
pub const RECIPIENTS_CSV: &[u8] = include_bytes!("../../../data/recipients.csv");

const ACCOUNTS: &[(&str, &str, &str, Option<&str>)] = &[
    ("office@demo.laureate", "Awards Office", "admin", None),
    (
        "nominator@demo.laureate",
        "Chinese Academy of Sciences",
        "nominator",
        Some("Chinese Academy of Sciences"),
    ),
    (
        "university@demo.laureate",
        "Tsinghua University",
        "nominator",
        Some("Tsinghua University"),
    ),
    ("expert1@demo.laureate", "Expert One", "reviewer", None),
    ("expert2@demo.laureate", "Expert Two", "reviewer", None),
    (
        "committee1@demo.laureate",
        "Committee Member One",
        "committee",
        None,
    ),
    (
        "committee2@demo.laureate",
        "Committee Member Two",
        "committee",
        None,
    ),
    (
        "committee3@demo.laureate",
        "Committee Member Three",
        "committee",
        None,
    ),
    (
        "awards@demo.laureate",
        "Awards Committee",
        "awards_committee",
        None,
    ),
    (
        "awards2@demo.laureate",
        "Awards Committee Member Two",
        "awards_committee",
        None,
    ),
    (
        "awards3@demo.laureate",
        "Awards Committee Member Three",
        "awards_committee",
        None,
    ),
    (
        "supervisor@demo.laureate",
        "Supervision Committee",
        "supervisor",
        None,
    ),
    (
        "approver@demo.laureate",
        "Approval Office",
        "approver",
        None,
    ),
];

/// The actor of a demo account, by its e-mail.
pub async fn actor_for(service: &Service, email: &str) -> anyhow::Result<Actor> {
    let mut conn = service.db().conn().await?;
    let u = db::users::find_by_email(&mut conn, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    Ok(Actor {
        user_id: UserId(u.id),
        role: u.role,
        body_id: u.body_id.map(NominatorBodyId),
        // The demonstration is written by the operator on the server, as the command line is.
        checked_at: Some(service.current_time()),
    })
}

fn dossier(
    kind: &str,
    en: &str,
    zh: &str,
    country: &str,
    field: &str,
    cats: &[&str],
    citation: &str,
) -> DossierRequest {
    DossierRequest {
        kind: kind.into(),
        name_en: en.into(),
        name_zh: zh.into(),
        country: country.into(),
        field: field.into(),
        categories: cats.iter().map(|c| (*c).to_owned()).collect(),
        citation_en: citation.into(),
        contribution_en: citation.into(),
        partners: vec![Partner {
            name_en: "Chinese Academy of Sciences".into(),
            name_zh: "中国科学院".into(),
            from_year: 2005,
            to_year: None,
        }],
        ..DossierRequest::default()
    }
}

/// The nominator submits a draft, declaring the material true.
async fn submit(service: &Service, actor: &Actor, id: i64) -> anyhow::Result<()> {
    let declared = ActionInput {
        declaration: true,
        ..ActionInput::default()
    };
    service
        .act_on_nomination(actor, id, NominationAction::Submit, &declared)
        .await?;
    Ok(())
}

/// Seeds the demo and returns the logins (e-mail, role) to print.
pub async fn seed(service: &Service) -> anyhow::Result<Vec<(String, String)>> {
    service
        .import_laureates(Who::System, RECIPIENTS_CSV)
        .await
        .context("importing the registry")?;
    let logins: Vec<(String, String)> = ACCOUNTS
        .iter()
        .map(|(e, _, r, _)| ((*e).to_owned(), (*r).to_owned()))
        .collect();
    {
        let mut conn = service.db().conn().await?;
        if db::users::find_by_email(&mut conn, ACCOUNTS[0].0)
            .await?
            .is_some()
        {
            return Ok(logins);
        }
    }
    accounts_and_committees(service).await?;
    let office = actor_for(service, "office@demo.laureate").await?;
    let cas = actor_for(service, "nominator@demo.laureate").await?;
    let tsinghua = actor_for(service, "university@demo.laureate").await?;
    let year = service
        .clock()
        .now()
        .format("%Y")
        .to_string()
        .parse::<i64>()?;
    // The round before this one: rounds are two years apart under the 2025 rules.
    past_round(service, year - 2).await?;
    let cycle = service
        .open_cycle(
            &office,
            OpenCycleRequest {
                award_year: year,
                ..OpenCycleRequest::default()
            },
        )
        .await?;
    assert_eq!(Role::Admin, office.role);
    this_years_dossiers(service, cycle.id, &cas, &tsinghua).await?;
    natural_science_round(service, &office, year, &cas, &tsinghua).await?;
    Ok(logins)
}

/// A graded project award's round beside the ISTC Award's: the State Natural Science Award,
/// taking nominations, with projects proposed in the 2023 round's proportion (one first class to
/// many second class).
async fn natural_science_round(
    service: &Service,
    office: &Actor,
    year: i64,
    cas: &Actor,
    tsinghua: &Actor,
) -> anyhow::Result<()> {
    let cycle = service
        .open_cycle(
            office,
            OpenCycleRequest {
                program: Some("natural".into()),
                award_year: year,
                ..OpenCycleRequest::default()
            },
        )
        .await?;
    let projects = [
        (
            cas,
            "first",
            "Quantum anomalous Hall effect in magnetic topological insulators",
            "磁性拓扑绝缘体中的量子反常霍尔效应",
            "physics",
        ),
        (
            cas,
            "second",
            "Origin and evolution of early vertebrates",
            "早期脊椎动物的起源与演化",
            "palaeontology",
        ),
        (
            tsinghua,
            "second",
            "Mechanisms of plant immunity to pathogens",
            "植物抗病免疫机制",
            "biology",
        ),
        (
            tsinghua,
            "second",
            "Catalysis on single-atom metal sites",
            "单原子金属位点催化",
            "chemistry",
        ),
        (
            cas,
            "second",
            "Dynamics of the East Asian monsoon",
            "东亚季风动力学",
            "earth sciences",
        ),
        (
            tsinghua,
            "second",
            "Stability of nonlinear partial differential equations",
            "非线性偏微分方程的稳定性",
            "mathematics",
        ),
    ];
    // Ranked completers from the institutions the projects come from; the first project also
    // names its completing organization.
    let completers = [
        ("Wang Lin", "王琳", "Chinese Academy of Sciences"),
        ("Zhao Qiang", "赵强", "Tsinghua University"),
        ("Sun Mei", "孙梅", "Peking University"),
    ];
    for (i, (actor, grade, en, zh, field)) in projects.into_iter().enumerate() {
        let d = DossierRequest {
            completers: completers
                .iter()
                .take(1 + i % 3)
                .map(|(en, zh, at)| laureate_domain::candidates::Completer {
                    name_en: (*en).into(),
                    name_zh: (*zh).into(),
                    nationality: "CN".into(),
                    affiliation: (*at).into(),
                    employer_in_china: String::new(),
                })
                .collect(),
            kind: "project".into(),
            name_en: en.into(),
            name_zh: zh.into(),
            country: "CN".into(),
            field: field.into(),
            citation_en: format!("For the project \u{201c}{en}\u{201d}."),
            citation_zh: format!("表彰“{zh}”项目。"),
            grade: grade.into(),
            discipline_group: match field {
                "physics" => "natural-physics",
                "biology" => "natural-life",
                "chemistry" => "natural-chemistry",
                "mathematics" => "natural-mathematics",
                _ => "natural-earth",
            }
            .into(),
            ..DossierRequest::default()
        };
        let n = service.create_nomination(actor, cycle.id, &d).await?;
        // All but the last are submitted; the last stays a draft to show the project form.
        if i + 1 < 6 {
            submit(service, actor, n.id).await?;
        }
    }
    Ok(())
}

/// The demo accounts, one per role, and the committees: member one chairs the evaluation
/// committee, whose ballots they open.
async fn accounts_and_committees(service: &Service) -> anyhow::Result<()> {
    for (email, name, role, body) in ACCOUNTS {
        service
            .create_user(
                Who::System,
                NewUser {
                    email: (*email).into(),
                    display_name: (*name).into(),
                    role: (*role).into(),
                    password: DEMO_PASSWORD.into(),
                    body_name: body.map(str::to_owned),
                },
            )
            .await?;
    }
    // The three members sit on the ISTC Award's and the Natural Science Award's evaluation
    // committees; members two and three also on the Natural Science Award's physics group.
    let natural = Some("natural");
    let physics = Some("natural-physics");
    for (committee, email, position, scope) in [
        ("evaluation", "committee1@demo.laureate", "chair", None),
        ("evaluation", "committee2@demo.laureate", "secretary", None),
        ("evaluation", "committee3@demo.laureate", "member", None),
        ("evaluation", "committee1@demo.laureate", "chair", natural),
        (
            "evaluation",
            "committee2@demo.laureate",
            "secretary",
            natural,
        ),
        ("evaluation", "committee3@demo.laureate", "member", natural),
        ("awards", "awards@demo.laureate", "chair", None),
        ("awards", "awards2@demo.laureate", "secretary", None),
        ("awards", "awards3@demo.laureate", "member", None),
        ("discipline", "committee2@demo.laureate", "chair", physics),
        ("discipline", "committee3@demo.laureate", "member", physics),
    ] {
        let (program, group) = if committee == "discipline" {
            (None, scope)
        } else {
            (scope, None)
        };
        service
            .appoint(
                Who::System,
                committee,
                &AppointRequest {
                    email: email.into(),
                    position: position.parse()?,
                    starts_on: None,
                    program: program.map(str::to_owned),
                    discipline_group: group.map(str::to_owned),
                },
            )
            .await?;
    }
    Ok(())
}

/// This year's dossiers: three submitted, the last a draft to show the form.
async fn this_years_dossiers(
    service: &Service,
    cycle_id: i64,
    cas: &Actor,
    tsinghua: &Actor,
) -> anyhow::Result<()> {
    let drafts = [
        (
            cas,
            dossier(
                "individual",
                "Anna Schmidt",
                "安娜·施密特",
                "DE",
                "materials science",
                &["joint_research", "teaching_training"],
                "Twenty years of joint research on lightweight alloys with Chinese institutes.",
            ),
        ),
        (
            cas,
            dossier(
                "individual",
                "Kenji Watanabe",
                "渡边健二",
                "JP",
                "seismology",
                &["joint_research"],
                "Led joint earthquake early-warning research with Chinese seismologists.",
            ),
        ),
        (
            tsinghua,
            dossier(
                "international_organization",
                "International Rice Research Institute",
                "国际水稻研究所",
                "PH",
                "agriculture",
                &["exchange_cooperation", "teaching_training"],
                "Trained hundreds of Chinese rice scientists and shared germplasm.",
            ),
        ),
        (
            tsinghua,
            dossier(
                "individual",
                "Maria Rossi",
                "玛丽亚·罗西",
                "IT",
                "cultural heritage",
                &["exchange_cooperation"],
                "Built the Sino-Italian programme for conserving ancient murals.",
            ),
        ),
    ];
    for (i, (actor, d)) in drafts.iter().enumerate() {
        let n = service.create_nomination(actor, cycle_id, d).await?;
        // The first three are submitted; the last stays a draft to show the form.
        if i < 3 {
            submit(service, actor, n.id).await?;
        }
    }
    Ok(())
}

/// The previous round's two candidates, who became its laureates.
fn last_years_candidates() -> [DossierRequest; 2] {
    [
        dossier(
            "individual",
            "Henrik Larsen",
            "亨里克·拉森",
            "DK",
            "wind energy",
            &["joint_research", "teaching_training"],
            "For two decades of joint research on offshore wind power with Chinese institutes.",
        ),
        dossier(
            "individual",
            "Amara Okafor",
            "阿玛拉·奥卡福",
            "NG",
            "public health",
            &["exchange_cooperation"],
            "For building the China–Africa network on malaria control.",
        ),
    ]
}

/// The previous round, carried through every stage to its laureates, certificates and ceremonies,
/// so the registry, the announcement and certificate verification have something to show.
async fn past_round(service: &Service, year: i64) -> anyhow::Result<()> {
    let office = actor_for(service, "office@demo.laureate").await?;
    let cas = actor_for(service, "nominator@demo.laureate").await?;
    let expert = actor_for(service, "expert1@demo.laureate").await?;
    let awards = actor_for(service, "awards@demo.laureate").await?;
    let supervisor = actor_for(service, "supervisor@demo.laureate").await?;
    let approver = actor_for(service, "approver@demo.laureate").await?;
    let cycle = service
        .open_cycle(
            &office,
            OpenCycleRequest {
                award_year: year,
                ..OpenCycleRequest::default()
            },
        )
        .await?;
    let candidates = last_years_candidates();
    let checklist = service
        .rules()
        .in_force_on(service.today())
        .map(|r| r.formal_checklist.clone())
        .unwrap_or_default();
    let mut ids = Vec::new();
    for d in &candidates {
        let n = service.create_nomination(&cas, cycle.id, d).await?;
        let submit = ActionInput {
            declaration: true,
            ..ActionInput::default()
        };
        service
            .act_on_nomination(&cas, n.id, NominationAction::Submit, &submit)
            .await?;
        let accept = ActionInput {
            checklist: checklist.clone(),
            ..ActionInput::default()
        };
        service
            .act_on_nomination(&office, n.id, NominationAction::Accept, &accept)
            .await?;
        ids.push(n.id);
    }
    service.advance_phase(&office, cycle.id).await?;
    service.publish_candidates(&office, cycle.id).await?;
    while service.cycle(cycle.id).await?.phase != laureate_domain::Phase::Review {
        service.advance_phase(&office, cycle.id).await?;
    }
    service.start_review(&office, cycle.id).await?;
    review_all(service, &office, &expert, &ids).await?;
    service.complete_reviews(&office, cycle.id).await?;
    service.advance_phase(&office, cycle.id).await?;
    vote_all_yes(service, &office, cycle.id, &ids, CommitteeKind::Evaluation).await?;
    service
        .write_supervision_report(
            &supervisor,
            cycle.id,
            "Nomination, review, publication and the ballot followed the rules.",
        )
        .await?;
    vote_all_yes(service, &office, cycle.id, &ids, CommitteeKind::Awards).await?;
    service.adopt_resolution(&awards, cycle.id).await?;
    service.advance_phase(&office, cycle.id).await?;
    service
        .record_ministry_review(
            &office,
            cycle.id,
            &crate::service::decisions::MinistryReviewRequest {
                note: "Reviewed by the Ministry of Science and Technology.".into(),
                ..Default::default()
            },
        )
        .await?;
    service
        .approve(
            &approver,
            cycle.id,
            &crate::service::decisions::ApprovalRequest {
                document: format!("国发〔{}〕1号", year + 1),
                ..Default::default()
            },
        )
        .await?;
    let issued = service.issue_certificates(Who::System, cycle.id).await?;
    ceremonies(service, &issued, year).await?;
    Ok(())
}

/// The demo expert declares, and scores every criterion 9, on each nomination.
async fn review_all(
    service: &Service,
    office: &Actor,
    expert: &Actor,
    ids: &[i64],
) -> anyhow::Result<()> {
    for id in ids {
        service
            .assign_reviewer(office, *id, expert.user_id.0)
            .await?;
        service
            .declare(
                expert,
                *id,
                &crate::service::conflicts::DeclarationRequest {
                    has_conflict: false,
                    note: String::new(),
                },
            )
            .await?;
        let assignment = service
            .my_assignments(expert)
            .await?
            .into_iter()
            .find(|a| a.nomination_id == *id)
            .ok_or_else(|| anyhow::anyhow!("the demo expert's assignment"))?;
        service
            .submit_review(
                expert,
                *id,
                &crate::service::reviews::ReviewRequest {
                    criteria: assignment.rubric.iter().map(|c| (c.clone(), 9)).collect(),
                    comment: "Lasting, well-documented cooperation.".into(),
                },
            )
            .await?;
    }
    Ok(())
}

/// A ballot of a committee where its three members declare and vote yes on each nomination.
async fn vote_all_yes(
    service: &Service,
    office: &Actor,
    cycle_id: i64,
    ids: &[i64],
    committee: CommitteeKind,
) -> anyhow::Result<()> {
    let request = crate::service::ballots::OpenBallotRequest {
        committee: Some(committee.as_str().to_owned()),
        ..Default::default()
    };
    let ballot = service.open_ballot(office, cycle_id, &request).await?;
    let members = match committee {
        CommitteeKind::Evaluation | CommitteeKind::Discipline => [
            "committee1@demo.laureate",
            "committee2@demo.laureate",
            "committee3@demo.laureate",
        ],
        CommitteeKind::Awards => [
            "awards@demo.laureate",
            "awards2@demo.laureate",
            "awards3@demo.laureate",
        ],
    };
    for email in members {
        let member = actor_for(service, email).await?;
        service
            .declare_for_ballot(&member, ballot.id, &Default::default())
            .await?;
        for id in ids {
            service
                .cast_vote(
                    &member,
                    ballot.id,
                    &crate::service::ballots::VoteRequest {
                        nomination_id: *id,
                        vote: laureate_domain::ballots::Vote::Yes,
                    },
                )
                .await?;
        }
    }
    service.close_ballot(office, ballot.id).await?;
    Ok(())
}

/// The ceremonies the year's laureates were honoured at: one in Beijing, one at an embassy.
async fn ceremonies(
    service: &Service,
    issued: &[crate::service::conferral::CertificateView],
    year: i64,
) -> anyhow::Result<()> {
    let ceremonies = [
        (
            format!("{}-01-15", year + 1),
            "national_conference",
            "Great Hall of the People, Beijing",
            "北京人民大会堂",
            "in_person",
            "DK",
        ),
        (
            format!("{}-03-20", year + 1),
            "embassy",
            "Embassy of the PRC in Nigeria, Abuja",
            "中国驻尼日利亚大使馆",
            "represented",
            "NG",
        ),
    ];
    // Each laureate is honoured where it makes sense: the Nigerian one at the embassy in Abuja.
    let mut honourees = Vec::new();
    for c in issued {
        let laureate = service.laureate(c.laureate_id).await?;
        honourees.push((laureate.country_code.clone(), c.laureate_id));
    }
    for (held_on, kind, place_en, place_zh, attendance, country) in &ceremonies {
        let ceremony = service
            .create_ceremony(
                Who::System,
                &crate::service::conferral::CeremonyRequest {
                    held_on: held_on.parse()?,
                    place_kind: kind.parse()?,
                    place_en: (*place_en).into(),
                    place_zh: (*place_zh).into(),
                    presenter: String::new(),
                },
            )
            .await?;
        let honouree = honourees
            .iter()
            .find(|(code, _)| code.as_deref() == Some(*country));
        if let Some((_, laureate_id)) = honouree {
            service
                .add_honoree(
                    Who::System,
                    ceremony.id,
                    &crate::service::conferral::HonoreeRequest {
                        laureate_id: *laureate_id,
                        attendance: attendance.parse()?,
                    },
                )
                .await?;
        }
    }
    Ok(())
}
