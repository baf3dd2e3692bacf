//! Notices, each queued in the transaction that makes the change it reports and written in its
//! reader's language: a nomination's steps to the nominating body
//! (`laureate_domain::nominations::NominationAction::tells_nominator` says which; a return, a
//! rejection, an exclusion or a send-back carries its reasons) and its laureate's certificate
//! with the address that verifies it; a review request to the expert assigned; a ballot's
//! opening to the committee members who vote in it.

use super::people::{Mail, send};
use super::{Result, Service};
use crate::db::{self, Conn};
use crate::i18n::Lang;
use laureate_domain::{NominationAction, Role};

impl Service {
    /// Tells the staff of the nomination's body that `action` was made (with `reason`), if the
    /// body hears of such a step.
    pub(crate) async fn tell_nominators(
        &self,
        conn: &mut Conn,
        row: &db::nominations::NominationRow,
        action: NominationAction,
        reason: Option<&str>,
        now: &str,
    ) -> Result<()> {
        if !action.tells_nominator() {
            return Ok(());
        }
        let args = vec![
            ("action", action.as_str().to_owned()),
            ("reason", reason.unwrap_or_default().to_owned()),
            (
                "link",
                format!("{}/nominations/{}", self.public_url, row.id),
            ),
        ];
        let dedupe = format!("nomination:{}:{}:{now}", row.id, action.as_str());
        self.tell_body(conn, row, "nomination", args, &dedupe, now)
            .await
    }

    /// Tells the staff of the nomination's body that its laureate's certificate is issued, with
    /// the number and the address where anyone verifies it.
    pub(crate) async fn tell_nominators_of_certificate(
        &self,
        conn: &mut Conn,
        row: &db::nominations::NominationRow,
        number: &str,
        verify_url: &str,
        now: &str,
    ) -> Result<()> {
        let args = vec![
            ("number", number.to_owned()),
            ("link", verify_url.to_owned()),
        ];
        let dedupe = format!("certificate-issued:{number}");
        self.tell_body(conn, row, "certificate-issued", args, &dedupe, now)
            .await
    }

    /// One notice (`mail-{key}-subject`, `mail-{key}-body`) to each active staff member of the
    /// nomination's body, in their language, with the candidate's name as they read it.
    async fn tell_body(
        &self,
        conn: &mut Conn,
        row: &db::nominations::NominationRow,
        key: &str,
        args: Vec<(&'static str, String)>,
        dedupe: &str,
        now: &str,
    ) -> Result<()> {
        let subject = format!("mail-{key}-subject");
        for (email, lang) in db::people::staff_of_body(conn, row.body_id).await? {
            let lang = Lang::parse(&lang).unwrap_or_default();
            let candidate = match lang {
                Lang::Zh if !row.name_zh.is_empty() => row.name_zh.clone(),
                _ => row.name_en.clone(),
            };
            let mut args = args.clone();
            args.push(("candidate", candidate));
            let mail = Mail {
                to: &email,
                lang,
                subject: &subject,
                args,
                kind: key,
                dedupe: format!("{dedupe}:{email}"),
            };
            send(conn, mail, now).await?;
        }
        Ok(())
    }
}

impl Service {
    /// Asks an expert by mail to review a nomination assigned to them: first to declare any
    /// conflict of interest, then to score it.
    pub(crate) async fn tell_reviewer_of_assignment(
        &self,
        conn: &mut Conn,
        reviewer: i64,
        row: &db::nominations::NominationRow,
        now: &str,
    ) -> Result<()> {
        let link = format!("{}/nominations/{}/declaration", self.public_url, row.id);
        let (en, zh) = (row.name_en.clone(), row.name_zh.clone());
        self.tell_account(
            conn,
            reviewer,
            "review-request",
            move |lang| {
                vec![
                    (
                        "candidate",
                        if lang == Lang::Zh && !zh.is_empty() {
                            zh
                        } else {
                            en
                        },
                    ),
                    ("link", link),
                ]
            },
            format!("review-request:{}:{reviewer}", row.id),
            now,
        )
        .await?;
        Ok(())
    }

    /// Tells a member of the committee that a ballot is open for their vote, and until when.
    pub(crate) async fn tell_member_of_ballot(
        &self,
        conn: &mut Conn,
        member: i64,
        ballot: i64,
        items: usize,
        closes_at: Option<&str>,
        now: &str,
    ) -> Result<()> {
        let link = format!("{}/dashboard", self.public_url);
        let zone = self.office_zone();
        let closes = closes_at.map(str::to_owned);
        self.tell_account(
            conn,
            member,
            "ballot-open",
            move |lang| {
                let tr = crate::i18n::Tr::in_zone(lang, zone);
                vec![
                    ("items", items.to_string()),
                    (
                        "deadline",
                        if closes.is_some() { "yes" } else { "no" }.to_owned(),
                    ),
                    ("closes", closes.map(|c| tr.when(&c)).unwrap_or_default()),
                    ("link", link),
                ]
            },
            format!("ballot-open:{ballot}:{member}"),
            now,
        )
        .await?;
        Ok(())
    }

    /// Queues one notice to an active account, in its language (`args` made for that language),
    /// under the catalogue's `mail-{key}-subject` and `mail-{key}-body`.
    pub(crate) async fn tell_account(
        &self,
        conn: &mut Conn,
        user_id: i64,
        key: &str,
        args: impl FnOnce(Lang) -> Vec<(&'static str, String)>,
        dedupe: String,
        now: &str,
    ) -> Result<bool> {
        let Some(user) = db::users::find(conn, user_id).await? else {
            return Ok(false);
        };
        if user.active != 1 {
            return Ok(false);
        }
        let lang = super::people::lang_of_account(conn, user_id).await?;
        let subject = format!("mail-{key}-subject");
        let mail = Mail {
            to: &user.email,
            lang,
            subject: &subject,
            args: args(lang),
            kind: key,
            dedupe,
        };
        super::people::queue(conn, mail, now).await
    }
}

impl Service {
    /// Tells every active account of the office that `phase` of the cycle began with work of
    /// the phase before still undone (`undone`: what, how many).
    pub(crate) async fn tell_office_of_undone(
        &self,
        conn: &mut Conn,
        cycle_id: i64,
        phase: laureate_domain::Phase,
        undone: &[(&'static str, i64)],
        now: &str,
    ) -> Result<()> {
        let link = format!("{}/cycles/{cycle_id}", self.public_url);
        self.tell_office(
            conn,
            "phase-undone",
            |lang| {
                let tr = crate::i18n::Tr::new(lang);
                let list = undone
                    .iter()
                    .map(|(what, n)| tr.with(what, &[("count", n.to_string())]))
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    ("phase", tr.get(phase.label_key())),
                    ("undone", list),
                    ("link", link.clone()),
                ]
            },
            &format!("phase-undone:{cycle_id}:{}", phase.as_str()),
            now,
        )
        .await?;
        Ok(())
    }

    /// Tells the body's staff, or the expert, that their deadline was extended, until when and
    /// why.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn tell_of_extension(
        &self,
        conn: &mut Conn,
        cycle: &super::cycles::LoadedCycle,
        kind: laureate_domain::calendar::ExtensionKind,
        body_id: Option<i64>,
        user_id: Option<i64>,
        until: &str,
        reason: &str,
        now: &str,
    ) -> Result<()> {
        let zone = self.office_zone();
        let args = move |lang: Lang| {
            let tr = crate::i18n::Tr::in_zone(lang, zone);
            vec![
                ("kind", kind.as_str().to_owned()),
                ("until", tr.when(until)),
                ("reason", reason.to_owned()),
                (
                    "cycle",
                    if lang == Lang::Zh {
                        cycle.row.title_zh.clone()
                    } else {
                        cycle.row.title_en.clone()
                    },
                ),
            ]
        };
        let dedupe = format!("extension:{}:{until}", cycle.row.id);
        if let Some(user) = user_id {
            self.tell_account(
                conn,
                user,
                "deadline-extended",
                args,
                format!("{dedupe}:{user}"),
                now,
            )
            .await?;
        } else if let Some(body) = body_id {
            self.tell_staff(conn, body, "deadline-extended", args, &dedupe, now)
                .await?;
        }
        Ok(())
    }
}

impl Service {
    /// One notice to each active staff member of a nominating body, in their language (`args`
    /// made for that language).
    pub(crate) async fn tell_staff(
        &self,
        conn: &mut Conn,
        body_id: i64,
        key: &str,
        args: impl Fn(Lang) -> Vec<(&'static str, String)>,
        dedupe: &str,
        now: &str,
    ) -> Result<usize> {
        let subject = format!("mail-{key}-subject");
        let mut queued = 0;
        for (email, lang) in db::people::staff_of_body(conn, body_id).await? {
            let lang = Lang::parse(&lang).unwrap_or_default();
            let mail = Mail {
                to: &email,
                lang,
                subject: &subject,
                args: args(lang),
                kind: key,
                dedupe: format!("{dedupe}:{email}"),
            };
            queued += usize::from(super::people::queue(conn, mail, now).await?);
        }
        Ok(queued)
    }

    /// One notice to every active account of the office, each in its language.
    pub(crate) async fn tell_office(
        &self,
        conn: &mut Conn,
        key: &str,
        args: impl Fn(Lang) -> Vec<(&'static str, String)>,
        dedupe: &str,
        now: &str,
    ) -> Result<usize> {
        let mut queued = 0;
        for office in db::users::list_by_role(conn, Role::Admin.as_str()).await? {
            let args = &args;
            queued += usize::from(
                self.tell_account(
                    conn,
                    office.id,
                    key,
                    args,
                    format!("{dedupe}:{}", office.id),
                    now,
                )
                .await?,
            );
        }
        Ok(queued)
    }

    /// A notice to an address with no account (an objector), whose language is not known: in
    /// both languages, Chinese first, under one subject.
    pub(crate) async fn tell_address(
        &self,
        conn: &mut Conn,
        to: &str,
        key: &str,
        args: &[(&'static str, String)],
        dedupe: &str,
        now: &str,
    ) -> Result<()> {
        let (zh_subject, zh_body) = super::templates::compose(conn, key, Lang::Zh, args).await?;
        let (en_subject, en_body) = super::templates::compose(conn, key, Lang::En, args).await?;
        let fields = super::templates::fields_json(args);
        let message = db::outbox::Queued {
            recipient: to,
            subject: &format!("{zh_subject} / {en_subject}"),
            body: &format!("{zh_body}\n\n——\n\n{en_body}"),
            kind: key,
            dedupe_key: dedupe,
            lang: None,
            fields: Some(&fields),
            bulk_id: None,
            due: None,
        };
        db::outbox::enqueue_message(conn, &message, now).await?;
        Ok(())
    }
}

impl Service {
    /// The round's results, released together when the approving body decides, never one by
    /// one: each nominating body hears, for each of its nominations still in the running, whether
    /// it was awarded (those returned, rejected or withdrawn earlier were told then).
    pub(crate) async fn tell_results(
        &self,
        conn: &mut Conn,
        cycle: &super::cycles::LoadedCycle,
        now: &str,
    ) -> Result<usize> {
        let link = format!(
            "{}/announcements/{}?program={}",
            self.public_url, cycle.row.award_year, cycle.row.program
        );
        let mut told = 0;
        // A candidate still before the Awards Committee, the ministry or the approving body (a
        // return, a vote without a quorum) hears with the decision that settles it.
        for state in [
            laureate_domain::NominationState::Approved,
            laureate_domain::NominationState::Published,
            laureate_domain::NominationState::UnderReview,
            laureate_domain::NominationState::Reviewed,
            laureate_domain::NominationState::NotRecommended,
            laureate_domain::NominationState::NotConfirmed,
            laureate_domain::NominationState::Refused,
        ] {
            let outcome = if state == laureate_domain::NominationState::Approved {
                "awarded"
            } else {
                "not-awarded"
            };
            for row in
                db::nominations::list_for_cycle_in_state(conn, cycle.row.id, state.as_str()).await?
            {
                told += self
                    .tell_staff(
                        conn,
                        row.body_id,
                        "results",
                        |lang| {
                            vec![
                                ("candidate", super::objection_notices::name_in(&row, lang)),
                                ("outcome", outcome.to_owned()),
                                ("year", cycle.row.award_year.to_string()),
                                ("link", link.clone()),
                            ]
                        },
                        &format!("results:{}", row.id),
                        now,
                    )
                    .await?;
            }
        }
        Ok(told)
    }
}
