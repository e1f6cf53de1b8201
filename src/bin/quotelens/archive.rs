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
//! encoding are undone here, never beyond the size limit ([`crate::limit`]).
//! A page in an encoding we cannot undo (`br`), or larger than the limit, is
//! reported, not skipped, and the next record is read. Requests, metadata,
//! `warcinfo` and non-HTML responses (images, PDFs, videos of any size) are
//! skipped without a word. A file cut short, or a record that cannot be parsed,
//! ends the file with an error naming the record (see [`crate::warc`]).

use std::borrow::Cow;
use std::io::{BufRead, Read};

use encoding_rs::Encoding;
use serde_json::Value;

use crate::article::{Article, InputError};
use crate::decode::{self, Hints};
use crate::html;
use crate::limit::{self, Oversize};
use crate::warc::{Record, Records};

/// More headers than any real response sends; httparse needs a fixed number.
const MAX_HTTP_HEADERS: usize = 256;

/// The articles of one WARC stream (already un-gzipped), in file order; no
/// record's page is held beyond `limit` bytes.
pub fn articles(
    name: String,
    reader: impl BufRead + Send + 'static,
    forced: Option<&'static Encoding>,
    limit: u64,
) -> impl Iterator<Item = Result<Article, InputError>> + Send {
    Records::new(reader, limit).filter_map(move |record| {
        let fail = |number: usize, message: String| InputError {
            source: name.clone(),
            line: None,
            record: Some(number),
            message,
        };
        let record = match record {
            Ok(record) => record,
            Err(e) => return Some(Err(fail(e.number, e.message))),
        };
        article(&record, forced, limit)
            .transpose()
            .map(|article| article.map_err(|message| fail(record.number, message)))
    })
}

/// The article of an HTML response record; `None` for any other record.
fn article(
    record: &Record,
    forced: Option<&'static Encoding>,
    limit: u64,
) -> Result<Option<Article>, String> {
    if record.header("WARC-Type") != Some("response") {
        return Ok(None);
    }
    let oversize = record.is_truncated().then_some(Oversize {
        limit,
        length: Some(record.length),
    });
    let Some(page) = html_page(&record.block, limit, oversize)? else {
        return Ok(None);
    };
    let url = record.header("WARC-Target-URI").unwrap_or_default();
    let record_id = record.header("WARC-Record-ID").unwrap_or_default();
    let decoded = decode::decode(
        &page.body,
        Hints {
            forced,
            http: page.charset,
            html: true,
        },
    );
    Ok(Some(Article {
        id: Value::String(format!("{url} {record_id}")),
        text: html::article_text(&decoded.text),
        derived: true,
        warning: decoded.warning,
        url: Some(url.to_string()).filter(|url| !url.is_empty()),
    }))
}

/// The page of an HTTP response and the charset its headers declare.
struct Page<'a> {
    body: Cow<'a, [u8]>,
    charset: Option<&'static Encoding>,
}

/// The page of a response whose `Content-Type` is HTML; `None` for any other
/// content, an error when the HTTP head cannot be parsed or the page inflates
/// beyond `limit` bytes. `response` may be only the head of a response over
/// the limit (`oversize`): its type is known from the head, and only an HTML
/// page is worth the error.
fn html_page(
    response: &[u8],
    limit: u64,
    oversize: Option<Oversize>,
) -> Result<Option<Page<'_>>, String> {
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
    if let Some(oversize) = oversize {
        return Err(oversize.message("HTML response"));
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
        "gzip" | "x-gzip" => Cow::Owned(inflate(flate2::read::MultiGzDecoder::new(&*body), limit)?),
        "deflate" => Cow::Owned(inflate(flate2::read::ZlibDecoder::new(&*body), limit)?),
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

/// A compressed page, inflated up to the limit: a few kilobytes may inflate
/// to gigabytes.
fn inflate(decoder: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    limit::read_all(decoder, limit)
        .map_err(|e| format!("compressed page: {e}"))?
        .map_err(|oversize| oversize.message("compressed page inflating"))
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

    fn page_of(response: &[u8]) -> Result<Option<Page<'_>>, String> {
        html_page(response, 1 << 20, None)
    }

    #[test]
    fn a_compressed_page_is_inflated_no_further_than_the_limit() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        // 4 MiB of zeros gzip to about 4 KB.
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&vec![0; 4 << 20]).unwrap();
        let mut response =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        response.extend_from_slice(&gz.finish().unwrap());
        assert_eq!(
            page_of(&response).err().unwrap(),
            "compressed page inflating larger than the limit of 1 MiB (--max-size)"
        );
    }

    #[test]
    fn only_html_responses_are_pages_and_their_charset_is_kept() {
        let page = page_of(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>\xab Oui \xbb</p>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(*page.body, *b"<p>\xab Oui \xbb</p>");
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
        let image = page_of(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
        assert!(image.unwrap().is_none());
        let broken = page_of(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
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
        let page = page_of(&response).unwrap().unwrap();
        assert_eq!(*page.body, *"<p>“Yes,” Blinken said.</p>".as_bytes());
    }

    #[test]
    fn a_body_stored_joined_under_a_chunked_header_is_kept_as_it_is() {
        let page = page_of(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n<p>Hi</p>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(*page.body, *b"<p>Hi</p>");
    }

    #[test]
    fn an_encoding_we_cannot_undo_is_an_error_not_a_garbled_page() {
        let brotli = page_of(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x03",
        );
        assert_eq!(
            brotli.err().unwrap(),
            "page in content encoding \"br\", which we cannot read"
        );
    }
}
