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
        "why",
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

/// Code points `start..end` of `text`, as annotation positions count them.
fn code_points(text: &str, start: &Value, end: &Value) -> String {
    let (start, end) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn annotation_output_is_one_web_annotation_a_quote_on_the_page() {
    // A text file: the target is the file itself, and each position selects
    // the quote's words in it.
    let output = run(&["extract", "--output", "annotation", SEED_TXT], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let notes = records(&output);
    let quotes = records(&run(&["extract", SEED_TXT], None))[0]["quotes"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(notes.len(), quotes);
    let seed = std::fs::read_to_string(SEED_TXT).unwrap();
    for note in &notes {
        assert_eq!(note["type"], "Annotation");
        assert_eq!(note["@context"][0], "http://www.w3.org/ns/anno.jsonld");
        let source = note["target"]["source"].as_str().unwrap();
        assert!(
            source.starts_with("file:///") && source.ends_with("/tests/fixtures/seed-article.txt")
        );
        let [quote, position] = note["target"]["selector"].as_array().unwrap().as_slice() else {
            panic!("two selectors: {note}");
        };
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        assert_eq!(
            quote["exact"],
            code_points(&seed, &position["start"], &position["end"])
        );
    }
    assert!(notes.iter().any(|n| n["body"]["value"] == "Antony Blinken"));

    // A page with --url: the target is that address; positions count into
    // the article text the JSON Lines output prints.
    let url = "https://www.theguardian.com/world/article";
    let output = run(&["extract", "-o", "annotation", "--url", url, PAGE], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let notes = records(&output);
    let text = records(&run(&["extract", PAGE], None))[0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(notes.len(), 7);
    for note in &notes {
        assert_eq!(note["target"]["source"], url);
        let selectors = &note["target"]["selector"];
        assert_eq!(
            selectors[0]["exact"],
            code_points(&text, &selectors[1]["start"], &selectors[1]["end"])
        );
    }

    // Stdin has no address: said, not guessed.
    let output = run(
        &["extract", "-o", "annotation", "-"],
        Some(b"\"Yes,\" Blinken said."),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no page URL to annotate: give --url"),
        "{}",
        stderr(&output)
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
fn latin1_text_is_read_not_rejected() {
    let latin1 = scratch_file(
        "latin1",
        "latin1.txt",
        b"First paragraph.\n\xabBonjour, mes amis\xbb, said Fran\xe7ois Hollande.\n",
    );
    let output = run(&["extract", latin1.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let record = &records(&output)[0];
    assert_eq!(quote_texts(record), ["Bonjour, mes amis"]);
    assert_eq!(record["quotes"][0]["speaker"], "François Hollande");
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
    let cases: [(&[&str], &str); 7] = [
        (&[], "Usage: quotelens <COMMAND>"),
        (&["extract"], "required arguments were not provided"),
        (
            &["summarise", SEED_TXT],
            "unrecognized subcommand 'summarise'",
        ),
        (
            &["extract", "--format", "pdf", "-"],
            "possible values: txt, html, jsonl, warc",
        ),
        (&["extract", "--speaker", "(Blinken", "-"], "unclosed group"),
        (
            &["extract", "--min-confidence", "2", "-"],
            "2 is outside [0, 1]",
        ),
        (
            &["extract", "--encoding", "klingon", "-"],
            "unknown encoding \"klingon\"",
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

/// Runs the binary like [`run`], but fails the test instead of hanging when it
/// does not finish within a minute (the bugs it guards against looped).
fn run_within_a_minute(args: &[&str], stdin: Option<&'static [u8]>) -> Output {
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = sender.send(run(&args, stdin));
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("quotelens finishes within a minute")
}

fn ids(output: &Output) -> Vec<Value> {
    records(output).iter().map(|r| r["id"].clone()).collect()
}

#[test]
fn a_directory_is_reported_once_and_the_files_after_it_are_read() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli/directory/x.jsonl");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.to_str().unwrap();
    for args in [
        vec!["extract", dir, SEED_TXT],
        vec!["extract", "--format", "jsonl", dir, SEED_GOLD],
    ] {
        let output = run_within_a_minute(&args, None);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("x.jsonl: is a directory"), "{err}");
        assert_eq!(ids(&output), ["seed-article"]);
    }
}

#[test]
fn stdin_json_lines_with_bad_lines_report_them_and_keep_every_article() {
    // BOM first, then an object: JSON Lines; prose and an array are bad lines,
    // not a reason to read it all as one article.
    let input = "\u{feff}{\"id\": \"a\", \"text\": \"“Very soon, we will see,” Blinken said.\"}\n\
                 Some prose that is not JSON.\n[1,2]\n\
                 {\"id\": \"b\", \"text\": \"“It is done,” Lammy said.\"}\n";
    let output = run_within_a_minute(&["extract", "-"], Some(input.as_bytes()));
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("<stdin>:2: not valid JSON"), "{err}");
    assert!(err.contains("<stdin>:3: expected a JSON object"), "{err}");
    assert_eq!(ids(&output), ["a", "b"]);
    assert_eq!(quote_texts(&records(&output)[1]), ["It is done,"]);
}

#[test]
fn a_json_lines_file_starting_with_a_bom_keeps_its_first_line() {
    let path = scratch_file(
        "bom",
        "bom.jsonl",
        "\u{feff}{\"id\": \"first\", \"text\": \"“Yes,” Blinken said.\"}\n{\"id\": \"second\", \"text\": \"No.\"}\n".as_bytes(),
    );
    let output = run(&["extract", path.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ids(&output), ["first", "second"]);
    assert_eq!(quote_texts(&records(&output)[0]), ["Yes,"]);
}

#[test]
fn a_closed_stderr_is_no_reason_to_panic() {
    // `quotelens extract bad.jsonl 2>&1 >/dev/null | head -c1`: stderr closes
    // before the first error is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": 1, \"text\": \"a\"}\nbad\n{\"id\": 2, \"text\": \"b\"}\n")
        .unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(ids(&output), [1, 2]);
}

/// A corpus of `n` articles: the seed article's paragraphs in turn, every
/// 500th line broken, so that batches, quotes and errors all interleave.
fn corpus(n: usize) -> PathBuf {
    let text = std::fs::read_to_string(SEED_TXT).unwrap();
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut lines = String::new();
    for i in 0..n {
        if i % 500 == 499 {
            lines.push_str("{\"id\": \"broken\n");
            continue;
        }
        let article = serde_json::json!({"id": i, "text": paragraphs[i % paragraphs.len()]});
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    scratch_file("corpus", &format!("corpus-{n}.jsonl"), lines.as_bytes())
}

#[test]
fn every_thread_count_prints_the_same_bytes_in_input_order() {
    let corpus = corpus(2500);
    let corpus = corpus.to_str().unwrap();
    let one = run(&["extract", "--jobs", "1", PAGE, corpus, SEED_TXT], None);
    assert_eq!(one.status.code(), Some(1));
    let numbers: Vec<Value> = ids(&one).into_iter().filter(|id| id.is_number()).collect();
    let expected: Vec<Value> = (0..2500)
        .filter(|i| i % 500 != 499)
        .map(Value::from)
        .collect();
    assert_eq!(numbers, expected);
    assert_eq!(stderr(&one).lines().count(), 5);
    for jobs in ["2", "4", "7"] {
        let many = run(&["extract", "--jobs", jobs, PAGE, corpus, SEED_TXT], None);
        assert_eq!(many.status.code(), Some(1));
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} printed other bytes"
        );
        assert_eq!(stderr(&many), stderr(&one));
    }
}

#[test]
fn filters_keep_the_quotes_asked_for_and_every_article() {
    let all = records(&run(&["extract", SEED_TXT, PAGE], None));
    let filtered = records(&run(
        &[
            "extract",
            "--speaker",
            "(?i)lammy",
            "--match",
            "ceasefire|UAE",
            "--min-confidence",
            "0.5",
            SEED_TXT,
            PAGE,
        ],
        None,
    ));
    assert_eq!(filtered.len(), 2);
    for (article, kept) in all.iter().zip(&filtered) {
        let expected: Vec<&Value> = article["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| {
                let text = q["text"].as_str().unwrap();
                q["speaker"].as_str().is_some_and(|s| s.contains("Lammy"))
                    && (text.contains("ceasefire") || text.contains("UAE"))
                    && q["confidence"].as_f64().unwrap() >= 0.5
            })
            .collect();
        assert!(!expected.is_empty());
        let quotes: Vec<&Value> = kept["quotes"].as_array().unwrap().iter().collect();
        assert_eq!(quotes, expected);
        // The speakers are the article's, whatever the filters.
        assert_eq!(kept["speakers"], article["speakers"]);
    }
}

#[test]
fn csv_and_tsv_give_one_row_a_quote_with_a_header() {
    let input = concat!(
        "{\"id\": \"none\", \"text\": \"Nobody said a thing.\"}\n",
        "{\"id\": \"two, with comma\", \"text\": \"“Yes,” Blinken said. “No,” Lammy said.\"}\n",
    );
    let csv = run(&["extract", "--output", "csv", "-"], Some(input.as_bytes()));
    assert!(csv.status.success(), "{}", stderr(&csv));
    let csv = String::from_utf8(csv.stdout).unwrap();
    // RFC 4180, CRLF line ends included.
    assert_eq!(
        csv,
        "id,start,end,text,speaker,speaker_start,speaker_end,role,cue,kind,confidence,why\r\n\
         \"two, with comma\",1,5,\"Yes,\",Blinken,7,14,,said,direct,0.95,\
         \"rule=after; resolution=named; runner_up=; text=after the quote, “said” names “Blinken”\"\r\n\
         \"two, with comma\",22,25,\"No,\",Lammy,27,32,,said,direct,0.95,\
         \"rule=after; resolution=named; runner_up=; text=after the quote, “said” names “Lammy”\"\r\n"
    );
    let tsv = run(&["extract", "-o", "tsv", "-"], Some(input.as_bytes()));
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1][..5],
        ["two, with comma", "1", "5", "Yes,", "Blinken"]
    );
}

/// One WARC record: its headers and block, as a crawler writes it.
fn warc_record(kind: &str, uri: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    response
}

/// A small crawl: an info record, a request, a Latin-1 page declared by HTTP,
/// an image, the same URL crawled again (UTF-8, declared by `<meta>`).
fn crawl_records() -> Vec<Vec<u8>> {
    let latin1_page = b"<html><body><article><p>\xabNous sommes pr\xeats\xbb, said Fran\xe7ois Hollande.</p></article></body></html>";
    let utf8_page = "<html><head><meta charset=\"utf-8\"></head><body><article><p>“We are ready,” Blinken said.</p></article></body></html>";
    vec![
        warc_record("warcinfo", "", "0", b"software: test\r\n"),
        warc_record(
            "request",
            "https://news.example/a",
            "1",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            "2",
            &http_response("text/html; charset=ISO-8859-1", latin1_page),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            "3",
            &http_response("image/png", b"\x89PNG\r\n\x1a\n"),
        ),
        warc_record(
            "response",
            "https://news.example/a",
            "4",
            &http_response("text/html", utf8_page.as_bytes()),
        ),
    ]
}

fn assert_crawl_articles(output: &Output) {
    assert!(output.status.success(), "{}", stderr(output));
    let records = records(output);
    assert_eq!(
        ids(output),
        [
            "https://news.example/a <urn:uuid:2>",
            "https://news.example/a <urn:uuid:4>"
        ]
    );
    assert_eq!(
        records[0]["text"],
        "«Nous sommes prêts», said François Hollande."
    );
    assert_eq!(quote_texts(&records[0]), ["Nous sommes prêts"]);
    assert_eq!(records[0]["quotes"][0]["speaker"], "François Hollande");
    assert_eq!(quote_texts(&records[1]), ["We are ready,"]);
    assert_eq!(records[1]["quotes"][0]["speaker"], "Blinken");
}

#[test]
fn each_html_response_of_a_warc_file_is_an_article() {
    let warc = crawl_records().concat();
    let path = scratch_file("warc", "crawl.warc", &warc);
    assert_crawl_articles(&run(&["extract", path.to_str().unwrap()], None));
    // On stdin, a WARC file is recognised by its first bytes.
    assert_crawl_articles(&run(&["extract", "-"], Some(&warc)));
}

#[test]
fn annotations_point_at_a_warc_records_url_or_a_json_lines_url_unless_url_is_given() {
    let sources = |output: &Output| -> Vec<String> {
        records(output)
            .iter()
            .map(|note| note["target"]["source"].as_str().unwrap().to_string())
            .collect()
    };
    // A web archive on stdin: each page's annotations point at its own URL.
    let warc = crawl_records().concat();
    let output = run(&["extract", "-o", "annotation", "-"], Some(&warc));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(sources(&output), ["https://news.example/a"; 2]);
    // A JSON Lines object's "url"; one without it is said, and the rest printed.
    let lines = b"{\"id\": 1, \"url\": \"https://news.example/b\", \"text\": \"\\u201cYes,\\u201d Blinken said.\"}\n\
                  {\"id\": 2, \"text\": \"\\u201cNo,\\u201d Lammy said.\"}\n";
    let output = run(&["extract", "-o", "annotation", "-"], Some(lines));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(sources(&output), ["https://news.example/b"]);
    assert!(
        stderr(&output).contains("article 2: no page URL to annotate: give --url"),
        "{}",
        stderr(&output)
    );
    // --url wins over both.
    let url = "https://example.org/mirror";
    let output = run(
        &["extract", "-o", "annotation", "--url", url, "-"],
        Some(lines),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(sources(&output), [url; 2]);
    // A file name is percent-encoded in its file: URL.
    let path = scratch_file(
        "annotation",
        "two words.txt",
        "“Yes,” Blinken said.".as_bytes(),
    );
    let output = run(
        &["extract", "-o", "annotation", path.to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        sources(&output)[0].ends_with("/annotation/two%20words.txt"),
        "{:?}",
        sources(&output)
    );
}

#[test]
fn a_warc_gz_of_one_gzip_member_a_record_is_read_to_its_end() {
    use flate2::{write::GzEncoder, Compression};
    let members: Vec<u8> = crawl_records()
        .iter()
        .flat_map(|record| {
            let mut gz = GzEncoder::new(Vec::new(), Compression::default());
            gz.write_all(record).unwrap();
            gz.finish().unwrap()
        })
        .collect();
    let path = scratch_file("warcgz", "CC-NEWS-1.warc.gz", &members);
    assert_crawl_articles(&run(&["extract", path.to_str().unwrap()], None));
    assert_crawl_articles(&run(&["extract", "--format", "warc", "-"], Some(&members)));
}

#[test]
fn a_broken_warc_record_is_reported_after_the_good_ones() {
    let mut warc = crawl_records().concat();
    warc.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\ncut short",
    );
    let path = scratch_file("warcbroken", "cut.warc", &warc);
    let output = run(&["extract", path.to_str().unwrap(), SEED_TXT], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("cut.warc: record 6: the file ends inside this record (9 of its 999 bytes)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(records(&output).len(), 3);
}

/// `bytes` gzipped, as one member.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// `size` zero bytes gzipped, written a block at a time as a bomb is made
/// (`head -c 2G /dev/zero | gzip`): a few kilobytes on disk.
fn gzipped_zeros(size: usize) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    let block = [0u8; 1 << 16];
    for _ in 0..size / block.len() {
        gz.write_all(&block).unwrap();
    }
    gz.finish().unwrap()
}

#[test]
fn a_gzip_bomb_is_reported_and_the_next_file_still_read() {
    let bomb = scratch_file("bomb", "bomb.txt.gz", &gzipped_zeros(8 << 20));
    assert!(std::fs::metadata(&bomb).unwrap().len() < 100 << 10);
    let output = run(
        &[
            "extract",
            "--max-size",
            "1M",
            bomb.to_str().unwrap(),
            SEED_TXT,
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).trim_end(),
        format!(
            "quotelens: {}: input larger than the limit of 1 MiB (--max-size)",
            bomb.display()
        )
    );
    assert_eq!(ids(&output), ["seed-article"]);
}

#[test]
fn a_warc_record_or_page_over_the_limit_is_reported_and_the_next_one_read() {
    // Record 1: an HTML page of 2 MiB; record 2: an image as large (skipped
    // without a word); record 3: a page whose gzip inflates to 8 MiB; then
    // the crawl's own records.
    let mut big_page = b"<html><body><p>".to_vec();
    big_page.resize(2 << 20, b'a');
    let mut bomb =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    bomb.extend_from_slice(&gzipped_zeros(8 << 20));
    let mut records = vec![
        warc_record(
            "response",
            "https://news.example/big",
            "b",
            &http_response("text/html", &big_page),
        ),
        warc_record(
            "response",
            "https://news.example/video",
            "v",
            &http_response("video/mp4", &vec![0; 2 << 20]),
        ),
        warc_record("response", "https://news.example/bomb", "z", &bomb),
    ];
    records.extend(crawl_records());
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let path = scratch_file("warcbomb", "bombs.warc.gz", &members);
    let output = run(
        &["extract", "--max-size", "1M", path.to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let name = path.display();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            format!("quotelens: {name}: record 1: HTML response of 2.0 MiB, over the limit of 1 MiB (--max-size)"),
            format!("quotelens: {name}: record 3: compressed page inflating larger than the limit of 1 MiB (--max-size)"),
        ]
    );
    assert_eq!(
        ids(&output),
        [
            "https://news.example/a <urn:uuid:2>",
            "https://news.example/a <urn:uuid:4>"
        ]
    );
}

#[test]
fn a_warc_file_cut_in_a_header_is_reported() {
    let crawl = crawl_records();
    let mut warc = crawl[2].clone();
    // The next record, cut inside its header.
    warc.extend_from_slice(&crawl[4][..60]);
    let path = scratch_file("warccut", "cut.warc", &warc);
    for input in [path.to_str().unwrap(), "-"] {
        let output = run(&["extract", input, SEED_TXT], Some(&warc));
        assert_eq!(output.status.code(), Some(1), "{input}");
        let name = if input == "-" { "<stdin>" } else { input };
        assert!(
            stderr(&output).contains(&format!(
                "{name}: record 2: the file ends inside the header of this record"
            )),
            "{}",
            stderr(&output)
        );
        assert_eq!(
            ids(&output),
            ["https://news.example/a <urn:uuid:2>", "seed-article"]
        );
    }
}

#[test]
fn a_json_line_over_the_limit_is_reported_and_the_next_line_read() {
    let long = format!("{{\"id\": \"long\", \"text\": \"{}\"}}\n", "a".repeat(3000));
    let lines = format!(
        "{{\"id\": \"first\", \"text\": \"“Yes,” Blinken said.\"}}\n{long}{{\"id\": \"third\", \"text\": \"“No,” Lammy said.\"}}\n"
    );
    let path = scratch_file("longline", "long.jsonl", lines.as_bytes());
    for input in [path.to_str().unwrap(), "-"] {
        let output = run(
            &["extract", "--max-size", "2K", input],
            Some(lines.as_bytes()),
        );
        assert_eq!(output.status.code(), Some(1));
        let name = if input == "-" { "<stdin>" } else { input };
        assert_eq!(
            stderr(&output).trim_end(),
            format!("quotelens: {name}:2: line of 3.0 KiB, over the limit of 2 KiB (--max-size)")
        );
        assert_eq!(ids(&output), ["first", "third"]);
    }
    // The first line of stdin too long to parse is still JSON Lines.
    let output = run(&["extract", "--max-size", "2K", "-"], Some(long.as_bytes()));
    assert!(
        stderr(&output).contains("<stdin>:1: line of"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_stray_byte_in_a_utf8_text_is_replaced_and_warned_about() {
    let mut text = "“We are ready,” Blinken said. Nothing more"
        .as_bytes()
        .to_vec();
    text.push(0xff);
    text.extend_from_slice(".\n".as_bytes());
    let path = scratch_file("stray", "stray.txt", &text);
    let output = run(&["extract", path.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim_end(),
        "quotelens: article \"stray\": 1 invalid UTF-8 sequence replaced by U+FFFD (the first at byte 46)"
    );
    let record = &records(&output)[0];
    assert_eq!(quote_texts(record), ["We are ready,"]);
    assert_eq!(record["quotes"][0]["speaker"], "Blinken");
}

#[test]
fn csv_and_tsv_defuse_fields_a_spreadsheet_would_run() {
    let text =
        "“=SUM(A1:A9) is all they see,” said Mayor Ruth Okafor.\n“-2 is the number,” Okafor said.";
    let path = scratch_file("formula", "formula.txt", text.as_bytes());
    for format in ["csv", "tsv"] {
        let output = run(&["extract", "-o", format, path.to_str().unwrap()], None);
        assert!(output.status.success(), "{}", stderr(&output));
        let rows = String::from_utf8(output.stdout).unwrap();
        assert!(
            rows.contains("'=SUM(A1:A9) is all") && rows.contains("'-2 is the number,"),
            "{format}: {rows}"
        );
        assert!(
            !rows.contains(",=SUM") && !rows.contains("\t=SUM"),
            "{rows}"
        );
    }
}

#[test]
fn a_page_is_decoded_by_its_meta_charset_unless_told_otherwise() {
    // „Ja“ in windows-1252 is 0x84 Ja 0x93; as UTF-8 these bytes are invalid.
    let page = b"<html><head><meta charset=\"windows-1252\"></head><body><article>\
        <p>\x84Wir schaffen das\x93, sagte Angela Merkel.</p></article></body></html>";
    let path = scratch_file("meta", "merkel.html", page);
    let output = run(&["extract", path.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(quote_texts(&records(&output)[0]), ["Wir schaffen das"]);
    // --encoding overrides the declaration: in ISO-8859-7 (Greek) 0x84 and
    // 0x93 are control characters, so no quotation marks are left.
    let output = run(
        &[
            "extract",
            "--encoding",
            "iso-8859-7",
            path.to_str().unwrap(),
        ],
        None,
    );
    let record = &records(&output)[0];
    assert!(record["text"]
        .as_str()
        .unwrap()
        .starts_with("\u{84}Wir schaffen das\u{93}"));
    assert_eq!(quote_texts(record), Vec::<&str>::new());
}

#[test]
fn a_closed_stdout_ends_a_parallel_run_quietly() {
    // `quotelens extract --jobs 4 big.jsonl | head -c 100`
    let corpus = corpus(2500);
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(["extract", "--jobs", "4", corpus.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert!(output.status.code().is_some_and(|code| code <= 1), "{err}");
}

#[test]
fn a_gzipped_json_lines_file_is_read_like_the_plain_one() {
    use flate2::{write::GzEncoder, Compression};
    let plain = std::fs::read(SEED_GOLD).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&plain).unwrap();
    let path = scratch_file("gz", "seed.jsonl.gz", &gz.finish().unwrap());
    let from_gz = run(&["extract", path.to_str().unwrap()], None);
    assert!(from_gz.status.success(), "{}", stderr(&from_gz));
    assert_eq!(from_gz.stdout, run(&["extract", SEED_GOLD], None).stdout);
}

/// `quotelens score GOLD PRED` on two files: its JSON, or the failed output.
fn score(gold: &Path, pred: &Path) -> Result<Value, Output> {
    let output = run(
        &["score", gold.to_str().unwrap(), pred.to_str().unwrap()],
        None,
    );
    if !output.status.success() {
        return Err(output);
    }
    Ok(serde_json::from_slice(&output.stdout).expect("score prints JSON"))
}

/// The CLI's own predictions for a gold file, written to a scratch file.
fn predictions(test: &str, gold: &Path) -> PathBuf {
    let output = run(&["extract", gold.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    scratch_file(test, "pred.jsonl", &output.stdout)
}

#[test]
fn score_measures_the_seed_article_and_is_perfect_on_the_gold_itself() {
    let gold_path = Path::new(SEED_GOLD);
    let scores = score(gold_path, &predictions("score-seed", gold_path)).unwrap();
    assert_eq!(scores["articles"], 1);
    assert_eq!(scores["articles_missing_from_prediction"], 0);
    // Every gold quote is found (see seed_article_finds_every_gold_quote…).
    assert_eq!(scores["detection"]["recall"], 1.0);
    for block in ["detection", "end_to_end"] {
        for figure in ["precision", "recall", "f1"] {
            let value = scores[block][figure].as_f64().unwrap();
            assert!((0.5..=1.0).contains(&value), "{block}.{figure} = {value}");
        }
    }
    // A prediction that is the gold, each quote naming its first speaker, is
    // right on every count.
    let mut perfect = gold();
    for quote in perfect["quotes"].as_array_mut().unwrap() {
        quote["speaker"] = quote["speakers"][0].clone();
        quote.as_object_mut().unwrap().remove("speakers");
    }
    let perfect = scratch_file(
        "score-seed",
        "perfect.jsonl",
        perfect.to_string().as_bytes(),
    );
    let itself = score(gold_path, &perfect).unwrap();
    assert_eq!(itself["gold_quotes"], scores["gold_quotes"]);
    assert_eq!(itself["predicted_quotes"], scores["gold_quotes"]);
    assert_eq!(itself["matched"], scores["gold_quotes"]);
    assert_eq!(itself["attribution_accuracy"], 1.0);
    for figure in ["precision", "recall", "f1"] {
        assert_eq!(itself["detection"][figure], 1.0);
        assert_eq!(itself["end_to_end"][figure], 1.0);
    }
    // Nothing predicted: zero, and the article counted as missing.
    let empty = scratch_file("score-seed", "empty.jsonl", b"");
    let nothing = score(gold_path, &empty).unwrap();
    assert_eq!(nothing["articles_missing_from_prediction"], 1);
    assert_eq!(nothing["detection"]["f1"], 0.0);
    assert_eq!(nothing["attribution_accuracy"], Value::Null);
}

#[test]
fn score_reports_bad_input_by_file_and_line() {
    let gold = scratch_file(
        "score-bad",
        "gold.jsonl",
        b"{\"id\": 1, \"text\": \"abc\", \"quotes\": [{\"start\": 0, \"end\": 9}]}\n",
    );
    let err = score(&gold, &gold).unwrap_err();
    assert_eq!(err.status.code(), Some(1));
    assert!(
        stderr(&err).contains("article 1: quote [0, 9) is outside the text (3 code points)"),
        "{}",
        stderr(&err)
    );
    let broken = scratch_file("score-bad", "broken.jsonl", b"\n{\"id\": 1,\n");
    let err = score(&broken, &gold).unwrap_err();
    assert!(
        stderr(&err).contains("broken.jsonl:2: not valid JSON"),
        "{}",
        stderr(&err)
    );
    let missing = score(Path::new("no/such.jsonl"), &gold).unwrap_err();
    assert!(stderr(&missing).contains("no/such.jsonl: cannot read"));
}

/// Every number of a score, by its path (`detection.f1`), in order.
fn figures(value: &Value, path: &str, out: &mut Vec<(String, Option<f64>)>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                figures(value, &format!("{path}.{key}"), out);
            }
        }
        other => out.push((path.to_string(), other.as_f64())),
    }
}

#[test]
fn score_gives_the_figures_of_the_shared_scorer() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let scorer = shared.join("score.py");
    if !scorer.exists() {
        println!("SKIPPED: {} is not there", scorer.display());
        return;
    }
    let mut sets = vec![PathBuf::from(SEED_GOLD)];
    for set in ["polnear-dev", "german-dev"] {
        let path = shared.join(format!("data/{set}.jsonl"));
        if path.exists() {
            sets.push(path);
        }
    }
    for gold in sets {
        let name = gold.file_stem().unwrap().to_string_lossy().into_owned();
        let pred = predictions(&format!("score-{name}"), &gold);
        let ours = score(&gold, &pred).unwrap();
        let python = Command::new("python3")
            .arg(&scorer)
            .args([&gold, &pred])
            .output()
            .expect("python3 runs");
        assert!(python.status.success(), "{}", stderr(&python));
        let theirs: Value = serde_json::from_slice(&python.stdout).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        figures(&ours, "", &mut a);
        figures(&theirs, "", &mut b);
        assert_eq!(
            a.iter().map(|f| &f.0).collect::<Vec<_>>(),
            b.iter().map(|f| &f.0).collect::<Vec<_>>(),
            "{name}: the same keys in the same order"
        );
        for ((key, x), (_, y)) in a.iter().zip(&b) {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{name}{key}: {x} vs {y}"),
                _ => assert_eq!(x, y, "{name}{key}"),
            }
        }
        println!("{name}: {} figures equal to score.py's", a.len());
    }
}

#[test]
fn the_cli_modules_form_no_cycle() {
    // Each module's `crate::name` references, `main` (which uses them all) aside.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin/quotelens");
    let mut uses: Vec<(String, Vec<String>)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "main" {
            continue;
        }
        // Code only: a doc comment may link to any module.
        let source: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut used: Vec<String> = Vec::new();
        for (at, _) in source.match_indices("crate::") {
            let rest = &source[at + "crate::".len()..];
            let braces = rest.strip_prefix('{');
            let names = match braces {
                Some(group) => group[..group.find('}').unwrap()].to_string(),
                None => rest
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap()
                    .to_string(),
            };
            for used_name in names
                .split(',')
                .map(|n| n.trim().split("::").next().unwrap().to_string())
            {
                if used_name != name && !used.contains(&used_name) {
                    used.push(used_name);
                }
            }
        }
        uses.push((name, used));
    }
    assert!(uses.len() > 5, "{uses:?}");
    // Depth-first: reaching a module on the current path is a cycle.
    fn visit(module: &str, uses: &[(String, Vec<String>)], path: &mut Vec<String>) {
        assert!(
            !path.iter().any(|m| m == module),
            "a cycle: {path:?} → {module}"
        );
        path.push(module.to_string());
        for (_, used) in uses.iter().filter(|(name, _)| name == module) {
            for next in used {
                visit(next, uses, path);
            }
        }
        path.pop();
    }
    for (name, _) in &uses {
        visit(name, &uses, &mut Vec::new());
    }
}
