//! The programs one office runs: the five State Science and Technology Prizes, each a rule book
//! of its own, loaded from a folder of files (`data/rules/`): one `{program}.toml` per program and
//! `programs.toml` for what they share. Nothing about a program is a constant in code; the folder
//! shipped with the system is built into it, and an operator may point the server at another.

use crate::grades::SharedQuota;
use crate::rules::{RuleBook, RuleSet};
use serde::Deserialize;

/// The folder shipped with the system, file by file.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "programs.toml",
        include_str!("../../../data/rules/programs.toml"),
    ),
    (
        "highest.toml",
        include_str!("../../../data/rules/highest.toml"),
    ),
    (
        "natural.toml",
        include_str!("../../../data/rules/natural.toml"),
    ),
    (
        "invention.toml",
        include_str!("../../../data/rules/invention.toml"),
    ),
    (
        "progress.toml",
        include_str!("../../../data/rules/progress.toml"),
    ),
    ("istc.toml", include_str!("../../../data/rules/istc.toml")),
];

/// The file that says what the programs share.
pub const INDEX_FILE: &str = "programs.toml";

/// A mistake in a folder of programs: the file, the line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ProgramError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexFile {
    default_program: String,
    order: Vec<String>,
    #[serde(default)]
    shared_quota: Vec<SharedQuota>,
}

/// Every program of the office, in the order the public pages list them.
#[derive(Debug, Clone, PartialEq)]
pub struct Programs {
    pub books: Vec<RuleBook>,
    pub default_program: String,
    pub shared_quotas: Vec<SharedQuota>,
}

impl Programs {
    /// The programs shipped with the system. The files are checked by a test.
    pub fn shipped() -> Programs {
        Programs::from_files(
            SHIPPED
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
        )
        .unwrap_or_else(|e| panic!("shipped programs: {e:?}"))
    }

    /// One program alone (tests of one rule book, and the ISTC Award before programs).
    pub fn only(book: RuleBook) -> Programs {
        Programs {
            default_program: book.program.clone(),
            books: vec![book],
            shared_quotas: Vec::new(),
        }
    }

    /// The programs of a folder's files, `(file name, text)`: every mistake, each naming its
    /// file and line, or the programs.
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Programs, Vec<ProgramError>> {
        let mut errors = Vec::new();
        let mut index = None;
        let mut books: Vec<(String, RuleBook)> = Vec::new();
        // Programs whose file has a mistake: the index may name them without a second error.
        let mut broken: Vec<String> = Vec::new();
        for (name, text) in files {
            if name == INDEX_FILE {
                match toml::from_str::<IndexFile>(&text) {
                    Ok(i) => index = Some(i),
                    Err(e) => errors.push(ProgramError {
                        line: e.span().map_or(1, |s| line_at(&text, s.start)),
                        file: name,
                        message: e.message().to_owned(),
                    }),
                }
                continue;
            }
            match RuleBook::parse(&text) {
                Ok(book) => {
                    let stem = name.strip_suffix(".toml").unwrap_or(&name);
                    if book.program != stem {
                        errors.push(ProgramError {
                            line: line_of_key(&text, "program"),
                            message: format!(
                                "the program `{}` must be in a file named {}.toml",
                                book.program, book.program
                            ),
                            file: name.clone(),
                        });
                    }
                    books.push((name, book));
                }
                Err(e) => errors.push(ProgramError {
                    file: {
                        broken.push(name.strip_suffix(".toml").unwrap_or(&name).to_owned());
                        name
                    },
                    line: e.line(),
                    message: strip_line(&e.to_string()),
                }),
            }
        }
        let Some(index) = index else {
            errors.push(ProgramError {
                file: INDEX_FILE.to_owned(),
                line: 1,
                message: "the folder has no programs.toml naming its programs".to_owned(),
            });
            return Err(errors);
        };
        check_index(&index, &books, &broken, &mut errors);
        check_discipline_groups(&books, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        books.sort_by_key(|(_, b)| index.order.iter().position(|p| *p == b.program));
        Ok(Programs {
            books: books.into_iter().map(|(_, b)| b).collect(),
            default_program: index.default_program,
            shared_quotas: index.shared_quota,
        })
    }

    pub fn get(&self, program: &str) -> Option<&RuleBook> {
        self.books.iter().find(|b| b.program == program)
    }

    /// The program a request that names none means.
    pub fn default_book(&self) -> &RuleBook {
        self.get(&self.default_program)
            .unwrap_or_else(|| &self.books[0])
    }

    /// The program of this full name, in English or Chinese (as public data gives it).
    pub fn by_name(&self, name: &str) -> Option<&RuleBook> {
        self.books
            .iter()
            .find(|b| b.name_en == name || b.name_zh == name)
    }

    /// A rule set of any program, with its program. Rule set ids are unique across programs.
    pub fn rule_set(&self, id: &str) -> Option<(&RuleBook, &RuleSet)> {
        self.books.iter().find_map(|b| b.get(id).map(|r| (b, r)))
    }

    /// The shared limits that name `program`.
    /// Every discipline group of every program, program by program in the listing order, each
    /// once (rule sets of a program usually share theirs).
    pub fn discipline_groups(&self) -> Vec<(&RuleBook, &crate::rules::DisciplineGroup)> {
        let mut out: Vec<(&RuleBook, &crate::rules::DisciplineGroup)> = Vec::new();
        for book in &self.books {
            for g in book.rule_sets.iter().flat_map(|r| &r.discipline_groups) {
                if !out.iter().any(|(_, known)| known.id == g.id) {
                    out.push((book, g));
                }
            }
        }
        out
    }

    /// The discipline group `id` and its program.
    pub fn discipline_group(
        &self,
        id: &str,
    ) -> Option<(&RuleBook, &crate::rules::DisciplineGroup)> {
        self.discipline_groups()
            .into_iter()
            .find(|(_, g)| g.id == id)
    }

    pub fn shared_with(&self, program: &str) -> impl Iterator<Item = &SharedQuota> {
        self.shared_quotas
            .iter()
            .filter(move |q| q.programs.iter().any(|p| p == program))
    }
}

fn check_index(
    index: &IndexFile,
    books: &[(String, RuleBook)],
    broken: &[String],
    errors: &mut Vec<ProgramError>,
) {
    let mut err = |message: String| {
        errors.push(ProgramError {
            file: INDEX_FILE.to_owned(),
            line: 1,
            message,
        });
    };
    let known =
        |p: &str| books.iter().any(|(_, b)| b.program == p) || broken.iter().any(|b| b == p);
    if !known(&index.default_program) {
        err(format!(
            "`default_program` names `{}`, which has no file",
            index.default_program
        ));
    }
    for (_, b) in books {
        if !index.order.contains(&b.program) {
            err(format!("`order` does not list the program `{}`", b.program));
        }
    }
    for p in &index.order {
        if !known(p) {
            err(format!("`order` names `{p}`, which has no file"));
        }
    }
    for q in &index.shared_quota {
        for p in q.programs.iter().filter(|p| !known(p)) {
            err(format!(
                "`shared_quota` {} names `{p}`, which has no file",
                q.id
            ));
        }
    }
    let mut ids: Vec<&str> = books
        .iter()
        .flat_map(|(_, b)| b.rule_sets.iter().map(|r| r.id.as_str()))
        .collect();
    ids.sort_unstable();
    for pair in ids.windows(2).filter(|w| w[0] == w[1]) {
        err(format!("two programs define the rule set `{}`", pair[0]));
    }
}

/// A discipline group belongs to one program: its members and ballots are found by its id.
fn check_discipline_groups(books: &[(String, RuleBook)], errors: &mut Vec<ProgramError>) {
    let mut owner: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for (file, b) in books {
        let mut mine: Vec<&str> = b
            .rule_sets
            .iter()
            .flat_map(|r| r.discipline_groups.iter().map(|g| g.id.as_str()))
            .collect();
        mine.sort_unstable();
        mine.dedup();
        for id in mine {
            match owner.get(id) {
                Some(other) => errors.push(ProgramError {
                    file: file.clone(),
                    line: 1,
                    message: format!(
                        "the discipline group `{id}` is also a group of the program `{other}`"
                    ),
                }),
                None => {
                    owner.insert(id, &b.program);
                }
            }
        }
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |n| n + 1)
}

/// A rule book's message without its own "line N: " (the file's error puts the line first).
fn strip_line(message: &str) -> String {
    message
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map_or(message, |(_, rest)| rest)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_files() -> Vec<(String, String)> {
        SHIPPED
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn the_shipped_folder_holds_the_five_state_prizes_in_order() {
        let p = Programs::shipped();
        let ids: Vec<&str> = p.books.iter().map(|b| b.program.as_str()).collect();
        assert_eq!(ids, ["highest", "natural", "invention", "progress", "istc"]);
        assert_eq!(p.default_book().program, "istc");
        let highest = p.get("highest").unwrap().for_award_year(2026).unwrap();
        assert_eq!(highest.max_recipients_per_round, 2);
        assert_eq!(highest.prize_of(None), Some(8_000_000));
        assert_eq!(highest.required_nationalities, ["CN"]);
        let progress = p.get("progress").unwrap().for_award_year(2026).unwrap();
        let grades: Vec<&str> = progress.grades.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(grades, ["special", "first", "second"]);
        assert_eq!(p.rule_set("istc-2025").unwrap().0.program, "istc");
        // Every rule of every rule set says where it comes from, or that it is unconfirmed.
        for b in &p.books {
            for r in &b.rule_sets {
                for field in [
                    "max_recipients_per_round",
                    "grades",
                    "quorum",
                    "candidate_kinds",
                ] {
                    assert!(r.sources.contains_key(field), "{} {field}", r.id);
                }
            }
        }
    }

    #[test]
    fn a_mistake_is_refused_naming_the_file_and_the_line() {
        let mut files = shipped_files();
        let (_, text) = files.iter_mut().find(|(n, _)| n == "highest.toml").unwrap();
        *text = text.replace(
            "max_recipients_per_round = 2",
            "max_recipients_per_round = \"two\"",
        );
        let line = text.lines().position(|l| l.contains("= \"two\"")).unwrap() + 1;
        let errors = Programs::from_files(files).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, "highest.toml");
        assert_eq!(errors[0].line, line, "{}", errors[0]);
        assert!(
            errors[0].to_string().contains("highest-2020"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn an_evaluation_group_belongs_to_one_program() {
        let programs = Programs::shipped();
        let (book, group) = programs.discipline_group("natural-physics").unwrap();
        assert_eq!(
            (book.program.as_str(), group.name_zh.as_str()),
            ("natural", "物理学")
        );
        assert_eq!(programs.discipline_groups().len(), 8 + 6 + 7);
        // The Invention Award's file borrowing a Natural Science group id is refused by name.
        let files: Vec<(String, String)> = shipped_files()
            .into_iter()
            .map(|(name, text)| {
                let text = if name == "invention.toml" {
                    text.replace("invention-mechanical", "natural-physics")
                } else {
                    text
                };
                (name, text)
            })
            .collect();
        let text: Vec<String> = Programs::from_files(files)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            text.iter().any(|e| e.starts_with("invention.toml:")
                && e.contains("`natural-physics` is also a group of the program `natural`")),
            "{text:?}"
        );
    }

    #[test]
    fn a_program_in_a_file_of_another_name_or_missing_from_the_index_is_refused() {
        let mut files = shipped_files();
        files.push((
            "extra.toml".to_owned(),
            SHIPPED[1].1.replace("highest", "extra"),
        ));
        files.push((
            "wrong.toml".to_owned(),
            SHIPPED[1].1.replace("highest", "other"),
        ));
        let errors = Programs::from_files(files).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|e| e.starts_with("wrong.toml:6:")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.contains("`order` does not list the program `extra`")),
            "{text:?}"
        );
    }
}
