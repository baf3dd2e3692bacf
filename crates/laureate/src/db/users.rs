//! SQL for accounts and nominating bodies.

use super::Conn;
use laureate_domain::Role;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub password_hash: String,
    pub body_id: Option<i64>,
    pub active: i64,
}

const USER_COLUMNS: &str = "id, email, display_name, role, password_hash, body_id, active";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
    pub body_id: Option<i64>,
    pub now: &'a str,
}

pub async fn insert(conn: &mut Conn, u: &NewUser<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, password_hash, body_id, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
    )
    .bind(u.email)
    .bind(u.display_name)
    .bind(u.role)
    .bind(u.password_hash)
    .bind(u.body_id)
    .bind(u.now)
    .fetch_one(conn)
    .await
}

pub async fn find_by_email(conn: &mut Conn, email: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await
}

/// The e-mail addresses of the accounts named, by id.
pub async fn emails_of(
    conn: &mut Conn,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, String>> {
    let mut unique: Vec<i64> = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    // Ids are integers, never user text.
    let list = unique
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let rows: Vec<(i64, String)> =
        sqlx::query_as(&format!("SELECT id, email FROM users WHERE id IN ({list})"))
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn list_by_role(conn: &mut Conn, role: &str) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role = $1 AND active = 1 ORDER BY id"
    ))
    .bind(role)
    .fetch_all(conn)
    .await
}

pub async fn count_by_role(conn: &mut Conn, role: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = $1 AND active = 1")
        .bind(role)
        .fetch_one(conn)
        .await
}

/// (id, display name) of the users of `ids`.
pub async fn names_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    super::fetch_in(
        conn,
        "SELECT id, display_name FROM users WHERE id IN ({in})",
        ids,
    )
    .await
}
