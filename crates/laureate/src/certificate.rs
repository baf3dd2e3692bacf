//! Certificates as PDF: the layout, the embedded font, the QR code, and the Ed25519 signature
//! that lets anyone check a certificate offline.
//!
//! The statement of a certificate (`CertificateStatement`) is signed as canonical JSON. The PDF
//! carries the statement and the signature in its metadata keywords, after
//! `laureate-certificate:v1:`, both base64url; `verify_offline` reads them back and checks the
//! signature with a published public key. A second keyword, after `laureate-log:v1:`, carries the
//! round's approval in the transparency log (its entry, inclusion proof and signed checkpoint),
//! which `extract_approval` reads back for `transparency::check_approval_log`, whose leaf and
//! checkpoint the signed statement names. The text on the page is drawn from the same statement,
//! as data passed to the layout: nothing a user wrote is ever interpreted as markup.

use crate::transparency::CertificateLog;
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use laureate_domain::conferral::{CertificateStatement, LOG_MARKER, SIGNATURE_MARKER};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// WenQuanYi Micro Hei (Apache-2.0, see `assets/fonts/wqy-microhei.COPYRIGHT`): Latin and CJK in
/// one font, so every name prints in either script. Embedded as a subset in each certificate.
pub(crate) static FONT_DATA: &[u8] = include_bytes!("../assets/fonts/wqy-microhei.ttc");

pub(crate) fn font() -> Option<Font> {
    static FONT: OnceLock<Option<Font>> = OnceLock::new();
    FONT.get_or_init(|| Font::new(FONT_DATA.into(), 0)).clone()
}

/// A signing key and the identifier published with its public key.
#[derive(Clone)]
pub struct KeyPair {
    pub key_id: String,
    key: SigningKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("key_id", &self.key_id)
            .finish()
    }
}

/// The identifier of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id(public: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(public))[..16].to_owned()
}

impl KeyPair {
    pub fn from_seed(seed: [u8; 32]) -> KeyPair {
        let key = SigningKey::from_bytes(&seed);
        KeyPair {
            key_id: key_id(key.verifying_key().as_bytes()),
            key,
        }
    }

    pub fn generate() -> anyhow::Result<KeyPair> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).context("no randomness")?;
        Ok(KeyPair::from_seed(seed))
    }

    /// A key file holds the 32-byte seed as 64 hex digits (whitespace around them is ignored).
    pub fn from_hex(text: &str) -> anyhow::Result<KeyPair> {
        let bytes = hex::decode(text.trim())
            .map_err(|_| anyhow::anyhow!("a signing key file holds 64 hex digits"))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("a signing key file holds 64 hex digits"))?;
        Ok(KeyPair::from_seed(seed))
    }

    /// Reads the key from its file (64 hex digits), or makes one there if the file does not
    /// exist, readable by its owner alone. A key file others may read is refused.
    pub fn load_or_create(path: &std::path::Path) -> anyhow::Result<KeyPair> {
        crate::seal::key_file(
            path,
            "certificate key",
            || {
                let key = KeyPair::generate()?;
                let text = key.seed_hex();
                Ok((key, text))
            },
            KeyPair::from_hex,
        )
    }

    /// Reads the key from its file; a file others may read is refused.
    pub fn load(path: &std::path::Path) -> anyhow::Result<KeyPair> {
        crate::seal::read_key_file(path, "signing key", KeyPair::from_hex)
    }

    pub fn seed_hex(&self) -> String {
        hex::encode(self.key.to_bytes())
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// Signs bytes as they are (a package's canonical JSON, say).
    pub fn sign_bytes(&self, bytes: &[u8]) -> Vec<u8> {
        self.key.sign(bytes).to_bytes().to_vec()
    }

    pub fn sign(&self, statement: &CertificateStatement) -> Vec<u8> {
        self.key
            .sign(&statement.signing_bytes())
            .to_bytes()
            .to_vec()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfflineError {
    #[error("this file carries no Laureate certificate signature")]
    NoSignature,
    #[error("the signature block of this file is damaged")]
    Damaged,
    #[error("the certificate was signed with key {0}, not with the key given")]
    OtherKey(String),
    #[error("the signature does not match the statement: the certificate was altered")]
    BadSignature,
}

/// The block a certificate PDF carries after `marker`: base64url and colons, up to the first
/// other byte; `None` when the PDF has no such block.
fn block_after<'a>(pdf: &'a [u8], marker: &str) -> Result<Option<&'a str>, OfflineError> {
    let marker = marker.as_bytes();
    let Some(start) = pdf.windows(marker.len()).position(|w| w == marker) else {
        return Ok(None);
    };
    let rest = &pdf[start + marker.len()..];
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_' || *b == b':'))
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end])
        .map(Some)
        .map_err(|_| OfflineError::Damaged)
}

/// Reads the statement and the signature a certificate PDF carries.
pub fn extract(pdf: &[u8]) -> Result<(CertificateStatement, Vec<u8>), OfflineError> {
    let block = block_after(pdf, SIGNATURE_MARKER)?.ok_or(OfflineError::NoSignature)?;
    let (statement, signature) = block.split_once(':').ok_or(OfflineError::Damaged)?;
    let statement = B64.decode(statement).map_err(|_| OfflineError::Damaged)?;
    let signature = B64.decode(signature).map_err(|_| OfflineError::Damaged)?;
    let statement: CertificateStatement =
        serde_json::from_slice(&statement).map_err(|_| OfflineError::Damaged)?;
    Ok((statement, signature))
}

/// Reads the proof of the round's approval a certificate PDF carries, if it carries one
/// (certificates issued before the transparency log do not).
pub fn extract_approval(pdf: &[u8]) -> Result<Option<CertificateLog>, OfflineError> {
    let Some(block) = block_after(pdf, LOG_MARKER)? else {
        return Ok(None);
    };
    let json = B64.decode(block).map_err(|_| OfflineError::Damaged)?;
    serde_json::from_slice(&json)
        .map(Some)
        .map_err(|_| OfflineError::Damaged)
}

/// Checks a certificate PDF against a published public key, without the server: the statement
/// it carries must be signed by that key. Returns the statement for the verifier to compare with
/// the page.
pub fn verify_offline(pdf: &[u8], public: &[u8; 32]) -> Result<CertificateStatement, OfflineError> {
    let (statement, signature) = extract(pdf)?;
    if statement.key_id != key_id(public) {
        return Err(OfflineError::OtherKey(statement.key_id));
    }
    let key = VerifyingKey::from_bytes(public).map_err(|_| OfflineError::BadSignature)?;
    let signature = Signature::from_slice(&signature).map_err(|_| OfflineError::Damaged)?;
    key.verify_strict(&statement.signing_bytes(), &signature)
        .map_err(|_| OfflineError::BadSignature)?;
    Ok(statement)
}

const PAGE_W: f32 = 842.0;
const PAGE_H: f32 = 595.0;
const ACCENT: (u8, u8, u8) = (139, 26, 26);

/// Widths of text in the embedded font, and lines broken to a width.
pub(crate) struct Measure<'a>(pub(crate) ttf_parser::Face<'a>);

impl Measure<'_> {
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.0
                    .glyph_index(c)
                    .and_then(|g| self.0.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(self.0.units_per_em())
    }

    /// Breaks text into lines no wider than `max`: at spaces where there are spaces, and between
    /// any two characters of Chinese.
    pub(crate) fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut word = String::new();
        let flush_word = |line: &mut String, word: &mut String, lines: &mut Vec<String>| {
            let candidate = format!("{line}{word}");
            if !line.is_empty() && self.width(candidate.trim_end(), size) > max {
                lines.push(line.trim_end().to_owned());
                *line = word.trim_start().to_owned();
            } else {
                *line = candidate;
            }
            word.clear();
        };
        for c in text.chars() {
            word.push(c);
            if c == ' ' || !c.is_ascii() {
                flush_word(&mut line, &mut word, &mut lines);
            }
        }
        flush_word(&mut line, &mut word, &mut lines);
        if !line.trim().is_empty() {
            lines.push(line.trim().to_owned());
        }
        lines
    }
}

/// A double frame in the accent colour.
fn draw_frame(s: &mut krilla::surface::Surface<'_>, accent: rgb::Color) {
    for (inset, width) in [(22.0, 2.5), (30.0, 0.8)] {
        let mut frame = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(inset, inset, PAGE_W - 2.0 * inset, PAGE_H - 2.0 * inset) {
            frame.push_rect(r);
        }
        if let Some(path) = frame.finish() {
            s.set_fill(None);
            s.set_stroke(Some(Stroke {
                paint: accent.into(),
                width,
                ..Stroke::default()
            }));
            s.draw_path(&path);
        }
    }
}

/// The certificate's number, date, verification code and address, and the key that signed it.
fn draw_particulars(
    s: &mut krilla::surface::Surface<'_>,
    font: &Font,
    statement: &CertificateStatement,
    verify_url: &str,
) {
    s.set_fill(Some(Fill {
        paint: rgb::Color::new(30, 30, 30).into(),
        ..Fill::default()
    }));
    for (i, line) in [
        format!("证书编号 Certificate No. {}", statement.number),
        format!("制发日期 Issued {}", statement.issued_on),
        format!("验证码 Verification code {}", statement.code),
        verify_url.to_owned(),
        match (statement.approval_log_index, statement.approval_log_size) {
            (Some(index), Some(size)) => format!(
                "Ed25519 key {}  ·  透明日志 Transparency log: approval, entry {index} of {size}",
                statement.key_id
            ),
            _ => format!("Ed25519 key {}", statement.key_id),
        },
    ]
    .iter()
    .enumerate()
    {
        s.draw_text(
            Point::from_xy(56.0, 480.0 + 15.0 * i as f32),
            font.clone(),
            if i < 3 { 10.0 } else { 8.0 },
            line,
            false,
            TextDirection::Auto,
        );
    }
}

/// The QR code of the verification address, in the lower right corner.
fn draw_qr(s: &mut krilla::surface::Surface<'_>, verify_url: &str) -> anyhow::Result<()> {
    let qr = qrcode::QrCode::new(verify_url.as_bytes()).context("QR code")?;
    let modules = qr.width();
    let cell = 96.0 / modules as f32;
    let (qx, qy) = (PAGE_W - 56.0 - 96.0, PAGE_H - 56.0 - 96.0);
    let mut dark = PathBuilder::new();
    for (i, color) in qr.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark
            && let Some(r) = Rect::from_xywh(
                qx + (i % modules) as f32 * cell,
                qy + (i / modules) as f32 * cell,
                cell,
                cell,
            )
        {
            dark.push_rect(r);
        }
    }
    if let Some(path) = dark.finish() {
        s.draw_path(&path);
    }
    Ok(())
}

/// The PDF's metadata: its title, and in its keywords the signed statement with its signature
/// and, when it carries one, the proof of the round's approval in the log.
fn metadata(
    statement: &CertificateStatement,
    signature: &[u8],
    approval: Option<&CertificateLog>,
) -> anyhow::Result<Metadata> {
    let mut keywords = vec![format!(
        "{SIGNATURE_MARKER}{}:{}",
        B64.encode(statement.signing_bytes()),
        B64.encode(signature)
    )];
    if let Some(approval) = approval {
        let json = serde_json::to_vec(approval).context("the approval's proof")?;
        keywords.push(format!("{LOG_MARKER}{}", B64.encode(json)));
    }
    Ok(Metadata::new()
        .title(format!(
            "{} {} — {}",
            statement.award_zh, statement.number, statement.name_en
        ))
        .creator("Laureate".into())
        .keywords(keywords))
}

/// Renders a certificate: A4 landscape, Chinese above English, the QR code of its verification
/// address in the corner. `signature` is embedded with the statement for offline checks.
pub fn render(
    statement: &CertificateStatement,
    signature: &[u8],
    verify_url: &str,
    approval: Option<&CertificateLog>,
) -> anyhow::Result<Vec<u8>> {
    let font = font().ok_or_else(|| anyhow::anyhow!("the certificate font cannot be read"))?;
    let measure = Measure(
        ttf_parser::Face::parse(FONT_DATA, 0).context("the certificate font cannot be read")?,
    );
    let mut doc = Document::new();
    doc.set_metadata(metadata(statement, signature, approval)?);
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| anyhow::anyhow!("page size"))?;
    let mut page = doc.start_page_with(settings);
    let mut s = page.surface();
    let accent = rgb::Color::new(ACCENT.0, ACCENT.1, ACCENT.2);
    draw_frame(&mut s, accent);
    s.set_stroke(None);
    let text = |s: &mut krilla::surface::Surface, y: f32, size: f32, line: &str, dark: bool| {
        let color = if dark {
            rgb::Color::new(30, 30, 30)
        } else {
            accent
        };
        s.set_fill(Some(Fill {
            paint: color.into(),
            ..Fill::default()
        }));
        let x = (PAGE_W - measure.width(line, size)) / 2.0;
        s.draw_text(
            Point::from_xy(x.max(40.0), y),
            font.clone(),
            size,
            line,
            false,
            TextDirection::Auto,
        );
    };
    text(&mut s, 88.0, 26.0, &statement.award_zh, false);
    text(&mut s, 114.0, 14.0, &statement.award_en, false);
    text(&mut s, 156.0, 22.0, "证书  ·  Certificate", true);
    let name_zh = if statement.name_zh.is_empty() {
        &statement.name_en
    } else {
        &statement.name_zh
    };
    text(&mut s, 204.0, 28.0, name_zh, true);
    if !statement.name_zh.is_empty() {
        text(&mut s, 232.0, 18.0, &statement.name_en, true);
    }
    let mut y = 268.0;
    for (citation, size) in [
        (&statement.citation_zh, 12.0),
        (&statement.citation_en, 11.0),
    ] {
        for line in measure.wrap(citation, size, 600.0).iter().take(3) {
            text(&mut s, y, size, line, true);
            y += size + 6.0;
        }
        y += 4.0;
    }
    let year = if statement.grade_en.is_empty() {
        format!(
            "{}年度  ·  Award year {}",
            statement.award_year, statement.award_year
        )
    } else {
        format!(
            "{}年度{}  ·  Award year {}, {}",
            statement.award_year,
            statement.grade_zh,
            statement.award_year,
            statement.grade_en.to_lowercase()
        )
    };
    text(&mut s, 388.0, 14.0, &year, true);
    let approved = format!(
        "{}批准  ·  Approved by the {}",
        statement.approving_body_zh, statement.approving_body_en
    );
    text(&mut s, 412.0, 11.0, &approved, true);
    if !statement.prize_en.is_empty() {
        let prize = format!("{}  ·  {}", statement.prize_zh, statement.prize_en);
        text(&mut s, 436.0, 11.0, &prize, true);
    }
    // Number, date and verification code on the left; the QR code on the right.
    draw_particulars(&mut s, &font, statement, verify_url);
    draw_qr(&mut s, verify_url)?;
    s.finish();
    page.finish();
    doc.finish()
        .map_err(|e| anyhow::anyhow!("the certificate could not be written: {e:?}"))
}

/// A page of one line in the certificate font: the benchmark's baseline.
pub fn render_line(line: &str) -> anyhow::Result<Vec<u8>> {
    let font = font().ok_or_else(|| anyhow::anyhow!("the certificate font cannot be read"))?;
    let mut doc = Document::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| anyhow::anyhow!("page"))?;
    let mut page = doc.start_page_with(settings);
    let mut s = page.surface();
    s.set_fill(Some(Fill::default()));
    s.draw_text(
        Point::from_xy(56.0, 88.0),
        font,
        12.0,
        line,
        false,
        TextDirection::Auto,
    );
    s.finish();
    page.finish();
    doc.finish()
        .map_err(|e| anyhow::anyhow!("the page could not be written: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(key: &KeyPair) -> CertificateStatement {
        CertificateStatement {
            award_en: "International Science and Technology Cooperation Award".into(),
            award_zh: "中华人民共和国国际科学技术合作奖".into(),
            number: "ISTC-2026-001".into(),
            code: "K7QF-3MZD-9TRA".into(),
            award_year: 2026,
            name_en: "Anna Schmidt".into(),
            name_zh: "安娜·施密特".into(),
            citation_en: "For twenty years of joint research on lightweight alloys.".into(),
            citation_zh: "表彰其二十年来在轻合金领域的联合研究。".into(),
            approving_body_en: "CPC Central Committee and State Council".into(),
            approving_body_zh: "党中央、国务院".into(),
            issued_on: "2026-11-28".into(),
            key_id: key.key_id.clone(),
            ..Default::default()
        }
    }

    #[test]
    fn a_certificate_verifies_offline_with_its_key_and_not_once_altered() {
        let key = KeyPair::from_seed([7; 32]);
        let st = statement(&key);
        let pdf = render(
            &st,
            &key.sign(&st),
            "https://awards.example/verify/K7QF-3MZD-9TRA",
            None,
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let public: [u8; 32] = hex::decode(key.public_hex()).unwrap().try_into().unwrap();
        assert_eq!(verify_offline(&pdf, &public).unwrap(), st);
        // Another office's key is named as such.
        let other = KeyPair::from_seed([8; 32]);
        let other_public: [u8; 32] = hex::decode(other.public_hex()).unwrap().try_into().unwrap();
        assert!(matches!(
            verify_offline(&pdf, &other_public),
            Err(OfflineError::OtherKey(_))
        ));
        // A forged statement with the old signature fails.
        let mut forged = st.clone();
        forged.name_en = "Mallory".into();
        let tampered = render(
            &forged,
            &key.sign(&st),
            "https://awards.example/verify/x",
            None,
        )
        .unwrap();
        assert_eq!(
            verify_offline(&tampered, &public),
            Err(OfflineError::BadSignature)
        );
        assert_eq!(
            verify_offline(b"%PDF-1.7 nothing", &public),
            Err(OfflineError::NoSignature)
        );
    }

    /// A log of `n` entries whose entry 2 approves nominations 41 and 42, signed by `log`; the
    /// approval's proof against its checkpoint.
    fn approval_in(log: &crate::transparency::LogKey, n: u64) -> CertificateLog {
        use crate::transparency::{Hashes, LoggedEntry, hash_text, leaf_hash};
        let entry =
            |i: u64| {
                LoggedEntry {
            seq: i as i64 + 1,
            at: "2026-12-01T08:00:00Z".into(),
            actor: "approver@example.org".into(),
            action: if i == 2 { "cycle.approval" } else { "nomination.submit" }.into(),
            subject_type: "cycle".into(),
            subject_id: "1".into(),
            payload: if i == 2 {
                r#"{"decided_on":"2026-12-01","document":"国发〔2026〕1号","nominations":[41,42]}"#
            } else {
                "{}"
            }
            .into(),
        }
            };
        let mut hashes = Hashes::default();
        for i in 0..n {
            let leaf = leaf_hash(&entry(i).leaf_data());
            let new = tlog_tiles::stored_hashes_for_record_hash(i, leaf, &hashes).unwrap();
            let at = tlog_tiles::stored_hash_index(0, i);
            for (k, h) in new.into_iter().enumerate() {
                hashes.insert(at + k as u64, h);
            }
        }
        let root = tlog_tiles::tree_hash(n, &hashes).unwrap();
        CertificateLog {
            index: 2,
            entry: entry(2),
            size: n,
            root_hash: hash_text(&root),
            proof: tlog_tiles::prove_record(n, 2, &hashes)
                .unwrap()
                .iter()
                .map(hash_text)
                .collect(),
            checkpoint: log.sign_checkpoint(n, &root).unwrap(),
        }
    }

    #[test]
    fn a_certificate_carries_its_approval_in_the_log_and_the_proof_checks_offline() {
        use crate::transparency::{CertificateLogError, LogKey, check_approval_log};
        let key = KeyPair::from_seed([7; 32]);
        let (log, _) = LogKey::generate("awards.example/log").unwrap();
        let approval = approval_in(&log, 9);
        let st = CertificateStatement {
            nomination: 42,
            approval_log_index: Some(2),
            approval_log_size: Some(9),
            ..statement(&key)
        };
        let url = "https://awards.example/verify/K7QF-3MZD-9TRA";
        let pdf = render(&st, &key.sign(&st), url, Some(&approval)).unwrap();
        let public: [u8; 32] = hex::decode(key.public_hex()).unwrap().try_into().unwrap();
        let signed = verify_offline(&pdf, &public).unwrap();
        let carried = extract_approval(&pdf).unwrap();
        let proven = check_approval_log(&signed, carried.as_ref(), log.verifier_key()).unwrap();
        assert_eq!((proven.index, proven.size), (2, 9));
        assert_eq!(proven.document, "国发〔2026〕1号");
        // Another log's key, an entry altered, another nomination, another leaf: each refused.
        let (other, _) = LogKey::generate("awards.example/log").unwrap();
        assert!(matches!(
            check_approval_log(&signed, carried.as_ref(), other.verifier_key()),
            Err(CertificateLogError::Checkpoint(_))
        ));
        let mut altered = approval.clone();
        altered.entry.payload = altered.entry.payload.replace("41,42", "42");
        assert_eq!(
            check_approval_log(&signed, Some(&altered), log.verifier_key()),
            Err(CertificateLogError::NotIncluded)
        );
        for other_statement in [
            CertificateStatement {
                nomination: 43,
                ..signed.clone()
            },
            CertificateStatement {
                approval_log_index: Some(3),
                ..signed.clone()
            },
            CertificateStatement {
                approval_log_size: Some(8),
                ..signed.clone()
            },
        ] {
            assert_eq!(
                check_approval_log(&other_statement, carried.as_ref(), log.verifier_key()),
                Err(CertificateLogError::OtherApproval)
            );
        }
        // A certificate from before the log carries none, and says so.
        let before = render(&statement(&key), &key.sign(&statement(&key)), url, None).unwrap();
        assert_eq!(extract_approval(&before), Ok(None));
        assert_eq!(
            check_approval_log(&statement(&key), None, log.verifier_key()),
            Err(CertificateLogError::NoApproval)
        );
    }

    #[test]
    fn key_files_hold_the_seed_in_hex() {
        let key = KeyPair::generate().unwrap();
        let again = KeyPair::from_hex(&format!("{}\n", key.seed_hex())).unwrap();
        assert_eq!(again.public_hex(), key.public_hex());
        assert_eq!(again.key_id, key.key_id);
        assert!(KeyPair::from_hex("not hex").is_err());
        assert!(KeyPair::from_hex("abcd").is_err());
    }

    #[test]
    fn long_citations_wrap_by_words_and_by_characters() {
        let m = Measure(ttf_parser::Face::parse(FONT_DATA, 0).unwrap());
        let lines = m.wrap(
            "one two three four five six seven eight nine ten",
            12.0,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| m.width(l, 12.0) <= 80.0 || !l.contains(' '))
        );
        assert_eq!(
            lines.join(" "),
            "one two three four five six seven eight nine ten"
        );
        let zh = m.wrap("表彰其二十年来在轻合金领域的联合研究。", 12.0, 60.0);
        assert!(zh.len() > 1);
        assert_eq!(zh.concat(), "表彰其二十年来在轻合金领域的联合研究。");
    }
}
