//! Web archives: each HTML response of a WARC file becomes an article.
//!
//! Common Crawl's news crawl (CC-NEWS) and most web archives are WARC files,
//! usually gzipped one record per gzip member (the caller undoes the gzip). A
//! `response` record holds the HTTP response as it was received: status line,
//! headers, blank line, page. We keep the responses whose `Content-Type` is
//! HTML, decode each page by its HTTP charset (see [`crate::decode`]) and take
//! its article text. A URL is crawled more than once, so an article's id is
//! its URL and its record id: `https://example.com/story <urn:uuid:…>`.
//!
//! Requests, metadata, `warcinfo` and non-HTML responses (images, PDFs) are
//! skipped without a word. A record that cannot be parsed ends the file with
//! an error naming the record: past a broken length, nothing can be trusted.

use std::io::BufRead;

use encoding_rs::Encoding;
use serde_json::Value;
use warc::{WarcHeader, WarcReader};

use crate::decode::{self, Hints};
use crate::html;
use crate::input::{Article, InputError};

/// More headers than any real response sends; httparse needs a fixed number.
const MAX_HTTP_HEADERS: usize = 256;

/// The articles of one WARC stream (already un-gzipped), in file order.
pub fn articles(
    name: String,
    reader: impl BufRead + Send + 'static,
    forced: Option<&'static Encoding>,
) -> impl Iterator<Item = Result<Article, InputError>> + Send {
    let mut records = WarcReader::new(reader).iter_raw_records().enumerate();
    let mut broken = false;
    std::iter::from_fn(move || {
        if broken {
            return None;
        }
        for (index, record) in records.by_ref() {
            let fail = |message: String| InputError {
                source: name.clone(),
                line: None,
                record: Some(index + 1),
                message,
            };
            let (header, body) = match record {
                Ok(record) => record,
                Err(e) => {
                    broken = true;
                    return Some(Err(fail(format!("not a valid WARC record: {e}"))));
                }
            };
            let field = |key: WarcHeader| {
                header
                    .headers
                    .get(&key)
                    .map(|value| String::from_utf8_lossy(value).trim().to_string())
            };
            if field(WarcHeader::WarcType).as_deref() != Some("response") {
                continue;
            }
            let page = match html_page(&body) {
                Ok(Some(page)) => page,
                Ok(None) => continue,
                Err(message) => return Some(Err(fail(message))),
            };
            let url = field(WarcHeader::TargetURI).unwrap_or_default();
            let record_id = field(WarcHeader::RecordID).unwrap_or_default();
            let text = decode::decode(
                page.body,
                Hints {
                    forced,
                    http: page.charset,
                    html: true,
                },
            );
            return Some(Ok(Article {
                id: Value::String(format!("{url} {record_id}")),
                text: html::article_text(&text),
                derived: true,
            }));
        }
        None
    })
}

/// The page of an HTTP response and the charset its headers declare.
struct Page<'a> {
    body: &'a [u8],
    charset: Option<&'static Encoding>,
}

/// The page of a response whose `Content-Type` is HTML; `None` for any other
/// content, an error when the HTTP head cannot be parsed.
fn html_page(response: &[u8]) -> Result<Option<Page<'_>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut parsed = httparse::Response::new(&mut headers);
    let head_length = match parsed.parse(response) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Err("HTTP response ends in its headers".into()),
        Err(e) => return Err(format!("HTTP response: {e}")),
    };
    let content_type = parsed
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| String::from_utf8_lossy(h.value).into_owned())
        .unwrap_or_default();
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media_type != "text/html" && media_type != "application/xhtml+xml" {
        return Ok(None);
    }
    Ok(Some(Page {
        body: &response[head_length..],
        charset: decode::content_type_charset(&content_type),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_html_responses_are_pages_and_their_charset_is_kept() {
        let page = html_page(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>\xab Oui \xbb</p>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(page.body, b"<p>\xab Oui \xbb</p>");
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
        let image = html_page(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert!(image.unwrap().is_none());
        let broken = html_page(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
        assert_eq!(broken.err().unwrap(), "HTTP response ends in its headers");
    }
}
