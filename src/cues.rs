//! Stage 3b: cues and speaker candidates.
use crate::{spans::Span, tokens::Token};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribution {
    pub mention: Option<(usize, usize)>,
    pub cue: Option<String>,
    pub confidence: f32,
}

pub fn attribute(_chars: &[char], _tokens: &[Token], spans: &[Span]) -> Vec<Attribution> {
    vec![Attribution::default(); spans.len()]
}
