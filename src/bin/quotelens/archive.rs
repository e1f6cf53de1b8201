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
//! Common Crawl stores the page as decoded; other crawlers (Heritrix, wget)
//! keep it as sent, so a `chunked` transfer and a `gzip` or `deflate` content
//! encoding are undone here. A page in an encoding we cannot undo (`br`) is
//! reported, not skipped. Requests, metadata, `warcinfo` and non-HTML
//! responses (images, PDFs) are skipped without a word. A record that cannot be parsed ends the file with
//! an error naming the record: past a broken length, nothing can be trusted.

use std::borrow::Cow;
use std::io::{BufRead, Read};

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
                &page.body,
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
                url: Some(url).filter(|url| !url.is_empty()),
            }));
        }
        None
    })
}

/// The page of an HTTP response and the charset its headers declare.
struct Page<'a> {
    body: Cow<'a, [u8]>,
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
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
            .unwrap_or_default()
    };
    let content_type = header("content-type");
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    if media_type != "text/html" && media_type != "application/xhtml+xml" {
        return Ok(None);
    }
    let mut body = Cow::Borrowed(&response[head_length..]);
    if header("transfer-encoding").contains("chunked") {
        if let Some(joined) = dechunk(&body) {
            body = Cow::Owned(joined);
        }
    }
    let body = match header("content-encoding").as_str() {
        "" | "identity" => body,
        // A crawler that stored the page decoded may have kept the header.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => body,
        "gzip" | "x-gzip" => Cow::Owned(inflate(flate2::read::MultiGzDecoder::new(&*body))?),
        "deflate" => Cow::Owned(inflate(flate2::read::ZlibDecoder::new(&*body))?),
        other => {
            return Err(format!(
                "page in content encoding {other:?}, which we cannot read"
            ))
        }
    };
    Ok(Some(Page {
        body,
        charset: decode::content_type_charset(&content_type),
    }))
}

fn inflate(mut decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut page = Vec::new();
    decoder
        .read_to_end(&mut page)
        .map_err(|e| format!("compressed page: {e}"))?;
    Ok(page)
}

/// The data of a `chunked` body: hex size, CRLF, data, CRLF, … up to size 0.
/// `None` when it is not chunked after all (some archives store the body
/// joined but keep the header), so the body is used as it is.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut joined = Vec::with_capacity(body.len());
    loop {
        let line_end = body.iter().position(|&b| b == b'\n')?;
        let size_field = std::str::from_utf8(&body[..line_end]).ok()?;
        // Chunk extensions (`1a;name=value`) are allowed and ignored.
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(joined);
        }
        joined.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
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
        assert_eq!(*page.body, *b"<p>\xab Oui \xbb</p>");
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
        let image = html_page(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert!(image.unwrap().is_none());
        let broken = html_page(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
        assert_eq!(broken.err().unwrap(), "HTTP response ends in its headers");
    }

    #[test]
    fn a_page_sent_chunked_and_gzipped_is_undone_as_a_browser_would() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all("<p>“Yes,” Blinken said.</p>".as_bytes())
            .unwrap();
        let gz = gz.finish().unwrap();
        let (first, rest) = gz.split_at(10);
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        for chunk in [first, rest] {
            response.extend_from_slice(format!("{:x};ext=1\r\n", chunk.len()).as_bytes());
            response.extend_from_slice(chunk);
            response.extend_from_slice(b"\r\n");
        }
        response.extend_from_slice(b"0\r\n\r\n");
        let page = html_page(&response).unwrap().unwrap();
        assert_eq!(*page.body, *"<p>“Yes,” Blinken said.</p>".as_bytes());
    }

    #[test]
    fn a_body_stored_joined_under_a_chunked_header_is_kept_as_it_is() {
        let page = html_page(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n<p>Hi</p>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(*page.body, *b"<p>Hi</p>");
    }

    #[test]
    fn an_encoding_we_cannot_undo_is_an_error_not_a_garbled_page() {
        let brotli = html_page(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x03",
        );
        assert_eq!(
            brotli.err().unwrap(),
            "page in content encoding \"br\", which we cannot read"
        );
    }
}
