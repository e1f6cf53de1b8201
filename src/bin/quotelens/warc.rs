//! The WARC file format (ISO 28500), records only: what [`crate::archive`]
//! reads pages from.
//!
//! A WARC file is a sequence of records. Each is a version line (`WARC/1.0`),
//! header lines (`Name: value`) up to a blank line, a block of exactly
//! `Content-Length` bytes, and two CRLFs:
//!
//! ```text
//! WARC/1.0␍␊
//! WARC-Type: response␍␊
//! Content-Length: 1234␍␊
//! ␍␊
//! <1234 bytes: the HTTP response>␍␊␍␊
//! ```
//!
//! The reader is written for untrusted files. A block is never held beyond
//! the size limit ([`crate::limit`]): a larger one is given with its first
//! [`HEAD_BYTES`] only (enough to tell what it is) and the rest is skipped
//! without being kept, so the next record is still read. A file that ends
//! anywhere but between records is an error naming the record, as is a record
//! whose length is missing or wrong; after those nothing can be trusted, so
//! they end the file.

use std::io::{self, BufRead, Read};

use crate::limit::{self, Line};

/// How much of an oversized block is kept: the HTTP head of a response.
pub const HEAD_BYTES: u64 = 64 << 10;
/// The longest header line read; real ones are URLs, at most a few KB.
const MAX_HEADER_LINE: u64 = 64 << 10;
/// The most header lines one record may have.
const MAX_HEADER_LINES: usize = 1024;

/// One record: its headers and its block.
#[derive(Debug)]
pub struct Record {
    /// Counted from 1 in the file, every record type included.
    pub number: usize,
    headers: Vec<(String, String)>,
    /// The whole block, or only its first [`HEAD_BYTES`] when `length` is
    /// over the limit.
    pub block: Vec<u8>,
    /// The block's `Content-Length`.
    pub length: u64,
}

impl Record {
    /// The value of a header, by case-blind name, trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Whether the block was cut to its head because of the limit.
    pub fn is_truncated(&self) -> bool {
        (self.block.len() as u64) < self.length
    }
}

/// Why a record could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordError {
    pub number: usize,
    pub message: String,
}

/// The records of a WARC stream (un-gzipped), in order; see the module docs.
pub struct Records<R> {
    reader: R,
    limit: u64,
    number: usize,
    /// An error found after a good record, for the next call.
    pending: Option<RecordError>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, limit: u64) -> Self {
        Records {
            reader,
            limit,
            number: 0,
            pending: None,
            done: false,
        }
    }

    fn fail(&mut self, message: impl Into<String>) -> RecordError {
        self.done = true;
        RecordError {
            number: self.number,
            message: message.into(),
        }
    }

    fn read_record(&mut self) -> Result<Option<Record>, RecordError> {
        // Blank lines between records are tolerated.
        let version = loop {
            match self.line()? {
                None => return Ok(None),
                Some(line) if line.trim().is_empty() => continue,
                Some(line) => break line,
            }
        };
        self.number += 1;
        if "WARC/".starts_with(version.as_str()) {
            return Err(self.fail("the file ends inside the header of this record"));
        }
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Err(self.fail(format!("expected a WARC/1.x version line, found {shown:?}")));
        }
        let headers = self.headers()?;
        let length = headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case("content-length"))
            .map(|(_, value)| value.parse::<u64>())
            .ok_or_else(|| self.fail("no Content-Length header"))?
            .map_err(|_| self.fail("Content-Length is not a number"))?;
        let keep = if length > self.limit {
            length.min(HEAD_BYTES)
        } else {
            length
        };
        let mut block = Vec::new();
        let read = (&mut self.reader)
            .take(keep)
            .read_to_end(&mut block)
            .map_err(|e| self.fail(format!("cannot read: {e}")))? as u64;
        // The rest of an oversized block goes by without being kept.
        let skipped = io::copy(&mut (&mut self.reader).take(length - keep), &mut io::sink())
            .map_err(|e| self.fail(format!("cannot read: {e}")))?;
        if read + skipped < length {
            return Err(self.fail(format!(
                "the file ends inside this record ({} of its {length} bytes)",
                read + skipped
            )));
        }
        self.closing_lines();
        Ok(Some(Record {
            number: self.number,
            headers,
            block,
            length,
        }))
    }

    /// The header lines after the version line, up to the blank line.
    fn headers(&mut self) -> Result<Vec<(String, String)>, RecordError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let Some(line) = self.line()? else {
                return Err(self.fail("the file ends inside the header of this record"));
            };
            if line.is_empty() {
                return Ok(headers);
            }
            if self.at_end() {
                return Err(self.fail("the file ends inside the header of this record"));
            }
            if headers.len() == MAX_HEADER_LINES {
                return Err(self.fail(format!("more than {MAX_HEADER_LINES} header lines")));
            }
            // A line starting with white space continues the previous value.
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                    continue;
                }
            }
            let Some((name, value)) = line.split_once(':') else {
                let shown: String = line.chars().take(40).collect();
                return Err(self.fail(format!("not a header line: {shown:?}")));
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// The CRLF CRLF after a block. Missing, it is an error for the next call:
    /// the record read is whole, but what follows cannot be trusted.
    fn closing_lines(&mut self) {
        for &expected in b"\r\n\r\n" {
            let mut byte = [0];
            match self.reader.read(&mut byte) {
                Ok(1) if byte[0] == expected => continue,
                Ok(0) => {
                    self.pending = Some(RecordError {
                        number: self.number,
                        message: "the file ends before the blank lines that close this record"
                            .to_string(),
                    })
                }
                Ok(_) => {
                    self.pending = Some(RecordError {
                        number: self.number,
                        message:
                            "the block is not followed by blank lines: is its Content-Length wrong?"
                                .to_string(),
                    })
                }
                Err(e) => {
                    self.pending = Some(RecordError {
                        number: self.number,
                        message: format!("cannot read: {e}"),
                    })
                }
            }
            return;
        }
    }

    /// Whether nothing is left to read (a read error counts as the end: the
    /// next read reports it).
    fn at_end(&mut self) -> bool {
        self.reader.fill_buf().map_or(true, <[u8]>::is_empty)
    }

    /// A header line without its line break, `None` at the end of the file.
    fn line(&mut self) -> Result<Option<String>, RecordError> {
        match limit::read_line(&mut self.reader, MAX_HEADER_LINE) {
            Ok(Line::End) => Ok(None),
            Ok(Line::Text(bytes)) => {
                let line = String::from_utf8_lossy(&bytes);
                Ok(Some(line.strip_suffix('\r').unwrap_or(&line).to_string()))
            }
            Ok(Line::TooLong(_)) => Err(self.fail(format!(
                "a header line longer than {}",
                limit::human(MAX_HEADER_LINE)
            ))),
            Err(e) => Err(self.fail(format!("cannot read: {e}"))),
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.pending.take() {
            self.done = true;
            return Some(Err(error));
        }
        if self.done {
            return None;
        }
        self.read_record().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://a.example/\r\n\
             \x20 continued\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn read(bytes: Vec<u8>, limit: u64) -> Vec<Result<Record, RecordError>> {
        Records::new(Cursor::new(bytes), limit).collect()
    }

    #[test]
    fn records_are_read_with_their_headers_and_blocks() {
        let mut file = record("warcinfo", b"x");
        file.extend_from_slice(b"\r\n"); // a stray blank line between records
        file.extend(record("response", b"HTTP/1.1 200 OK\r\n\r\n<p>"));
        let records = read(file, 1000);
        assert_eq!(records.len(), 2);
        let second = records[1].as_ref().unwrap();
        assert_eq!(second.number, 2);
        assert_eq!(second.header("warc-type"), Some("response"));
        assert_eq!(
            second.header("WARC-Target-URI"),
            Some("https://a.example/ continued")
        );
        assert_eq!(second.block, b"HTTP/1.1 200 OK\r\n\r\n<p>");
    }

    #[test]
    fn an_oversized_block_keeps_its_head_and_the_next_record_is_read() {
        let big = vec![b'a'; 200 << 10];
        let mut file = record("response", &big);
        file.extend(record("response", b"small"));
        let records = read(file, 100 << 10);
        let first = records[0].as_ref().unwrap();
        assert!(first.is_truncated());
        assert_eq!(first.block.len() as u64, HEAD_BYTES);
        assert_eq!(first.length, 200 << 10);
        assert_eq!(records[1].as_ref().unwrap().block, b"small");
    }

    #[test]
    fn a_file_cut_anywhere_is_an_error_naming_the_record() {
        let whole = [record("warcinfo", b"info"), record("response", b"page")].concat();
        let first_length = record("warcinfo", b"info").len();
        for cut in first_length + 1..whole.len() {
            let records = read(whole[..cut].to_vec(), 1000);
            assert!(records[0].is_ok(), "cut at {cut}");
            let error = records
                .last()
                .unwrap()
                .as_ref()
                .expect_err("a cut file ends in an error");
            assert_eq!(error.number, 2, "cut at {cut}: {error:?}");
            assert!(error.message.contains("the file ends"), "{error:?}");
        }
        // Cut between records, it is a whole file.
        assert!(read(whole[..first_length].to_vec(), 1000)
            .iter()
            .all(Result::is_ok));
    }

    #[test]
    fn a_wrong_length_or_a_missing_one_ends_the_file() {
        let mut file = record("response", b"page");
        let at = file
            .windows(17)
            .position(|w| w == b"Content-Length: 4")
            .unwrap();
        file[at + 16] = b'2';
        file.extend(record("response", b"next"));
        let records = read(file, 1000);
        assert_eq!(
            records.last().unwrap().as_ref().unwrap_err().message,
            "the block is not followed by blank lines: is its Content-Length wrong?"
        );
        let records = read(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(), 1000);
        assert_eq!(
            records[0].as_ref().unwrap_err().message,
            "no Content-Length header"
        );
        let records = read(b"GET / HTTP/1.1\r\n".to_vec(), 1000);
        assert!(records[0]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("expected a WARC/1.x version line"));
    }
}
