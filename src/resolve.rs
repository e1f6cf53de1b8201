//! Stage 4: resolution.
use crate::{cues::Attribution, spans::Span, tokens::Token, Analysis, Quote, QuoteKind};

pub fn resolve(chars: &[char], _tokens: &[Token], spans: &[Span], attributions: Vec<Attribution>) -> Analysis {
    let quotes = spans
        .iter()
        .zip(attributions)
        .map(|(s, a)| Quote {
            start: s.start,
            end: s.end,
            text: chars[s.start..s.end].iter().collect(),
            kind: QuoteKind::Direct,
            speaker: a.mention.map(|(b, e)| chars[b..e].iter().collect()),
            speaker_id: None,
            speaker_start: a.mention.map(|m| m.0),
            speaker_end: a.mention.map(|m| m.1),
            role: None,
            cue: a.cue,
            confidence: a.confidence,
        })
        .collect();
    Analysis { quotes, speakers: Vec::new() }
}
