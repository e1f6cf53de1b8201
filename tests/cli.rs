//! The `quotelens` binary on real inputs: the seed article as text, as JSON
//! Lines and on stdin, a saved news page, and each kind of bad input.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEED_TXT: &str = "tests/fixtures/seed-article.txt";
const SEED_GOLD: &str = "tests/fixtures/seed-article.gold.jsonl";
const PAGE: &str = "tests/fixtures/article.html";

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("stdin accepts the input");
    drop(pipe);
    child.wait_with_output().expect("the binary finishes")
}

fn records(output: &Output) -> Vec<Value> {
    let stdout = std::str::from_utf8(&output.stdout).expect("output is UTF-8");
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `bytes` to a fresh file named `name` for one test.
fn scratch_file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gold() -> Value {
    serde_json::from_str(
        std::fs::read_to_string(SEED_GOLD)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap()
}

fn quote_spans(record: &Value) -> Vec<(u64, u64)> {
    record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap()))
        .collect()
}

fn quote_texts(record: &Value) -> Vec<&str> {
    record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect()
}

/// Every quote's `text` is the code-point slice of `text` its offsets name.
fn assert_offsets_index_into(text: &str, record: &Value) {
    let chars: Vec<char> = text.chars().collect();
    for q in record["quotes"].as_array().unwrap() {
        let (start, end) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(q["text"].as_str().unwrap(), slice);
    }
}

#[test]
fn seed_article_finds_every_gold_quote_with_offsets_into_the_file() {
    let output = run(&["extract", SEED_TXT], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = records(&output);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["id"], "seed-article");
    // The caller has the text of a .txt file; only derived text is printed.
    assert!(record.get("text").is_none());
    assert!(record["speakers"].is_array());

    let text = std::fs::read_to_string(SEED_TXT).unwrap();
    assert_offsets_index_into(&text, record);
    // Gold splits a quote over several paragraphs into one piece a paragraph;
    // each of the 20 pieces must lie inside one found quote.
    let found = quote_spans(record);
    let gold = gold();
    let gold_quotes = gold["quotes"].as_array().unwrap();
    assert_eq!(gold_quotes.len(), 20);
    for g in gold_quotes {
        let (start, end) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
        assert!(
            found.iter().any(|&(s, e)| s <= start && end <= e),
            "gold quote {start}..{end} not found in {found:?}"
        );
    }
}

#[test]
fn every_quote_has_the_documented_fields() {
    let records = records(&run(&["extract", SEED_TXT], None));
    let fields = [
        "start",
        "end",
        "text",
        "speaker",
        "speaker_start",
        "speaker_end",
        "role",
        "cue",
        "kind",
        "confidence",
    ];
    for q in records[0]["quotes"].as_array().unwrap() {
        let object = q.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = fields.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert!(["direct", "partial"].contains(&q["kind"].as_str().unwrap()));
        let confidence = q["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
    }
    for s in records[0]["speakers"].as_array().unwrap() {
        for field in ["name", "role", "aliases", "quote_count"] {
            assert!(s.get(field).is_some(), "speaker without {field}: {s}");
        }
    }
}

#[test]
fn json_lines_input_gives_the_same_quotes_as_the_text_file() {
    let from_txt = records(&run(&["extract", SEED_TXT], None));
    let output = run(&["extract", SEED_GOLD], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let from_jsonl = records(&output);
    assert_eq!(from_jsonl.len(), 1);
    assert_eq!(from_jsonl[0]["id"], "seed-article");
    assert_eq!(from_jsonl[0]["quotes"], from_txt[0]["quotes"]);
}

#[test]
fn stdin_text_is_one_article_with_id_stdin() {
    let text = std::fs::read(SEED_TXT).unwrap();
    let output = run(&["extract", "-"], Some(&text));
    assert!(output.status.success(), "{}", stderr(&output));
    let from_stdin = records(&output);
    let from_file = records(&run(&["extract", SEED_TXT], None));
    assert_eq!(from_stdin.len(), 1);
    assert_eq!(from_stdin[0]["id"], "stdin");
    assert_eq!(from_stdin[0]["quotes"], from_file[0]["quotes"]);
}

#[test]
fn stdin_of_json_objects_is_read_as_json_lines() {
    let input = "{\"id\": \"a\", \"text\": \"“Very soon, we will see,” Blinken said.\"}\n\n{\"id\": 2, \"text\": \"No quotes here.\"}\n";
    let output = run(&["extract", "-"], Some(input.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    let records = records(&output);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "a");
    assert_eq!(quote_texts(&records[0]), ["Very soon, we will see,"]);
    // A numeric id stays a number, so predictions match gold files that use numbers.
    assert_eq!(records[1]["id"], 2);
    assert_eq!(quote_texts(&records[1]), Vec::<&str>::new());
}

#[test]
fn format_flag_overrides_the_guess() {
    // A line that starts with `{` would be guessed as JSON Lines.
    let input = "{Update} Lammy added: “It was important to go to the UAE.”";
    let output = run(&["extract", "--format", "txt", "-"], Some(input.as_bytes()));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        quote_texts(&records(&output)[0]),
        ["It was important to go to the UAE."]
    );

    let page = std::fs::read(PAGE).unwrap();
    let output = run(&["extract", "--format", "html", "-"], Some(&page));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(records(&output)[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("US Secretary of State"));
}

const PAGE_TEXT: &str = "US Secretary of State Antony Blinken and British Foreign Secretary David Lammy warned about Iran’s “malign” threat to the Middle East and Europe after they met in London.
On a one-day visit to the UK, Blinken also said there must be “no role for Hamas going forward” in Gaza.
Lammy said the pair were aligned, telling a press conference at the Foreign Office: “On the Middle East, we are completely aligned on the need to secure that ceasefire.”
‘A pathway to two states’
Blinken said: “What I think is absolutely essential – and they all say this – is that there has to be a pathway to two states.
“Our nations helped Israel defend itself against an unprecedented attack from Iran a few months ago.”
“Very soon, we will put that before the parties,” he added.
\"So we’re down to a handful of issues & they are hard but fully resolvable,” Blinken said.
Lammy added: «\u{a0}It was important to go to the UAE\u{a0}», in French.";

#[test]
fn html_page_yields_the_article_text_and_only_its_quotes() {
    let output = run(&["extract", PAGE], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = records(&output);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["id"], "article");
    let text = record["text"]
        .as_str()
        .expect("an HTML page's output carries its text");
    // Entities decoded, white space collapsed (a no-break space is text, as in the
    // browser), `<br>` and blocks on their own lines, and nothing from head,
    // header, nav, ads, asides, forms, comments or footer.
    assert_eq!(text, PAGE_TEXT);
    assert_offsets_index_into(text, record);
    assert_eq!(
        quote_texts(record),
        [
            "malign",
            "no role for Hamas going forward",
            "On the Middle East, we are completely aligned on the need to secure that ceasefire.",
            "What I think is absolutely essential – and they all say this – is that there has to be a pathway to two states.\n“Our nations helped Israel defend itself against an unprecedented attack from Iran a few months ago.",
            "Very soon, we will put that before the parties,",
            "So we’re down to a handful of issues & they are hard but fully resolvable,",
            "It was important to go to the UAE",
        ]
    );
}

/// The article text of a saved real page: it starts where the article starts,
/// holds `inside`, and none of `outside` (navigation, widgets, comments).
fn assert_real_page(page: &str, starts: &str, inside: &[&str], outside: &[&str]) -> Value {
    let path = format!("tests/fixtures/pages/{page}.html");
    let output = run(&["extract", &path], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let record = records(&output).remove(0);
    let text = record["text"].as_str().unwrap();
    assert!(
        text.starts_with(starts),
        "{page} starts {:?}",
        &text[..text.len().min(200)]
    );
    for words in inside {
        assert!(text.contains(words), "{page} lacks {words:?}");
    }
    for words in outside {
        assert!(!text.contains(words), "{page} has {words:?}");
    }
    assert_offsets_index_into(text, &record);
    record
}

#[test]
fn real_pages_yield_their_article_and_its_quotes() {
    // Washington Post: a photo gallery widget ("1 of 24", "Full Screen") tops the
    // article; its lead caption (no picture beside it in the markup) stays.
    let wapo = assert_real_page(
        "wapo-1",
        "Security forces in Tunisia stormed the country’s most prominent museum",
        &[
            "CAIRO — Gunmen opened fire on visitors at Tunisia’s most renowned museum",
            "Heba Habib contributed to this report.",
        ],
        &["Full Screen", "Skip Ad", "1 of 24"],
    );
    assert!(quote_texts(&wapo).contains(&"Our nation is in danger,"));
    // Libération: the whole page sits in a `div#ad-portal`; quotes in « ».
    let liberation = assert_real_page(
        "liberation-1",
        "Un troisième Français a été tué dans le tremblement de terre",
        &["a ajouté\u{a0}Laurent Fabius"],
        &["Se connecter", "S'inscrire"],
    );
    assert!(
        quote_texts(&liberation).contains(&"Pour certains d’entre eux on est très interrogatif")
    );
    // heise: German, with a forum link box and legal links around the article;
    // the story starts at its lead (date and headline sit in the page header).
    assert_real_page(
        "heise",
        "Das in der iOS-Version bereits enthaltene TOTP-Feature ist nun auch für OS X 10.10 verfügbar.",
        &[
            "AgileBits hat Version 5.3",
            "mindestens OS X 10.10 voraus. (bsc)",
        ],
        &["Impressum", "Datenschutz", "Kommentare"],
    );
}

#[test]
fn articles_are_printed_in_input_order() {
    let output = run(&["extract", PAGE, SEED_TXT, SEED_GOLD], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<Value> = records(&output).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["article", "seed-article", "seed-article"]);
}

#[test]
fn missing_file_is_reported_and_the_other_files_still_processed() {
    let output = run(
        &["extract", "tests/fixtures/no-such-article.txt", SEED_TXT],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("tests/fixtures/no-such-article.txt: cannot read"),
        "{}",
        stderr(&output)
    );
    let records = records(&output);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "seed-article");
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let bad = scratch_file(
        "utf8",
        "latin1.txt",
        b"First paragraph.\n\xabBonjour\xbb, dit-il.\n",
    );
    let output = run(&["extract", bad.to_str().unwrap(), SEED_TXT], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("latin1.txt:2: invalid UTF-8"),
        "{}",
        stderr(&output)
    );
    assert_eq!(records(&output).len(), 1);
}

#[test]
fn bad_json_lines_are_reported_by_line_and_good_lines_still_processed() {
    let lines = concat!(
        "{\"id\": \"one\", \"text\": \"“Bad things,” Trump said.\"}\n",
        "{\"id\": \"two\", \"text\": \"unterminated\n",
        "{\"id\": \"three\", \"body\": \"no text field\"}\n",
        "{\"id\": \"four\", \"text\": \"“Good things,” Obama said.\", \"extra\": [1, 2]}\n",
    );
    let mut bytes = lines.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"id\": \"five\", \"text\": \"\xff\"}\n");
    let path = scratch_file("jsonl", "mixed.jsonl", &bytes);
    let output = run(&["extract", path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("mixed.jsonl:2: not valid JSON"), "{err}");
    assert!(err.contains("mixed.jsonl:3: no \"text\" field"), "{err}");
    assert!(err.contains("mixed.jsonl:5: invalid UTF-8"), "{err}");
    let records = records(&output);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["one", "four"]);
    assert_eq!(quote_texts(&records[1]), ["Good things,"]);
}

#[test]
fn usage_errors_exit_with_status_2_and_say_what_is_wrong() {
    let cases: [(&[&str], &str); 4] = [
        (&[], "Usage: quotelens <COMMAND>"),
        (&["extract"], "required arguments were not provided"),
        (
            &["summarise", SEED_TXT],
            "unrecognized subcommand 'summarise'",
        ),
        (
            &["extract", "--format", "pdf", "-"],
            "possible values: txt, html, jsonl",
        ),
    ];
    for (args, message) in cases {
        let output = run(args, None);
        assert_eq!(output.status.code(), Some(2), "args {args:?}");
        assert!(
            stderr(&output).contains(message),
            "args {args:?}: {}",
            stderr(&output)
        );
    }
}
