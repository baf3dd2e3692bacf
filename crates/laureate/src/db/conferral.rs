//! SQL for ceremonies, medals and certificates, and the keys that sign certificates.

use super::Conn;
use laureate_domain::conferral::{Attendance, Item, ItemState, PlaceKind};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct CeremonyRow {
    pub id: i64,
    pub held_on: String,
    #[sqlx(try_from = "String")]
    pub place_kind: PlaceKind,
    pub place_en: String,
    pub place_zh: String,
    pub presenter: String,
}

pub struct NewCeremony<'a> {
    pub held_on: &'a str,
    pub place_kind: &'a str,
    pub place_en: &'a str,
    pub place_zh: &'a str,
    pub presenter: &'a str,
}

pub async fn insert_ceremony(conn: &mut Conn, c: &NewCeremony<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO ceremonies (held_on, place_kind, place_en, place_zh, presenter, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.held_on)
    .bind(c.place_kind)
    .bind(c.place_en)
    .bind(c.place_zh)
    .bind(c.presenter)
    .bind(now)
    .fetch_one(conn)
    .await
}

const CEREMONY_COLUMNS: &str = "id, held_on, place_kind, place_en, place_zh, presenter";

pub async fn ceremonies(conn: &mut Conn) -> sqlx::Result<Vec<CeremonyRow>> {
    sqlx::query_as(&format!(
        "SELECT {CEREMONY_COLUMNS} FROM ceremonies ORDER BY held_on DESC, id DESC"
    ))
    .fetch_all(conn)
    .await
}

pub async fn find_ceremony(conn: &mut Conn, id: i64) -> sqlx::Result<Option<CeremonyRow>> {
    sqlx::query_as(&format!(
        "SELECT {CEREMONY_COLUMNS} FROM ceremonies WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Adds a laureate to a ceremony; false if they are listed there already.
pub async fn add_honoree(
    conn: &mut Conn,
    ceremony_id: i64,
    laureate_id: i64,
    attendance: Attendance,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ceremony_honorees WHERE ceremony_id = $1 AND laureate_id = $2",
    )
    .bind(ceremony_id)
    .bind(laureate_id)
    .fetch_one(&mut *conn)
    .await?;
    if n > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO ceremony_honorees (ceremony_id, laureate_id, attendance) VALUES ($1, $2, $3)",
    )
    .bind(ceremony_id)
    .bind(laureate_id)
    .bind(attendance.as_str())
    .execute(conn)
    .await?;
    Ok(true)
}

/// The honorees of a ceremony: laureate id, name, award year, attendance.
pub async fn honorees(
    conn: &mut Conn,
    ceremony_id: i64,
) -> sqlx::Result<Vec<(i64, String, i64, Attendance)>> {
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT l.id, l.name, l.award_year, h.attendance FROM ceremony_honorees h \
         JOIN laureates l ON l.id = h.laureate_id WHERE h.ceremony_id = $1 ORDER BY l.name",
    )
    .bind(ceremony_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id, name, year, a)| Ok((id, name, year, super::decode(&a)?)))
        .collect()
}

/// The ceremonies at which a laureate was honoured, with their attendance.
pub async fn ceremonies_of(
    conn: &mut Conn,
    laureate_id: i64,
) -> sqlx::Result<Vec<(CeremonyRow, Attendance)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT ceremony_id, attendance FROM ceremony_honorees WHERE laureate_id = $1",
    )
    .bind(laureate_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for (id, attendance) in rows {
        if let Some(c) = find_ceremony(conn, id).await? {
            out.push((c, super::decode(&attendance)?));
        }
    }
    out.sort_by(|a, b| a.0.held_on.cmp(&b.0.held_on));
    Ok(out)
}

#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    #[sqlx(try_from = "String")]
    pub item: Item,
    #[sqlx(try_from = "String")]
    pub state: ItemState,
    pub issued_on: Option<String>,
    pub presented_on: Option<String>,
    pub recovered_on: Option<String>,
}

pub async fn items(conn: &mut Conn, laureate_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(
        "SELECT item, state, issued_on, presented_on, recovered_on FROM conferral_items \
         WHERE laureate_id = $1 ORDER BY item DESC",
    )
    .bind(laureate_id)
    .fetch_all(conn)
    .await
}

/// Records an item's new state on a day, creating the row when it is first issued.
pub async fn set_item(
    conn: &mut Conn,
    laureate_id: i64,
    item: Item,
    state: ItemState,
    on: &str,
) -> sqlx::Result<()> {
    let (item, state) = (item.as_str(), state);
    if state == ItemState::Issued {
        sqlx::query(
            "INSERT INTO conferral_items (laureate_id, item, state, issued_on) VALUES ($1, $2, 'issued', $3)",
        )
        .bind(laureate_id)
        .bind(item)
        .bind(on)
        .execute(conn)
        .await?;
        return Ok(());
    }
    let column = match state {
        ItemState::Presented => "presented_on",
        _ => "recovered_on",
    };
    sqlx::query(&format!(
        "UPDATE conferral_items SET state = $3, {column} = $4 WHERE laureate_id = $1 AND item = $2"
    ))
    .bind(laureate_id)
    .bind(item)
    .bind(state.as_str())
    .bind(on)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    pub key_id: String,
    pub public_key: String,
    pub secret_key: Option<String>,
    pub created_at: String,
    /// The day (`YYYY-MM-DD`, the office's time zone) from which the key is compromised.
    pub compromised_from: Option<String>,
}

pub async fn keys(conn: &mut Conn) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as(
        "SELECT key_id, public_key, secret_key, created_at, compromised_from FROM signing_keys \
         ORDER BY created_at DESC, key_id",
    )
    .fetch_all(conn)
    .await
}

/// One key, by its id.
pub async fn key(conn: &mut Conn, key_id: &str) -> sqlx::Result<Option<KeyRow>> {
    sqlx::query_as(
        "SELECT key_id, public_key, secret_key, created_at, compromised_from FROM signing_keys \
         WHERE key_id = $1",
    )
    .bind(key_id)
    .fetch_optional(conn)
    .await
}

/// Marks a key compromised from a day; false if there is no such key.
pub async fn mark_compromised(conn: &mut Conn, key_id: &str, day: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE signing_keys SET compromised_from = $1 WHERE key_id = $2")
        .bind(day)
        .bind(key_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_key(
    conn: &mut Conn,
    key_id: &str,
    public_key: &str,
    secret_key: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(key_id)
    .bind(public_key)
    .bind(secret_key)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct CertificateRow {
    pub id: i64,
    pub laureate_id: i64,
    pub number: String,
    pub code: String,
    pub statement: String,
    pub key_id: String,
    pub sha256: String,
    pub issued_at: String,
}

const CERTIFICATE_COLUMNS: &str =
    "id, laureate_id, number, code, statement, key_id, sha256, issued_at";

pub struct NewCertificate<'a> {
    pub laureate_id: i64,
    pub number: &'a str,
    pub code: &'a str,
    pub statement: &'a str,
    pub signature: &'a str,
    pub key_id: &'a str,
    pub pdf: &'a [u8],
    pub sha256: &'a str,
}

pub async fn insert_certificate(
    conn: &mut Conn,
    c: &NewCertificate<'_>,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO certificates (laureate_id, number, code, statement, signature, key_id, pdf, sha256, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(c.laureate_id)
    .bind(c.number)
    .bind(c.code)
    .bind(c.statement)
    .bind(c.signature)
    .bind(c.key_id)
    .bind(c.pdf)
    .bind(c.sha256)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn certificate_by_code(
    conn: &mut Conn,
    code: &str,
) -> sqlx::Result<Option<CertificateRow>> {
    sqlx::query_as(&format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE code = $1"
    ))
    .bind(code)
    .fetch_optional(conn)
    .await
}

pub async fn certificate_of(
    conn: &mut Conn,
    laureate_id: i64,
) -> sqlx::Result<Option<CertificateRow>> {
    sqlx::query_as(&format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE laureate_id = $1"
    ))
    .bind(laureate_id)
    .fetch_optional(conn)
    .await
}

pub async fn certificate_pdf(conn: &mut Conn, laureate_id: i64) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT pdf FROM certificates WHERE laureate_id = $1")
        .bind(laureate_id)
        .fetch_optional(conn)
        .await
}

/// How many certificates of an award year exist, for the next number.
pub async fn count_for_year(conn: &mut Conn, prefix: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM certificates WHERE number LIKE $1")
        .bind(format!("{prefix}%"))
        .fetch_one(conn)
        .await
}

/// An invitation to a ceremony, with the laureate's names and their nominating body.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub ceremony_id: i64,
    pub laureate_id: i64,
    pub name: String,
    pub name_zh: String,
    pub award_year: i64,
    pub body_id: Option<i64>,
    pub invited_at: String,
    pub reply: Option<String>,
    pub replied_at: Option<String>,
}

const INVITATION_SELECT: &str = "SELECT i.ceremony_id, i.laureate_id, l.name, l.name_zh, \
    l.award_year, n.body_id, i.invited_at, i.reply, i.replied_at \
    FROM ceremony_invitations i JOIN laureates l ON l.id = i.laureate_id \
    LEFT JOIN nominations n ON n.id = l.nomination_id";

/// Invites a laureate; false if they were invited to this ceremony already.
pub async fn invite(
    conn: &mut Conn,
    ceremony_id: i64,
    laureate_id: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO ceremony_invitations (ceremony_id, laureate_id, invited_at) VALUES ($1, $2, $3) \
         ON CONFLICT (ceremony_id, laureate_id) DO NOTHING",
    )
    .bind(ceremony_id)
    .bind(laureate_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn invitations(conn: &mut Conn, ceremony_id: i64) -> sqlx::Result<Vec<InvitationRow>> {
    sqlx::query_as(&format!(
        "{INVITATION_SELECT} WHERE i.ceremony_id = $1 ORDER BY i.invited_at, i.laureate_id"
    ))
    .bind(ceremony_id)
    .fetch_all(conn)
    .await
}

pub async fn find_invitation(
    conn: &mut Conn,
    ceremony_id: i64,
    laureate_id: i64,
) -> sqlx::Result<Option<InvitationRow>> {
    sqlx::query_as(&format!(
        "{INVITATION_SELECT} WHERE i.ceremony_id = $1 AND i.laureate_id = $2"
    ))
    .bind(ceremony_id)
    .bind(laureate_id)
    .fetch_optional(conn)
    .await
}

pub async fn reply(
    conn: &mut Conn,
    ceremony_id: i64,
    laureate_id: i64,
    reply: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE ceremony_invitations SET reply = $3, replied_at = $4 \
         WHERE ceremony_id = $1 AND laureate_id = $2",
    )
    .bind(ceremony_id)
    .bind(laureate_id)
    .bind(reply)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The nominating body of a laureate, when the laureate came through a nomination here.
pub async fn body_of_laureate(conn: &mut Conn, laureate_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT n.body_id FROM laureates l JOIN nominations n ON n.id = l.nomination_id WHERE l.id = $1",
    )
    .bind(laureate_id)
    .fetch_optional(conn)
    .await
}
