//! Calendars people subscribe to (RFC 5545): a public feed of the public dates (the nomination
//! window, the objection period, ceremonies) and a feed per account with the dates that concern
//! its holder, behind a secret address they can reset. Only the secret's hash is kept, so the
//! address is shown once, when it is made.

use super::accounts::{random_token, sha256_hex};
use super::{Entity, Result, Service, ServiceError, Who, audit};
use crate::db::{self, Conn, time_from_db};
use crate::i18n::{Lang, Tr};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::{Actor, Phase, Role};
use serde::Serialize;
use utoipa::ToSchema;

/// Whether the caller has a calendar address, and since when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedView {
    pub exists: bool,
    pub created_at: Option<DateTime<Utc>>,
}

/// A new calendar address: shown this once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedAddress {
    /// The secret address of the caller's feed; anyone holding it reads the caller's dates.
    pub url: String,
}

/// When an event happens: a moment, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

/// One event of a feed.
#[derive(Debug, Clone)]
struct FeedEvent {
    uid: String,
    summary: String,
    start: When,
    end: Option<DateTime<Utc>>,
    url: String,
}

/// The phases whose dates are public: when nominations may be made, and when objections.
const PUBLIC_PHASES: [Phase; 2] = [Phase::Nomination, Phase::Objection];

impl Service {
    /// The public feed, in `lang`.
    pub async fn public_calendar(&self, lang: Lang) -> Result<String> {
        let mut conn = self.db.conn().await?;
        let events = self.public_events(&mut conn, lang).await?;
        Ok(self.render_calendar(lang, &Tr::new(lang).get("calendar-public-name"), events))
    }

    /// The feed of the account whose secret address holds `token`, in its language.
    pub async fn personal_calendar(&self, token: &str) -> Result<String> {
        let mut conn = self.db.conn().await?;
        let user_id = db::calendar::feed_owner(&mut conn, &sha256_hex(token))
            .await?
            .ok_or(ServiceError::NotFound(Entity::Page))?;
        let user = db::users::find(&mut conn, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Page))?;
        let lang = super::people::lang_of_account(&mut conn, user_id).await?;
        let mut events = self.public_events(&mut conn, lang).await?;
        events.extend(self.own_events(&mut conn, &user, lang).await?);
        // The office's own copy of a public date replaces the public one.
        let mut seen = std::collections::HashSet::new();
        events.reverse();
        events.retain(|e| seen.insert(e.uid.clone()));
        events.sort_by_key(|e| e.start);
        let name = Tr::new(lang).with("calendar-own-name", &[("name", user.display_name)]);
        Ok(self.render_calendar(lang, &name, events))
    }

    /// Whether the actor has a calendar address.
    pub async fn calendar_feed(&self, actor: &Actor) -> Result<FeedView> {
        let mut conn = self.db.conn().await?;
        let made = db::calendar::feed_made(&mut conn, actor.user_id.0).await?;
        Ok(FeedView {
            exists: made.is_some(),
            created_at: made.as_deref().map(time_from_db).transpose()?,
        })
    }

    /// Makes the actor a new secret calendar address; any earlier one stops working.
    pub async fn reset_calendar_feed(&self, actor: &Actor) -> Result<FeedAddress> {
        let (_, now) = self.now();
        let token = random_token()?;
        let mut tx = self.db.begin().await?;
        db::calendar::set_feed(&mut tx, actor.user_id.0, &sha256_hex(&token), &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.calendar_feed_reset",
            ("user", actor.user_id.0),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(FeedAddress {
            url: format!("{}/calendar/{token}.ics", self.public_url),
        })
    }

    async fn public_events(&self, conn: &mut Conn, lang: Lang) -> Result<Vec<FeedEvent>> {
        let tr = Tr::new(lang);
        let mut out = Vec::new();
        for row in db::cycles::list(conn).await? {
            let cycle = self.load_cycle(conn, row.id).await?;
            let title = cycle_title(&cycle.row, lang);
            for phase in PUBLIC_PHASES {
                let url = match phase {
                    Phase::Objection => format!("{}/candidates", self.public_url),
                    _ => format!("{}/", self.public_url),
                };
                if let Some(e) = phase_event(&cycle, phase, &tr, &title, url) {
                    out.push(e);
                }
            }
        }
        for c in db::conferral::ceremonies(conn).await? {
            let Ok(day) = c.held_on.parse::<NaiveDate>() else {
                continue;
            };
            let place = if lang == Lang::Zh && !c.place_zh.is_empty() {
                c.place_zh
            } else {
                c.place_en
            };
            out.push(FeedEvent {
                uid: format!("ceremony-{}", c.id),
                summary: tr.with("calendar-ceremony", &[("place", place)]),
                start: When::Day(day),
                end: None,
                url: format!("{}/ceremonies", self.public_url),
            });
        }
        out.sort_by_key(|e| e.start);
        Ok(out)
    }

    /// The dates that concern one account: every phase for the office; the review phase for an
    /// expert assigned in the cycle; the committee phase and the deadlines of open ballots for a
    /// committee member; the nomination window and responses due to objections for a nominating
    /// body. A deadline extended for the holder ends when the extension does.
    async fn own_events(
        &self,
        conn: &mut Conn,
        user: &db::users::UserRow,
        lang: Lang,
    ) -> Result<Vec<FeedEvent>> {
        let tr = Tr::new(lang);
        let mut out = Vec::new();
        for row in db::cycles::list(conn).await? {
            let cycle = self.load_cycle_for_people(conn, row.id).await?;
            if cycle.phase == Phase::Closed {
                continue;
            }
            let title = cycle_title(&cycle.row, lang);
            let phases: Vec<Phase> = if role_can(user.role, Capability::ManageCycles) {
                laureate_domain::calendar::LASTING.to_vec()
            } else if user.role == Role::Reviewer
                && db::calendar::assigned_in_cycle(conn, row.id, user.id).await?
            {
                vec![Phase::Review]
            } else if matches!(user.role, Role::Committee | Role::AwardsCommittee) {
                vec![Phase::Committee]
            } else if user.role == Role::Nominator && user.body_id.is_some() {
                vec![Phase::Nomination]
            } else {
                Vec::new()
            };
            let url = if role_can(user.role, Capability::ManageCycles) {
                format!("{}/cycles/{}", self.public_url, row.id)
            } else {
                format!("{}/dashboard", self.public_url)
            };
            for phase in phases {
                if let Some(mut e) = phase_event(&cycle, phase, &tr, &title, url.clone()) {
                    // An extension moves the holder's own deadline.
                    let extended = match phase {
                        Phase::Nomination => cycle.extended_until(
                            laureate_domain::calendar::ExtensionKind::Nomination,
                            user.body_id,
                            user.id,
                        ),
                        Phase::Review => cycle.extended_until(
                            laureate_domain::calendar::ExtensionKind::Review,
                            None,
                            user.id,
                        ),
                        _ => None,
                    };
                    if let Some(until) = extended.filter(|u| e.end.is_none_or(|end| *u > end)) {
                        e.end = Some(until);
                        e.summary = tr.with("calendar-extended", &[("what", e.summary)]);
                    }
                    out.push(e);
                }
            }
            if matches!(user.role, Role::Committee | Role::AwardsCommittee) {
                // The open ballots of this cycle with a deadline (every deadline is before
                // the year 9999), on which the member has still to vote.
                for (ballot, _, closes) in db::calendar::ballots_closing(conn, "9999")
                    .await?
                    .into_iter()
                    .filter(|(_, cycle_id, _)| *cycle_id == row.id)
                {
                    if db::calendar::yet_to_vote(conn, ballot)
                        .await?
                        .contains(&user.id)
                    {
                        out.push(FeedEvent {
                            uid: format!("ballot-{ballot}-closes"),
                            summary: tr.with("calendar-ballot-closes", &[("cycle", title.clone())]),
                            start: When::At(time_from_db(&closes)?),
                            end: None,
                            url: format!("{}/dashboard", self.public_url),
                        });
                    }
                }
            }
        }
        if let Some(body) = user.body_id {
            for o in db::calendar::responses_due(conn, body).await? {
                let Ok(day) = o.1.parse::<NaiveDate>() else {
                    continue;
                };
                out.push(FeedEvent {
                    uid: format!("objection-{}-response", o.0),
                    summary: tr.get("calendar-objection-response"),
                    start: When::Day(day),
                    end: None,
                    url: format!(
                        "{}/cycles/{}/objections#objection-{}",
                        self.public_url, o.2, o.0
                    ),
                });
            }
        }
        Ok(out)
    }

    fn render_calendar(&self, lang: Lang, name: &str, events: Vec<FeedEvent>) -> String {
        let host = self
            .public_url
            .split("://")
            .nth(1)
            .unwrap_or("laureate")
            .split(['/', ':'])
            .next()
            .unwrap_or("laureate")
            .to_owned();
        let stamp = self.clock.now();
        let mut calendar = Calendar::new();
        calendar.name(name);
        calendar.append_property(("X-WR-CALNAME", name));
        calendar.append_property(("X-WR-TIMEZONE", "UTC"));
        calendar.append_property((
            "X-LAUREATE-LANGUAGE",
            if lang == Lang::Zh { "zh" } else { "en" },
        ));
        for e in events {
            let mut event = Event::new();
            event
                .uid(&format!("{}@{host}", e.uid))
                .timestamp(stamp)
                .summary(&e.summary)
                .url(&e.url);
            match (e.start, e.end) {
                (When::At(start), Some(end)) => {
                    event.starts(start).ends(end);
                }
                (When::At(at), None) => {
                    event.starts(at).ends(at);
                }
                (When::Day(day), _) => {
                    event.all_day(day);
                }
            }
            calendar.push(event.done());
        }
        calendar.done().to_string()
    }
}

fn cycle_title(row: &db::cycles::CycleRow, lang: Lang) -> String {
    if lang == Lang::Zh && !row.title_zh.is_empty() {
        row.title_zh.clone()
    } else {
        row.title_en.clone()
    }
}

/// A phase of a cycle as an event from its start to its end, if it is planned.
fn phase_event(
    cycle: &super::cycles::LoadedCycle,
    phase: Phase,
    tr: &Tr,
    title: &str,
    url: String,
) -> Option<FeedEvent> {
    let start = cycle.schedule.start_of(phase)?;
    let end = cycle.schedule.end_of(phase);
    Some(FeedEvent {
        uid: format!("cycle-{}-{}", cycle.row.id, phase.as_str()),
        summary: tr.with(
            "calendar-phase",
            &[
                ("phase", capitalised(&tr.get(phase.label_key()))),
                ("cycle", title.to_owned()),
            ],
        ),
        start: When::At(start),
        end,
        url,
    })
}

/// A label at the start of a line: its first letter a capital (Chinese is unchanged).
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
