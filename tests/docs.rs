//! The docs name real things: every path `docs/ARCHITECTURE.md` names exists, and
//! every link from the README and between the pages of `docs/` leads somewhere.

use std::path::Path;

/// Where a path in backticks starts, for it to count as a path of this repository.
const ROOTS: &[&str] = &[
    "src/",
    "extension/",
    "tests/",
    "scripts/",
    "docs/",
    "benches/",
    "www/",
    "examples/",
    "fuzz/",
    "store/",
];

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The markdown without its fenced code blocks, whose backticks and brackets are code.
fn prose(markdown: &str) -> String {
    let mut fenced = false;
    let mut kept = String::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// Every `inline code` span that reads as a path in this repository: `src/marks.rs`, `src/cues/`.
fn named_paths(markdown: &str) -> Vec<String> {
    prose(markdown)
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|code| ROOTS.iter().any(|root| code.starts_with(root)))
        .filter(|code| !code.contains(char::is_whitespace))
        .map(str::to_string)
        .collect()
}

/// The targets of `[text](target)` links, without `http` ones.
fn local_links(markdown: &str) -> Vec<String> {
    prose(markdown)
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target.to_string()))
        .filter(|target| !target.starts_with("http"))
        .collect()
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    prose(markdown)
        .lines()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| anchor(heading.trim_start_matches('#')))
        .collect()
}

/// Checks every local link of the page at `page` (a path from the repository root).
fn check_links(page: &str) -> Vec<String> {
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut broken = Vec::new();
    for link in local_links(&read(page)) {
        let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
        let target = if file.is_empty() {
            page.to_string()
        } else {
            dir.join(file).to_string_lossy().into_owned()
        };
        if !Path::new(env!("CARGO_MANIFEST_DIR")).join(&target).exists() {
            broken.push(format!("{page}: {link} (no {target})"));
        } else if !fragment.is_empty() && !anchors(&read(&target)).iter().any(|a| a == fragment) {
            broken.push(format!(
                "{page}: {link} (no heading #{fragment} in {target})"
            ));
        }
    }
    broken
}

#[test]
fn every_path_the_architecture_page_names_exists() {
    let named = named_paths(&read("docs/ARCHITECTURE.md"));
    assert!(
        named.len() > 40,
        "only {} paths found: is the extraction broken?",
        named.len()
    );
    let missing: Vec<&String> = named
        .iter()
        .filter(|path| !Path::new(env!("CARGO_MANIFEST_DIR")).join(path).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_readme_links_to_every_page_of_docs() {
    let readme = read("README.md");
    let docs = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")).unwrap();
    for entry in docs {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            assert!(
                readme.contains(&format!("](docs/{name})")),
                "README.md does not link to docs/{name}"
            );
        }
    }
}

#[test]
fn every_local_link_of_the_readme_and_docs_resolves() {
    let mut pages = vec!["README.md".to_string()];
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            pages.push(format!("docs/{name}"));
        }
    }
    let broken: Vec<String> = pages.iter().flat_map(|page| check_links(page)).collect();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn paths_are_found_in_inline_code_and_not_in_code_blocks() {
    let markdown = "See `src/marks.rs` and `src/cues/`, not `a word`.\n```sh\n`src/gone.rs`\n```\n";
    assert_eq!(named_paths(markdown), ["src/marks.rs", "src/cues/"]);
    assert_eq!(anchor("Article extraction"), "article-extraction");
    assert_eq!(
        local_links("[a](ACCURACY.md#speed) [b](https://x.org)"),
        ["ACCURACY.md#speed"]
    );
}
