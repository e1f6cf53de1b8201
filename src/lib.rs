//! Quotelens core: who said that?
//!
//! Text in, quotes out. [`analyze`] takes the plain text of a news article
//! (paragraphs separated by line breaks) and returns every quotation in it with
//! its speaker. The core knows nothing of the DOM or the browser; the `wasm`
//! module and the CLI are thin layers over this one function.
//!
//! The analysis runs in stages, each a module:
//!
//! 1. `marks`: find the double quotation marks and decide for each whether it
//!    opens or closes (`"`, `“ ”`, `„ “`, `« »`); apostrophes never count.
//! 2. `spans`: pair marks into quote spans, joining a quote that runs over
//!    several paragraphs (no closing mark, next paragraph reopens).
//! 3. `tokens` and `cues`: split the text outside quotes into words and
//!    sentences, then look around each quote for a cue (`said`, `added`,
//!    `according to`, `told reporters`) and the speaker mention it names.
//! 4. `resolve`: turn mentions into speakers: `Lammy`, `Mr Lammy` and
//!    `British Foreign Secretary David Lammy` are one person; `he added` names
//!    the last compatible speaker.
//! 5. The result: quotes with spans, kind, cue, speaker and a confidence.
//!
//! ```
//! let analysis = quotelens::analyze("“Very soon, we will see,” Blinken said.");
//! assert_eq!(analysis.quotes[0].speaker.as_deref(), Some("Blinken"));
//! ```
//!
//! Every stage is linear in the length of the text: windows around a quote are
//! bounded, and no stage backtracks over the whole text.

#![deny(missing_docs)]

// What a user of the crate needs: the analysis (below), its records and
// exports, the article extractor, and the text and UTF-16 offset maps for
// the DOM.
pub mod annotation;
pub mod export;
pub mod extract;
pub mod offsets;
pub mod record;
pub mod textmap;

// The stages, each a module of its own, reached only through `analyze`.
mod case;
pub(crate) mod cues;
mod find;
pub(crate) mod lexicon;
pub(crate) mod marks;
mod part;
pub(crate) mod resolve;
mod sort;
pub(crate) mod spans;
pub(crate) mod tokens;
mod weights;

pub use lexicon::Lang;
pub use marks::{DIALOGUE_DASHES, QUOTATION_MARKS};

/// What `make train` (`examples/train.rs`) reads of the stages: their
/// features, weights and choices. Not part of the API.
#[doc(hidden)]
pub mod training {
    pub use crate::cues::{cue_features, cue_weights, CueChoice};
    pub use crate::resolve::{
        antecedent_features, antecedent_weights, with_antecedent_weights, PronounChoice,
    };
}

// The browser layer: its DOM parts are built for wasm32 only (see its docs).
pub mod wasm;

#[cfg(feature = "python")]
mod python;

use serde::Serialize;

/// Whether a quote stands as its own sentence(s) or is woven into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// `Blinken said: “What I think is absolutely essential…”`
    #[default]
    Direct,
    /// `Lammy said the missiles marked "definitely a significant escalation".`
    Partial,
    /// The quoted name of a thing, not a quotation: `MSNBC's "Morning Joe"`,
    /// `die Zeitung „Washington Post“`. It has no speaker; the CLI leaves it out.
    Term,
}

/// One quotation and who said it. Offsets are Unicode code points into the
/// analysed text, end exclusive; the span excludes the quotation marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Where the quote's words start, in code points into the text (after the opening mark).
    pub start: usize,
    /// Where they end (exclusive, before the closing mark).
    pub end: usize,
    /// The quote's words.
    pub text: String,
    /// A whole quotation, a few words woven into a sentence, or a term.
    pub kind: QuoteKind,
    /// Canonical name of the speaker (`Antony Blinken`), or `None` when no
    /// speaker was found.
    pub speaker: Option<String>,
    /// Index into [`Analysis::speakers`].
    pub speaker_id: Option<usize>,
    /// The mention the cue names, e.g. the `he` of `he added`.
    pub speaker_start: Option<usize>,
    /// Where that mention ends (exclusive).
    pub speaker_end: Option<usize>,
    /// The speaker's role or title, e.g. `US Secretary of State`.
    pub role: Option<String>,
    /// The cue word or phrase, e.g. `said`, `according to`.
    pub cue: Option<String>,
    /// How sure the attribution is, in [0, 1]; 0 when there is no speaker.
    pub confidence: f32,
    /// Why this speaker; `None` when there is none.
    pub why: Option<Why>,
}

/// A quotation of this many words or fewer with nobody found to say it is
/// read as a term or a scare quote (`Iran’s “malign” influence`), nobody's
/// words: the cue stage lends it no neighbour's speaker, and the overlay
/// tints it without a badge ([`Quote::reads_as_term`]).
pub const TERM_MAX_WORDS: usize = 3;

impl Quote {
    /// A quoted name of a thing ([`QuoteKind::Term`]), or a quote of up to
    /// [`TERM_MAX_WORDS`] words with no speaker: shown as a term, not a
    /// quotation.
    pub fn reads_as_term(&self) -> bool {
        self.kind == QuoteKind::Term
            || (self.speaker.is_none() && self.text.split_whitespace().count() <= TERM_MAX_WORDS)
    }
}

/// Why a quote has the speaker it shows, for the hover card and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    /// The rule that found the cue and mention: `after`, `before`,
    /// `sentence-subject`, `same-paragraph`, … (one per route of the cue stage).
    pub rule: &'static str,
    /// How the mention became the name shown: `named`, `pronoun`, `role`,
    /// `described`, `last-speaker`, `subject`, `as-written`, …
    pub resolution: &'static str,
    /// The candidate that came second, where a ranker chose among several.
    pub runner_up: Option<String>,
    /// The same in plain words: `after the quote, “said” names “he”; he =
    /// Gordon Sondland, the likeliest person named before it (next likeliest: Joe Biden)`.
    pub text: String,
}

/// A person, group or organisation quoted in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The fullest name the text gives (`Antony Blinken`).
    pub name: String,
    /// The speaker's role or title, when the text gives one.
    pub role: Option<String>,
    /// Other ways the text names this speaker (`Lammy`, `Mr Lammy`).
    pub aliases: Vec<String>,
    /// How many quotes are theirs.
    pub quote_count: usize,
}

/// The result of [`analyze`]: quotes in text order and their speakers.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Analysis {
    /// Every quotation, in text order.
    pub quotes: Vec<Quote>,
    /// Every speaker quoted, in order of first quote ([`Quote::speaker_id`] points here).
    pub speakers: Vec<Speaker>,
}

/// How to analyse a text; [`Options::default`] detects everything from the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The page's language as a BCP 47 tag (`de`, `pt-BR`), e.g. from the
    /// `lang` attribute; `None`, or a language the core does not know, lets
    /// the text decide.
    pub language: Option<&'a str>,
}

/// Find every quotation in `text` and attribute it; the language comes from the text.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Options::default())
}

/// [`analyze`] with options: `analyze_with(text, &Options { language: Some("de") })`.
///
/// ```
/// use quotelens::{analyze_with, Options};
/// let a = analyze_with("„Wir schaffen das“, sagte Merkel.", &Options { language: Some("de") });
/// assert_eq!(a.quotes[0].speaker.as_deref(), Some("Merkel"));
/// ```
pub fn analyze_with(text: &str, options: &Options) -> Analysis {
    run(text, options, Traces::default())
}

/// The `he` and `she` that quotes' cues name in `text`, each with the people
/// it may mean and their features: what `make train` learns the
/// resolution weights from (`examples/train.rs`).
#[doc(hidden)]
pub fn pronoun_choices(text: &str) -> Vec<resolve::PronounChoice> {
    let mut trace = Vec::new();
    run(
        text,
        &Options::default(),
        Traces {
            pronouns: Some(&mut trace),
            cues: None,
        },
    );
    trace
}

/// The proposals every quote's cue rules make in `text`, with their
/// features: what `make train` learns the cue choice from (`examples/train.rs`).
#[doc(hidden)]
pub fn cue_choices(text: &str) -> Vec<cues::CueChoice> {
    let mut trace = Vec::new();
    run(
        text,
        &Options::default(),
        Traces {
            cues: Some(&mut trace),
            pronouns: None,
        },
    );
    trace
}

/// What a training run records while analysing.
#[derive(Default)]
struct Traces<'a> {
    pronouns: Option<&'a mut Vec<resolve::PronounChoice>>,
    cues: Option<&'a mut Vec<cues::CueChoice>>,
}

fn run(text: &str, options: &Options, trace: Traces) -> Analysis {
    let chars: Vec<char> = text.chars().collect();
    let marks = marks::find_marks(&chars);
    let mut spans = spans::pair_marks(&chars, &marks);
    let has_dash = |text: &str| text.contains(marks::DIALOGUE_DASHES);
    // Most text on the web quotes nobody: stop before the costly stages.
    if spans.is_empty() && !has_dash(text) {
        return Analysis::default();
    }
    let lang = options
        .language
        .and_then(lexicon::Lang::from_tag)
        .unwrap_or_else(|| lexicon::Lang::detect(text));
    // Dialogue dashes (`—No vamos —dijo él—.`, `– To skandal – powiedział.`)
    // quote in Romance-language and Polish news.
    if matches!(
        lang,
        lexicon::Lang::Es
            | lexicon::Lang::Pt
            | lexicon::Lang::Fr
            | lexicon::Lang::It
            | lexicon::Lang::Pl
    ) && has_dash(text)
    {
        spans::add_dialogue_spans(&chars, &mut spans);
    }
    if spans.is_empty() {
        return Analysis::default();
    }
    let lexicon = lexicon::Lexicon::of(lang);
    let tokens = tokens::tokenize(&chars, &spans);
    let cues = cues::attribute(&chars, &tokens, &spans, lang, trace.cues);
    resolve::resolve(&chars, &spans, cues, lexicon, trace.pronouns)
}
