//! One home per decision. The core decides which characters can open a quote
//! (`src/marks.rs`); the extension's pre-check, which loads nothing on a page
//! without one, is written in JavaScript and must say the same. The names of the
//! extension's messages live in `extension/messages.js` alone.
//!
//! The pre-check is checked here rather than generated at build time: the
//! extension's JavaScript then ships as written (what `BUILD.md` promises store
//! reviewers), and `cargo test` already runs everywhere the core is built.

use quotelens::{DIALOGUE_DASHES, QUOTATION_MARKS};
use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The characters of a JavaScript character class such as `"\u201c\u00ab`.
fn class_chars(class: &str) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    let mut rest = class.chars();
    while let Some(c) = rest.next() {
        if c != '\\' {
            chars.insert(c);
            continue;
        }
        match rest.next() {
            Some('u') => {
                let hex: String = rest.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("\\u and four hex digits");
                chars.insert(char::from_u32(code).expect("a scalar value"));
            }
            Some(escaped) => {
                chars.insert(escaped);
            }
            None => panic!("a class ends in a backslash: {class}"),
        }
    }
    chars
}

/// The character classes of the regular expression `const QUOTE_MARKS = /…/` in content.js.
fn pre_check_classes() -> Vec<BTreeSet<char>> {
    let script = read("extension/content.js");
    let line = script
        .lines()
        .find(|l| l.trim_start().starts_with("const QUOTE_MARKS = /"))
        .expect("extension/content.js defines QUOTE_MARKS");
    line.split('[')
        .skip(1)
        .map(|part| class_chars(part.split_once(']').expect("a closed class").0))
        .collect()
}

#[test]
fn the_extension_pre_check_looks_for_the_marks_and_dashes_the_core_reads() {
    let classes = pre_check_classes();
    let marks: BTreeSet<char> = QUOTATION_MARKS.iter().copied().collect();
    let dashes: BTreeSet<char> = DIALOGUE_DASHES.iter().copied().collect();
    assert_eq!(
        classes,
        [marks, dashes],
        "QUOTE_MARKS in extension/content.js must be [QUOTATION_MARKS] anywhere or \
         ^\\s*[DIALOGUE_DASHES] (src/marks.rs)"
    );
}

#[test]
fn a_page_holding_only_a_mark_the_pre_check_once_missed_is_analysed() {
    for text in [
        "＂Yes,＂ he said.",
        "‟Yes,” he said.",
        "—No vamos —dijo el presidente—.",
    ] {
        let language = text.starts_with('—').then_some("es");
        let analysis = quotelens::analyze_with(text, &quotelens::Options { language });
        assert_eq!(analysis.quotes.len(), 1, "{text}");
    }
}

#[test]
fn message_names_are_written_only_in_messages_js() {
    for script in [
        "extension/content.js",
        "extension/background.js",
        "extension/popup.js",
    ] {
        let text = read(script);
        for spelled in ["type: '", "type: \"", "type === '", "type === \""] {
            assert!(
                !text.contains(spelled),
                "{script} spells a message name out (`{spelled}…`): use MESSAGES from extension/messages.js"
            );
        }
        assert!(text.contains("MESSAGES."), "{script} uses no MESSAGES");
    }
}

#[test]
fn every_extension_page_loads_the_message_names_first() {
    let manifest = read("extension/manifest.json");
    let parsed: serde_json::Value = serde_json::from_str(&manifest).expect("manifest.json is JSON");
    // Content scripts share one global, in the order the manifest lists them.
    let scripts: Vec<&str> = parsed["content_scripts"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|entry| entry["js"].as_array().into_iter().flatten())
        .filter_map(|s| s.as_str())
        .collect();
    let at = |name: &str| scripts.iter().position(|s| *s == name);
    assert!(
        matches!((at("messages.js"), at("content.js")), (Some(m), Some(c)) if m < c),
        "the content scripts load messages.js before content.js: {scripts:?}"
    );
    assert!(
        manifest.contains(r#""type": "module""#),
        "the background is a module"
    );
    assert!(read("extension/background.js").contains("import './messages.js';"));
    let popup = read("extension/popup.html");
    let (messages, popup_js) = (
        popup.find(r#"<script src="messages.js">"#),
        popup.find(r#"<script src="popup.js">"#),
    );
    assert!(
        messages.is_some() && messages < popup_js,
        "popup.html loads messages.js before popup.js"
    );
    assert!(read("extension/build.mjs").contains("'messages.js'"));
}
