//! Notices of a nomination's steps to the nominating body, in each staff member's language,
//! queued in the transaction that makes the step (`laureate_domain::nominations::NominationAction::
//! tells_nominator` says which steps). A return, a rejection, an exclusion or a send-back carries
//! its reasons; every notice links to the nomination.

use super::people::{Mail, send};
use super::{Result, Service};
use crate::db::{self, Conn};
use crate::i18n::Lang;
use laureate_domain::NominationAction;

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
        for (email, lang) in db::people::staff_of_body(conn, row.body_id).await? {
            let lang = Lang::parse(&lang).unwrap_or_default();
            let candidate = match lang {
                Lang::Zh if !row.name_zh.is_empty() => row.name_zh.clone(),
                _ => row.name_en.clone(),
            };
            let mail = Mail {
                to: &email,
                lang,
                subject: "mail-nomination-subject",
                body: "mail-nomination-body",
                args: vec![
                    ("action", action.as_str().to_owned()),
                    ("candidate", candidate),
                    ("reason", reason.unwrap_or_default().to_owned()),
                    (
                        "link",
                        format!("{}/nominations/{}", self.public_url, row.id),
                    ),
                ],
                kind: "nomination",
                dedupe: format!("nomination:{}:{}:{now}:{email}", row.id, action.as_str()),
            };
            send(conn, mail, now).await?;
        }
        Ok(())
    }
}
