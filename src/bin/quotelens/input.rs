//! Reading articles from files and stdin, with errors that name file and line.
//!
//! A source is a `.txt` file (one article, its id the file stem), an `.html`
//! page (its article text, see [`crate::html`]), a `.jsonl` file (one
//! `{"id", "text"}` a line) or `-` for stdin. A bad line of a JSON Lines file
//! spoils that line only: the reader yields an error for it and goes on.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use clap::ValueEnum;
use serde_json::Value;

use crate::html;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One article of plain text.
    Txt,
    /// A saved web page; the article text is extracted first.
    Html,
    /// One `{"id": …, "text": …}` object a line.
    Jsonl,
}

/// One article to analyse.
#[derive(Debug)]
pub struct Article {
    /// A JSON string or number, as the input gave it.
    pub id: Value,
    pub text: String,
    /// Whether the text was derived (from HTML) and so belongs in the output.
    pub derived: bool,
}

/// Why an article could not be read: where, and what went wrong.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// Reads the articles of one source: `-` for stdin, else a file path. The
/// format is `format` when given, else the file's extension, else (for stdin)
/// JSON Lines when every non-empty line starts with `{`, plain text otherwise.
/// A JSON Lines file is read a line at a time, so a corpus need not fit in memory.
pub fn read_source(
    path: &str,
    format: Option<Format>,
) -> Box<dyn Iterator<Item = Result<Article, InputError>>> {
    if path == "-" {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return one(Err(error("<stdin>", None, format!("cannot read: {e}"))));
        }
        let format = format.unwrap_or_else(|| sniff(&bytes));
        return match format {
            Format::Jsonl => Box::new(json_lines(
                "<stdin>".to_string(),
                Cursor::new(bytes).split(b'\n'),
            )),
            _ => one(whole(format, "<stdin>", "stdin".to_string(), bytes)),
        };
    }
    let format = format.unwrap_or_else(|| format_of(path));
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return one(Err(error(path, None, format!("cannot read: {e}")))),
    };
    match format {
        Format::Jsonl => Box::new(json_lines(
            path.to_string(),
            BufReader::new(file).split(b'\n'),
        )),
        _ => {
            let mut bytes = Vec::new();
            let read = BufReader::new(file).read_to_end(&mut bytes);
            match read {
                Ok(_) => one(whole(format, path, stem(path), bytes)),
                Err(e) => one(Err(error(path, None, format!("cannot read: {e}")))),
            }
        }
    }
}

fn one(item: Result<Article, InputError>) -> Box<dyn Iterator<Item = Result<Article, InputError>>> {
    Box::new(std::iter::once(item))
}

/// A source that is one article: plain text, or a page to extract it from.
fn whole(format: Format, name: &str, id: String, bytes: Vec<u8>) -> Result<Article, InputError> {
    let text = utf8(name, bytes)?;
    Ok(match format {
        Format::Html => Article {
            id: Value::String(id),
            text: html::article_text(&text),
            derived: true,
        },
        _ => Article {
            id: Value::String(id),
            text,
            derived: false,
        },
    })
}

/// One article per non-blank line; a line that cannot be read or parsed yields
/// an error naming it, and reading goes on with the next.
fn json_lines(
    name: String,
    lines: impl IntoIterator<Item = std::io::Result<Vec<u8>>> + 'static,
) -> impl Iterator<Item = Result<Article, InputError>> {
    lines
        .into_iter()
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim_ascii().is_empty()))
        .map(move |(i, line)| match line {
            Ok(line) => parse_line(&name, i + 1, &line),
            Err(e) => Err(error(&name, Some(i + 1), format!("cannot read: {e}"))),
        })
}

/// The format a file's extension names; anything unknown is read as text.
fn format_of(path: &str) -> Format {
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => Format::Txt,
    }
}

fn sniff(bytes: &[u8]) -> Format {
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|line| line.trim_ascii())
        .filter(|line| !line.is_empty());
    let mut any = false;
    let all_objects = lines.all(|line| {
        any = true;
        line.starts_with(b"{")
    });
    if any && all_objects {
        Format::Jsonl
    } else {
        Format::Txt
    }
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// The bytes as a string, or an error naming the line of the first bad byte.
fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        error(name, Some(line), format!("invalid UTF-8 at byte {valid}"))
    })
}

fn parse_line(name: &str, line_number: usize, line: &[u8]) -> Result<Article, InputError> {
    let fail = |message: String| error(name, Some(line_number), message);
    let line = std::str::from_utf8(line)
        .map_err(|e| fail(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let record: Value =
        serde_json::from_str(line).map_err(|e| fail(format!("not valid JSON: {e}")))?;
    let Value::Object(mut record) = record else {
        return Err(fail(
            "expected a JSON object with \"id\" and \"text\"".to_string(),
        ));
    };
    let text = match record.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(fail("\"text\" is not a string".to_string())),
        None => return Err(fail("no \"text\" field".to_string())),
    };
    let id = match record.remove("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id,
        Some(_) => return Err(fail("\"id\" is neither a string nor a number".to_string())),
        // Without an id the line number still tells the articles apart.
        None => Value::String(format!("{}:{line_number}", stem(name))),
    };
    Ok(Article {
        id,
        text,
        derived: false,
    })
}

fn error(source: &str, line: Option<usize>, message: String) -> InputError {
    InputError {
        source: source.to_string(),
        line,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &'static [u8]) -> std::io::Split<Cursor<&'static [u8]>> {
        Cursor::new(bytes).split(b'\n')
    }

    #[test]
    fn stdin_is_json_lines_only_when_every_line_is_an_object() {
        assert_eq!(
            sniff(b"{\"id\": 1, \"text\": \"a\"}\n\n  {\"id\": 2, \"text\": \"b\"}\n"),
            Format::Jsonl
        );
        assert_eq!(sniff(b"{curly} start\nthen prose"), Format::Txt);
        assert_eq!(sniff(b"\xe2\x80\x9cHi,\xe2\x80\x9d he said."), Format::Txt);
        assert_eq!(sniff(b""), Format::Txt);
    }

    #[test]
    fn extension_chooses_the_format() {
        assert_eq!(format_of("a/b/story.HTML"), Format::Html);
        assert_eq!(format_of("dev.jsonl"), Format::Jsonl);
        assert_eq!(format_of("notes.txt"), Format::Txt);
        assert_eq!(format_of("README"), Format::Txt);
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let e = utf8("x.txt", b"fine\nstill fine\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(e.to_string(), "x.txt:3: invalid UTF-8 at byte 20");
    }

    #[test]
    fn json_lines_errors_name_their_line_and_the_rest_is_read() {
        let input = b"{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\"}\n{oops\n\n[1]\n{\"id\": 7, \"text\": \"two\", \"quotes\": []}\n";
        let read: Vec<_> = json_lines("d.jsonl".into(), lines(input)).collect();
        let errors: Vec<String> = read
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0], "d.jsonl:2: no \"text\" field");
        assert!(
            errors[1].starts_with("d.jsonl:3: not valid JSON"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("d.jsonl:5: expected a JSON object"),
            "{}",
            errors[2]
        );
        let ids: Vec<&Value> = read
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|a| &a.id)
            .collect();
        assert_eq!(ids, [&Value::from("a"), &Value::from(7)]);
    }

    #[test]
    fn missing_id_falls_back_to_file_and_line() {
        let read: Vec<_> =
            json_lines("dir/d.jsonl".into(), lines(b"\n{\"text\": \"x\"}")).collect();
        assert_eq!(read[0].as_ref().unwrap().id, Value::from("d:2"));
    }
}
