//! `laureate seed`: fills a database with generated records for load tests and trials: the demo
//! accounts and cycle, then laureates, experts and nominations in the numbers asked for, with
//! bilingual names and text. Everything goes through the ordinary use cases, so each nomination
//! has its audit entry. Shows a progress bar with the rate and the time left in a terminal.

use super::{Bar, DbArgs, open};
use crate::service::nominations::DossierRequest;
use crate::service::{Service, Who};
use anyhow::Context;
use clap::Args;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The log's key, as the servers of this database will use it: the demo's certificates
    /// carry their approval's proof against a checkpoint signed by it.
    #[command(flatten)]
    log: super::LogKeyArgs,
    /// Laureates to add to the registry.
    #[arg(long, default_value_t = 10_000)]
    laureates: u32,
    /// Experts to add to the pool.
    #[arg(long, default_value_t = 20_000)]
    experts: u32,
    /// Nominations to draft in the demo cycle.
    #[arg(long, default_value_t = 100_000)]
    nominations: u32,
    /// Nominations written at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
}

const GIVEN_EN: [&str; 20] = [
    "Anna", "Kenji", "Maria", "Pierre", "Olga", "Hans", "Amina", "Lars", "Sofia", "Rahul", "Elena",
    "Tomas", "Yuki", "Carlos", "Ingrid", "Mateo", "Nadia", "Felix", "Leila", "Jonas",
];
const FAMILY_EN: [&str; 20] = [
    "Schmidt", "Watanabe", "Rossi", "Dubois", "Ivanova", "Keller", "Diallo", "Nilsson", "Garcia",
    "Sharma", "Petrova", "Novak", "Tanaka", "Silva", "Berg", "Lopez", "Haddad", "Weber", "Farah",
    "Larsen",
];
const GIVEN_ZH: [&str; 20] = [
    "安娜",
    "健二",
    "玛丽亚",
    "皮埃尔",
    "奥尔加",
    "汉斯",
    "阿米娜",
    "拉斯",
    "索菲亚",
    "拉胡尔",
    "埃琳娜",
    "托马斯",
    "由纪",
    "卡洛斯",
    "英格丽",
    "马特奥",
    "娜迪亚",
    "费利克斯",
    "蕾拉",
    "约纳斯",
];
const FAMILY_ZH: [&str; 20] = [
    "施密特",
    "渡边",
    "罗西",
    "杜布瓦",
    "伊万诺娃",
    "凯勒",
    "迪亚洛",
    "尼尔森",
    "加西亚",
    "夏尔马",
    "彼得罗娃",
    "诺瓦克",
    "田中",
    "席尔瓦",
    "伯格",
    "洛佩斯",
    "哈达德",
    "韦伯",
    "法拉赫",
    "拉森",
];
const COUNTRIES: [&str; 10] = ["DE", "JP", "IT", "FR", "RU", "CH", "SN", "SE", "ES", "IN"];
const FIELDS: [&str; 8] = [
    "physics",
    "chemistry",
    "materials science",
    "agriculture",
    "medicine",
    "hydrogeology",
    "computer science",
    "ecology",
];

/// The `n`th generated person: an English and a Chinese name, distinct for every `n` below
/// 400 × `spread`.
fn person(n: u32, spread: u32) -> (String, String) {
    let k = (n / spread) as usize;
    let (g, f) = (k % 20, (k / 20) % 20);
    let tag = n / (spread * 400);
    let suffix = if tag == 0 {
        String::new()
    } else {
        format!(" {tag}")
    };
    (
        format!("{} {}{suffix}", GIVEN_EN[g], FAMILY_EN[f]),
        format!("{}·{}{suffix}", GIVEN_ZH[g], FAMILY_ZH[f]),
    )
}

pub async fn run(args: SeedArgs) -> anyhow::Result<ExitCode> {
    // Trial data, as the demo's: its certificates are signed with a key made in the data folder.
    let key = crate::certificate::KeyPair::load_or_create(
        &super::key_folder(&args.db.database_url).join("certificate.key"),
    )?;
    // Its certificates carry the approval's proof against a checkpoint signed with the log's
    // key, kept beside the database as a server's would be.
    let service = args.log.apply(
        open(&args.db).await?.with_signing_key(Some(key)),
        &args.db.database_url,
        "http://127.0.0.1:8080",
    )?;
    crate::demo::seed(&service).await?;
    seed_registry(&service, args.laureates).await?;
    seed_experts(&service, args.experts).await?;
    seed_nominations(&service, args.nominations, args.concurrency).await?;
    Ok(ExitCode::SUCCESS)
}

/// The registry: one import of generated rows, spread over the award's years.
async fn seed_registry(service: &Service, laureates: u32) -> anyhow::Result<()> {
    let mut csv = String::from(
        "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n",
    );
    for i in 0..laureates {
        let year = 1995 + i % 31;
        let (en, zh) = person(i, 31);
        let name = if i % 2 == 0 { en } else { zh };
        let _ = writeln!(
            csv,
            "{year},{name},individual,{},{},University {},{}-01-09,Beijing,https://example.org/{i}",
            COUNTRIES[i as usize % COUNTRIES.len()],
            FIELDS[i as usize % FIELDS.len()],
            i % 97,
            year + 1
        );
    }
    let bar = Bar::new(0, "laureates");
    let imported = service
        .import_laureates_reporting(Who::System, csv.as_bytes(), &bar)
        .await
        .context("importing laureates")?;
    bar.finish();
    println!("laureates: {} added", imported.added);

    Ok(())
}

/// The expert pool, in one import.
async fn seed_experts(service: &Service, experts: u32) -> anyhow::Result<()> {
    let mut csv = String::from(
        "name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations\n",
    );
    for i in 0..experts {
        let (en, zh) = person(i, 7);
        let _ = writeln!(
            csv,
            "{en},{zh},expert{i}@seed.laureate,{},{},,Institute {}:2001-,",
            COUNTRIES[i as usize % COUNTRIES.len()],
            FIELDS[i as usize % FIELDS.len()],
            i % 211
        );
    }
    let bar = Bar::new(0, "experts");
    let (added, _) = service
        .import_experts_reporting(Who::System, csv.as_bytes(), &bar)
        .await
        .context("importing experts")?;
    bar.finish();
    println!("experts: {added} added");

    Ok(())
}

/// Nominations: drafts in the demo cycle from the demo nominating bodies, each with its audit
/// entry, several at once.
async fn seed_nominations(
    service: &Service,
    nominations: u32,
    concurrency: usize,
) -> anyhow::Result<()> {
    let cycle = service
        .cycles()
        .await?
        .into_iter()
        // The default program's round (the ISTC Award's): its dossiers are individuals'.
        .find(|c| {
            c.phase == laureate_domain::Phase::Nomination
                && c.program == service.programs().default_program
        })
        .ok_or_else(|| anyhow::anyhow!("the demo cycle is not open for nominations"))?;
    let nominators = [
        crate::demo::actor_for(service, "nominator@demo.laureate").await?,
        crate::demo::actor_for(service, "university@demo.laureate").await?,
    ];
    let progress = std::sync::Arc::new(Bar::new(u64::from(nominations), "nominations"));
    let next = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (service, nominators, next, progress) = (
            service.clone(),
            nominators.clone(),
            next.clone(),
            progress.clone(),
        );
        let total = nominations;
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    return anyhow::Ok(());
                }
                let (en, zh) = person(i, 3);
                let field = FIELDS[i as usize % FIELDS.len()];
                let dossier = DossierRequest {
                    kind: "individual".into(),
                    name_en: format!("{en} {i}"),
                    name_zh: format!("{zh}{i}"),
                    country: COUNTRIES[i as usize % COUNTRIES.len()].into(),
                    field: field.into(),
                    categories: vec!["joint_research".into()],
                    citation_en: format!("For joint research in {field} with Chinese partners."),
                    citation_zh: format!("表彰其与中国伙伴在{field}领域的联合研究。"),
                    ..DossierRequest::default()
                };
                service
                    .draft_nomination(&nominators[i as usize % 2], cycle.id, &dossier)
                    .await
                    .with_context(|| format!("nomination {i}"))?;
                progress.inc(1);
            }
        }));
    }
    for w in workers {
        w.await??;
    }
    progress.finish();
    println!("nominations: {} added to cycle {}", nominations, cycle.id);
    Ok(())
}
