//! How much one article may take in memory: `--max-size`.
//!
//! A corpus is read lazily, one article at a time, so only a single record
//! can exhaust memory: a 1 GB line of JSON Lines, a gzip that inflates a few
//! megabytes into gigabytes (a "zip bomb"), a WARC record that claims 2 GiB.
//! Every read that fills a buffer goes through this module, which stops at
//! the limit: it never holds more than `limit + 1` bytes of one record, and it
//! skips the rest of an oversized line or record without keeping it, so the
//! next one is still read. What is over the limit is an [`Oversize`], which the
//! caller reports with the record's name.

use std::io::{self, BufRead, Read};

/// A record is larger than the limit; `length` is its size when known (a line
/// skipped to its end, a WARC record's `Content-Length`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Oversize {
    pub limit: u64,
    pub length: Option<u64>,
}

impl Oversize {
    /// `line of 1.0 GiB, over the limit of 64 MiB (--max-size)`.
    pub fn message(&self, what: &str) -> String {
        match self.length {
            Some(length) => format!(
                "{what} of {}, over the limit of {} (--max-size)",
                human(length),
                human(self.limit)
            ),
            None => format!(
                "{what} larger than the limit of {} (--max-size)",
                human(self.limit)
            ),
        }
    }
}

/// `--max-size`: bytes, or a number with a binary suffix: `512K`, `64M`,
/// `1G` (also `64MiB`, `64mb`; all mean powers of 1024).
pub fn parse_size(value: &str) -> Result<u64, String> {
    let trimmed = value.trim();
    let digits = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, suffix) = trimmed.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{value:?} is not a size (try 64M, 512K, 1G)"))?;
    let shift = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{value:?} is not a size (try 64M, 512K, 1G)")),
    };
    let bytes = number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{value} is too large"))?;
    if bytes == 0 {
        return Err("the size limit must be at least 1 byte".to_string());
    }
    Ok(bytes)
}

/// `64 MiB`, `1.0 GiB`, `300 bytes`: a size as a reader thinks of it.
pub fn human(bytes: u64) -> String {
    const UNITS: [(&str, u32); 3] = [("GiB", 30), ("MiB", 20), ("KiB", 10)];
    for (unit, shift) in UNITS {
        let size = 1u64 << shift;
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes >> shift)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// All of `reader`, or [`Oversize`] as soon as it gives more than `limit`
/// bytes (having read one byte past it, never the rest).
pub fn read_all(reader: impl Read, limit: u64) -> io::Result<Result<Vec<u8>, Oversize>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(Oversize {
            limit,
            length: None,
        }));
    }
    Ok(Ok(bytes))
}

/// One line read by [`read_line`].
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The end of the input: nothing was left.
    End,
    /// A line without its `\n`.
    Text(Vec<u8>),
    /// A line longer than the limit, read to its end and dropped.
    TooLong(Oversize),
}

/// The next line of `reader`, holding at most `limit` bytes of it: a longer
/// line is consumed up to its `\n` (so the next call reads the next line) and
/// only its length is kept.
pub fn read_line(reader: &mut impl BufRead, limit: u64) -> io::Result<Line> {
    let mut line = Vec::new();
    let mut length: u64 = 0;
    let mut seen_any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        seen_any = true;
        let (part, ended) = match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => (&buffer[..at], true),
            None => (buffer, false),
        };
        length += part.len() as u64;
        if length <= limit {
            line.extend_from_slice(part);
        } else if !line.is_empty() {
            // Over the limit: stop keeping, only count.
            line = Vec::new();
        }
        let used = part.len() + usize::from(ended);
        reader.consume(used);
        if ended {
            break;
        }
    }
    Ok(if !seen_any {
        Line::End
    } else if length > limit {
        Line::TooLong(Oversize {
            limit,
            length: Some(length),
        })
    } else {
        Line::Text(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn sizes_parse_with_binary_suffixes_and_print_back() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size(" 512k "), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("300"), Ok(300));
        assert!(parse_size("0").is_err());
        assert!(parse_size("-5").unwrap_err().contains("not a size"));
        assert!(parse_size("64X").unwrap_err().contains("not a size"));
        assert!(parse_size("99999999999999G")
            .unwrap_err()
            .contains("too large"));
        assert_eq!(human(64 << 20), "64 MiB");
        assert_eq!(human(3 << 29), "1.5 GiB");
        assert_eq!(human(300), "300 bytes");
    }

    #[test]
    fn a_long_line_is_skipped_to_its_end_and_the_next_one_read() {
        // A tiny buffer, so lines span many reads.
        let input = b"short\nmuch too long a line\nnext\nlast".to_vec();
        let mut reader = std::io::BufReader::with_capacity(4, Cursor::new(input));
        let mut lines = Vec::new();
        loop {
            match read_line(&mut reader, 10).unwrap() {
                Line::End => break,
                line => lines.push(line),
            }
        }
        let too_long = Oversize {
            limit: 10,
            length: Some(20),
        };
        assert_eq!(
            lines,
            [
                Line::Text(b"short".to_vec()),
                Line::TooLong(too_long),
                Line::Text(b"next".to_vec()),
                Line::Text(b"last".to_vec()),
            ]
        );
        assert_eq!(
            too_long.message("line"),
            "line of 20 bytes, over the limit of 10 bytes (--max-size)"
        );
    }

    #[test]
    fn read_all_stops_one_byte_past_the_limit() {
        let endless = std::io::repeat(0);
        let read = read_all(endless, 1000).unwrap();
        assert_eq!(
            read,
            Err(Oversize {
                limit: 1000,
                length: None
            })
        );
        assert_eq!(read_all(&b"12345"[..], 5).unwrap(), Ok(b"12345".to_vec()));
    }
}
