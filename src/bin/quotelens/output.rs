//! One line of output: an article's id, its quotes and its speakers as JSON.

use quotelens::export::QuoteOut;
use quotelens::{Analysis, QuoteKind, Speaker};
use serde::Serialize;
use serde_json::Value;

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
}

impl<'a> Record<'a> {
    pub fn new(id: &'a Value, text: Option<&'a str>, analysis: &'a Analysis) -> Self {
        let quotes = analysis
            .quotes
            .iter()
            // Quoted names of things are no quotations.
            .filter(|q| q.kind != QuoteKind::Term)
            .map(QuoteOut::from)
            .collect();
        Record {
            id,
            text,
            quotes,
            speakers: &analysis.speakers,
        }
    }
}
