//! Committee members' books of papers. The office or the committee's secretary prepares a set
//! for a committee of a cycle with the meeting's agenda; a copy is queued for each member in
//! office and rendered off the request path, one copy at a time, by whichever server claims it.
//! Each copy is read as its member: a candidate the member may not open (a declared conflict) is
//! withheld, and the experts' scores and the supervision report appear only where the member's
//! role reads them. Every page carries the member's name and the copy's id; every issue of a copy
//! is audited.

use super::package::PackageObjection;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::booklet::{Block, Booklet};
use crate::db::{self, time_to_db};
use laureate_domain::archive::RecordKind;
use laureate_domain::books::{BookState, CLAIM_MINUTES, copy_id, papers_states};
use laureate_domain::committees::{CommitteeKind, may_record_meeting};
use laureate_domain::values::{Invalid, required_text};
use laureate_domain::{Actor, NominatorBodyId, Role, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many copies one run renders at most (the scheduler runs again a minute later).
const RUN_LIMIT: usize = 200;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"committee": "awards", "agenda": "1. The evaluation committee's recommendations.\n2. The supervision committee's report."}))]
pub struct BooksRequest {
    /// Whose papers: `evaluation` or `awards`. Read as text, so who may prepare is checked
    /// before what was sent.
    #[serde(default)]
    #[schema(value_type = CommitteeKind)]
    pub committee: String,
    /// The meeting's agenda, printed first in every copy.
    #[serde(default)]
    pub agenda: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookView {
    pub id: i64,
    pub member_name: String,
    /// Printed on every page of the copy.
    pub copy_id: String,
    pub state: BookState,
    pub pages: i64,
    pub rendered_at: Option<String>,
    /// Whether the caller may download it (`GET /books/{id}/pdf`) once ready: their own copy,
    /// or any for the office and the secretary.
    pub may_download: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookSetView {
    pub id: i64,
    pub cycle_id: i64,
    pub committee: CommitteeKind,
    pub agenda: String,
    pub requested_at: String,
    /// Copies in the set, and how many are ready or failed: the rendering's progress.
    pub total: i64,
    pub ready: i64,
    pub failed: i64,
    /// Every copy for the office and the secretary; a member's own otherwise.
    pub books: Vec<BookView>,
}

/// A candidate's part of a member's book.
fn candidate_blocks(
    n: &super::dossiers::NominationView,
    scores: Option<&[super::reviews::ReviewView]>,
    objections: &[&super::objections::ObjectionView],
) -> Vec<Block> {
    let mut out = vec![
        Block::Heading(crate::booklet::both_names(&n.name_zh, &n.name_en)),
        Block::Note(format!("{} · {} · {}", n.country_zh, n.country_en, n.field)),
        Block::Subheading("评语 · Citation".into()),
        Block::Text(n.citation_zh.clone()),
        Block::Text(n.citation_en.clone()),
        Block::Subheading("合作贡献 · Contribution".into()),
        Block::Text(n.contribution_zh.clone()),
        Block::Text(n.contribution_en.clone()),
    ];
    out.push(Block::Subheading("初评 · Expert review".into()));
    match scores {
        Some(reviews) if !reviews.is_empty() => {
            for r in reviews {
                out.push(Block::Text(format!(
                    "{}: {} / 100 · z {}{}",
                    r.reviewer,
                    r.score.map_or_else(|| "—".to_owned(), |s| s.to_string()),
                    r.normalized
                        .map_or_else(|| "—".to_owned(), |z| format!("{z:+.2}")),
                    r.comment
                        .as_deref()
                        .map(|c| format!(" — {c}"))
                        .unwrap_or_default()
                )));
            }
        }
        Some(_) => out.push(Block::Note("尚无评分 · No scores yet.".into())),
        None => out.push(Block::Note(
            "评分不向本委员会提供 · The scores are not part of this committee's papers.".into(),
        )),
    }
    out.push(Block::Subheading("异议 · Objections".into()));
    if objections.is_empty() {
        out.push(Block::Note("无异议 · None.".into()));
    }
    for o in objections {
        out.push(Block::Text(PackageObjection::from(*o).line()));
    }
    out
}

/// A committee's name in Chinese and in English, as the papers print it.
fn committee_names(committee: CommitteeKind) -> (&'static str, &'static str) {
    match committee {
        CommitteeKind::Evaluation => ("评审委员会", "evaluation committee"),
        CommitteeKind::Discipline => ("学科评审组", "evaluation group"),
        CommitteeKind::Awards => (
            "国家科学技术奖励委员会",
            "National Science and Technology Awards Committee",
        ),
    }
}

fn forbidden(actor: &Actor) -> ServiceError {
    ServiceError::Forbidden(Msg::new("error-forbidden").key_arg("role", actor.role.label_key()))
}

/// The nominations a committee's papers cover, by id.
async fn papers_of(
    conn: &mut db::Conn,
    cycle_id: i64,
    committee: CommitteeKind,
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for state in papers_states(committee) {
        for n in db::nominations::list_for_cycle_in_state(conn, cycle_id, state.as_str()).await? {
            ids.push(n.id);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

impl Service {
    /// Prepares a set of books for a committee's meeting: one copy per member in office, queued
    /// for rendering off the request path.
    pub async fn prepare_books(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &BooksRequest,
    ) -> Result<BookSetView> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Committee | Role::AwardsCommittee
        ) {
            return Err(forbidden(actor));
        }
        let committee = super::meetings::committee_of(actor, &req.committee)?;
        let mut tx = self.db.begin().await?;
        let position = self
            .position_on(&mut tx, actor, committee, cycle_id)
            .await?;
        if !may_record_meeting(actor.role, committee, position) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let agenda = required_text("agenda", &req.agenda, 4000)?;
        self.load_cycle(&mut tx, cycle_id).await?;
        let scope = self.scope_on_cycle(&mut tx, committee, cycle_id).await?;
        let today = self.today().to_string();
        let members =
            db::committees::in_office(&mut tx, committee.as_str(), &scope, &today).await?;
        if members.is_empty() {
            return Err(Invalid::new("committee", "no-members").into());
        }
        let (_, now) = self.now();
        let set =
            db::books::insert_set(&mut tx, cycle_id, committee, &agenda, actor.user_id.0, &now)
                .await?;
        for m in &members {
            let mut random = [0u8; 4];
            getrandom::fill(&mut random).map_err(anyhow::Error::from)?;
            db::books::insert_book(&mut tx, set, m.user_id, &copy_id(random)).await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "books.prepare",
            ("cycle", cycle_id),
            serde_json::json!({ "set_id": set, "committee": committee, "copies": members.len() }),
        )
        .await?;
        tx.commit().await?;
        // Render now, beside the request; the scheduler's job picks up whatever is left.
        let service = self.clone();
        tokio::spawn(async move {
            if let Err(e) = service.render_queued_books().await {
                tracing::warn!(error = ?e, "rendering books failed");
            }
        });
        let view = self.book_sets(actor, cycle_id).await?;
        view.into_iter()
            .find(|s| s.id == set)
            .ok_or(ServiceError::NotFound(Entity::Book))
    }

    /// Renders queued copies, one at a time, each claimed first so that no two servers render
    /// the same; returns how many this run finished.
    pub async fn render_queued_books(&self) -> Result<usize> {
        let mut done = 0;
        // Bounded by attempts, not only by copies finished: a copy another server claims first
        // costs an attempt too.
        for _ in 0..RUN_LIMIT {
            let (now_t, now) = self.now();
            let stale = time_to_db(now_t - chrono::Duration::minutes(CLAIM_MINUTES));
            let mut conn = self.db.conn().await?;
            let Some(id) = db::books::next_due(&mut conn, &stale).await? else {
                break;
            };
            drop(conn);
            let mut tx = self.db.begin().await?;
            let claimed = db::books::claim(&mut tx, id, &stale, &now).await?;
            tx.commit().await?;
            if !claimed {
                continue;
            }
            let outcome = self.render_book(id).await;
            let (_, finished) = self.now();
            let mut tx = self.db.begin().await?;
            match &outcome {
                Ok(r) => {
                    let pages = i64::try_from(r.pages).unwrap_or(i64::MAX);
                    db::books::finish(&mut tx, id, &now, Ok((&r.pdf, pages)), &finished).await?;
                }
                Err(e) => {
                    let text = format!("{e:#}");
                    db::books::finish(&mut tx, id, &now, Err(&text), &finished).await?;
                }
            }
            tx.commit().await?;
            done += 1;
        }
        Ok(done)
    }

    /// Reads and renders one copy, as its member reads the records.
    async fn render_book(&self, id: i64) -> Result<crate::booklet::Rendered> {
        let mut conn = self.db.conn().await?;
        let book = db::books::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Book))?;
        let set = db::books::set(&mut conn, book.set_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Book))?;
        let user = db::users::find(&mut conn, book.member_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        let member = Actor {
            user_id: UserId(user.id),
            role: user.role,
            body_id: user.body_id.map(NominatorBodyId),
            checked_at: None,
        };
        // The office's view of the objections, of which the book prints only what any member
        // may know: grounds, status, outcome and reply (never the objector).
        let office = Actor {
            user_id: UserId(set.requested_by),
            role: Role::Admin,
            body_id: None,
            checked_at: None,
        };
        let cycle = self.load_cycle(&mut conn, set.cycle_id).await?;
        let ids = papers_of(&mut conn, set.cycle_id, set.committee).await?;
        drop(conn);
        let objections = self.objections_of_cycle(&office, set.cycle_id).await?;
        let mark = format!(
            "保密 Confidential · {} · {}",
            user.display_name, book.copy_id
        );
        let mut blocks = vec![
            Block::Title(format!(
                "{}  {}年度",
                cycle.award.name_zh, cycle.row.award_year
            )),
            Block::Subheading(format!(
                "{} — award year {}",
                cycle.award.name_en, cycle.row.award_year
            )),
            Block::Heading(format!(
                "{}会议材料 · Papers for the {} — {}",
                committee_names(set.committee).0,
                committee_names(set.committee).1,
                user.display_name
            )),
            Block::Note(format!(
                "副本编号 Copy {} · 制作于 prepared {} UTC",
                book.copy_id,
                set.requested_at
                    .get(..16)
                    .unwrap_or(&set.requested_at)
                    .replace('T', " ")
            )),
            Block::Heading("议程 · Agenda".into()),
            Block::Text(set.agenda.clone()),
        ];
        for id in ids {
            blocks.push(Block::PageBreak);
            match self.nomination(&member, id).await {
                Ok(n) => {
                    let scores = self.reviews_of(&member, id).await.ok();
                    let mine: Vec<_> = objections
                        .iter()
                        .filter(|o| o.nomination_id == id)
                        .collect();
                    blocks.extend(candidate_blocks(&n, scores.as_deref(), &mine));
                }
                Err(ServiceError::NotFound(_) | ServiceError::Forbidden(_)) => {
                    blocks.push(Block::Heading(format!("#{id}")));
                    blocks.push(Block::Note(
                        "不向您提供（已申报利益冲突或不在您的评审范围）· Withheld from you: a declared conflict of interest, or not yours to read.".into(),
                    ));
                }
                Err(e) => return Err(e),
            }
        }
        if let Ok(report) = self.supervision_report(&member, set.cycle_id).await {
            blocks.push(Block::PageBreak);
            blocks.push(Block::Heading(
                "监督委员会报告 · The supervision committee's report".into(),
            ));
            blocks.push(Block::Text(report.body));
        }
        let booklet = Booklet {
            title: format!("Papers — {} — {}", user.display_name, book.copy_id),
            blocks,
            watermark: Some(mark),
            keywords: vec![format!("laureate-book:{}", book.copy_id)],
        };
        let rendered =
            tokio::task::spawn_blocking(move || crate::booklet::render(&booklet, &|_, _| {}))
                .await
                .map_err(anyhow::Error::from)??;
        Ok(rendered)
    }

    /// Whether the actor sees every copy of a committee's sets: the office, the supervision
    /// committee (which downloads none), and the committee's secretary.
    async fn sees_every_copy(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        committee: CommitteeKind,
        cycle_id: i64,
    ) -> Result<bool> {
        if matches!(actor.role, Role::Admin | Role::Supervisor) {
            return Ok(true);
        }
        let position = self.position_on(conn, actor, committee, cycle_id).await?;
        Ok(may_record_meeting(actor.role, committee, position))
    }

    /// A cycle's sets of books, newest first, with their progress.
    pub async fn book_sets(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<BookSetView>> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Supervisor | Role::Committee | Role::AwardsCommittee
        ) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        self.load_cycle(&mut conn, cycle_id).await?;
        if !self
            .cycle_readable(&mut conn, actor, cycle_id, RecordKind::Deliberations)
            .await?
        {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for set in db::books::sets_of(&mut conn, cycle_id).await? {
            let all = db::books::books_of(&mut conn, set.id).await?;
            let every = self
                .sees_every_copy(&mut conn, actor, set.committee, set.cycle_id)
                .await?;
            let count = |s: BookState| all.iter().filter(|b| b.state == s).count() as i64;
            let (total, ready, failed) = (
                all.len() as i64,
                count(BookState::Ready),
                count(BookState::Failed),
            );
            let books: Vec<BookView> = all
                .into_iter()
                .filter(|b| every || b.member_id == actor.user_id.0)
                .map(|b| BookView {
                    may_download: b.member_id == actor.user_id.0
                        || (every && actor.role != Role::Supervisor),
                    id: b.id,
                    member_name: b.member_name,
                    copy_id: b.copy_id,
                    state: b.state,
                    pages: b.pages,
                    rendered_at: b.rendered_at,
                })
                .collect();
            if books.is_empty() {
                continue;
            }
            out.push(BookSetView {
                id: set.id,
                cycle_id,
                committee: set.committee,
                agenda: set.agenda,
                requested_at: set.requested_at,
                total,
                ready,
                failed,
                books,
            });
        }
        Ok(out)
    }

    /// A copy as PDF, for its member, or for the office or the secretary to hand over; each
    /// issue is audited with who received it.
    pub async fn book_pdf(&self, actor: &Actor, id: i64) -> Result<(String, Vec<u8>)> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Committee | Role::AwardsCommittee
        ) {
            return Err(forbidden(actor));
        }
        let mut conn = self.db.conn().await?;
        let book = db::books::find(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Book))?;
        let set = db::books::set(&mut conn, book.set_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Book))?;
        let own = book.member_id == actor.user_id.0;
        let hands_over = actor.role != Role::Supervisor
            && self
                .sees_every_copy(&mut conn, actor, set.committee, set.cycle_id)
                .await?;
        if !(own || hands_over)
            || !self
                .cycle_readable(&mut conn, actor, set.cycle_id, RecordKind::Deliberations)
                .await?
        {
            return Err(ServiceError::NotFound(Entity::Book));
        }
        if book.state != BookState::Ready {
            return Err(ServiceError::Conflict(
                Msg::new("error-book-not-ready").key_arg("state", book.state.label_key()),
            ));
        }
        let pdf = db::books::pdf(&mut conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Book))?;
        drop(conn);
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "book.issue",
            ("dossier_book", id),
            serde_json::json!({ "copy_id": book.copy_id, "member_id": book.member_id }),
        )
        .await?;
        tx.commit().await?;
        Ok((format!("papers-{}", book.copy_id), pdf))
    }
}
