//! A project's dossier (the Natural Science, Technological Invention and S&T Progress awards):
//! its ranked completers and completing organizations, read from a request and held to the
//! cycle's rule set with the proposed grade. A dossier of another kind names neither.

use super::nominations::DossierRequest;
use super::{Checks, Result, ServiceError};
use laureate_domain::RuleSet;
use laureate_domain::candidates::{CandidateKind, Completer, CompletingOrganization};
use laureate_domain::values::{Invalid, country_code, optional_text, required_text};

/// The most completers or organizations a dossier may list, whatever the rule set says: a
/// bound on the request before the rules are read.
const MAX_PROJECT_ROWS: usize = 30;

pub(super) fn parse_completers(
    c: &mut Checks,
    req: &DossierRequest,
) -> (Vec<Completer>, Vec<CompletingOrganization>) {
    for (field, n) in [
        ("completers", req.completers.len()),
        ("organizations", req.organizations.len()),
    ] {
        if n > MAX_PROJECT_ROWS {
            c.push(Invalid::new(field, "too-many").with_detail(MAX_PROJECT_ROWS));
        }
    }
    let mut completers = Vec::new();
    for p in req.completers.iter().take(MAX_PROJECT_ROWS) {
        let name_en = c.check(required_text("completers", &p.name_en, 300));
        let name_zh = c.check(optional_text("completers", &p.name_zh, 300));
        let nationality = c.check(country_code("completers", &p.nationality));
        let affiliation = c.check(optional_text("completers", &p.affiliation, 300));
        let employer = c.check(optional_text("completers", &p.employer_in_china, 300));
        if let (
            Some(name_en),
            Some(name_zh),
            Some(nationality),
            Some(affiliation),
            Some(employer),
        ) = (name_en, name_zh, nationality, affiliation, employer)
        {
            completers.push(Completer {
                name_en,
                name_zh: name_zh.unwrap_or_default(),
                nationality,
                affiliation: affiliation.unwrap_or_default(),
                employer_in_china: employer.unwrap_or_default(),
            });
        }
    }
    let mut organizations = Vec::new();
    for o in req.organizations.iter().take(MAX_PROJECT_ROWS) {
        let name_en = c.check(required_text("organizations", &o.name_en, 300));
        let name_zh = c.check(optional_text("organizations", &o.name_zh, 300));
        let country = c.check(country_code("organizations", &o.country));
        if let (Some(name_en), Some(name_zh), Some(country)) = (name_en, name_zh, country) {
            organizations.push(CompletingOrganization {
                name_en,
                name_zh: name_zh.unwrap_or_default(),
                country,
            });
        }
    }
    (completers, organizations)
}

/// A Chinese partner institution and the years the cooperation ran.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub struct Partner {
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    pub from_year: i64,
    /// Empty: the cooperation goes on.
    #[serde(default)]
    pub to_year: Option<i64>,
}

/// The dossier checked against the cycle's rule set: the grade, and a project's completers
/// and organizations within the rule set's numbers (none for another kind).
pub(super) fn check_rules(
    rules: &RuleSet,
    kind: CandidateKind,
    grade: &str,
    completers: &[Completer],
    organizations: &[CompletingOrganization],
    discipline_group: &str,
) -> Result<()> {
    let mut c = Checks::default();
    match (rules.discipline_groups.is_empty(), discipline_group) {
        (false, "") => c.push(Invalid::new("discipline_group", "required")),
        (false, g) if rules.discipline_group(g).is_none() => {
            c.push(Invalid::new("discipline_group", "not-of-the-program").with_detail(g));
        }
        (true, g) if !g.is_empty() => {
            c.push(Invalid::new("discipline_group", "not-a-discipline-group"));
        }
        _ => {}
    }
    if let Err(e) = check_grade(rules, grade) {
        match e {
            ServiceError::Invalid(v) => v.into_iter().for_each(|i| c.push(i)),
            other => return Err(other),
        }
    }
    let project = kind == CandidateKind::Project;
    let max_completers = if project { rules.max_completers } else { 0 } as usize;
    let max_organizations = if project { rules.max_organizations } else { 0 } as usize;
    if project && completers.is_empty() {
        c.push(Invalid::new("completers", "required"));
    }
    for (field, n, max) in [
        ("completers", completers.len(), max_completers),
        ("organizations", organizations.len(), max_organizations),
    ] {
        if n > max {
            c.push(if max == 0 {
                Invalid::new(field, "not-a-project")
            } else {
                Invalid::new(field, "too-many").with_detail(max)
            });
        }
    }
    c.finish()
}

/// The proposed grade checked against the cycle's rule set: one of its grades for a graded
/// award, none for an ungraded one.
fn check_grade(rules: &RuleSet, grade: &str) -> Result<()> {
    match (rules.graded(), grade.is_empty()) {
        (true, true) => Err(Invalid::new("grade", "required").into()),
        (true, false) if rules.grade(grade).is_none() => {
            Err(Invalid::new("grade", "unknown-grade")
                .with_detail(
                    rules
                        .grades
                        .iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .into())
        }
        (false, false) => Err(Invalid::new("grade", "ungraded-award").into()),
        _ => Ok(()),
    }
}
