//! What is printed for one article: JSON Lines (an object an article), CSV
//! and TSV (a row a quote, so an article without quotes gives no row), or W3C
//! Web Annotations (a JSON-LD object a quote, see [`quotelens::annotation`]).

use std::io;

use clap::ValueEnum;
use quotelens::annotation;
use quotelens::export::QuoteOut;
use quotelens::{Analysis, Quote, QuoteKind, Speaker};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object an article: id, quotes, speakers (and text for HTML).
    Jsonl,
    /// One row a quote, with a header row; RFC 4180 quoting.
    Csv,
    /// One line a quote, with a header line; tab, newline, carriage return
    /// and backslash in a field written as `\t`, `\n`, `\r` and `\\`.
    Tsv,
    /// One W3C Web Annotation a quote, a JSON-LD object a line, on the page's
    /// URL (`--url`, else the file's `file:` URL) with quote and position selectors.
    Annotation,
}

/// The columns of a CSV or TSV row, in order.
pub const COLUMNS: [&str; 11] = [
    "id",
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

/// The JSON object printed for one article. Offsets are code points into the
/// article text; `text` is present only when the tool derived it (from HTML),
/// since otherwise the caller already has it.
#[derive(Serialize)]
pub struct Record<'a> {
    pub id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub quotes: Vec<QuoteOut<'a>>,
    pub speakers: &'a [Speaker],
    /// The text the offsets count into and the page's address: what an
    /// annotation needs (see [`Record::on_page`]).
    #[serde(skip)]
    pub article: &'a str,
    #[serde(skip)]
    pub url: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// The record of an analysis, with the quotes `keep` accepts (the
    /// `--speaker`, `--match` and `--min-confidence` filters). The speakers
    /// stay those of the whole article.
    pub fn new(
        id: &'a Value,
        text: Option<&'a str>,
        analysis: &'a Analysis,
        keep: impl Fn(&Quote) -> bool,
    ) -> Self {
        let quotes = analysis
            .quotes
            .iter()
            // Quoted names of things are no quotations.
            .filter(|q| q.kind != QuoteKind::Term && keep(q))
            .map(QuoteOut::from)
            .collect();
        Record {
            id,
            text,
            quotes,
            speakers: &analysis.speakers,
            article: "",
            url: None,
        }
    }

    /// The record with the analysed text and the page's URL, which only the
    /// annotation format prints.
    pub fn on_page(self, article: &'a str, url: Option<&'a str>) -> Self {
        Record {
            article,
            url,
            ..self
        }
    }
}

/// The header row of a table format; nothing for JSON Lines.
pub fn write_header(format: OutputFormat, out: &mut Vec<u8>) -> io::Result<()> {
    match format {
        OutputFormat::Jsonl | OutputFormat::Annotation => Ok(()),
        OutputFormat::Csv => csv_row(out, COLUMNS.map(String::from)),
        OutputFormat::Tsv => tsv_row(out, COLUMNS.map(String::from)),
    }
}

/// Appends one article's output to `out`.
pub fn write_record(format: OutputFormat, record: &Record, out: &mut Vec<u8>) -> io::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            serde_json::to_writer(&mut *out, record)?;
            out.push(b'\n');
            Ok(())
        }
        OutputFormat::Csv => record
            .quotes
            .iter()
            .try_for_each(|q| csv_row(out, row(record.id, q))),
        OutputFormat::Tsv => record
            .quotes
            .iter()
            .try_for_each(|q| tsv_row(out, row(record.id, q))),
        OutputFormat::Annotation => {
            let url = record.url.ok_or_else(|| {
                io::Error::other(format!(
                    "article {}: no page URL to annotate: give --url",
                    record.id
                ))
            })?;
            for note in annotation::annotations(url, record.article, &record.quotes) {
                serde_json::to_writer(&mut *out, &note)?;
                out.push(b'\n');
            }
            Ok(())
        }
    }
}

/// A quote's fields in [`COLUMNS`] order; an absent value is an empty field.
fn row(id: &Value, q: &QuoteOut) -> [String; 11] {
    let id = match id {
        Value::String(id) => id.clone(),
        other => other.to_string(),
    };
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let kind = match serde_json::to_value(q.kind) {
        Ok(Value::String(kind)) => kind,
        _ => String::new(),
    };
    [
        id,
        q.start.to_string(),
        q.end.to_string(),
        q.text.to_string(),
        q.speaker.unwrap_or_default().to_string(),
        number(q.speaker_start),
        number(q.speaker_end),
        q.role.unwrap_or_default().to_string(),
        q.cue.unwrap_or_default().to_string(),
        kind,
        // The same shortest form serde_json prints (0.95, not 0.949999988).
        q.confidence.to_string(),
    ]
}

fn csv_row(out: &mut Vec<u8>, fields: [String; 11]) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    writer.write_record(&fields)?;
    writer.flush()
}

fn tsv_row(out: &mut Vec<u8>, fields: [String; 11]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        for c in field.chars() {
            match c {
                '\t' => out.extend_from_slice(b"\\t"),
                '\n' => out.extend_from_slice(b"\\n"),
                '\r' => out.extend_from_slice(b"\\r"),
                '\\' => out.extend_from_slice(b"\\\\"),
                c => {
                    let mut buffer = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
            }
        }
    }
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(format: OutputFormat, text: &str) -> String {
        let analysis = quotelens::analyze(text);
        let id = Value::from("a,1");
        let record = Record::new(&id, None, &analysis, |_| true);
        let mut out = Vec::new();
        write_header(format, &mut out).unwrap();
        write_record(format, &record, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const TWO_PARAGRAPHS: &str = "Blinken said: “What I think is essential\tis a pathway.\n“Our nations helped Israel,” he said.";

    #[test]
    fn csv_quotes_fields_with_commas_quotes_and_newlines() {
        let csv = rows(OutputFormat::Csv, TWO_PARAGRAPHS);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.headers().unwrap(), COLUMNS.as_slice());
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
        assert_eq!(lines[0], COLUMNS.join("\t"));
        let fields: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(fields.len(), COLUMNS.len());
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
