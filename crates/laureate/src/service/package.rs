//! The ministry package: after the Awards Committee's resolution, the office sends the ministry
//! one record of the round — the recommended candidates with their dossiers' summaries, the
//! experts' scores, both committees' tallies, the objections and what became of them, the
//! supervision committee's report and the resolution — as PDF for reading and CSV or JSON for
//! systems. The JSON is signed with the office's Ed25519 key, as certificates are; the PDF carries
//! the same signed statement in its metadata and the statement carries the CSV's SHA-256, so each
//! of the three is checked offline against the published public key (`laureate package verify`).

use super::ballots::{BallotItemView, BallotView};
use super::{Msg, Result, Service, ServiceError, Who, audit};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use laureate_domain::ballots::{BallotState, ItemResult};
use laureate_domain::candidates::CandidateKind;
use laureate_domain::committees::CommitteeKind;
use laureate_domain::nominations::NominationState;
use laureate_domain::objections::{ObjectionGround, ObjectionStatus, UpheldEffect};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// The format's name and version, the first thing a reader checks.
pub const FORMAT: &str = "laureate-ministry-package/1";
/// The marker under which the PDF carries the signed statement in its metadata:
/// `laureate-package:v1:<statement, base64url>:<signature, base64url>`.
pub const PDF_MARKER: &str = "laureate-package:v1:";

/// How a committee voted on one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Tally {
    pub ballot_id: i64,
    pub round: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    /// Members recused for a conflict of interest.
    pub recused: i64,
    pub outcome: Option<ItemResult>,
}

/// An objection to a candidate and its outcome (the objector is not named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PackageObjection {
    pub id: i64,
    pub filed_at: String,
    pub grounds: Vec<ObjectionGround>,
    pub status: ObjectionStatus,
    /// What an upheld objection did to the nomination.
    pub effect: Option<UpheldEffect>,
    /// The office's reply to the objector.
    pub reply: Option<String>,
}

impl From<&super::objections::ObjectionView> for PackageObjection {
    fn from(o: &super::objections::ObjectionView) -> Self {
        PackageObjection {
            id: o.id,
            filed_at: o.filed_at.clone(),
            grounds: o.grounds.clone(),
            status: o.status,
            effect: o.effect,
            reply: o.reply.clone(),
        }
    }
}

impl PackageObjection {
    /// The objection in one line, as the package and the members' books print it: its number,
    /// day, grounds, outcome and the office's reply.
    pub fn line(&self) -> String {
        let grounds: Vec<&str> = self.grounds.iter().map(|g| g.as_str()).collect();
        format!(
            "异议 Objection {} ({}): {} → {}{}{}",
            self.id,
            self.filed_at.get(..10).unwrap_or(&self.filed_at),
            grounds.join(", "),
            self.status.as_str(),
            self.effect
                .map(|e| format!(" ({})", e.as_str()))
                .unwrap_or_default(),
            self.reply
                .as_deref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default()
        )
    }
}

/// One candidate of the resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PackageCandidate {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub kind: CandidateKind,
    pub country: String,
    pub field: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub contribution_en: String,
    pub contribution_zh: String,
    pub state: NominationState,
    /// The experts' scores out of 100, highest first, anonymous.
    pub scores: Vec<i64>,
    /// Their mean, to two places, as text (so every reader reads the same number).
    pub mean_score: Option<String>,
    pub evaluation_committee: Option<Tally>,
    pub awards_committee: Option<Tally>,
    pub objections: Vec<PackageObjection>,
}

/// An Awards Committee ballot adopted as the resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ResolutionBallot {
    pub ballot_id: i64,
    pub round: i64,
    pub members: i64,
    pub adopted_at: String,
    /// Candidates confirmed by the vote.
    pub confirmed: Vec<i64>,
}

/// The package's content: what the signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MinistryPackage {
    pub format: String,
    /// The program of the round (`GET /api/v1/programs`).
    pub program: String,
    pub award_en: String,
    pub award_zh: String,
    pub award_year: i64,
    pub cycle_id: i64,
    pub generated_at: String,
    /// The most who may be awarded in the round.
    pub quota: i64,
    pub resolution: Vec<ResolutionBallot>,
    pub candidates: Vec<PackageCandidate>,
    pub supervision_report: Option<String>,
    /// The SHA-256 of the CSV export of the same data, in hex.
    pub csv_sha256: String,
    /// The identifier of the key that signs, published at `/api/v1/certificates/keys`.
    pub key_id: String,
}

/// The signature over the package's canonical JSON (keys in alphabetical order, no whitespace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PackageSignature {
    /// Always `Ed25519`.
    pub algorithm: String,
    pub key_id: String,
    /// The signature, base64url without padding.
    pub value: String,
}

/// The JSON export: the package and its signature.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignedPackage {
    pub package: MinistryPackage,
    pub signature: PackageSignature,
}

/// The formats of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageFormat {
    Json,
    Csv,
    Pdf,
}

impl PackageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            PackageFormat::Json => "json",
            PackageFormat::Csv => "csv",
            PackageFormat::Pdf => "pdf",
        }
    }
}

/// A package exported: its file name and bytes.
#[derive(Debug, Clone)]
pub struct PackageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The bytes that are signed: the package as JSON with keys in alphabetical order and no
/// whitespace (serde_json's map is ordered, so a trip through `Value` sorts the keys).
pub fn signing_bytes(package: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(package).unwrap_or_default()
}

fn tally(ballot: &BallotView, item: &BallotItemView) -> Tally {
    Tally {
        ballot_id: ballot.id,
        round: ballot.round,
        yes: item.yes.unwrap_or(0),
        no: item.no.unwrap_or(0),
        abstain: item.abstain.unwrap_or(0),
        recused: item.recused,
        outcome: item.outcome,
    }
}

/// The last closed ballot of `committee` with the candidate on it, and its item.
fn last_item(
    ballots: &[BallotView],
    committee: CommitteeKind,
    nomination: i64,
) -> Option<(&BallotView, &BallotItemView)> {
    ballots
        .iter()
        .filter(|b| b.committee == committee && b.state == BallotState::Closed)
        .filter_map(|b| {
            b.items
                .iter()
                .find(|i| i.nomination_id == nomination)
                .map(|i| (b, i))
        })
        .max_by_key(|(b, _)| (b.round, b.id))
}

fn mean(scores: &[i64]) -> Option<String> {
    if scores.is_empty() {
        return None;
    }
    let total: i64 = scores.iter().sum();
    Some(format!("{:.2}", total as f64 / scores.len() as f64))
}

/// The CSV export: one row per candidate, the header first. It holds no time, so the same data
/// gives the same bytes, whose SHA-256 the signed package carries.
pub fn to_csv(package: &MinistryPackage) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "award_year",
        "nomination_id",
        "name_en",
        "name_zh",
        "kind",
        "country",
        "field",
        "state",
        "scores",
        "mean_score",
        "evaluation_yes",
        "evaluation_no",
        "evaluation_abstain",
        "evaluation_outcome",
        "awards_yes",
        "awards_no",
        "awards_abstain",
        "awards_outcome",
        "objections",
        "objection_outcomes",
    ])?;
    let t = |t: &Option<Tally>| -> [String; 4] {
        match t {
            Some(t) => [
                t.yes.to_string(),
                t.no.to_string(),
                t.abstain.to_string(),
                t.outcome.map(|o| o.as_str()).unwrap_or("").to_owned(),
            ],
            None => Default::default(),
        }
    };
    for c in &package.candidates {
        let mut row = vec![
            package.award_year.to_string(),
            c.nomination_id.to_string(),
            c.name_en.clone(),
            c.name_zh.clone(),
            c.kind.as_str().to_owned(),
            c.country.clone(),
            c.field.clone(),
            c.state.as_str().to_owned(),
            c.scores
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(";"),
            c.mean_score.clone().unwrap_or_default(),
        ];
        row.extend(t(&c.evaluation_committee));
        row.extend(t(&c.awards_committee));
        row.push(c.objections.len().to_string());
        row.push(
            c.objections
                .iter()
                .map(|o| match o.effect {
                    Some(e) => format!("{}:{}", o.status.as_str(), e.as_str()),
                    None => o.status.as_str().to_owned(),
                })
                .collect::<Vec<_>>()
                .join(";"),
        );
        w.write_record(&row)?;
    }
    Ok(w.into_inner()?)
}

impl Service {
    /// The package of a cycle, assembled as the office or the supervision committee reads it.
    async fn assemble_package(&self, actor: &Actor, cycle_id: i64) -> Result<MinistryPackage> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let cycle = {
            let mut conn = self.db.conn().await?;
            self.load_cycle(&mut conn, cycle_id).await?
        };
        let ballots = self.ballots(actor, cycle_id).await?;
        let adopted: Vec<&BallotView> = ballots
            .iter()
            .filter(|b| b.committee == CommitteeKind::Awards && b.adopted_at.is_some())
            .collect();
        if adopted.is_empty() {
            return Err(ServiceError::Conflict(Msg::new(
                "error-package-no-resolution",
            )));
        }
        let objections = self.objections_of_cycle(actor, cycle_id).await?;
        let mut ids: Vec<i64> = Vec::new();
        for item in adopted.iter().flat_map(|b| &b.items) {
            if !ids.contains(&item.nomination_id) {
                ids.push(item.nomination_id);
            }
        }
        let mut candidates = Vec::new();
        for id in ids {
            let n = self.nomination(actor, id).await?;
            let evaluation = last_item(&ballots, CommitteeKind::Evaluation, id);
            let awards = last_item(&ballots, CommitteeKind::Awards, id);
            let scores = evaluation
                .map(|(_, i)| i.scores.clone())
                .unwrap_or_default();
            candidates.push(PackageCandidate {
                nomination_id: id,
                name_en: n.name_en,
                name_zh: n.name_zh,
                kind: n.kind,
                country: n.country,
                field: n.field,
                citation_en: n.citation_en,
                citation_zh: n.citation_zh,
                contribution_en: n.contribution_en,
                contribution_zh: n.contribution_zh,
                state: n.state,
                mean_score: mean(&scores),
                scores,
                evaluation_committee: evaluation.map(|(b, i)| tally(b, i)),
                awards_committee: awards.map(|(b, i)| tally(b, i)),
                objections: objections
                    .iter()
                    .filter(|o| o.nomination_id == id)
                    .map(PackageObjection::from)
                    .collect(),
            });
        }
        let supervision_report = match self.supervision_report(actor, cycle_id).await {
            Ok(r) => Some(r.body),
            Err(ServiceError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        let (_, now) = self.now();
        Ok(MinistryPackage {
            format: FORMAT.to_owned(),
            program: cycle.award.program.clone(),
            award_en: cycle.award.name_en.clone(),
            award_zh: cycle.award.name_zh.clone(),
            award_year: cycle.row.award_year,
            cycle_id,
            generated_at: now,
            quota: i64::from(cycle.rules.max_recipients_per_round),
            resolution: adopted
                .iter()
                .map(|b| ResolutionBallot {
                    ballot_id: b.id,
                    round: b.round,
                    members: b.members,
                    adopted_at: b.adopted_at.clone().unwrap_or_default(),
                    confirmed: b
                        .items
                        .iter()
                        .filter(|i| i.outcome == Some(ItemResult::Passed))
                        .map(|i| i.nomination_id)
                        .collect(),
                })
                .collect(),
            candidates,
            supervision_report,
            csv_sha256: String::new(),
            key_id: String::new(),
        })
    }

    /// The ministry package of a cycle in one format, signed with the office's key; each export
    /// is audited with the digest of what was signed.
    pub async fn ministry_package(
        &self,
        actor: &Actor,
        cycle_id: i64,
        format: PackageFormat,
    ) -> Result<PackageFile> {
        let mut package = self.assemble_package(actor, cycle_id).await?;
        let csv = to_csv(&package)?;
        package.csv_sha256 = hex::encode(Sha256::digest(&csv));
        let (_, now) = self.now();
        let who = Who::User(actor);
        let mut tx = self.db.begin().await?;
        let key = self.signer(&mut tx, &who, &now).await?;
        package.key_id = key.key_id.clone();
        let value = serde_json::to_value(&package).map_err(anyhow::Error::from)?;
        let statement = signing_bytes(&value);
        let signature = key.sign_bytes(&statement);
        audit(
            &mut tx,
            &who,
            &now,
            "package.export",
            ("cycle", cycle_id),
            serde_json::json!({
                "format": format.as_str(),
                "key_id": key.key_id,
                "statement_sha256": hex::encode(Sha256::digest(&statement)),
                "csv_sha256": package.csv_sha256,
            }),
        )
        .await?;
        tx.commit().await?;
        let stem = format!(
            "ministry-package-{}-{}",
            package.program, package.award_year
        );
        let bytes = match format {
            PackageFormat::Csv => csv,
            PackageFormat::Json => {
                let signed = SignedPackage {
                    signature: PackageSignature {
                        algorithm: "Ed25519".to_owned(),
                        key_id: key.key_id.clone(),
                        value: B64.encode(&signature),
                    },
                    package,
                };
                serde_json::to_vec_pretty(&signed).map_err(anyhow::Error::from)?
            }
            PackageFormat::Pdf => {
                let block = format!(
                    "{PDF_MARKER}{}:{}",
                    B64.encode(&statement),
                    B64.encode(&signature)
                );
                tokio::task::spawn_blocking(move || package_pdf(&package, block))
                    .await
                    .map_err(anyhow::Error::from)??
            }
        };
        Ok(PackageFile {
            name: format!("{stem}.{}", format.as_str()),
            bytes,
        })
    }
}

/// A candidate's part of the package PDF.
fn candidate_blocks(c: &PackageCandidate) -> Vec<crate::booklet::Block> {
    use crate::booklet::Block;
    let mut blocks = Vec::new();
    blocks.push(Block::Subheading(format!(
        "{} {} · {}",
        c.nomination_id,
        crate::booklet::both_names(&c.name_zh, &c.name_en),
        c.country
    )));
    blocks.push(Block::Note(format!(
        "{} · {} · 状态 state {}",
        c.kind.as_str(),
        c.field,
        c.state.as_str()
    )));
    blocks.push(Block::Text(c.citation_zh.clone()));
    blocks.push(Block::Text(c.citation_en.clone()));
    blocks.push(Block::Text(c.contribution_zh.clone()));
    blocks.push(Block::Text(c.contribution_en.clone()));
    let scores = c
        .scores
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    blocks.push(Block::Text(format!(
        "专家评分 Expert scores: {} (平均 mean {})",
        if scores.is_empty() { "—" } else { &scores },
        c.mean_score.as_deref().unwrap_or("—")
    )));
    for (label, t) in [
        ("评审委员会 Evaluation committee", &c.evaluation_committee),
        ("奖励委员会 Awards Committee", &c.awards_committee),
    ] {
        if let Some(t) = t {
            blocks.push(Block::Text(format!(
                "{label}: 赞成 yes {} · 反对 no {} · 弃权 abstain {} · 回避 recused {} · {}",
                t.yes,
                t.no,
                t.abstain,
                t.recused,
                t.outcome.map(|o| o.as_str()).unwrap_or("—")
            )));
        }
    }
    if c.objections.is_empty() {
        blocks.push(Block::Note("无异议 · No objections".into()));
    }
    for o in &c.objections {
        blocks.push(Block::Text(o.line()));
    }
    blocks
}

/// The PDF for reading: every part of the package, Chinese with English, and the signed
/// statement in its metadata.
fn package_pdf(p: &MinistryPackage, signature_block: String) -> anyhow::Result<Vec<u8>> {
    use crate::booklet::{Block, Booklet, render};
    let mut blocks = vec![
        Block::Title(format!("{}  {}年度", p.award_zh, p.award_year)),
        Block::Subheading(format!("{} — award year {}", p.award_en, p.award_year)),
        Block::Heading(
            "报送科技部材料 · Package for the Ministry of Science and Technology".into(),
        ),
        Block::Note(format!(
            "生成 Generated {} · 格式 Format {} · Ed25519 key {} · CSV SHA-256 {}",
            p.generated_at, p.format, p.key_id, p.csv_sha256
        )),
        Block::Heading("国家科学技术奖励委员会决议 · The Awards Committee's resolution".into()),
    ];
    for r in &p.resolution {
        blocks.push(Block::Text(format!(
            "第{}轮投票（编号 {}），委员 {} 人，{} 通过；确认 {} 名候选者。Round {} ballot {}, {} members, adopted {}; {} candidate(s) confirmed.",
            r.round,
            r.ballot_id,
            r.members,
            r.adopted_at,
            r.confirmed.len(),
            r.round,
            r.ballot_id,
            r.members,
            r.adopted_at,
            r.confirmed.len()
        )));
    }
    blocks.push(Block::Note(format!(
        "每轮授奖名额不超过 {} 名 · At most {} laureates per round",
        p.quota, p.quota
    )));
    blocks.push(Block::Heading("候选者 · Candidates".into()));
    for c in &p.candidates {
        blocks.extend(candidate_blocks(c));
    }
    blocks.push(Block::Heading(
        "监督委员会报告 · The supervision committee's report".into(),
    ));
    blocks.push(Block::Text(
        p.supervision_report
            .clone()
            .unwrap_or_else(|| "（未提交）Not submitted.".into()),
    ));
    blocks.push(Block::Note(
        "本文件由奖励办以 Ed25519 密钥签名；用 `laureate package verify` 及公布的公钥离线验证。This file is signed with the office's Ed25519 key; check it offline with `laureate package verify` and the published public key.".into(),
    ));
    let booklet = Booklet {
        title: format!("{} {} — ministry package", p.award_en, p.award_year),
        blocks,
        watermark: None,
        keywords: vec![signature_block],
    };
    Ok(render(&booklet, &|_, _| {})?.pdf)
}

/// Why a package did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error("this file carries no Laureate package signature")]
    NoSignature,
    #[error("the signature block of this file is damaged")]
    Damaged,
    #[error("the package was signed with key {0}, not with the key given")]
    OtherKey(String),
    #[error("the signature does not match the package: it was altered")]
    BadSignature,
    #[error("the CSV file is not the one the package was signed with")]
    CsvMismatch,
}

fn check(
    statement: &[u8],
    signature: &[u8],
    public: &[u8; 32],
) -> std::result::Result<MinistryPackage, PackageError> {
    use ed25519_dalek::{Signature, VerifyingKey};
    let value: serde_json::Value =
        serde_json::from_slice(statement).map_err(|_| PackageError::Damaged)?;
    let key_id = value["key_id"].as_str().unwrap_or_default().to_owned();
    if key_id != crate::certificate::key_id(public) {
        return Err(PackageError::OtherKey(key_id));
    }
    let key = VerifyingKey::from_bytes(public).map_err(|_| PackageError::BadSignature)?;
    let signature = Signature::from_slice(signature).map_err(|_| PackageError::Damaged)?;
    key.verify_strict(&signing_bytes(&value), &signature)
        .map_err(|_| PackageError::BadSignature)?;
    serde_json::from_value(value).map_err(|_| PackageError::Damaged)
}

/// Checks a package file offline against a published public key: the JSON export, or the PDF
/// (whose metadata carries the signed statement). Returns the package that was signed.
pub fn verify(
    file: &[u8],
    public: &[u8; 32],
) -> std::result::Result<MinistryPackage, PackageError> {
    if file.starts_with(b"%PDF-") {
        let marker = PDF_MARKER.as_bytes();
        let start = file
            .windows(marker.len())
            .position(|w| w == marker)
            .ok_or(PackageError::NoSignature)?
            + marker.len();
        let rest = &file[start..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_' || *b == b':'))
            .unwrap_or(rest.len());
        let block = std::str::from_utf8(&rest[..end]).map_err(|_| PackageError::Damaged)?;
        let (statement, signature) = block.split_once(':').ok_or(PackageError::Damaged)?;
        let statement = B64.decode(statement).map_err(|_| PackageError::Damaged)?;
        let signature = B64.decode(signature).map_err(|_| PackageError::Damaged)?;
        return check(&statement, &signature, public);
    }
    let signed: serde_json::Value =
        serde_json::from_slice(file).map_err(|_| PackageError::NoSignature)?;
    let signature = signed["signature"]["value"]
        .as_str()
        .ok_or(PackageError::NoSignature)?;
    let signature = B64.decode(signature).map_err(|_| PackageError::Damaged)?;
    check(&signing_bytes(&signed["package"]), &signature, public)
}

/// Checks a CSV export against a verified package.
pub fn verify_csv(csv: &[u8], package: &MinistryPackage) -> std::result::Result<(), PackageError> {
    if hex::encode(Sha256::digest(csv)) == package.csv_sha256 {
        Ok(())
    } else {
        Err(PackageError::CsvMismatch)
    }
}
