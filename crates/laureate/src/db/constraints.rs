//! Which constraint a failed write broke, named the same on both databases. PostgreSQL names the
//! constraint; SQLite names the table and columns of a unique key, or nothing at all for a foreign
//! key. The names come from the migrations themselves (read once), so a constraint added there is
//! known here without another list to keep.

use std::sync::LazyLock;

/// A unique key or primary key as the migrations declare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueKey {
    /// PostgreSQL's name: the `CONSTRAINT` name, the unique index's name, or `{table}_pkey`.
    pub name: String,
    pub table: String,
    pub columns: Vec<String>,
}

/// What a write broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A unique or primary key, by its PostgreSQL name (`cycles_program_award_year_key`); the
    /// name as the database gave it when the migrations do not declare it.
    Unique(String),
    /// A reference to a row that does not exist.
    ForeignKey,
    /// A `CHECK` constraint, by its name when the database gives one.
    Check(Option<String>),
    /// A required column left empty, by its name when the database gives one.
    NotNull(Option<String>),
}

/// Every unique and primary key of the schema (surrogate `{{ID}}` keys aside).
pub static UNIQUE_KEYS: LazyLock<Vec<UniqueKey>> = LazyLock::new(|| {
    // A table rebuilt by a later migration declares its keys again: each key once, as last
    // declared.
    let mut keys: Vec<UniqueKey> = Vec::new();
    for key in super::migrate::MIGRATIONS
        .iter()
        .flat_map(|m| unique_keys(m.sql))
    {
        keys.retain(|k| k.name != key.name);
        keys.push(key);
    }
    keys
});

/// The unique keys a migration declares.
pub fn unique_keys(sql: &str) -> Vec<UniqueKey> {
    let mut out = Vec::new();
    let mut table: Option<String> = None;
    for line in sql.lines() {
        let line = line.split("--").next().unwrap_or("").trim();
        let lower = line.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("create table ") {
            table = rest
                .trim_start_matches("if not exists ")
                .split(|c: char| c == '(' || c.is_whitespace())
                .next()
                .map(str::to_owned);
            continue;
        }
        if let Some(rest) = lower.strip_prefix("create unique index ") {
            // CREATE UNIQUE INDEX name ON table (a, b) [WHERE …]
            let mut words = rest.split_whitespace();
            let name = words.next().unwrap_or_default().to_owned();
            let on_table = rest
                .split(" on ")
                .nth(1)
                .and_then(|r| r.split(|c: char| c == '(' || c.is_whitespace()).next())
                .unwrap_or_default()
                .to_owned();
            out.push(UniqueKey {
                name,
                table: on_table,
                columns: columns_in(rest),
            });
            continue;
        }
        if lower.starts_with(')') {
            table = None;
            continue;
        }
        // A table rebuilt under another name and renamed (SQLite's way to change a check):
        // its keys belong to the final name.
        if let Some((from, to)) = lower
            .strip_prefix("alter table ")
            .and_then(|rest| rest.trim_end_matches(';').split_once(" rename to "))
        {
            for key in out.iter_mut().filter(|k| k.table == from.trim()) {
                key.table = to.trim().to_owned();
            }
            continue;
        }
        let Some(t) = &table else { continue };
        if lower.starts_with("constraint ") && lower.contains(" unique ") {
            let name = lower
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            out.push(UniqueKey {
                name,
                table: t.clone(),
                columns: columns_in(&lower),
            });
        } else if lower.starts_with("primary key") {
            out.push(UniqueKey {
                name: format!("{t}_pkey"),
                table: t.clone(),
                columns: columns_in(&lower),
            });
        } else if lower.contains(" primary key") && !lower.contains("{{id}}") {
            let column = lower
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            out.push(UniqueKey {
                name: format!("{t}_pkey"),
                table: t.clone(),
                columns: vec![column],
            });
        }
    }
    out
}

/// The column names between the first pair of parentheses.
fn columns_in(s: &str) -> Vec<String> {
    s.split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| {
            inside
                .split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The constraint a database error reports, if it is a constraint violation.
pub fn violation(err: &sqlx::Error) -> Option<Violation> {
    use sqlx::error::ErrorKind;
    let db_err = err.as_database_error()?;
    let message = db_err.message();
    match db_err.kind() {
        ErrorKind::UniqueViolation => Some(Violation::Unique(match db_err.constraint() {
            Some(name) => name.to_owned(),
            None => sqlite_unique_name(message),
        })),
        ErrorKind::ForeignKeyViolation => Some(Violation::ForeignKey),
        ErrorKind::CheckViolation => Some(Violation::Check(
            db_err.constraint().map(str::to_owned).or_else(|| {
                message
                    .strip_prefix("CHECK constraint failed: ")
                    .map(str::to_owned)
            }),
        )),
        ErrorKind::NotNullViolation => Some(Violation::NotNull(
            message
                .strip_prefix("NOT NULL constraint failed: ")
                .map(|c| c.rsplit('.').next().unwrap_or(c).to_owned()),
        )),
        _ => None,
    }
}

/// SQLite says `UNIQUE constraint failed: cycles.program, cycles.award_year` (for a unique index
/// too); the key with that table and those columns is the one broken.
fn sqlite_unique_name(message: &str) -> String {
    let Some(list) = message.strip_prefix("UNIQUE constraint failed: ") else {
        return message.to_owned();
    };
    let mut table = String::new();
    let mut columns = Vec::new();
    for part in list.split(',') {
        let (t, c) = part.trim().split_once('.').unwrap_or(("", part.trim()));
        table = t.to_owned();
        columns.push(c.to_owned());
    }
    UNIQUE_KEYS
        .iter()
        .find(|k| k.table == table && k.columns == columns)
        .map_or_else(
            || format!("{table}_{}_key", columns.join("_")),
            |k| k.name.clone(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_are_read_from_the_migrations_with_their_postgres_names() {
        let keys = &*UNIQUE_KEYS;
        let find = |name: &str| keys.iter().find(|k| k.name == name).cloned();
        assert_eq!(
            find("cycles_program_award_year_key").unwrap().columns,
            ["program", "award_year"]
        );
        assert_eq!(
            find("ballot_participation_pkey").unwrap().columns,
            ["ballot_item_id", "member_id"]
        );
        assert_eq!(find("sessions_pkey").unwrap().columns, ["token_hash"]);
        assert!(find("users_email_key").is_some());
        // Surrogate ids are not keys anyone can break.
        assert!(find("users_pkey").is_none());
    }

    #[test]
    fn sqlite_messages_name_the_same_key_as_postgres() {
        assert_eq!(
            sqlite_unique_name("UNIQUE constraint failed: cycles.program, cycles.award_year"),
            "cycles_program_award_year_key"
        );
        assert_eq!(
            sqlite_unique_name(
                "UNIQUE constraint failed: ballot_participation.ballot_item_id, ballot_participation.member_id"
            ),
            "ballot_participation_pkey"
        );
        assert_eq!(
            sqlite_unique_name("UNIQUE constraint failed: users.email"),
            "users_email_key"
        );
    }

    #[test]
    fn unique_indexes_are_keys_too() {
        let keys = unique_keys(
            "CREATE UNIQUE INDEX conflicts_active_key ON conflicts (expert_id, nomination_id) WHERE x;",
        );
        assert_eq!(keys[0].name, "conflicts_active_key");
        assert_eq!(keys[0].table, "conflicts");
        assert_eq!(keys[0].columns, ["expert_id", "nomination_id"]);
    }
}
