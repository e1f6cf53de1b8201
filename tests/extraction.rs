//! The article extraction on real pages: one table (tests/fixtures/extraction.json)
//! of what each page's article holds and what it must not, run here through the
//! CLI's scraper DOM and in tests/e2e/extraction.test.mjs through the browser's.

#![cfg(feature = "cli")]

use std::path::Path;

use quotelens::extract::article_text;
use serde_json::Value;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn strings(case: &Value, key: &str) -> Vec<String> {
    case[key]
        .as_array()
        .unwrap_or_else(|| panic!("case {case} has no {key} list"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn every_page_in_the_table_keeps_its_article_and_drops_the_rest() {
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("extraction.json")).unwrap())
            .expect("extraction.json is JSON");
    let cases = table["cases"].as_array().expect("a list of cases");
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in cases {
        let page = case["page"].as_str().expect("a page");
        let html = std::fs::read_to_string(fixtures().join(page)).unwrap();
        let text = article_text(&html);
        // Compare as a reader would: the text's line breaks are paragraph breaks.
        let flat = text.replace('\n', " ");
        for wanted in strings(case, "has") {
            if !flat.contains(&wanted) {
                failures.push(format!("{page}: lost {wanted:?}"));
            }
        }
        for unwanted in strings(case, "lacks") {
            if flat.contains(&unwanted) {
                failures.push(format!("{page}: kept {unwanted:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_seed_page_reads_as_the_seed_article_without_its_headline() {
    let html = std::fs::read_to_string(fixtures().join("seed-article.html")).unwrap();
    let seed = std::fs::read_to_string(fixtures().join("seed-article.txt")).unwrap();
    let text = article_text(&html);
    let lines = text.lines();
    let paragraphs: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.collect::<Vec<_>>(), paragraphs);
}
