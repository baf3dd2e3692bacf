//! Who hears of an objection, in their language, with links that work from a mail program: the
//! objector (who has no account, so both languages) has the receipt and the office's answer;
//! the office hears of each objection filed and each response of a nominating body; the
//! nominating body is asked for its response, reminded before it is due, and told the outcome.

use super::{Result, Service};
use crate::db::{self, Conn};
use crate::i18n::{Lang, Tr};
use laureate_domain::objections::ObjectionAction;

/// The candidate's name as a reader of `lang` reads it.
pub(crate) fn name_in(row: &db::nominations::NominationRow, lang: Lang) -> String {
    if lang == Lang::Zh && !row.name_zh.is_empty() {
        row.name_zh.clone()
    } else {
        row.name_en.clone()
    }
}

impl Service {
    fn objection_link(&self, cycle_id: i64, id: i64) -> String {
        format!(
            "{}/cycles/{cycle_id}/objections#objection-{id}",
            self.public_url
        )
    }

    fn status_link(&self, receipt: &str) -> String {
        format!("{}/objections/status?receipt={receipt}", self.public_url)
    }

    /// An objection was filed: the objector has the receipt, the office the news.
    pub(crate) async fn tell_of_objection_filed(
        &self,
        conn: &mut Conn,
        id: i64,
        receipt: &str,
        contact: &str,
        nomination: &db::nominations::NominationRow,
        now: &str,
    ) -> Result<()> {
        let args = [
            ("receipt", receipt.to_owned()),
            ("candidate", nomination.name_en.clone()),
            ("link", self.status_link(receipt)),
        ];
        self.tell_address(
            conn,
            contact,
            "objection-receipt",
            &args,
            &format!("objection-receipt:{id}"),
            now,
        )
        .await?;
        let link = self.objection_link(nomination.cycle_id, id);
        self.tell_office(
            conn,
            "objection-received",
            |lang| {
                vec![
                    ("candidate", name_in(nomination, lang)),
                    ("receipt", receipt.to_owned()),
                    ("link", link.clone()),
                ]
            },
            &format!("objection-received:{id}"),
            now,
        )
        .await?;
        Ok(())
    }

    /// The office handled an objection: the body is asked to respond by a date, or told the
    /// outcome; the objector is given the office's answer (a refusal with its reason, a
    /// dismissal or an upholding with the reply).
    pub(crate) async fn tell_of_objection_handled(
        &self,
        conn: &mut Conn,
        id: i64,
        nomination: &db::nominations::NominationRow,
        action: ObjectionAction,
        handled: &db::objections::Move<'_>,
        now: &str,
    ) -> Result<()> {
        let Some(row) = db::objections::find(conn, id).await? else {
            return Ok(());
        };
        let row = &row;
        let due = handled.response_due;
        let answer = handled.reply.or(handled.triage_reason);
        let link = self.objection_link(row.cycle_id, row.id);
        let zone = self.office_zone();
        if let Some(due) = due {
            let request = row.response_request.clone().unwrap_or_default();
            self.tell_staff(
                conn,
                nomination.body_id,
                "objection-response-request",
                |lang| {
                    vec![
                        ("candidate", name_in(nomination, lang)),
                        ("due", Tr::in_zone(lang, zone).date(due)),
                        ("request", request.clone()),
                        ("link", link.clone()),
                    ]
                },
                &format!("objection-request:{}:{now}", row.id),
                now,
            )
            .await?;
        }
        let Some(answer) = answer else {
            return Ok(());
        };
        let outcome = action.as_str().to_owned();
        self.tell_address(
            conn,
            &row.contact_email,
            "objection-reply",
            &[
                ("receipt", row.receipt.clone()),
                ("outcome", outcome.clone()),
                ("answer", answer.to_owned()),
                ("link", self.status_link(&row.receipt)),
            ],
            &format!("objection-reply:{}", row.id),
            now,
        )
        .await?;
        if matches!(action, ObjectionAction::Dismiss | ObjectionAction::Uphold) {
            self.tell_staff(
                conn,
                nomination.body_id,
                "objection-decided",
                |lang| {
                    vec![
                        ("candidate", name_in(nomination, lang)),
                        ("outcome", outcome.clone()),
                        ("answer", answer.to_owned()),
                        ("link", link.clone()),
                    ]
                },
                &format!("objection-decided:{}", row.id),
                now,
            )
            .await?;
        }
        Ok(())
    }

    /// A nominating body answered the office's request: the office hears of it.
    pub(crate) async fn tell_office_of_response(
        &self,
        conn: &mut Conn,
        row: &db::objections::ObjectionRow,
        nomination: &db::nominations::NominationRow,
        now: &str,
    ) -> Result<()> {
        let link = self.objection_link(row.cycle_id, row.id);
        self.tell_office(
            conn,
            "objection-answered",
            |lang| {
                vec![
                    ("candidate", name_in(nomination, lang)),
                    ("receipt", row.receipt.clone()),
                    ("link", link.clone()),
                ]
            },
            &format!("objection-answered:{}:{now}", row.id),
            now,
        )
        .await?;
        Ok(())
    }

    /// Reminds a body that its response is due on `due`; once a day. How many were queued.
    pub(crate) async fn remind_objection_response(
        &self,
        conn: &mut Conn,
        row: &db::objections::ObjectionRow,
        nomination: &db::nominations::NominationRow,
        due: &str,
        today: &str,
        now: &str,
    ) -> Result<usize> {
        let link = self.objection_link(row.cycle_id, row.id);
        let zone = self.office_zone();
        self.tell_staff(
            conn,
            nomination.body_id,
            "objection-response-reminder",
            |lang| {
                vec![
                    ("candidate", name_in(nomination, lang)),
                    ("due", Tr::in_zone(lang, zone).date(due)),
                    ("link", link.clone()),
                ]
            },
            &format!("objection-due:{}:{today}", row.id),
            now,
        )
        .await
    }
}
