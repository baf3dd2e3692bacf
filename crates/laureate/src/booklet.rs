//! Documents for reading on paper: a committee member's book of papers and the ministry package.
//! A booklet is a list of blocks (headings, paragraphs, notes) set in A4 portrait in the
//! certificate's font, Chinese and Latin alike; a copy made for one reader carries their name and
//! the copy's id on every page, across the page and in the footer, so a leaked page names its
//! copy. What readers wrote is only ever text to set, never markup.

use crate::certificate::{FONT_DATA, Measure, font};
use anyhow::Context;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{Point, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = 72.0;
const BOTTOM: f32 = PAGE_H - 64.0;

/// One block of a booklet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title, large.
    Title(String),
    /// A section's heading.
    Heading(String),
    /// A sub-heading.
    Subheading(String),
    /// A paragraph; line ends in it are kept.
    Text(String),
    /// A note in smaller, grey type.
    Note(String),
    /// Starts a new page.
    PageBreak,
}

/// A booklet to render.
#[derive(Debug, Clone, Default)]
pub struct Booklet {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Set across every page and in every footer: the reader's name and the copy's id.
    pub watermark: Option<String>,
    /// Metadata keywords (a signature block, say).
    pub keywords: Vec<String>,
}

/// A rendered booklet.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

struct Style {
    size: f32,
    gap_before: f32,
    grey: bool,
}

fn style(block: &Block) -> Style {
    let (size, gap_before, grey) = match block {
        Block::Title(_) => (20.0, 0.0, false),
        Block::Heading(_) => (14.0, 14.0, false),
        Block::Subheading(_) => (11.5, 10.0, false),
        Block::Text(_) => (10.0, 4.0, false),
        Block::Note(_) => (8.5, 2.0, true),
        Block::PageBreak => (0.0, 0.0, false),
    };
    Style {
        size,
        gap_before,
        grey,
    }
}

/// Lines laid out on pages: (page, y, size, grey, text).
type Placed = Vec<(usize, f32, f32, bool, String)>;

fn lay_out(measure: &Measure<'_>, blocks: &[Block]) -> (Placed, usize) {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut placed = Vec::new();
    let (mut page, mut y) = (0usize, TOP);
    for block in blocks {
        let text = match block {
            Block::PageBreak => {
                if y > TOP {
                    page += 1;
                    y = TOP;
                }
                continue;
            }
            Block::Title(t)
            | Block::Heading(t)
            | Block::Subheading(t)
            | Block::Text(t)
            | Block::Note(t) => t,
        };
        // A field left empty (a name in one script only, say) takes no room.
        if text.trim().is_empty() {
            continue;
        }
        let st = style(block);
        let line_height = st.size * 1.45;
        if y > TOP {
            y += st.gap_before;
        }
        // A heading is not left alone at the foot of a page.
        let keep = if matches!(block, Block::Heading(_) | Block::Subheading(_)) {
            3.0 * line_height
        } else {
            line_height
        };
        if y + keep > BOTTOM {
            page += 1;
            y = TOP;
        }
        for paragraph in text.lines() {
            let lines = if paragraph.trim().is_empty() {
                vec![String::new()]
            } else {
                measure.wrap(paragraph, st.size, width)
            };
            for line in lines {
                if y + line_height > BOTTOM {
                    page += 1;
                    y = TOP;
                }
                y += line_height;
                placed.push((page, y, st.size, st.grey, line));
            }
        }
    }
    (placed, page + 1)
}

fn fill(grey: bool) -> Fill {
    let color = if grey {
        rgb::Color::new(96, 96, 96)
    } else {
        rgb::Color::new(20, 20, 20)
    };
    Fill {
        paint: color.into(),
        ..Fill::default()
    }
}

fn draw_watermark(s: &mut Surface<'_>, font: &Font, measure: &Measure<'_>, mark: &str) {
    let size = 22.0;
    let width = measure.width(mark, size);
    s.push_transform(&Transform::from_rotate_at(
        -35.0,
        PAGE_W / 2.0,
        PAGE_H / 2.0,
    ));
    s.push_opacity(NormalizedF32::new(0.18).unwrap_or(NormalizedF32::ONE));
    s.set_fill(Some(fill(true)));
    s.draw_text(
        Point::from_xy((PAGE_W - width) / 2.0, PAGE_H / 2.0),
        font.clone(),
        size,
        mark,
        false,
        TextDirection::Auto,
    );
    s.pop();
    s.pop();
}

/// Names in both scripts, each once: `安娜 · Anna`, or just `Anna` without a Chinese name.
pub fn both_names(zh: &str, en: &str) -> String {
    [zh.trim(), en.trim()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Renders a booklet, telling `progress` of each page set.
pub fn render(booklet: &Booklet, progress: &dyn Fn(usize, usize)) -> anyhow::Result<Rendered> {
    let font = font().ok_or_else(|| anyhow::anyhow!("the document font cannot be read"))?;
    let measure =
        Measure(ttf_parser::Face::parse(FONT_DATA, 0).context("the document font cannot be read")?);
    let (placed, pages) = lay_out(&measure, &booklet.blocks);
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(booklet.title.clone())
            .creator("Laureate".into())
            .keywords(booklet.keywords.clone()),
    );
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| anyhow::anyhow!("page size"))?;
    let mut lines = placed.iter().peekable();
    for number in 0..pages {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        if let Some(mark) = &booklet.watermark {
            draw_watermark(&mut s, &font, &measure, mark);
        }
        while let Some((_, y, size, grey, text)) = lines.next_if(|l| l.0 == number) {
            if text.is_empty() {
                continue;
            }
            s.set_fill(Some(fill(*grey)));
            s.draw_text(
                Point::from_xy(MARGIN, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        let footer = match &booklet.watermark {
            Some(mark) => format!("{mark}   ·   {} / {pages}", number + 1),
            None => format!("{} / {pages}", number + 1),
        };
        s.set_fill(Some(fill(true)));
        s.draw_text(
            Point::from_xy(MARGIN, PAGE_H - 36.0),
            font.clone(),
            7.5,
            &footer,
            false,
            TextDirection::Auto,
        );
        s.finish();
        page.finish();
        progress(number + 1, pages);
    }
    let pdf = doc
        .finish()
        .map_err(|e| anyhow::anyhow!("the document could not be written: {e:?}"))?;
    Ok(Rendered { pdf, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_flows_onto_new_pages_and_breaks_are_kept() {
        let measure = Measure(ttf_parser::Face::parse(FONT_DATA, 0).unwrap());
        let para = "A paragraph of some length about cooperation. ".repeat(40);
        let mut blocks = vec![Block::Title("Papers".into())];
        for _ in 0..10 {
            blocks.push(Block::Heading("A candidate".into()));
            blocks.push(Block::Text(para.clone()));
        }
        let (placed, pages) = lay_out(&measure, &blocks);
        assert!(pages > 2, "{pages}");
        assert!(placed.iter().all(|(_, y, ..)| *y <= BOTTOM));
        let (_, one) = lay_out(
            &measure,
            &[
                Block::Text("a".into()),
                Block::PageBreak,
                Block::PageBreak,
                Block::Text("b".into()),
            ],
        );
        assert_eq!(one, 2, "two breaks in a row make one new page");
        let (placed, _) = lay_out(
            &measure,
            &[Block::Text(String::new()), Block::Text("x".into())],
        );
        assert_eq!(placed.len(), 1, "an empty field takes no line");
        assert_eq!(both_names("", "Anna"), "Anna");
        assert_eq!(both_names("安娜", "Anna"), "安娜 · Anna");
    }

    #[test]
    fn every_page_is_reported_and_the_file_is_a_pdf() {
        let seen = std::sync::Mutex::new(Vec::new());
        let b = Booklet {
            title: "t".into(),
            blocks: vec![
                Block::Text("一页".into()),
                Block::PageBreak,
                Block::Text("two".into()),
            ],
            watermark: Some("Copy for Anna · 1A2B".into()),
            keywords: vec![],
        };
        let r = render(&b, &|done, total| seen.lock().unwrap().push((done, total))).unwrap();
        assert!(r.pdf.starts_with(b"%PDF-"));
        assert_eq!(r.pages, 2);
        assert_eq!(*seen.lock().unwrap(), vec![(1, 2), (2, 2)]);
    }
}
