//! Time to issue ten certificates (statement, Ed25519 signature, PDF with the embedded CJK font
//! subset and the QR code, SHA-256), against a baseline measured in the same run: ten one-line
//! PDFs in the same font. Run with `cargo bench -p laureate --bench certificates`.

use laureate::certificate::{KeyPair, render};
use laureate_domain::conferral::CertificateStatement;
use sha2::{Digest, Sha256};
use std::time::Instant;

fn statement(i: usize, key: &KeyPair) -> CertificateStatement {
    CertificateStatement {
        award_en: "International Science and Technology Cooperation Award of the People's Republic of China".into(),
        award_zh: "中华人民共和国国际科学技术合作奖".into(),
        number: format!("ISTC-2026-{i:03}"),
        code: format!("K7QF-3MZD-{i:04}"),
        award_year: 2026,
        name_en: format!("Laureate Number {i}"),
        name_zh: "安娜·施密特".into(),
        citation_en: "For twenty years of joint research on lightweight alloys with Chinese institutes, and for training a generation of Chinese engineers.".into(),
        citation_zh: "表彰其二十年来与中国科研机构在轻合金领域开展的联合研究，以及为中国培养了一代工程师。".into(),
        approving_body_en: "CPC Central Committee and State Council".into(),
        approving_body_zh: "党中央、国务院".into(),
        issued_on: "2026-11-28".into(),
        key_id: key.key_id.clone(),
        ..Default::default()
    }
}

fn main() {
    let key = KeyPair::from_seed([7; 32]);
    // Warm up: the font is parsed once per process.
    let _ = render(
        &statement(0, &key),
        &key.sign(&statement(0, &key)),
        "https://x/verify/0",
        None,
    );
    let rounds = 5;
    let mut full = Vec::new();
    let mut sizes = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        for i in 1..=10 {
            let s = statement(i, &key);
            let pdf = render(
                &s,
                &key.sign(&s),
                &format!("https://awards.example/verify/{}", s.code),
                None,
            )
            .expect("a certificate");
            sizes += pdf.len();
            std::hint::black_box(Sha256::digest(&pdf));
        }
        full.push(started.elapsed().as_secs_f64());
    }
    full.sort_by(f64::total_cmp);
    let median = full[rounds / 2];
    // The baseline: ten pages of one short line in the same font, unsigned, no QR code.
    let mut base = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        for i in 1..=10 {
            let page =
                laureate::certificate::render_line(&format!("Laureate {i}")).expect("a page");
            std::hint::black_box(page);
        }
        base.push(started.elapsed().as_secs_f64());
    }
    base.sort_by(f64::total_cmp);
    let baseline = base[rounds / 2];
    println!(
        "ten certificates: median {:.1} ms ({:.1} ms each), {} KB each on average",
        median * 1e3,
        median * 1e2,
        sizes / rounds / 10 / 1024
    );
    println!(
        "baseline, ten one-line pages in the same font: median {:.1} ms; ratio {:.2}",
        baseline * 1e3,
        median / baseline
    );
}
