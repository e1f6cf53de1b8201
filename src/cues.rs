//! Stage 3b: cues and speaker candidates.
//!
//! For each quote, finds the cue that attributes it and the mention the cue
//! names, looking only inside the quote's own sentence. Several rules may
//! each find one (`cues/choice.rs` weighs them with learned weights):
//!
//! 1. **After the quote**, right after its closing mark: `“…,” Blinken said`,
//!    `“…,” said Sen. John Smith`, `“…,” he added`, `“…,” according to aides`.
//!    Inside a sentence this wins over any name before the quote, which is how
//!    `Russia’s President Vladimir Putin “will likely use them”, Blinken said`
//!    goes to Blinken and not Putin.
//! 2. **Before the quote**, the nearest verb of saying that has a subject:
//!    `Lammy said the missiles marked "definitely a significant escalation"`,
//!    `Blinken said: “…”`, `According to the ministry, “…”`. A quote that ends
//!    its sentence belongs to the cue before it.
//! 3. **No cue in the sentence**: the second half of a split quote
//!    (`“A,” X said. “B.”`) and a quote that continues a speaker's paragraph
//!    take the speaker of the quote before; those carry less confidence.
//!
//! A mention is a name with its title (`British Foreign Secretary David Lammy`),
//! several names (`Blinken and Lammy`), a pronoun (`he`, or `who` with the name
//! before it) or a description (`a senior aide`, `the ministry`). Which person a
//! pronoun or a surname means is the next stage's work.
//!
//! ```
//! let a = quotelens::analyze("Lammy said the missiles marked \"definitely a significant escalation\".");
//! assert_eq!(a.quotes[0].cue.as_deref(), Some("said"));
//! assert_eq!(a.quotes[0].speaker.as_deref(), Some("Lammy"));
//! ```
//!
//! The rules live by position: `cues/after.rs` (cues after the quote),
//! `cues/before.rs` (cues before it, source phrases, the sentence subject)
//! and `cues/mentions.rs` (what a cue's noun phrase names), each rule a
//! function with tests on real sentences beside it; `cues/choice.rs` picks
//! among their finds; how sure each route is sits with [`Via::confidence`].
//! This file holds the words-and-sentences view they share (`Text`) and
//! pass 2, inheritance.
//!
//! Every search is bounded to one sentence and a fixed number of tokens, so
//! the stage is linear in the text.

mod after;
mod before;
mod choice;
mod mentions;

use crate::case::{lower_char, lowercase};
use crate::find;
use crate::lexicon::{is_platform, is_possessive, possessive_owner, Lang, Lexicon};
use crate::part::part;
use crate::spans::Span;
use crate::tokens::{tokenize_between, Kind, Token};
use crate::QuoteKind;

/// A person's name in the text and, when the text gives it, their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name proper, titles stripped: `David Lammy`.
    pub name: (usize, usize),
    /// `British Foreign Secretary`, or an apposition: `a spokesman for the campaign`.
    pub role: Option<(usize, usize)>,
}

impl Person {
    /// `Antony Blinken`, not a lone `Blinken`: two words or more.
    pub fn is_full_name(&self, chars: &[char]) -> bool {
        chars[self.name.0..self.name.1]
            .iter()
            .any(|c| c.is_whitespace())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Named(Person),
    /// `Blinken and Lammy agreed that …`
    Group(Vec<Person>),
    /// `he`, `she`, `they`, `it`, `I`, `we`.
    Pronoun,
    /// `who` in `Smith, who said …`, with the name before it when there is one.
    Relative(Option<Person>),
    /// `a senior aide`, `the ministry`, `officials`.
    Nominal,
}

/// Where in the text the cue names its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub who: Who,
}

impl Mention {
    fn at(start: usize, end: usize, who: Who) -> Mention {
        Mention { start, end, who }
    }
}

/// How a quote found its speaker: one variant per rule, each with the
/// confidence it earns beside it ([`Via::confidence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `“…,” Blinken said`, `„…“, so der Minister`, `« … », a déclaré X`.
    After,
    /// `Blinken said: “…”`, `laut Polizei`, `Demgegenüber sagte Merkel: „…“`.
    Before,
    /// `Trump attacked Clinton, saying, "She's trigger-happy"`, `Trump
    /// likened the refugees to a “vicious snake”`: a participle or no cue;
    /// the sentence's subject speaks.
    SentenceSubject,
    /// `Trump: “…”`, as in headlines.
    Colon,
    /// No cue: the speaker of the next quote in the paragraph (`“A.” “B,” X said.`).
    NextQuote,
    /// `Guccifer 2.0 was branded "in homage to" Lazar, Song wrote.`
    SentenceEnd,
    /// No cue: the subject of a cue in the sentence before, in the same paragraph.
    SentenceBefore,
    /// `“…”. Lo ha detto X.`: the next sentence takes up the quote and names its speaker.
    NextSentence,
    /// No cue: the subject of a cue ending the paragraph before.
    ParagraphBefore,
    /// No cue: the speaker of the quote before, in the same paragraph.
    SameParagraph,
    /// No cue: a paragraph that is all quote, after a paragraph that ends
    /// with the same speaker's quote (`“…,” he said. “…”¶“…”`).
    QuotedParagraph,
    /// No cue: a sentence in the subjunctive of reported speech (`Deshalb sei
    /// es „folgerichtig“`), which goes on reporting the last speaker.
    ReportedSpeech,
    /// Nobody found.
    Unattributed,
}

impl Via {
    /// How often the rule is right, roughly, as measured on PolNeAR train:
    /// a cue next to the quote is safest, an inherited speaker least safe.
    pub fn confidence(self) -> f32 {
        match self {
            Via::After => 0.95,
            Via::Before => 0.9,
            Via::SentenceEnd | Via::NextSentence => 0.75,
            Via::SameParagraph | Via::NextQuote => 0.7,
            Via::Colon | Via::SentenceBefore => 0.65,
            Via::SentenceSubject
            | Via::ParagraphBefore
            | Via::QuotedParagraph
            | Via::ReportedSpeech => 0.6,
            Via::Unattributed => 0.0,
        }
    }
}

impl Via {
    /// The rule's name in a quote's explanation ([`crate::Why::rule`]).
    pub fn name(self) -> &'static str {
        match self {
            Via::After => "after",
            Via::Before => "before",
            Via::SentenceSubject => "sentence-subject",
            Via::Colon => "colon",
            Via::NextQuote => "next-quote",
            Via::SentenceEnd => "sentence-end",
            Via::NextSentence => "next-sentence",
            Via::SentenceBefore => "sentence-before",
            Via::ParagraphBefore => "paragraph-before",
            Via::SameParagraph => "same-paragraph",
            Via::QuotedParagraph => "quoted-paragraph",
            Via::ReportedSpeech => "reported-speech",
            Via::Unattributed => "none",
        }
    }
}

impl Who {
    /// A name is surest; a pronoun or description had to be resolved.
    pub fn confidence(&self) -> f32 {
        match self {
            Who::Named(_) => 1.0,
            Who::Group(_) => 0.95,
            Who::Relative(_) | Who::Nominal => 0.9,
            Who::Pronoun => 0.85,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub mention: Option<Mention>,
    pub cue: Option<String>,
    pub via: Via,
    pub kind: QuoteKind,
    /// For inherited attributions, the quote whose speaker this one shares.
    pub inherits: Option<usize>,
    /// The name of a show, book or article (`MSNBC's "Morning Joe"`), not a quotation.
    pub title_of_work: bool,
}

/// What this stage hands to resolution.
pub struct Cues {
    /// One per quote span, in order.
    pub attributions: Vec<Attribution>,
    /// Every subject of a verb of saying outside quotes, attributed or not
    /// (`Blinken said he was working …`), in text order: the context that
    /// pronouns are resolved against.
    pub subjects: Vec<Mention>,
    /// Every name of a person outside quotes, in text order.
    pub names: Vec<Mention>,
}

/// How far a cue may stand from its quote, in tokens.
const AFTER_WINDOW: usize = 30;
const APPOSITION_WINDOW: usize = 24;
const BEFORE_WINDOW: usize = 60;
const NOUN_PHRASE_WORDS: usize = 7;
/// How much of a quote after an incise's first word is read for it, in chars.
const INCISE_CHARS: usize = 160;
/// How many words may follow an incise's subject before the incise closes.
const INCISE_TAIL: usize = 5;

/// Italian prepositions joined to an elided article (`all'Adnkronos`,
/// `dell'Onu`): part of a phrase before a name, never part of the name.
const ELIDED_PREPOSITIONS: [&str; 5] = ["all", "dall", "dell", "nell", "sull"];

/// A comma or a dash: what opens the clause of a cue right after a quote
/// (`“…”, said X`, `« … » – a déclaré X`), and an incise inside one.
fn opens_incise(c: char) -> bool {
    matches!(c, ',' | '–' | '—' | '―')
}

/// Finds the cue and speaker mention of every quote in `spans`.
pub fn attribute(
    chars: &[char],
    tokens: &[Token],
    spans: &[Span],
    lang: Lang,
    mut trace: Option<&mut Vec<CueChoice>>,
) -> Cues {
    let text = Text::new(chars, tokens, spans, Lexicon::of(lang));
    let quote_tokens: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, Kind::Quote(_)))
        .map(|(i, _)| i)
        .collect();
    let paragraph_of = paragraph_indices(tokens);

    let mut attributions: Vec<Attribution> = quote_tokens
        .iter()
        .map(|&qt| {
            let kind = text.quote_kind(qt);
            let proposals = text.proposals(qt, kind);
            let shape = text.quote_shape(qt, kind);
            let chosen = choice::best(&proposals, shape).map(|i| &proposals[i]);
            if let Some(trace) = trace.as_deref_mut() {
                trace.push(CueChoice {
                    start: shape.start,
                    end: shape.end,
                    proposals: proposals
                        .iter()
                        .map(|p| {
                            let f = choice::features(p, shape);
                            (p.mention.start, p.mention.end, f.to_vec())
                        })
                        .collect(),
                });
            }
            let (mention, cue, via) = chosen.map_or((None, None, Via::Unattributed), |p| {
                (Some(p.mention.clone()), p.cue.clone(), p.rule.via())
            });
            Attribution {
                mention,
                cue,
                via,
                kind,
                inherits: None,
                title_of_work: text.is_title_of_work(qt),
            }
        })
        .collect();
    // `schreibt die „Computerwoche“`: a quote that names another's speaker is a title.
    let starts: Vec<usize> = quote_tokens.iter().map(|&qt| tokens[qt].start).collect();
    let titles: Vec<usize> = attributions
        .iter()
        .filter_map(|a| a.mention.as_ref())
        .filter(|m| matches!(m.who, Who::Named(_)))
        .flat_map(|m| {
            starts.partition_point(|&s| s < m.start)..starts.partition_point(|&s| s < m.end)
        })
        .collect();
    for i in titles {
        attributions[i].title_of_work = true;
    }
    let subjects = text.all_cue_subjects();
    inherit_speakers(
        &text,
        &quote_tokens,
        &paragraph_of,
        &subjects,
        &mut attributions,
    );

    Cues {
        attributions,
        subjects: subjects.into_iter().map(|(_, m)| m).collect(),
        names: text.all_names(),
    }
}

/// One quote's proposals and their features, for training the cue choice
/// (`examples/train.rs`): the quote's span, then each proposal's mention
/// span and features.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct CueChoice {
    pub start: usize,
    pub end: usize,
    pub proposals: Vec<(usize, usize, Vec<f32>)>,
}

/// The names of the cue choice's features, in the order of its weights.
#[doc(hidden)]
pub fn cue_features() -> &'static [&'static str] {
    &choice::FEATURES
}

/// The cue choice's weights, in the order of [`cue_features`].
#[doc(hidden)]
pub fn cue_weights() -> &'static [f32] {
    choice::weights()
}

impl Text<'_> {
    /// Every rule's find for the quote at `qt`, in the order the rules were
    /// once tried (ties keep it).
    fn proposals(&self, qt: usize, kind: QuoteKind) -> Vec<choice::Proposal> {
        use choice::{Proposal, Rule};
        let speaks = |m: &Mention| self.could_speak(m);
        // An incise inside the quote names its speaker whatever stands around
        // it. A hand rule: no train set has one (English and German close the
        // quote around it), so no weight for it could be learned.
        if let Some((m, c)) = self.incise_in_quote(qt) {
            return vec![Proposal {
                rule: Rule::Incise,
                mention: m,
                cue: Some(c),
            }];
        }
        let mut after = Vec::new();
        if let Some((m, c)) = self.cue_after(qt).filter(|(m, _)| speaks(m)) {
            after.push(Proposal {
                rule: Rule::After,
                mention: m,
                cue: Some(c),
            });
        }
        let mut before = Vec::new();
        if let Some((m, c, via)) = self.cue_before(qt).filter(|(m, _, _)| speaks(m)) {
            let rule = match via {
                Via::Colon => Rule::Colon,
                Via::SentenceSubject => Rule::SentenceSubject,
                _ => Rule::Before,
            };
            before.push(Proposal {
                rule,
                mention: m,
                cue: c,
            });
        }
        let mut proposals = if self.closes_sentence(qt) {
            before.into_iter().chain(after).collect::<Vec<_>>()
        } else {
            after.into_iter().chain(before).collect()
        };
        if let Some((m, c)) = self.cue_ending_sentence(qt).filter(|(m, _)| speaks(m)) {
            proposals.push(Proposal {
                rule: Rule::SentenceEnd,
                mention: m,
                cue: Some(c),
            });
        }
        if let Some((m, c)) = self.resumptive_cue(qt).filter(|(m, _)| speaks(m)) {
            proposals.push(Proposal {
                rule: Rule::NextSentence,
                mention: m,
                cue: Some(c),
            });
        }
        if kind == QuoteKind::Partial {
            if let Some(m) = self.woven_subject(qt) {
                proposals.push(Proposal {
                    rule: Rule::Woven,
                    mention: m,
                    cue: None,
                });
            }
        }
        proposals
    }

    /// Where the quote at `qt` stands and how it reads, for [`choice::features`].
    fn quote_shape(&self, qt: usize, kind: QuoteKind) -> choice::QuoteShape {
        choice::QuoteShape {
            start: self.tokens[qt].start,
            end: self.tokens[qt].end,
            closes_sentence: self.closes_sentence(qt),
            partial: kind == QuoteKind::Partial,
        }
    }
}

/// Paragraph number of every token.
fn paragraph_indices(tokens: &[Token]) -> Vec<u32> {
    let mut paragraph = 0;
    tokens
        .iter()
        .map(|t| {
            if t.kind == Kind::Break {
                paragraph += 1;
            }
            paragraph
        })
        .collect()
}

/// Pass 2: quotes with no cue in their sentence take the speaker of a
/// neighbouring quote, or of a cue in the sentence before:
/// `Sam Lau, the party's communications director, said in a statement. “…”`.
fn inherit_speakers(
    text: &Text,
    quote_tokens: &[usize],
    paragraph_of: &[u32],
    subjects: &[(usize, Mention)],
    attributions: &mut [Attribution],
) {
    let context = QuoteContext {
        text,
        quote_tokens,
        paragraph_of,
        subjects,
    };
    // The last quote with a speaker so far; kept as we go to stay linear.
    let mut last_attributed = None;
    for i in 0..attributions.len() {
        if attributions[i].via == Via::Unattributed {
            context.inherit(attributions, i, last_attributed);
        }
        if attributions[i].via != Via::Unattributed {
            last_attributed = Some(i);
        }
    }
}

/// What pass 2 knows about the text around quotes.
struct QuoteContext<'a> {
    text: &'a Text<'a>,
    quote_tokens: &'a [usize],
    paragraph_of: &'a [u32],
    subjects: &'a [(usize, Mention)],
}

impl QuoteContext<'_> {
    fn inherit(&self, attributions: &mut [Attribution], i: usize, last_attributed: Option<usize>) {
        let QuoteContext {
            text,
            quote_tokens,
            paragraph_of,
            subjects,
        } = *self;
        let qt = quote_tokens[i];
        let reported = text.in_reported_speech(qt);
        // `Iran’s “malign” influence`: a few words with no cue of their own
        // are a term or a scare quote, nobody's words, unless the sentence
        // reports speech by its mood (`seien „randvoll“`).
        if text.quote_words(qt) <= crate::TERM_MAX_WORDS && !reported && !text.is_short_sentence(qt)
        {
            return;
        }
        // Cue subjects before this quote, nearest first.
        let subjects_before = &subjects[..subjects.partition_point(|(at, _)| *at < qt)];
        // `“A” -- an aside -- “B,” X said.`: the next quote in the same sentence.
        if let Some(&next_qt) = quote_tokens.get(i + 1) {
            let same_sentence =
                next_qt - qt < AFTER_WINDOW && (qt + 1..next_qt).all(|k| !text.ends_sentence(k));
            if same_sentence && attributions[i + 1].via == Via::After {
                attributions[i].via = Via::NextQuote;
                attributions[i].inherits = Some(i + 1);
                return;
            }
        }
        let previous = last_attributed;
        // A cue earlier in this paragraph (or closing the one before with a
        // colon), after the previous quote.
        let paragraph = paragraph_of[qt];
        let lead_paragraph = match qt
            .checked_sub(2)
            .map(|k| (text.punct(k), text.tokens[k + 1].kind))
        {
            Some((Some(':'), Kind::Break)) => paragraph.saturating_sub(1),
            _ => paragraph,
        };
        let after_token = previous.map_or(0, |p| quote_tokens[p]);
        let cue_subject = subjects_before
            .iter()
            .rev()
            .take_while(|(at, _)| *at > after_token && paragraph_of[*at] >= lead_paragraph)
            .next();
        if let Some((_, mention)) = cue_subject {
            attributions[i].mention = Some(mention.clone());
            attributions[i].via = Via::SentenceBefore;
            return;
        }
        // `… against the Brady law, Clinton said.¶“He voted to let guns …”`: a
        // quoted paragraph after a paragraph whose last sentence has a cue.
        let opens_paragraph = qt > 0 && text.tokens[qt - 1].kind == Kind::Break;
        if opens_paragraph && attributions[i].kind == QuoteKind::Direct {
            let last_sentence = subjects_before
                .last()
                .filter(|(at, _)| *at > after_token && paragraph_of[*at] + 1 == paragraph)
                .filter(|(at, _)| (at + 1..qt.saturating_sub(2)).all(|k| !text.ends_sentence(k)));
            if let Some((_, mention)) = last_sentence {
                attributions[i].mention = Some(mention.clone());
                attributions[i].via = Via::ParagraphBefore;
                return;
            }
        }
        if reported {
            // Reported speech runs on across paragraphs until another cue:
            // the most recent speaker, a cue subject or the quote before.
            let subject = subjects_before
                .last()
                .filter(|(at, _)| *at > after_token && paragraph_of[*at] + 2 >= paragraph)
                .filter(|(_, m)| !matches!(m.who, Who::Nominal));
            if let Some((_, mention)) = subject {
                attributions[i].mention = Some(mention.clone());
                attributions[i].via = Via::ReportedSpeech;
                return;
            }
            if let Some(previous) =
                previous.filter(|&p| paragraph_of[quote_tokens[p]] + 2 >= paragraph)
            {
                attributions[i].via = Via::ReportedSpeech;
                attributions[i].inherits =
                    Some(attributions[previous].inherits.unwrap_or(previous));
                return;
            }
        }
        let Some(previous) = previous else { return };
        // Across a paragraph break the last speaker is a poor guess (one in
        // ten on PolNeAR, even for partial quotes): leave the quote unattributed.
        let via = match paragraph - paragraph_of[quote_tokens[previous]] {
            0 => Via::SameParagraph,
            // News prints a long quotation as paragraphs of quote alone: the
            // paragraph before must end with the previous quote, so no sentence
            // with a cue we could not parse stands between them.
            1 if previous + 1 == i
                && opens_paragraph
                && text.is_whole_paragraph(qt)
                && text.ends_paragraph(quote_tokens[previous]) =>
            {
                Via::QuotedParagraph
            }
            _ => return,
        };
        // Inherit the original attribution, not a chain of guesses.
        let source = attributions[previous].inherits.unwrap_or(previous);
        attributions[i].via = via;
        attributions[i].inherits = Some(source);
    }
}

struct Text<'a> {
    lex: &'static Lexicon,
    chars: &'a [char],
    tokens: &'a [Token],
    spans: &'a [Span],
    /// Every word in lower case, one after the other; `words[i]` is token
    /// `i`'s byte range in it (empty for punctuation, breaks and quotes).
    lower: String,
    words: Vec<(u32, u32)>,
    /// The cue stem of every token, looked up once.
    stems: Vec<Option<&'static str>>,
}

impl<'a> Text<'a> {
    /// Lower-cases every word once and looks up its cue stem once: the
    /// stages ask about the same tokens many times.
    fn new(
        chars: &'a [char],
        tokens: &'a [Token],
        spans: &'a [Span],
        lex: &'static Lexicon,
    ) -> Self {
        // Sized by the words, not the text: an incise's few tokens (`cues/after.rs`)
        // make a `Text` of their own, and must not cost the whole text each.
        let word_chars: usize = tokens
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.end - t.start)
            .sum();
        let mut lower = String::with_capacity(word_chars + word_chars / 8);
        let mut words = Vec::with_capacity(tokens.len());
        let mut stems = Vec::with_capacity(tokens.len());

        for t in tokens {
            if t.kind != Kind::Word {
                words.push((0, 0));
                stems.push(None);
                continue;
            }
            let start = lower.len();
            for &c in &chars[t.start..t.end] {
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else if c == '’' && lex.lang != Lang::En {
                    // `l’imam`, `s’étonne`, `d’après`: word lists spell elision with `'`.
                    lower.push('\'');
                } else {
                    lower.extend(lower_char(c));
                }
            }
            let stem = lex.cue_stem(part(&lower, start..));
            words.push((start as u32, lower.len() as u32));
            stems.push(stem);
        }
        Text {
            lex,
            chars,
            tokens,
            spans,
            lower,
            words,
            stems,
        }
    }

    /// `…, noted NBC’s Dante Chinni.`: a name after a cue that follows a
    /// comma and ends the sentence is the cue's subject.
    fn inverted_subject(&self, verb: usize, last: usize) -> Option<Mention> {
        let word = self.word(verb)?;
        let inverted = verb > 0
            && self.punct(verb - 1) == Some(',')
            && self.lex.cue_stem(word) != Some("tell")
            && !(self.lex.lang == Lang::En && word.ends_with("ing"));
        let m = inverted
            .then(|| self.noun_phrase_after(last + 1))
            .flatten()?;
        let ends = self
            .token_after(m.end)
            .is_none_or(|n| self.ends_sentence(n));
        (ends && matches!(m.who, Who::Named(_))).then_some(m)
    }

    /// Only punctuation stands between the quote at `qt` and the paragraph's end.
    fn ends_paragraph(&self, qt: usize) -> bool {
        self.tokens[qt + 1..]
            .iter()
            .take(4)
            .find(|t| !matches!(t.kind, Kind::Punct(_)))
            .is_none_or(|t| t.kind == Kind::Break)
    }

    /// The quote at `qt` opens its paragraph and ends it.
    fn is_whole_paragraph(&self, qt: usize) -> bool {
        (qt == 0 || self.tokens[qt - 1].kind == Kind::Break) && self.ends_paragraph(qt)
    }

    fn word(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.words.get(i)?;
        (self.tokens[i].kind == Kind::Word).then(|| part(&self.lower, start as usize..end as usize))
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && self.chars[t.start].is_uppercase())
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tokens.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn source_text(&self, from: usize, to: usize) -> String {
        self.chars[self.tokens[from].start..self.tokens[to].end]
            .iter()
            .collect()
    }

    /// A capitalised word that can be part of a name.
    fn is_name_word(&self, i: usize) -> bool {
        self.is_capitalised(i)
            && (!self
                .word(i)
                .is_some_and(|w| self.lex.is_capitalised_stopword(w))
                // `Theresa May`, `Al From`: after a first name, a word that is
                // a month or a preposition elsewhere is a surname (not in a
                // headline's run of capitals: `Carson Slams Hillary And Obama`).
                || i > 0
                    && self.is_capitalised(i - 1)
                    && !self.is_capitalised(i + 1)
                    && self
                        .word(i - 1)
                        .is_some_and(|w| crate::lexicon::gender_of_first_name(w).is_some()))
    }

    /// `de`, `van`, `bin`, `of` between two name words.
    fn is_name_connector(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| self.lex.is_name_connector(w))
    }

    /// Ends a sentence, for the backward search: a paragraph break, `.`, `!`,
    /// `?`, or a quote that itself ends in one.
    fn ends_sentence(&self, i: usize) -> bool {
        match self.tokens[i].kind {
            Kind::Break => true,
            // A period before a lower-case word is an abbreviation: `Inc. said`.
            Kind::Punct(c) => {
                matches!(c, '.' | '!' | '?')
                    && !self.word(i + 1).is_some_and(|w| {
                        !self.is_capitalised(i + 1) && w.chars().all(char::is_alphabetic)
                    })
            }
            Kind::Quote(q) => self.quote_ends_with_stop(q) && self.spans[q].close_at.is_some(),
            Kind::Word => false,
        }
    }

    /// The cue verb at `i` with its particle (`went on`), if `i` is one.
    fn cue_at(&self, i: usize) -> Option<(String, usize)> {
        // A capital marks a name or the start of a sentence: `the Washington Post`.
        // Where subjects are left out a sentence may open with its verb
        // (`Admitió que el proceso es “complejo”`).
        let opens_sentence = i == 0 || self.ends_sentence(i - 1);
        if self.is_capitalised(i) && !(opens_sentence && self.lex.lang.drops_subjects()) {
            return None;
        }
        let word = self.word(i)?;
        let stem = self.stems[i]?;
        // `the states`, `Clinton's remarks`, `press secretary`: nouns, not verbs of saying.
        let possessive = |w: &str| {
            let owner = possessive_owner(w);
            // `he’s claiming` is a contraction, not a possessive.
            owner.is_some_and(|o| {
                !self.lex.is_subject_pronoun(o) && !matches!(o, "that" | "there" | "what")
            }) || w.ends_with("s’")
        };
        // (German capitalises every noun, so there a lower-case word after
        // `das` is a verb: `Das erklärte General Winai am Montag`.)
        if i > 0
            && self.lex.lang != Lang::De
            && self
                .word(i - 1)
                .is_some_and(|w| self.lex.is_determiner(w) || possessive(w))
        {
            return None;
        }
        // Their bare form only after a subject: `they call`, not `press secretary`.
        let after_subject = i > 0
            && (self.is_capitalised(i - 1)
                || self
                    .word(i - 1)
                    .is_some_and(|w| self.lex.is_subject_pronoun(w)));
        if self.lex.is_noun_like_cue(stem) && word == stem && !after_subject {
            return None;
        }
        // `32% of Republican claims`: after a preposition and an adjective,
        // a noun.
        if self.lex.is_noun_like_cue(stem)
            && i >= 2
            && self.is_capitalised(i - 1)
            && self.word(i - 2).is_some_and(|w| self.lex.is_preposition(w))
        {
            return None;
        }
        // `White House press secretary Josh Earnest`: a noun before a title.
        if self.lex.is_noun_like_cue(stem)
            && word == stem
            && self.word(i + 1).is_some_and(|w| self.lex.is_title(w))
        {
            return None;
        }
        match self.lex.cue_particle(stem) {
            Some(particle) => {
                (self.word(i + 1) == Some(particle)).then(|| (self.source_text(i, i + 1), i + 1))
            }
            None => Some((self.source_text(i, i), i)),
        }
    }

    /// How many words the quote at token `qt` holds.
    /// The quote ends with `.`, `?` or `!` and a capitalised word follows it.
    fn closes_sentence(&self, qt: usize) -> bool {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return false;
        };
        self.quote_ends_with_stop(q) && self.word(qt + 1).is_some() && self.is_capitalised(qt + 1)
    }

    /// The words of quote `q` end with `.`, `?` or `!`.
    fn quote_ends_with_stop(&self, q: usize) -> bool {
        let span = &self.spans[q];
        span.end > span.start && matches!(self.chars[span.end - 1], '.' | '?' | '!')
    }

    pub(super) fn quote_words(&self, qt: usize) -> usize {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return 0;
        };
        let span = &self.spans[q];
        self.chars[span.start..span.end]
            .split(|c| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .count()
    }

    /// The sentence around the quote at `qt` has a verb whose mood marks
    /// reported speech (German `sei`, `habe`, `könne`).
    fn in_reported_speech(&self, qt: usize) -> bool {
        let end = (qt..self.tokens.len().min(qt + AFTER_WINDOW))
            .find(|&k| self.ends_sentence(k))
            .unwrap_or(self.tokens.len().min(qt + AFTER_WINDOW));
        (self.sentence_start(qt)..end)
            .filter_map(|k| self.word(k))
            .any(|w| self.lex.is_reported_speech_verb(w))
    }

    /// `Sanders told MSNBC's "Morning Joe"`, `an op-ed titled "A Better Way"`:
    /// a few words in title case after a possessive or a word that names a work.
    fn is_title_of_work(&self, qt: usize) -> bool {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return false;
        };
        let span = &self.spans[q];
        let quoted: String = self.chars[span.start..span.end].iter().collect();
        let words: Vec<&str> = quoted.split_whitespace().collect();
        let title_case = words.iter().all(|w| self.lex.is_title_case_word(w));
        let Some(previous) = qt.checked_sub(1).and_then(|p| self.word(p)) else {
            return false;
        };
        // `on this weekend’s broadcast of “Fox News Sunday,”`, `during a
        // “Commander-in-Chief Forum”`: a name in title case after an article
        // or preposition names a thing, whoever is quoted nearby.
        let article_before_name = words.len() >= 2
            && self.lex.lang == Lang::En
            && (self.lex.is_determiner(previous) || self.lex.is_small_title_word(previous));
        let work_noun = self.lex.is_work_noun(previous);
        let names_a_work = is_possessive(previous) || work_noun || article_before_name;
        // German capitalises every noun, so case says little there; a title
        // after a word naming a work runs longer (`dem Lied „Für dich soll's
        // rote Rosen regnen“`) and ends without a full stop.
        let german_title = self.lex.lang == Lang::De
            && work_noun
            && words.len() <= 8
            && !quoted.ends_with(['.', '!', '?']);
        german_title || (words.len() <= 5 && title_case && names_a_work)
    }

    fn quote_kind(&self, qt: usize) -> QuoteKind {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return QuoteKind::Partial;
        };
        let first = self.chars[self.spans[q].start];
        let sentence_like =
            first.is_uppercase() || first.is_numeric() || find::is_one_of(first, "[(….'‘");
        let woven = qt > 0
            && self
                .word(qt - 1)
                .is_some_and(|w| self.lex.cue_stem(w).is_none());
        if sentence_like && !woven {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        }
    }

    /// `“Neither do I.”`: a whole sentence, however short, is somebody's words.
    fn is_short_sentence(&self, qt: usize) -> bool {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return false;
        };
        self.quote_kind(qt) == QuoteKind::Direct && self.quote_ends_with_stop(q)
    }

    /// The index of the token that starts at or after char offset `at`.
    fn token_after(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < at);
        (i < self.tokens.len()).then_some(i)
    }

    fn mention(&self, from: usize, to: usize, who: Who) -> Mention {
        Mention {
            start: self.tokens[from].start,
            end: self.tokens[to].end,
            who,
        }
    }

    /// Subjects of every verb of saying outside quotes, for pronoun resolution.
    fn all_cue_subjects(&self) -> Vec<(usize, Mention)> {
        let mut floor = 0;
        let mut subjects = Vec::new();
        for i in 0..self.tokens.len() {
            if self.ends_sentence(i) {
                floor = i + 1;
            } else if let Some((_, last)) = self.cue_at(i) {
                if let Some(m) = self
                    .subject_before(i, floor.max(i.saturating_sub(BEFORE_WINDOW)))
                    .or_else(|| self.inverted_subject(i, last))
                {
                    subjects.push((i, m));
                }
            }
        }
        subjects
    }

    /// Every name of a person outside quotes: two or more name words, or one
    /// with a title (`Mr Lammy`).
    fn all_names(&self) -> Vec<Mention> {
        let mut names = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let mut e = i;
            while self.is_name_word(e + 1)
                || (self.is_name_connector(e + 1) && self.is_name_word(e + 2))
            {
                e += 1;
            }
            let mut person = self.person(i, i, e);
            if person.role.is_none() {
                person.role = self.role_before_name(i, e);
            }
            let name_words = self.chars[person.name.0..person.name.1]
                .split(|c| c.is_whitespace())
                .count();
            // `Magallanes también es …`: a lone name opening a sentence
            // before a lower-case word; resolution keeps it only as the
            // surname of someone named in full.
            let opens = e == i
                && (i == 0 || self.ends_sentence(i - 1))
                && self.word(i + 1).is_some()
                && !self.is_capitalised(i + 1);
            if name_words >= 2
                || person.role.is_some()
                || self.is_honorific_only(i, i + 1) && e > i
                || opens
            {
                names.push(self.mention(i, e, Who::Named(person)));
            }
            i = e + 1;
        }
        names
    }
}

/// Runs `f` on the analysed text of `text` and its first quote token, for
/// the rule tests in this module's files.
#[cfg(test)]
fn with_text<R>(text: &str, lang: Lang, f: impl FnOnce(&Text, usize) -> R) -> R {
    use crate::{marks::find_marks, spans::pair_marks, tokens::tokenize};
    let chars: Vec<char> = text.chars().collect();
    let spans = pair_marks(&chars, &find_marks(&chars));
    let tokens = tokenize(&chars, &spans);
    let analysed = Text::new(&chars, &tokens, &spans, Lexicon::of(lang));
    let qt = tokens
        .iter()
        .position(|t| matches!(t.kind, Kind::Quote(_)))
        .expect("a quote");
    f(&analysed, qt)
}

#[cfg(test)]
impl Text<'_> {
    /// A mention as written.
    fn written(&self, m: &Mention) -> String {
        self.chars[m.start..m.end].iter().collect()
    }
}
