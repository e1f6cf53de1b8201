//! The output of an analysis, as every writer gives it: one type, one field
//! order, one table layout.
//!
//! [`QuoteRecord`] is a quote as programs outside the core see it: the CLI's
//! JSON Lines, CSV and TSV (`quotelens extract`), the Python module's dicts,
//! the browser's `analyze()` and the panel's JSON and CSV export. It is the
//! core's [`Quote`] without its internal index into the speaker list;
//! [`ArticleRecord`] wraps an article's records with its id and speakers.
//!
//! The field order of [`QuoteRecord`] *is* the order of the JSON keys and of
//! the table columns: [`columns`] and [`QuoteRecord::cells`] read the fields
//! through serde, as JSON does. To add a field to every output, add it to the
//! struct and to its `From<&Quote>`, nothing else. In a table cell, a number,
//! string or unit enum is written as JSON would show it (`None` as an empty
//! cell), a list as its items joined with `; `, and a struct (say, a
//! runner-up speaker) as `name=value` pairs joined with `; `.
//!
//! ```
//! use quotelens::record::{columns, QuoteRecord, Table};
//! let analysis = quotelens::analyze("“=1+1,” Blinken said.");
//! let record = QuoteRecord::from(&analysis.quotes[0]);
//! assert_eq!(columns()[..3], ["start", "end", "text"]);
//! let mut csv = String::new();
//! Table::Csv.header(&["id"], &mut csv);
//! Table::Csv.row(&["story"], &record, &mut csv);
//! // A field a spreadsheet would run as a formula is defused with a `'`.
//! assert!(csv.contains("story,1,6,\"'=1+1,\",Blinken,8,15,,said,partial,0.95,"), "{csv}");
//! ```

use serde::ser::{self, Impossible, SerializeStruct, Serializer};
use serde::Serialize;

use crate::{Quote, QuoteKind, Speaker, Why};

/// A quote as every writer prints it. Offsets are code points into the
/// analysed text, end exclusive; `speaker_start`/`speaker_end` are the mention
/// the cue names (the `he` of `he added`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteRecord<'a> {
    /// Where the quote's words start, in code points.
    pub start: usize,
    /// Where they end (exclusive).
    pub end: usize,
    /// The quote's words.
    pub text: &'a str,
    /// The speaker's name, when one was found.
    pub speaker: Option<&'a str>,
    /// Where the mention the cue names starts (`he` of `he added`).
    pub speaker_start: Option<usize>,
    /// Where it ends (exclusive).
    pub speaker_end: Option<usize>,
    /// The speaker's role or title, when the text gives one.
    pub role: Option<&'a str>,
    /// The cue word or phrase (`said`, `according to`).
    pub cue: Option<&'a str>,
    /// A whole quotation, a few words woven into a sentence, or a term.
    pub kind: QuoteKind,
    /// In [0, 1], to three decimals.
    #[serde(serialize_with = "three_decimals")]
    pub confidence: f32,
    /// Why this speaker: the rule, the resolution, the runner-up and the
    /// same in plain words ([`crate::Why`]); absent without a speaker.
    pub why: Option<&'a Why>,
}

impl<'a> From<&'a Quote> for QuoteRecord<'a> {
    fn from(q: &'a Quote) -> Self {
        QuoteRecord {
            start: q.start,
            end: q.end,
            text: &q.text,
            speaker: q.speaker.as_deref(),
            speaker_start: q.speaker_start,
            speaker_end: q.speaker_end,
            role: q.role.as_deref(),
            cue: q.cue.as_deref(),
            kind: q.kind,
            confidence: q.confidence,
            why: q.why.as_ref(),
        }
    }
}

/// `0.95`, not `0.949999988079071`: an `f32` widened to a JS or Python
/// number shows its binary error.
pub(crate) fn three_decimals<S: Serializer>(value: &f32, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_f64((f64::from(*value) * 1000.0).round() / 1000.0)
}

/// The records of an article's quotes, without the quoted names of things
/// ([`QuoteKind::Term`]), which are no quotations.
pub fn quote_records<'a>(quotes: impl IntoIterator<Item = &'a Quote>) -> Vec<QuoteRecord<'a>> {
    quotes
        .into_iter()
        .filter(|q| q.kind != QuoteKind::Term)
        .map(QuoteRecord::from)
        .collect()
}

/// One article's output: `{"id", "text"?, "quotes", "speakers"}`. The CLI
/// prints one a line, with `text` only when it derived the text (from HTML);
/// the Python module gives one without `id` or `text`.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a, Id: Serialize> {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The article's id (file stem, JSON Lines id, WARC record), when it has one.
    pub id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The article text the offsets count into, when it was extracted from HTML.
    pub text: Option<&'a str>,
    /// Every quote.
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Every speaker quoted, in order of first quote.
    pub speakers: &'a [Speaker],
}

/// The table columns of a quote: the names of [`QuoteRecord`]'s fields, in order.
pub fn columns() -> Vec<&'static str> {
    let mut names = Vec::new();
    // The default record has every field, so every name comes out.
    let _ = QuoteRecord::default().serialize(RowWriter {
        names: Some(&mut names),
        cells: None,
    });
    names
}

impl QuoteRecord<'_> {
    /// The record's fields as table cells, in [`columns`] order: an absent
    /// value is an empty cell.
    pub fn cells(&self) -> Vec<String> {
        let mut cells = Vec::new();
        if let Err(e) = self.serialize(RowWriter {
            names: None,
            cells: Some(&mut cells),
        }) {
            // Only a field type the table cannot hold gets here: a bug in
            // this file, found by the tests.
            cells.push(e.0);
        }
        cells
    }
}

/// A table of quotes, one row a quote after a header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote
    /// or line break in double quotes, quotes doubled.
    Csv,
    /// Tab-separated, one line a quote: tab, newline, carriage return and
    /// backslash in a field written as `\t`, `\n`, `\r` and `\\`.
    Tsv,
}

impl Table {
    /// The header row: `first` (columns about the article, such as `id`),
    /// then [`columns`].
    pub fn header(self, first: &[&str], out: &mut String) {
        let names = columns();
        self.write(first.iter().chain(names.iter()).copied(), out);
    }

    /// One quote's row: the `first` cells, then the record's.
    pub fn row(self, first: &[&str], record: &QuoteRecord, out: &mut String) {
        let cells = record.cells();
        self.write(
            first
                .iter()
                .copied()
                .chain(cells.iter().map(String::as_str)),
            out,
        );
    }

    fn write<'a>(self, fields: impl Iterator<Item = &'a str>, out: &mut String) {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                out.push(if self == Table::Csv { ',' } else { '\t' });
            }
            // A field a spreadsheet would run as a formula gets a leading `'`
            // (OWASP's advice against CSV injection); the rest is kept.
            let defuse = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
            match self {
                Table::Csv => {
                    let quote = field.contains([',', '"', '\n', '\r']);
                    if quote {
                        out.push('"');
                    }
                    if defuse {
                        out.push('\'');
                    }
                    out.push_str(&field.replace('"', "\"\""));
                    if quote {
                        out.push('"');
                    }
                }
                Table::Tsv => {
                    if defuse {
                        out.push('\'');
                    }
                    for c in field.chars() {
                        match c {
                            '\t' => out.push_str("\\t"),
                            '\n' => out.push_str("\\n"),
                            '\r' => out.push_str("\\r"),
                            '\\' => out.push_str("\\\\"),
                            c => out.push(c),
                        }
                    }
                }
            }
        }
        out.push_str(if self == Table::Csv { "\r\n" } else { "\n" });
    }
}

/// A number as a table shows it: up to three decimals, no trailing zeros
/// (`0.95`, `1`). Through [`crate::export::fixed`], since float formatting
/// would grow the WebAssembly.
fn decimal(value: f64) -> String {
    let fixed = crate::export::fixed(value, 3);
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    match trimmed {
        "" | "-" | "-0" => "0".to_string(),
        number => number.to_string(),
    }
}

/// Why a value cannot be a table cell.
#[derive(Debug)]
struct CellError(String);

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        CellError(message.to_string())
    }
}

/// Serialises a [`QuoteRecord`] into its field names, its cells, or both.
struct RowWriter<'w> {
    names: Option<&'w mut Vec<&'static str>>,
    cells: Option<&'w mut Vec<String>>,
}

/// Serialises one flat value into the text of a cell.
struct CellWriter;

/// The serde methods a flat cell has no use for.
macro_rules! not_a_cell {
    ($($method:ident($($arg:ty),*) -> $out:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$out, CellError> {
            Err(CellError(concat!("a table cell cannot hold this value (", stringify!($method), ")").into()))
        })*
    };
}

impl Serializer for CellWriter {
    type Ok = String;
    type Error = CellError;
    type SerializeSeq = JoinedCell;
    type SerializeTuple = JoinedCell;
    type SerializeTupleStruct = Impossible<String, CellError>;
    type SerializeTupleVariant = Impossible<String, CellError>;
    type SerializeMap = Impossible<String, CellError>;
    type SerializeStruct = StructCell;
    type SerializeStructVariant = Impossible<String, CellError>;

    fn serialize_bool(self, v: bool) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, CellError> {
        Ok(decimal(v))
    }
    fn serialize_f32(self, v: f32) -> Result<String, CellError> {
        Ok(decimal(f64::from(v)))
    }
    fn serialize_str(self, v: &str) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, CellError> {
        Ok(v.to_string())
    }
    fn serialize_none(self) -> Result<String, CellError> {
        Ok(String::new())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<String, CellError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, CellError> {
        Ok(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, CellError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, CellError> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<JoinedCell, CellError> {
        Ok(JoinedCell(Vec::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<JoinedCell, CellError> {
        Ok(JoinedCell(Vec::new()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<StructCell, CellError> {
        Ok(StructCell(Vec::new()))
    }
    not_a_cell! {
        serialize_i8(i8) -> String;
        serialize_i16(i16) -> String;
        serialize_u8(u8) -> String;
        serialize_u16(u16) -> String;
        serialize_bytes(&[u8]) -> String;
        serialize_unit_struct(&'static str) -> String;
        serialize_tuple_struct(&'static str, usize) -> Impossible<String, CellError>;
        serialize_map(Option<usize>) -> Impossible<String, CellError>;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<String, CellError>;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<String, CellError>;
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, CellError> {
        Err(CellError(
            "a table cell cannot hold an enum with data".into(),
        ))
    }
}

/// A list in one cell: its items joined with `; `.
struct JoinedCell(Vec<String>);

/// The pieces of one cell joined with `; `, as `&str`: the one `join` the
/// WebAssembly carries (it holds one copy per element type).
fn joined(pieces: &[String]) -> String {
    pieces
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ser::SerializeSeq for JoinedCell {
    type Ok = String;
    type Error = CellError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), CellError> {
        self.0.push(v.serialize(CellWriter)?);
        Ok(())
    }
    fn end(self) -> Result<String, CellError> {
        Ok(joined(&self.0))
    }
}

impl ser::SerializeTuple for JoinedCell {
    type Ok = String;
    type Error = CellError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), CellError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<String, CellError> {
        ser::SerializeSeq::end(self)
    }
}

/// A struct in one cell: `name=value` pairs joined with `; `.
struct StructCell(Vec<String>);

impl SerializeStruct for StructCell {
    type Ok = String;
    type Error = CellError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), CellError> {
        self.0.push(format!("{key}={}", v.serialize(CellWriter)?));
        Ok(())
    }
    fn end(self) -> Result<String, CellError> {
        Ok(joined(&self.0))
    }
}

impl<'w> Serializer for RowWriter<'w> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }
    not_a_cell! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Impossible<(), CellError>;
        serialize_tuple(usize) -> Impossible<(), CellError>;
        serialize_tuple_struct(&'static str, usize) -> Impossible<(), CellError>;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), CellError>;
        serialize_map(Option<usize>) -> Impossible<(), CellError>;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), CellError>;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), CellError> {
        Err(CellError("a row is a struct".into()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        Err(CellError("a row is a struct".into()))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        Err(CellError("a row is a struct".into()))
    }
}

impl SerializeStruct for RowWriter<'_> {
    type Ok = ();
    type Error = CellError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        if let Some(names) = self.names.as_deref_mut() {
            names.push(key);
        }
        if let Some(cells) = self.cells.as_deref_mut() {
            let cell = value
                .serialize(CellWriter)
                .map_err(|e| CellError(format!("field {key}: {e}")))?;
            cells.push(cell);
        }
        Ok(())
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    const ARTICLE: &str = "“Prices rose \"sharply\", then fell,” said Mayor Ruth Okafor.\n\
        “=SUM(A1:A9) is all they see,\n“and more,” Okafor said.\n\
        This showed how Iran’s “destabilising influence reaches far beyond the Middle East”.";

    #[test]
    fn columns_are_the_fields_in_order() {
        assert_eq!(
            columns(),
            [
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
                "why"
            ]
        );
        let analysis = analyze(ARTICLE);
        for quote in &analysis.quotes {
            assert_eq!(QuoteRecord::from(quote).cells().len(), columns().len());
        }
    }

    #[test]
    fn cells_print_absent_values_empty_and_confidence_short() {
        let quote = Quote {
            start: 3,
            end: 9,
            text: "-1".into(),
            kind: QuoteKind::Partial,
            speaker: None,
            speaker_id: None,
            speaker_start: None,
            speaker_end: None,
            role: None,
            cue: Some("said".into()),
            confidence: 0.875,
            why: None,
        };
        let cells = QuoteRecord::from(&quote).cells();
        assert_eq!(
            cells,
            ["3", "9", "-1", "", "", "", "", "said", "partial", "0.875", ""]
        );
        assert_eq!(decimal(0.95_f32 as f64), "0.95");
        // What a later field may hold: a list, a struct.
        #[derive(Serialize)]
        struct RunnerUp<'a> {
            speaker: &'a str,
            confidence: f64,
            aliases: [&'a str; 2],
        }
        let runner_up = RunnerUp {
            speaker: "Lammy",
            confidence: 0.4,
            aliases: ["David Lammy", "Mr Lammy"],
        };
        assert_eq!(
            Some(&runner_up).serialize(CellWriter).unwrap(),
            "speaker=Lammy; confidence=0.4; aliases=David Lammy; Mr Lammy"
        );
        assert_eq!(decimal(1.0), "1");
        assert_eq!(decimal(0.0), "0");
    }

    #[test]
    fn csv_parses_back_field_for_field_with_formulas_defused() {
        let analysis = analyze(ARTICLE);
        let records = quote_records(&analysis.quotes);
        let mut out = String::new();
        Table::Csv.header(&["id"], &mut out);
        for record in &records {
            Table::Csv.row(&["a,1"], record, &mut out);
        }
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[0], "id");
        assert_eq!(header[1..], columns());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), records.len());
        for (row, record) in rows.iter().zip(&records) {
            assert_eq!(&row[0], "a,1");
            let cells = record.cells();
            for (read, cell) in row.iter().skip(1).zip(&cells) {
                if cell.starts_with('=') {
                    assert_eq!(read, format!("'{cell}"));
                } else {
                    assert_eq!(read, cell);
                }
            }
        }
        assert!(rows.iter().any(|r| r[3].starts_with("'=SUM")), "{out}");
        assert!(out.ends_with("\r\n"));
    }

    #[test]
    fn tsv_keeps_one_line_a_quote() {
        let analysis = analyze(ARTICLE);
        let mut out = String::new();
        Table::Tsv.header(&["id"], &mut out);
        for record in quote_records(&analysis.quotes) {
            Table::Tsv.row(&["a"], &record, &mut out);
        }
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1 + quote_records(&analysis.quotes).len());
        for line in &lines {
            assert_eq!(line.split('\t').count(), 1 + columns().len(), "{line}");
        }
        assert!(
            out.contains("\t'=SUM(A1:A9) is all they see,\\n“and more,\t"),
            "{out}"
        );
    }
}
