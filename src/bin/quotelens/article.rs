//! What a source yields: articles to analyse, or errors that say where.
//!
//! Shared by the readers ([`crate::input`] and [`crate::archive`]) and the
//! analysis loop ([`crate::parallel`]), so that none of them depends on another.

use std::fmt;

use serde_json::Value;

/// One article to analyse.
#[derive(Debug)]
pub struct Article {
    /// A JSON string or number, as the input gave it.
    pub id: Value,
    pub text: String,
    /// Whether the text was derived (from HTML) and so belongs in the output.
    pub derived: bool,
    /// The page's address, which `--output annotation` points at: a file's
    /// `file:` URL, a web archive record's target URI, a JSON Lines object's
    /// `"url"` (`--url` overrides them all). `None` for stdin text.
    pub url: Option<String>,
    /// Something the reader had to mend (bytes that were not valid in the
    /// text's encoding), said on stderr; the article is still analysed.
    pub warning: Option<String>,
}

/// Why an article could not be read: where, and what went wrong.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    /// The record of a web archive, counted from 1.
    pub record: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.record) {
            (Some(line), _) => write!(f, "{}:{}: {}", self.source, line, self.message),
            (None, Some(record)) => {
                write!(f, "{}: record {}: {}", self.source, record, self.message)
            }
            (None, None) => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// The articles of one source, read lazily, so a corpus need not fit in memory.
pub type Articles = Box<dyn Iterator<Item = Result<Article, InputError>> + Send>;
