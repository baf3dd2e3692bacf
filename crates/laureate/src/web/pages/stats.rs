//! The award in time and in numbers: its history, and the statistics of the registry with their charts.

use super::view::Tally;
use super::{Chrome, PageError, render};
use crate::i18n::Tr;
use crate::service::registry::StatsView;
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::PageCtx;
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use laureate_domain::CandidateKind;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/history", get(history))
        .route("/stats", get(stats))
}

/// The award's history (SPEC section 2): year, catalogue key, the rule set it created, source.
const HISTORY: &[(&str, &str, Option<&str>, &str)] = &[
    ("1992", "history-1992", None, ""),
    (
        "1994",
        "history-1994",
        None,
        "https://en.wikipedia.org/wiki/China_International_Science_and_Technology_Cooperation_Award",
    ),
    (
        "1996",
        "history-1996",
        None,
        "https://en.wikipedia.org/wiki/China_International_Science_and_Technology_Cooperation_Award",
    ),
    (
        "1999",
        "history-1999",
        Some("istc-1999"),
        "https://en.wikipedia.org/wiki/State_Science_and_Technology_Prizes",
    ),
    ("2003", "history-2003", Some("istc-2003"), ""),
    ("2013", "history-2013", Some("istc-2013"), ""),
    ("2020", "history-2020", Some("istc-2020"), ""),
    (
        "2021",
        "history-2021",
        None,
        "http://www.sxhrtjx.cn/html/60c099849.html",
    ),
    (
        "2022",
        "history-2022",
        None,
        "https://en.wikipedia.org/wiki/China_International_Science_and_Technology_Cooperation_Award",
    ),
    (
        "2024",
        "history-2024",
        Some("istc-2024"),
        "http://en.people.cn/n3/2024/0625/c90000-20185220.html",
    ),
    ("2025", "history-2025", Some("istc-2025"), ""),
];

pub struct HistoryEvent {
    pub year: &'static str,
    pub title: String,
    pub text: String,
    pub rule_set: Option<&'static str>,
    pub source: &'static str,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Chrome,
    events: Vec<HistoryEvent>,
}

async fn history(ctx: PageCtx) -> Response {
    let t = ctx.tr;
    let events = HISTORY
        .iter()
        .map(|(year, key, rule_set, source)| HistoryEvent {
            year,
            title: t.get(&format!("{key}-title")),
            text: t.get(&format!("{key}-text")),
            rule_set: *rule_set,
            source,
        })
        .collect();
    let page = HistoryPage {
        c: Chrome::new(&ctx, t.get("history-title"), "history"),
        events,
    };
    render(&ctx, StatusCode::OK, page)
}

pub struct YearRow {
    pub award_year: i64,
    pub held: i64,
    pub reported: Option<i64>,
    pub class: &'static str,
    pub label: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    c: Chrome,
    /// The awards whose statistics may be read (`value`: the program's id), and the one read.
    awards: Vec<super::view::Choice>,
    program: String,
    program_name: String,
    totals_text: String,
    chart: String,
    cumulative_chart: String,
    country_chart: String,
    kind_chart: String,
    field_chart: String,
    years: Vec<YearRow>,
    by_country: Vec<Tally>,
    by_kind: Vec<Tally>,
    by_field: Vec<Tally>,
}

/// A horizontal bar chart as accessible SVG; the numbers are also in the table beside it.
fn bar_chart(id: &str, title: &str, rows: &[Tally]) -> String {
    let rows: Vec<&Tally> = rows.iter().take(15).collect();
    let max = rows.iter().map(|r| r.count).max().unwrap_or(1).max(1);
    let row_h = 22;
    let height = rows.len() as i64 * row_h + 10;
    let mut svg = format!(
        r#"<svg role="img" aria-labelledby="{id}-title" viewBox="0 0 600 {height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    for (i, Tally { label, count: n }) in rows.iter().enumerate() {
        let y = i as i64 * row_h + 5;
        let w = n * 380 / max;
        svg.push_str(&format!(
            r##"<text x="190" y="{}" font-size="12" text-anchor="end">{}</text><rect x="200" y="{y}" width="{w}" height="16" fill="#8c1c13"><title>{}: {n}</title></rect><text x="{}" y="{}" font-size="12">{n}</text>"##,
            y + 13,
            escape(&label.chars().take(30).collect::<String>()),
            escape(label),
            205 + w,
            y + 13
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Cumulative records held against laureates reported, as an accessible SVG line chart.
fn cumulative_chart(t: &Tr, stats: &StatsView) -> String {
    let years = &stats.years;
    let max = years
        .iter()
        .map(|y| y.cumulative_held.max(y.cumulative_reported))
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h) = (600_i64, 200_i64);
    let step = if years.len() > 1 {
        (w - 60) / (years.len() as i64 - 1)
    } else {
        0
    };
    let point =
        |i: usize, v: i64| format!("{},{}", 40 + i as i64 * step, h - 10 - v * (h - 30) / max);
    let held: Vec<String> = years
        .iter()
        .enumerate()
        .map(|(i, y)| point(i, y.cumulative_held))
        .collect();
    let reported: Vec<String> = years
        .iter()
        .enumerate()
        .map(|(i, y)| point(i, y.cumulative_reported))
        .collect();
    let mut svg = format!(
        r##"<svg role="img" aria-labelledby="cum-title cum-desc" viewBox="0 0 {w} {}" xmlns="http://www.w3.org/2000/svg"><title id="cum-title">{}</title><desc id="cum-desc">{}</desc><polyline points="{}" fill="none" stroke="#9aa1a9" stroke-width="2"/><polyline points="{}" fill="none" stroke="#8c1c13" stroke-width="3"/>"##,
        h + 20,
        escape(&t.get("stats-cumulative")),
        escape(&t.get("stats-cumulative-caption")),
        reported.join(" "),
        held.join(" ")
    );
    for (i, y) in years.iter().enumerate() {
        if i % 3 == 0 {
            svg.push_str(&format!(
                r#"<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
                40 + i as i64 * step,
                h + 12,
                y.award_year
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Held against reported per award year, as an accessible SVG bar chart.
fn year_chart(t: &Tr, stats: &StatsView) -> String {
    let years: Vec<_> = stats.years.iter().collect();
    let max = years
        .iter()
        .map(|y| y.held.max(y.reported.unwrap_or(0)))
        .max()
        .unwrap_or(1)
        .max(1);
    let bar_w = 14;
    let gap = 10;
    let height = 180;
    let width = years.len() as i64 * (2 * bar_w + gap) + 40;
    let mut svg = format!(
        r#"<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        height + 40,
        escape(&t.get("stats-per-year")),
        escape(&t.get("stats-chart-caption"))
    );
    for (i, y) in years.iter().enumerate() {
        let x = 30 + i as i64 * (2 * bar_w + gap);
        let h_reported = y.reported.unwrap_or(0) * height / max;
        let h_held = y.held * height / max;
        svg.push_str(&format!(
            r##"<rect x="{x}" y="{}" width="{bar_w}" height="{h_reported}" fill="#c9ced4"><title>{} {}: {}</title></rect>"##,
            height - h_reported,
            y.award_year,
            escape(&t.get("stats-reported")),
            y.reported.map_or_else(|| t.get("unknown"), |r| r.to_string())
        ));
        svg.push_str(&format!(
            r##"<rect x="{}" y="{}" width="{bar_w}" height="{h_held}" fill="#8c1c13"><title>{} {}: {}</title></rect>"##,
            x + bar_w,
            height - h_held,
            y.award_year,
            escape(&t.get("stats-held")),
            y.held
        ));
        if i % 2 == 0 {
            svg.push_str(&format!(
                r#"<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
                x + bar_w,
                height + 14,
                y.award_year
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Each award by its short name, for a choice between them.
fn award_choices(t: &Tr, programs: &laureate_domain::Programs) -> Vec<super::view::Choice> {
    programs
        .books
        .iter()
        .map(|b| super::view::Choice::new(b.program.clone(), t.pick(&b.short_en, &b.short_zh)))
        .collect()
}

/// Which award's statistics the page shows.
#[derive(Debug, Default, serde::Deserialize)]
struct StatsParams {
    #[serde(default)]
    program: Option<String>,
}

async fn stats(
    ctx: PageCtx,
    PublicReads(reader): PublicReads,
    axum::extract::Query(q): axum::extract::Query<StatsParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let stats = reader.stats(q.program.as_deref()).await?;
    let programs = reader.programs();
    let awards = award_choices(&t, programs);
    let program_name = programs
        .get(&stats.program)
        .map_or("", |b| t.pick(&b.name_en, &b.name_zh))
        .to_owned();
    let years = stats
        .years
        .iter()
        .map(|y| {
            let (class, key) = if y.basis == laureate_domain::registry::YearBasis::None {
                ("complete", "stats-none-awarded")
            } else if y.complete {
                ("complete", "stats-complete")
            } else if y.reported.is_none() {
                ("partial", "stats-unknown")
            } else {
                ("partial", "stats-partial")
            };
            YearRow {
                award_year: y.award_year,
                held: y.held,
                reported: y.reported,
                class,
                label: t.get(key),
                note: t.pick(&y.note, &y.note_zh).to_owned(),
            }
        })
        .collect();
    let mut page = StatsPage {
        c: Chrome::new(&ctx, t.get("stats-title"), "stats"),
        awards,
        program: stats.program.clone(),
        program_name,
        // Sources report counts of the default program's years only.
        totals_text: t.with(
            if stats.years.iter().any(|y| y.reported.is_some()) {
                "stats-totals"
            } else {
                "stats-totals-held"
            },
            &[
                ("held", stats.total_held.to_string()),
                ("reported", stats.total_reported.to_string()),
            ],
        ),
        chart: year_chart(&t, &stats),
        cumulative_chart: cumulative_chart(&t, &stats),
        years,
        by_country: stats
            .by_country
            .iter()
            .map(|c| {
                Tally::new(
                    if c.key.is_empty() {
                        t.get("unknown")
                    } else {
                        super::registry_country(&t, &c.key)
                    },
                    c.count,
                )
            })
            .collect(),
        by_kind: stats
            .by_kind
            .iter()
            .map(|c| {
                let label = c
                    .key
                    .parse::<CandidateKind>()
                    .map_or_else(|_| c.key.clone(), |k| t.get(k.label_key()));
                Tally::new(label, c.count)
            })
            .collect(),
        by_field: stats
            .by_field
            .iter()
            .map(|c| {
                Tally::new(
                    if c.key.is_empty() {
                        t.get("unknown")
                    } else {
                        super::registry_field(&t, &c.key)
                    },
                    c.count,
                )
            })
            .collect(),
        country_chart: String::new(),
        kind_chart: String::new(),
        field_chart: String::new(),
    };
    page.country_chart = bar_chart("by-country", &t.get("stats-by-country"), &page.by_country);
    page.kind_chart = bar_chart("by-kind", &t.get("stats-by-kind"), &page.by_kind);
    page.field_chart = bar_chart("by-field", &t.get("stats-by-field"), &page.by_field);
    Ok(render(&ctx, StatusCode::OK, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_names_only_rule_sets_that_exist() {
        let book = laureate_domain::RuleBook::istc();
        for (_, _, rule_set, _) in HISTORY {
            if let Some(id) = rule_set {
                assert!(book.get(id).is_some(), "{id}");
            }
        }
    }
}
