//! What is printed for one article: JSON Lines (an object an article), CSV
//! and TSV (a row a quote, so an article without quotes gives no row), or W3C
//! Web Annotations (a JSON-LD object a quote, see [`quotelens::annotation`]).
//! The fields and columns are the core's [`quotelens::record`], shared with
//! the Python module and the browser's export.

use std::io;

use clap::ValueEnum;
use quotelens::annotation;
use quotelens::record::{self, ArticleRecord, Table};
use quotelens::{Analysis, Quote};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object an article: id, quotes, speakers (and text for HTML).
    Jsonl,
    /// One row a quote, with a header row: the article's id, then the quote's
    /// fields; RFC 4180 quoting, a field starting like a formula gets a `'`.
    Csv,
    /// One line a quote, with a header line, as CSV; tab, newline, carriage
    /// return and backslash in a field written as `\t`, `\n`, `\r` and `\\`.
    Tsv,
    /// One W3C Web Annotation a quote, a JSON-LD object a line, on the page's
    /// URL (`--url`, else the file's `file:` URL, a WARC record's URL, a JSON
    /// Lines object's "url") with quote and position selectors.
    Annotation,
}

/// The JSON object printed for one article: offsets are code points into the
/// article text; `text` is present only when the tool derived it (from HTML),
/// since otherwise the caller already has it.
pub type Record<'a> = ArticleRecord<'a, &'a Value>;

/// The page an article was read from, which only annotations print: the text
/// the offsets count into and its address.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub text: &'a str,
    pub url: Option<&'a str>,
}

/// The record of an analysis, with the quotes `keep` accepts (the `--speaker`,
/// `--match` and `--min-confidence` filters). The speakers stay those of the
/// whole article.
pub fn record<'a>(
    id: &'a Value,
    text: Option<&'a str>,
    analysis: &'a Analysis,
    keep: impl Fn(&Quote) -> bool,
) -> Record<'a> {
    ArticleRecord {
        id: Some(id),
        text,
        quotes: record::quote_records(analysis.quotes.iter().filter(|q| keep(q))),
        speakers: &analysis.speakers,
    }
}

fn table(format: OutputFormat) -> Option<Table> {
    match format {
        OutputFormat::Jsonl | OutputFormat::Annotation => None,
        OutputFormat::Csv => Some(Table::Csv),
        OutputFormat::Tsv => Some(Table::Tsv),
    }
}

/// The header row of a table format; nothing for JSON Lines.
pub fn write_header(format: OutputFormat, out: &mut Vec<u8>) {
    if let Some(table) = table(format) {
        let mut header = String::new();
        table.header(&["id"], &mut header);
        out.extend_from_slice(header.as_bytes());
    }
}

/// Appends one article's output to `out`; for annotations, an error when the
/// page has no URL.
pub fn write_record(
    format: OutputFormat,
    record: &Record,
    page: Page,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    if format == OutputFormat::Annotation {
        return write_annotations(record, page, out);
    }
    let Some(table) = table(format) else {
        serde_json::to_writer(&mut *out, record)?;
        out.push(b'\n');
        return Ok(());
    };
    let id = match record.id {
        Some(Value::String(id)) => id.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let mut rows = String::new();
    for quote in &record.quotes {
        table.row(&[&id], quote, &mut rows);
    }
    out.extend_from_slice(rows.as_bytes());
    Ok(())
}

/// One annotation a quote of `record`, a JSON-LD document a line.
fn write_annotations(record: &Record, page: Page, out: &mut Vec<u8>) -> io::Result<()> {
    let url = page.url.ok_or_else(|| {
        let id = record.id.map_or_else(String::new, ToString::to_string);
        io::Error::other(format!("article {id}: no page URL to annotate: give --url"))
    })?;
    for note in annotation::annotations(url, page.text, &record.quotes) {
        serde_json::to_writer(&mut *out, &note)?;
        out.push(b'\n');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(format: OutputFormat, text: &str) -> String {
        let analysis = quotelens::analyze(text);
        let id = Value::from("a,1");
        let record = record(&id, None, &analysis, |_| true);
        let page = Page { text, url: None };
        let mut out = Vec::new();
        write_header(format, &mut out);
        write_record(format, &record, page, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const TWO_PARAGRAPHS: &str = "Blinken said: “What I think is essential\tis a pathway.\n“Our nations helped Israel,” he said.";

    #[test]
    fn csv_quotes_fields_with_commas_quotes_and_newlines() {
        let csv = rows(OutputFormat::Csv, TWO_PARAGRAPHS);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "id");
        assert_eq!(header.iter().skip(1).collect::<Vec<_>>(), record::columns());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 1);
        assert_eq!(&records[0][0], "a,1");
        assert_eq!(
            &records[0][3],
            "What I think is essential\tis a pathway.\n“Our nations helped Israel,"
        );
        assert_eq!(&records[0][4], "Blinken");
        assert_eq!(&records[0][9], "direct");
    }

    #[test]
    fn tsv_keeps_one_line_a_quote() {
        let tsv = rows(OutputFormat::Tsv, TWO_PARAGRAPHS);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], format!("id\t{}", record::columns().join("\t")));
        let fields: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(fields.len(), 1 + record::columns().len());
        assert_eq!(
            fields[3],
            "What I think is essential\\tis a pathway.\\n“Our nations helped Israel,"
        );
    }

    #[test]
    fn an_article_without_quotes_gives_no_row() {
        assert_eq!(
            rows(OutputFormat::Csv, "Nobody said anything.")
                .lines()
                .count(),
            1
        );
    }
}
