//! Reading articles from files and stdin, with errors that name file and line.
//!
//! A source is a `.txt` file (one article, its id the file stem), an `.html`
//! page (its article text, see [`crate::html`]), a `.jsonl` file (one
//! `{"id", "text"}` a line), a `.warc` web archive (each HTML response, see
//! [`crate::archive`]) or `-` for stdin. Any of them may be gzipped (`.gz`,
//! several members or one); the gzip magic bytes decide, not the name.
//!
//! No article is held beyond the size limit ([`crate::limit`], `--max-size`):
//! a larger file is an error, a longer line of JSON Lines is skipped to its
//! end and reported, and reading goes on.
//!
//! A bad line of a JSON Lines file spoils that line only: the reader yields an
//! error for it and goes on. A source that cannot be read at all (missing, a
//! directory, an I/O error) yields one error and ends, so the next source is
//! read: nothing loops and nothing is silently merged.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use clap::ValueEnum;
use encoding_rs::{Encoding, UTF_8};
use flate2::bufread::MultiGzDecoder;
use serde_json::Value;

use crate::article::{Article, Articles, InputError};
use crate::decode::{self, Hints};
use crate::limit::{self, Line};
use crate::{archive, html};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One article of plain text.
    Txt,
    /// A saved web page; the article text is extracted first.
    Html,
    /// One `{"id": …, "text": …}` object a line.
    Jsonl,
    /// A web archive (WARC); each HTML response is an article.
    Warc,
}

/// How to read every source: a format and an encoding that override the
/// guess, and the most bytes one article may take.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Option<Format>,
    pub encoding: Option<&'static Encoding>,
    pub limit: u64,
}

type Reader = Box<dyn BufRead + Send>;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Reads the articles of one source: `-` for stdin, else a file path. The
/// format is `options.format` when given, else the file's extension (less any
/// `.gz`), else (for stdin) WARC when it starts like one, JSON Lines when its
/// first non-blank line (BOM stripped) is a JSON object, plain text otherwise.
pub fn read_source(path: &str, options: Options) -> Articles {
    let (name, reader) = if path == "-" {
        let stdin: Reader = Box::new(BufReader::new(std::io::stdin()));
        ("<stdin>".to_string(), stdin)
    } else {
        match open(path) {
            Ok(file) => (path.to_string(), file),
            Err(message) => return one(Err(error(path, None, message))),
        }
    };
    let reader = match ungzip(reader) {
        Ok(reader) => reader,
        Err(e) => return one(Err(error(&name, None, format!("cannot read: {e}")))),
    };
    let (format, reader) = match options.format {
        Some(format) => (format, reader),
        None if path == "-" => match sniff(reader, options.limit) {
            Ok(sniffed) => sniffed,
            Err(e) => return one(Err(error(&name, None, format!("cannot read: {e}")))),
        },
        None => (format_of(path), reader),
    };
    let id = if path == "-" {
        "stdin".to_string()
    } else {
        stem(path)
    };
    match format {
        Format::Jsonl => Box::new(json_lines(name, reader, options)),
        Format::Warc => Box::new(archive::articles(
            name,
            reader,
            options.encoding,
            options.limit,
        )),
        Format::Txt | Format::Html => one(whole(format, &name, id, reader, options).map(
            |mut article| {
                article.url = (path != "-").then(|| file_url(path)).flatten();
                article
            },
        )),
    }
}

/// `file:///home/me/story%20one.html` for a path, as RFC 8089 writes it:
/// absolute, with every byte outside the unreserved set and `/` percent-encoded.
/// `None` when the path has no absolute form (it vanished since it was read).
fn file_url(path: &str) -> Option<String> {
    let absolute = std::fs::canonicalize(path).ok()?;
    let mut url = String::from("file://");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    Some(url)
}

/// A file to read, or why not: a directory is refused here, since reading one
/// fails on every call.
fn open(path: &str) -> Result<Reader, String> {
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let metadata = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if metadata.is_dir() {
        return Err("is a directory, not a file of articles".to_string());
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// The stream, un-gzipped when it starts with gzip's magic bytes. Every
/// member is read: Common Crawl writes one gzip member per WARC record.
fn ungzip(mut reader: Reader) -> std::io::Result<Reader> {
    if reader.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let decoder = MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)));
    }
    Ok(reader)
}

fn one(item: Result<Article, InputError>) -> Articles {
    Box::new(std::iter::once(item))
}

/// A source that is one article: plain text, or a page to extract it from.
fn whole(
    format: Format,
    name: &str,
    id: String,
    reader: Reader,
    options: Options,
) -> Result<Article, InputError> {
    // A gzip bomb inflates no further than this.
    let bytes = limit::read_all(reader, options.limit)
        .map_err(|e| error(name, None, format!("cannot read: {e}")))?
        .map_err(|oversize| error(name, None, oversize.message("input")))?;
    let html = format == Format::Html;
    let decoded = decode::decode(
        &bytes,
        Hints {
            forced: options.encoding,
            http: None,
            html,
        },
    );
    Ok(Article {
        id: Value::String(id),
        text: if html {
            html::article_text(&decoded.text)
        } else {
            decoded.text
        },
        derived: html,
        warning: decoded.warning,
        url: None,
    })
}

/// One article per non-blank line; a line that cannot be parsed, or is longer
/// than the limit, yields an error naming it, and reading goes on with the
/// next. A read error ends the source: the next read would most likely fail
/// the same way.
fn json_lines(
    name: String,
    mut reader: impl BufRead + Send + 'static,
    options: Options,
) -> impl Iterator<Item = Result<Article, InputError>> + Send {
    let mut number = 0;
    let mut failed = false;
    std::iter::from_fn(move || {
        while !failed {
            number += 1;
            let mut line = match limit::read_line(&mut reader, options.limit) {
                Ok(Line::End) => return None,
                Ok(Line::Text(line)) => line,
                Ok(Line::TooLong(oversize)) => {
                    return Some(Err(error(&name, Some(number), oversize.message("line"))))
                }
                Err(e) => {
                    failed = true;
                    return Some(Err(error(&name, Some(number), format!("cannot read: {e}"))));
                }
            };
            if number == 1 && line.starts_with(BOM) {
                line.drain(..BOM.len());
            }
            if line.trim_ascii().is_empty() {
                continue;
            }
            return Some(parse_line(&name, number, &line, options.encoding));
        }
        None
    })
}

/// The format a file's extension names, less any `.gz`; anything unknown is
/// read as text.
fn format_of(path: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    let path = Path::new(lower.strip_suffix(".gz").unwrap_or(&lower));
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "warc" => Format::Warc,
        _ => Format::Txt,
    }
}

/// How much of stdin is read to guess its format: a first line longer than
/// this is JSON Lines when it starts with `{`, without parsing it. The bytes
/// are kept while the article is read, so they count twice against memory.
const SNIFF_BYTES: u64 = 1 << 20;

/// The format of stdin, read from its start; the lines read to decide are
/// put back in front of the rest. No more than `limit` bytes (and
/// [`SNIFF_BYTES`]) are read: a first line longer than that is JSON Lines when
/// it starts with `{` (and its reader then reports it if it is too long).
fn sniff(mut reader: Reader, limit: u64) -> std::io::Result<(Format, Reader)> {
    let limit = limit.min(SNIFF_BYTES);
    if reader.fill_buf()?.starts_with(b"WARC/") {
        return Ok((Format::Warc, reader));
    }
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let room = limit.saturating_sub(start as u64);
        if room == 0 || (&mut reader).take(room).read_until(b'\n', &mut head)? == 0 {
            break;
        }
        let cut = !head.ends_with(b"\n") && !reader.fill_buf()?.is_empty();
        let line = &head[start..];
        let line = line.strip_prefix(BOM).unwrap_or(line).trim_ascii();
        if line.is_empty() {
            continue;
        }
        let is_object = if cut {
            line.starts_with(b"{")
        } else {
            serde_json::from_slice::<Value>(line).is_ok_and(|v| v.is_object())
        };
        let format = if is_object {
            Format::Jsonl
        } else {
            Format::Txt
        };
        return Ok((format, Box::new(Cursor::new(head).chain(reader))));
    }
    Ok((Format::Txt, Box::new(Cursor::new(head))))
}

fn stem(path: &str) -> String {
    let path = path.strip_suffix(".gz").unwrap_or(path);
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

fn parse_line(
    name: &str,
    line_number: usize,
    line: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<Article, InputError> {
    let fail = |message: String| error(name, Some(line_number), message);
    let decoded;
    let line = match encoding {
        Some(encoding) if encoding != UTF_8 => {
            decoded = encoding.decode_without_bom_handling(line).0;
            &*decoded
        }
        // JSON is UTF-8 (RFC 8259): a bad byte is reported, never guessed at.
        _ => std::str::from_utf8(line)
            .map_err(|e| fail(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?,
    };
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
    let url = match record.remove("url") {
        Some(Value::String(url)) => Some(url),
        _ => None,
    };
    Ok(Article {
        id,
        text,
        derived: false,
        warning: None,
        url,
    })
}

fn error(source: &str, line: Option<usize>, message: String) -> InputError {
    InputError {
        source: source.to_string(),
        line,
        record: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(reader: impl BufRead + Send + 'static) -> Vec<Result<Article, InputError>> {
        json_lines("d.jsonl".into(), reader, options(None)).collect()
    }

    fn options(encoding: Option<&'static Encoding>) -> Options {
        Options {
            format: None,
            encoding,
            limit: 1 << 20,
        }
    }

    fn sniffed(bytes: &'static [u8]) -> Format {
        sniff(Box::new(Cursor::new(bytes)), 1 << 20).unwrap().0
    }

    #[test]
    fn stdin_is_json_lines_when_its_first_line_is_a_json_object() {
        assert_eq!(
            sniffed(b"\n  {\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \"b\"}\n"),
            Format::Jsonl
        );
        // The BOM a Windows editor writes does not hide the object.
        assert_eq!(sniffed(b"\xef\xbb\xbf{\"text\": \"a\"}\n"), Format::Jsonl);
        // A later bad line is then reported by line, not read as prose.
        assert_eq!(sniffed(b"{\"text\": \"a\"}\nnot json\n"), Format::Jsonl);
        assert_eq!(sniffed(b"{curly} start\nthen prose"), Format::Txt);
        assert_eq!(sniffed(b"[1, 2]\n{\"text\": \"a\"}"), Format::Txt);
        assert_eq!(
            sniffed(b"\xe2\x80\x9cHi,\xe2\x80\x9d he said."),
            Format::Txt
        );
        assert_eq!(
            sniffed(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"),
            Format::Warc
        );
        assert_eq!(sniffed(b""), Format::Txt);
    }

    #[test]
    fn sniffing_gives_back_every_byte_it_read() {
        let input = b"\n\n{\"id\": 1, \"text\": \"a\"}\nrest";
        let (_, mut reader) = sniff(Box::new(Cursor::new(&input[..])), 1 << 20).unwrap();
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes, input);
    }

    #[test]
    fn extension_chooses_the_format() {
        assert_eq!(format_of("a/b/story.HTML"), Format::Html);
        assert_eq!(format_of("dev.jsonl"), Format::Jsonl);
        assert_eq!(format_of("dev.jsonl.gz"), Format::Jsonl);
        assert_eq!(format_of("CC-NEWS-20240101.warc.gz"), Format::Warc);
        assert_eq!(format_of("notes.txt"), Format::Txt);
        assert_eq!(format_of("README"), Format::Txt);
        assert_eq!(stem("crawl/CC-NEWS-1.warc.gz"), "CC-NEWS-1");
    }

    #[test]
    fn json_lines_errors_name_their_line_and_the_rest_is_read() {
        let input = b"{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\"}\n{oops\n\n[1]\n{\"id\": 7, \"text\": \"two\", \"quotes\": []}\n";
        let read = read_all(Cursor::new(&input[..]));
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
    fn a_bom_before_the_first_line_is_not_part_of_it() {
        let read = read_all(Cursor::new(
            &b"\xef\xbb\xbf{\"id\": \"first\", \"text\": \"x\"}\n{\"id\": \"second\", \"text\": \"y\"}"[..],
        ));
        let ids: Vec<Value> = read.into_iter().map(|r| r.unwrap().id).collect();
        assert_eq!(ids, [Value::from("first"), Value::from("second")]);
    }

    /// A reader whose every read fails, as reading a directory does.
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("Is a directory"))
        }
    }

    #[test]
    fn a_read_error_is_reported_once_and_ends_the_source() {
        let read = read_all(BufReader::new(Broken));
        assert_eq!(read.len(), 1);
        assert_eq!(
            read[0].as_ref().unwrap_err().to_string(),
            "d.jsonl:1: cannot read: Is a directory"
        );
    }

    #[test]
    fn a_legacy_encoding_applies_to_each_json_line() {
        let line = b"{\"id\": 1, \"text\": \"\xabOui\xbb\"}";
        let latin1 = Encoding::for_label(b"latin1");
        let article = json_lines("l.jsonl".into(), Cursor::new(&line[..]), options(latin1))
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(article.text, "«Oui»");
        let strict = json_lines("l.jsonl".into(), Cursor::new(&line[..]), options(None))
            .next()
            .unwrap();
        assert_eq!(
            strict.unwrap_err().to_string(),
            "l.jsonl:1: invalid UTF-8 at byte 19"
        );
    }

    #[test]
    fn missing_id_falls_back_to_file_and_line() {
        let read: Vec<_> = json_lines(
            "dir/d.jsonl".into(),
            Cursor::new(&b"\n{\"text\": \"x\"}"[..]),
            options(None),
        )
        .collect();
        assert_eq!(read[0].as_ref().unwrap().id, Value::from("d:2"));
    }
}
