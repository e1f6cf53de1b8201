//! One line of output: an article's id, its quotes and its speakers as JSON.

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

/// A quote as printed: the core's [`quotelens::Quote`] without its internal
/// index into the speaker list.
#[derive(Serialize)]
pub struct QuoteOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub role: Option<&'a str>,
    pub cue: Option<&'a str>,
    pub kind: QuoteKind,
    pub confidence: f32,
}

impl<'a> Record<'a> {
    pub fn new(id: &'a Value, text: Option<&'a str>, analysis: &'a Analysis) -> Self {
        let quotes = analysis
            .quotes
            .iter()
            // Quoted names of things are no quotations.
            .filter(|q| q.kind != QuoteKind::Term)
            .map(|q| QuoteOut {
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
            })
            .collect();
        Record {
            id,
            text,
            quotes,
            speakers: &analysis.speakers,
        }
    }
}
