//! Stage 3b: cues and speaker candidates.
//!
//! For each quote, finds the cue that attributes it and the mention the cue
//! names, looking only inside the quote's own sentence, in this order:
//!
//! 1. **After the quote**, right after its closing mark: `“…,” Blinken said`,
//!    `“…,” said Sen. John Smith`, `“…,” he added`, `“…,” according to aides`.
//!    This wins over any name before the quote, which is how
//!    `Russia’s President Vladimir Putin “will likely use them”, Blinken said`
//!    goes to Blinken and not Putin.
//! 2. **Before the quote**, the nearest verb of saying that has a subject:
//!    `Lammy said the missiles marked "definitely a significant escalation"`,
//!    `Blinken said: “…”`, `According to the ministry, “…”`.
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
//! Every search is bounded to one sentence and a fixed number of tokens, so
//! the stage is linear in the text.

use crate::lexicon::{is_platform, is_possessive, possessive_owner, Lang, Lexicon};
use crate::spans::Span;
use crate::tokens::{Kind, Token};
use crate::QuoteKind;

/// A person's name in the text and, when the text gives it, their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name proper, titles stripped: `David Lammy`.
    pub name: (usize, usize),
    /// `British Foreign Secretary`, or an apposition: `a spokesman for the campaign`.
    pub role: Option<(usize, usize)>,
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
    /// No cue: the subject of a cue ending the paragraph before.
    ParagraphBefore,
    /// No cue: the speaker of the quote before, in the same paragraph.
    SameParagraph,
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
            Via::SentenceEnd => 0.75,
            Via::SameParagraph | Via::NextQuote => 0.7,
            Via::Colon | Via::SentenceBefore => 0.65,
            Via::SentenceSubject | Via::ParagraphBefore => 0.6,
            Via::Unattributed => 0.0,
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

/// Finds the cue and speaker mention of every quote in `spans`.
pub fn attribute(chars: &[char], tokens: &[Token], spans: &[Span], lang: Lang) -> Cues {
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
            let (mention, cue, via) = text
                .cue_after(qt)
                .filter(|(m, _)| text.could_speak(m))
                .map(|(m, c)| (Some(m), Some(c), Via::After))
                .or_else(|| {
                    text.cue_before(qt)
                        .filter(|(m, _, _)| text.could_speak(m))
                        .map(|(m, c, via)| (Some(m), c, via))
                })
                .or_else(|| {
                    text.cue_ending_sentence(qt)
                        .filter(|(m, _)| text.could_speak(m))
                        .map(|(m, c)| (Some(m), Some(c), Via::SentenceEnd))
                })
                .or_else(|| {
                    (kind == QuoteKind::Partial)
                        .then(|| text.woven_subject(qt))
                        .flatten()
                        .map(|m| (Some(m), None, Via::SentenceSubject))
                })
                .unwrap_or((None, None, Via::Unattributed));
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
        // `Iran’s “malign” influence`: three words or fewer with no cue of
        // their own are a term or a scare quote, nobody's words.
        if text.quote_words(qt) <= 3 {
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
        let Some(previous) = previous else { return };
        // Across a paragraph break the last speaker is a poor guess (one in
        // ten on PolNeAR, even for partial quotes): leave the quote unattributed.
        let via = match paragraph - paragraph_of[quote_tokens[previous]] {
            0 => Via::SameParagraph,
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
        let mut lower = String::with_capacity(chars.len());
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
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            let stem = lex.cue_stem(&lower[start..]);
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

    fn word(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.words.get(i)?;
        (self.tokens[i].kind == Kind::Word).then(|| &self.lower[start as usize..end as usize])
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
            && !self
                .word(i)
                .is_some_and(|w| self.lex.is_capitalised_stopword(w))
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
            Kind::Quote(q) => {
                let span = &self.spans[q];
                matches!(self.chars[span.end - 1], '.' | '!' | '?') && span.close_at.is_some()
            }
            Kind::Word => false,
        }
    }

    /// The cue verb at `i` with its particle (`went on`), if `i` is one.
    fn cue_at(&self, i: usize) -> Option<(String, usize)> {
        // A capital marks a name or the start of a sentence: `the Washington Post`.
        if self.is_capitalised(i) {
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
        if i > 0
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
    fn quote_words(&self, qt: usize) -> usize {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return 0;
        };
        let span = &self.spans[q];
        self.chars[span.start..span.end]
            .split(|c| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .count()
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
        let names_a_work =
            is_possessive(previous) || self.lex.is_work_noun(previous) || article_before_name;
        words.len() <= 5 && title_case && names_a_work
    }

    fn quote_kind(&self, qt: usize) -> QuoteKind {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return QuoteKind::Partial;
        };
        let first = self.chars[self.spans[q].start];
        let sentence_like = first.is_uppercase() || first.is_numeric() || "[(….'‘".contains(first);
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

    /// `“…,” Blinken said`, `“…,” said Blinken`, `“…,” according to aides`.
    fn cue_after(&self, qt: usize) -> Option<(Mention, String)> {
        let mut k = qt + 1;
        while matches!(self.punct(k), Some(',' | '–' | '—' | '―')) {
            k += 1;
        }
        self.word(k)?;
        // `“Maybe we can build a wall around Donald Trump.” ― Steve Quinlan`:
        // a dash, a name, and nothing more in the paragraph.
        if let Some(dash @ ('–' | '—' | '―')) = self.punct(qt + 1) {
            if let Some(m) = self.noun_phrase_after(k) {
                let next = self.token_after(m.end);
                let ends = next
                    .is_none_or(|n| self.ends_sentence(n) || self.tokens[n].kind == Kind::Break);
                if ends && matches!(m.who, Who::Named(_)) {
                    return Some((m, dash.to_string()));
                }
            }
        }
        if let Some(found) = self.pronoun_joined_to_cue(k) {
            return Some(found);
        }
        if let Some((cue, last)) = self.cue_at(k) {
            // `said Smith`, but never `adding that …`: a participle has no subject after it.
            if self.lex.lang == Lang::En && cue.ends_with("ing") {
                return None;
            }
            return self.noun_phrase_after(last + 1).map(|m| (m, cue));
        }
        if let Some(found) = self.source_phrase_at(k) {
            return Some(found);
        }
        if let Some(found) = self.inverted_cue_after(k) {
            return Some(found);
        }
        let limit = (k + AFTER_WINDOW).min(self.tokens.len());
        let verb = (k..limit)
            .take_while(|&i| {
                !matches!(
                    self.tokens[i].kind,
                    Kind::Break | Kind::Quote(_) | Kind::Punct('.' | '!' | '?' | ';')
                )
            })
            .find(|&i| self.cue_at(i).is_some())?;
        let (cue, _) = self.cue_at(verb)?;
        // Right after a quote any description is a speaker: `the New York businessman said`.
        let described = self
            .word(k)
            .is_some_and(|w| self.lex.is_determiner(w) || is_possessive(w))
            && (k..verb).all(|i| self.tokens[i].kind == Kind::Word)
            && verb - k <= NOUN_PHRASE_WORDS;
        let mention = match self.subject_before(verb, k) {
            Some(m) => m,
            None if described => self.mention(k, verb - 1, Who::Nominal),
            None => return None,
        };
        // The mention must follow the quote at once; a longer name the
        // mention is the tail of (`Judicial Watch president Tom Fitton`) is fine.
        let lead_in = (k..verb).take_while(|&i| self.tokens[i].start < mention.start);
        let in_noun_phrase = |i: usize| match self.tokens[i].kind {
            Kind::Word => self.word(i).is_some_and(|w| !self.lex.ends_noun_phrase(w)),
            Kind::Punct(c) => !matches!(c, ',' | '.' | '!' | '?' | ';' | ':'),
            _ => false,
        };
        let start = self.tokens[k].start;
        if !lead_in.into_iter().all(in_noun_phrase) {
            return None;
        }
        // `“…,” Mr. Morgan of the Sierra Club said`: the person named first
        // speaks, and the organisation after `of` is theirs.
        let named_first = self
            .noun_phrase_after(k)
            .filter(|m| matches!(m.who, Who::Named(_)) && m.end < mention.start)
            .filter(|m| self.token_after(m.end).and_then(|i| self.word(i)) == Some("of"));
        Some((
            Mention {
                start,
                ..named_first.unwrap_or(mention)
            },
            cue,
        ))
    }

    /// `according to aides`, `laut Polizei`, `nach Angaben der Behörde`,
    /// `selon le ministre`: a source phrase at `k` and the speaker it names.
    fn source_phrase_at(&self, k: usize) -> Option<(Mention, String)> {
        let len = self.lex.source_preposition_len(|i| self.word(k + i));
        if len == 0 {
            return None;
        }
        let m = self.noun_phrase_after(k + len)?;
        Some((m, self.source_text(k, k + len - 1)))
    }

    /// German `Berichten der BBC zufolge`: the speaker before the postposition.
    fn source_postposition_at(&self, j: usize, floor: usize) -> Option<(Mention, String)> {
        let word = self.word(j)?;
        if !self.lex.is_source_postposition(word) || j <= floor {
            return None;
        }
        let m = self.noun_phrase_ending_at(j - 1, floor, true)?;
        Some((m, self.source_text(j, j)))
    }

    /// `„…“, so der Minister`, `„…“, hatte VW-Chef Winterkorn erklärt`,
    /// `« … », a déclaré le ministre`: outside English the speaker may follow
    /// the cue word or the auxiliary that opens the clause after a quote.
    fn inverted_cue_after(&self, k: usize) -> Option<(Mention, String)> {
        let word = self.word(k)?;
        if self.lex.lang == Lang::En || self.is_capitalised(k) {
            return None;
        }
        if self.lex.is_inverted_cue(word) {
            // `so der Minister`, or `so charakterisierte ihn der Funktionär`.
            let mut start = k + 1;
            while start < k + 4
                && self
                    .word(start)
                    .is_some_and(|w| !self.is_capitalised(start) && !self.lex.is_determiner(w))
            {
                start += 1;
            }
            return self
                .noun_phrase_after(start)
                .map(|m| (m, self.source_text(k, k)));
        }
        if !self.lex.is_adverb_or_auxiliary(word) {
            return None;
        }
        // `a déclaré le ministre`
        if let Some((cue, last)) = self.cue_at(k + 1) {
            return self.noun_phrase_after(last + 1).map(|m| (m, cue));
        }
        // `hatte VW-Chef Winterkorn in einem Interview erklärt`
        let m = self.noun_phrase_after(k + 1)?;
        let limit = (k + AFTER_WINDOW).min(self.tokens.len());
        let cue = (k + 1..limit)
            .take_while(|&i| {
                !self.ends_sentence(i) && !matches!(self.tokens[i].kind, Kind::Quote(_))
            })
            .find_map(|i| self.cue_at(i))?;
        Some((m, cue.0))
    }

    /// French `dit-il`, `a-t-elle ajouté`: the subject pronoun joined to the
    /// verb by a hyphen.
    fn pronoun_joined_to_cue(&self, k: usize) -> Option<(Mention, String)> {
        let word = self.word(k)?;
        let (verb, pronoun) = word.split_once('-')?;
        let pronoun = pronoun.strip_prefix("t-").unwrap_or(pronoun);
        if !self.lex.is_subject_pronoun(pronoun) {
            return None;
        }
        let (cue, _) = if self.lex.cue_stem(verb).is_some() {
            (verb.to_string(), k)
        } else if self.lex.is_adverb_or_auxiliary(verb) {
            self.cue_at(k + 1)?
        } else {
            return None;
        };
        let end = self.tokens[k].end;
        let start = end - pronoun.chars().count();
        Some((Mention::at(start, end, Who::Pronoun), cue))
    }

    /// A name can speak unless it is a website or platform: `posted on Twitter`.
    fn could_speak(&self, m: &Mention) -> bool {
        let Who::Named(person) = &m.who else {
            return true;
        };
        let name: String = self.chars[person.name.0..person.name.1].iter().collect();
        let lower = possessive_owner(&name).unwrap_or(&name).to_lowercase();
        // Countries do speak in news (`Russia said`); platforms do not.
        !is_platform(&lower)
    }

    /// The first token of the sentence (or the last `BEFORE_WINDOW` tokens) before `qt`.
    fn sentence_start(&self, qt: usize) -> usize {
        (qt.saturating_sub(BEFORE_WINDOW)..qt)
            .rev()
            .find(|&i| self.ends_sentence(i))
            .map_or(qt.saturating_sub(BEFORE_WINDOW), |i| i + 1)
    }

    /// `Trump attacked Clinton, saying, "She's trigger-happy"`: a participle
    /// after a comma or `by` has no subject of its own; the main clause's
    /// subject speaks.
    fn is_participle_cue(&self, j: usize) -> bool {
        self.lex.lang == Lang::En
            && self.word(j).is_some_and(|w| w.ends_with("ing"))
            && j > 0
            && (self.punct(j - 1) == Some(',')
                || self
                    .word(j - 1)
                    .is_some_and(|w| matches!(w, "by" | "after" | "before" | "while" | "when")))
    }

    /// `Trump likened the refugees to a “vicious snake”`, `Reid has gone
    /// after Trump as a “human leech”`: a quote woven into a sentence with no
    /// verb of saying belongs to the sentence's subject, when that is a name
    /// or a pronoun followed by its verb.
    fn woven_subject(&self, qt: usize) -> Option<Mention> {
        // Measured on German news: there the clause subject is as often wrong as right.
        if self.lex.lang != Lang::En {
            return None;
        }
        let floor = self.sentence_start(qt);
        let subject = self.sentence_subject(floor, qt)?;
        if matches!(subject.who, Who::Relative(_)) {
            return None;
        }
        let next = self.token_after(subject.end)?;
        let verb_follows = next < qt
            && self.word(next).is_some_and(|w| {
                !self.is_capitalised(next) && !self.lex.ends_noun_phrase(w)
                    || self.lex.is_adverb_or_auxiliary(w)
            });
        verb_follows.then_some(subject)
    }

    /// German verb-second order: `Demgegenüber sagte Merkel: „…“`, `In einem
    /// Interview erklärte er: „…“`. The subject follows the verb when it is a
    /// pronoun or a name, or when nothing before the verb can be its subject.
    fn verb_second_subject(&self, verb: usize, last: usize, floor: usize) -> Option<Mention> {
        if self.lex.lang == Lang::En {
            return None;
        }
        let mut k = last + 1;
        while self
            .word(k)
            .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w) && !self.is_capitalised(k))
            && k < last + 4
        {
            k += 1;
        }
        // `Die CCE bestätigte … und nannte sie „…“`: a second verb shares the first one's subject.
        if verb > 0
            && self
                .word(verb - 1)
                .is_some_and(|w| self.lex.is_conjunction(w))
        {
            return None;
        }
        // `Stoiber begründete seinen Rückzug`: a noun phrase that opens the
        // sentence and ends at the verb is the subject.
        let opening = self.sentence_subject(floor, verb).or_else(|| {
            self.noun_phrase_after(floor).filter(|m| {
                self.lex
                    .is_nominative_determiner(self.word(floor).unwrap_or_default())
                    && m.end > 0
            })
        });
        if let Some(opening) = opening {
            let one_word = self.token_after(opening.end) == Some(floor + 1);
            if self.token_after(opening.end) == Some(verb) && !one_word {
                return Some(opening);
            }
        }
        // `So heißt es in dem Schreiben`: the document speaks, or nobody.
        if self.word(k) == Some("es") {
            return (self.word(k + 1).is_some_and(|w| self.lex.is_preposition(w)))
                .then(|| self.noun_phrase_after(k + 2))
                .flatten();
        }
        let after = self.noun_phrase_after(k)?;
        let first = self.word(k).unwrap_or_default();
        if self.lex.is_object_determiner(first) {
            return None;
        }
        match after.who {
            Who::Pronoun | Who::Named(_) | Who::Group(_) => Some(after),
            // `Als Begründung sagte ein Wissenschaftler`, `Ähnlich äußerte sich der US-Präsident`.
            _ if self.lex.is_nominative_determiner(first) => Some(after),
            _ => self.subject_before(verb, floor).is_none().then_some(after),
        }
    }

    /// `Blinken said: “…”`, `Lammy said the missiles marked "…"`.
    fn cue_before(&self, qt: usize) -> Option<(Mention, Option<String>, Via)> {
        let floor = self.sentence_start(qt);
        let mut orphan_cue: Option<String> = None;
        for j in (floor..qt).rev() {
            if let Some((m, cue)) = self.source_phrase_at(j) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some((m, cue)) = self.source_postposition_at(j, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some(m) = self.possessor_of_claim(j, qt) {
                return Some((m, self.word(j).map(str::to_string), Via::Before));
            }
            let Some((cue, last)) = self.cue_at(j) else {
                continue;
            };
            if self.is_participle_cue(j) {
                orphan_cue.get_or_insert(cue);
                continue;
            }
            if let Some(m) = self.verb_second_subject(j, last, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some(m) = self.subject_before(j, floor) {
                // `She said she speaks about race because "…"`: a pronoun
                // repeating the subject of an earlier `said` is that `said`'s.
                if m.who == Who::Pronoun {
                    if let Some(outer) = self.reporting_clause_before(m.start, floor) {
                        return Some(outer);
                    }
                }
                return Some((m, Some(cue), Via::Before));
            }
            orphan_cue.get_or_insert(cue);
        }
        if let Some(cue) = orphan_cue {
            let subject = self.sentence_subject(floor, qt)?;
            return Some((subject, Some(cue), Via::SentenceSubject));
        }
        // `Said Ellis: “…”`: an inverted cue opening the sentence.
        if qt >= 2 && matches!(self.punct(qt - 1), Some(':' | ',')) {
            let opening = self.word(floor).filter(|_| self.is_capitalised(floor));
            if let Some(stem) = opening.and_then(|w| self.lex.cue_stem(w)) {
                if matches!(stem, "say" | "add" | "ask" | "write" | "tell") {
                    if let Some(m) = self.noun_phrase_after(floor + 1) {
                        if self.token_after(m.end) == Some(qt - 1) {
                            return Some((m, Some(self.source_text(floor, floor)), Via::Before));
                        }
                    }
                }
            }
        }
        // A colon introduces the quote: headline style `Trump: “…”`, or
        // `Trump … leaned in and boomed: “…”`; the sentence's subject speaks.
        if qt >= 2 && self.punct(qt - 1) == Some(':') {
            // `Media caption Barack Obama: "…"`: a name right before the colon.
            let name_before = (self.lex.lang == Lang::En)
                .then(|| self.noun_phrase_ending_at(qt - 2, floor, false))
                .flatten();
            if let Some(m) = name_before {
                if matches!(m.who, Who::Named(_) | Who::Group(_)) {
                    return Some((m, None, Via::Colon));
                }
            }
            let subject = self.sentence_subject(floor, qt)?;
            // `Trump gestured …, then boomed:` has a verb after its subject;
            // `New lower prices. Same high standards:` has none.
            let verb_follows = self.word(self.token_after(subject.end)?).is_some_and(|w| {
                !w.chars().next().is_some_and(char::is_uppercase)
                    // English verbs show their tense; elsewhere any lower-case
                    // word after a capitalised subject is taken for its verb.
                    && (self.lex.lang != Lang::En
                        || w.ends_with("ed")
                        || w.ends_with('s')
                        || self.lex.cue_stem(w).is_some()
                        || self.lex.is_adverb_or_auxiliary(w))
            });
            return verb_follows.then_some((subject, None, Via::Colon));
        }
        None
    }

    /// `Trump’s claim that there have been “thousands of shootings”`: a
    /// speech noun whose content is the quote names its speaker by possessive.
    fn possessor_of_claim(&self, noun: usize, qt: usize) -> Option<Mention> {
        let word = self.word(noun)?;
        if !self.lex.is_speech_noun(word) || noun == 0 {
            return None;
        }
        let introduces = noun + 1 == qt
            || self.word(noun + 1) == Some("that")
            || self.punct(noun + 1) == Some(':');
        if !introduces || qt - noun > 12 || (noun + 1..qt).any(|i| self.cue_at(i).is_some()) {
            return None;
        }
        let owner = self.word(noun - 1)?;
        let name_len = possessive_owner(owner)?.chars().count();
        if !self.is_name_word(noun - 1) {
            return None;
        }
        let start = self.tokens[noun - 1].start;
        let person = Person {
            name: (start, start + name_len),
            role: None,
        };
        Some(Mention::at(start, start + name_len, Who::Named(person)))
    }

    /// `She said` right before a clause that starts at char `clause_start`.
    fn reporting_clause_before(
        &self,
        clause_start: usize,
        floor: usize,
    ) -> Option<(Mention, Option<String>, Via)> {
        let t = self.token_after(clause_start)?;
        let mut verb = t.checked_sub(1)?;
        if self.word(verb) == Some("that") {
            verb = verb.checked_sub(1)?;
        }
        let (cue, _) = self
            .cue_at(verb)
            .filter(|_| self.word(verb).is_some_and(|w| self.lex.says_strongly(w)))?;
        let m = self.subject_before(verb, floor)?;
        Some((m, Some(cue), Via::Before))
    }

    /// A cue closing the sentence the quote stands in, when neither side of
    /// the quote has one: `… branded "in homage to" Lazar, Song wrote.`
    fn cue_ending_sentence(&self, qt: usize) -> Option<(Mention, String)> {
        let limit = (qt + AFTER_WINDOW).min(self.tokens.len());
        let end = (qt + 1..limit).find(|&i| self.ends_sentence(i))?;
        // `Der Iran müsse „…“ beenden, so Rice.`
        if let Some(found) = (qt + 2..end)
            .filter(|&i| self.punct(i - 1) == Some(','))
            .find_map(|i| {
                self.inverted_cue_after(i)
                    .filter(|_| self.word(i).is_some_and(|w| self.lex.is_inverted_cue(w)))
            })
        {
            return Some(found);
        }
        for verb in (qt + 1..end).filter(|&i| self.cue_at(i).is_some()) {
            let (cue, last) = self.cue_at(verb)?;
            // `…, said Steve Elmendorf, deputy campaign manager for John Kerry.`
            if self.punct(verb - 1) == Some(',') {
                if let Some(m) = self.noun_phrase_after(last + 1) {
                    if matches!(m.who, Who::Named(_) | Who::Nominal) {
                        return Some((m, cue));
                    }
                }
            }
            // `…, Song wrote.`
            if end - last <= 4 {
                if let Some(m) = self.subject_before(verb, qt + 1) {
                    return Some((m, cue));
                }
            }
        }
        None
    }

    /// The subject that starts the sentence at `floor`, skipping `But`, `And`.
    fn sentence_subject(&self, floor: usize, limit: usize) -> Option<Mention> {
        let mut k = floor;
        while k < limit
            && self
                .word(k)
                .is_some_and(|w| matches!(w, "but" | "and" | "so" | "yet" | "then" | "still"))
        {
            k += 1;
        }
        // `During a speech in Ohio, Trump attacked …`: past an opening phrase
        // (in English; German puts the verb, not the subject, after one).
        let opens_with_phrase = self.lex.lang == Lang::En
            && self
                .word(k)
                .is_some_and(|w| self.is_capitalised(k) && self.lex.is_capitalised_stopword(w));
        if opens_with_phrase {
            let comma = (k..limit.min(k + 15)).find(|&i| self.punct(i) == Some(','))?;
            k = comma + 1;
        }
        let m = self.noun_phrase_after(k)?;
        (!matches!(m.who, Who::Nominal)).then_some(m)
    }

    /// The subject of the cue verb at `verb`: `Blinken [also] said`,
    /// `Smith, a spokesman for the campaign, said`, `Smith, who said`.
    fn subject_before(&self, verb: usize, floor: usize) -> Option<Mention> {
        let mut j = verb;
        let mut skipped = 0;
        while j > floor
            && skipped < 4
            && self
                .word(j - 1)
                .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w) || self.lex.is_time_word(w))
        {
            j -= 1;
            skipped += 1;
        }
        // `Sen. Ted Cruz (R-Texas) said`
        if j > floor && self.punct(j - 1) == Some(')') {
            if let Some(open) = (j.saturating_sub(8).max(floor)..j - 1)
                .rev()
                .find(|&i| self.punct(i) == Some('('))
            {
                j = open;
            }
        }
        if j <= floor {
            return None;
        }
        let t = j - 1;
        if let Some(word) = self.word(t) {
            // `He’s claiming`: a pronoun with a contracted `is` or `has`.
            let contracted = possessive_owner(word);
            if contracted.is_some_and(|w| self.lex.is_subject_pronoun(w)) {
                return Some(Mention::at(
                    self.tokens[t].start,
                    self.tokens[t].start + word.chars().count() - 2,
                    Who::Pronoun,
                ));
            }
            if self.lex.is_subject_pronoun(word) {
                let who = if word == "who" {
                    let antecedent = (t > floor + 1 && self.punct(t - 1) == Some(','))
                        .then(|| self.noun_phrase_ending_at(t - 2, floor, false))
                        .flatten();
                    Who::Relative(antecedent.and_then(|m| match m.who {
                        Who::Named(p) => Some(p),
                        _ => None,
                    }))
                } else {
                    Who::Pronoun
                };
                return Some(self.mention(t, t, who));
            }
            let any_head = self.word(verb).is_some_and(|w| self.lex.says_strongly(w));
            // German `dem Minister`, `einen Zeugen`: no subject in that case.
            return self
                .noun_phrase_ending_at(t, floor, any_head)
                .filter(|m| !self.opens_with_object_determiner(m) && !self.follows_preposition(m));
        }
        if matches!(self.punct(t), Some(',' | '–' | '—')) {
            return self.subject_with_apposition(t, floor);
        }
        None
    }

    /// `Smith, a spokesman for the campaign, said`: the comma at `comma` closes
    /// the apposition; the subject stands before its opening comma.
    fn subject_with_apposition(&self, comma: usize, floor: usize) -> Option<Mention> {
        let closing = self.punct(comma)?;
        let window = comma.saturating_sub(APPOSITION_WINDOW).max(floor)..comma;
        // Nothing in an apposition crosses a sentence or a quote.
        let reach = window
            .clone()
            .rev()
            .take_while(|&i| {
                self.tokens[i].kind == Kind::Word
                    || matches!(self.punct(i), Some(c) if !matches!(c, '.' | '!' | '?' | ';' | ':'))
            })
            .last()?;
        let openings = (reach..comma).filter(|&i| self.punct(i) == Some(closing) && i > floor);
        let mut nearest = None;
        for opening in openings {
            let Some(mention) = self.noun_phrase_ending_at(
                self.skip_parenthetical(opening - 1, floor),
                floor,
                false,
            ) else {
                continue;
            };
            let inside = opening + 1..comma;
            let first = self.word(inside.start).unwrap_or_default();
            let relative = inside.clone().any(|i| {
                self.word(i)
                    .is_some_and(|w| matches!(w, "who" | "whose" | "which"))
            });
            if !relative && inside.clone().any(|i| self.cue_at(i).is_some()) {
                continue;
            }
            let descriptive = self.lex.is_determiner(first)
                || is_possessive(first)
                || self.lex.is_role_word(first);
            let role = (descriptive && !relative)
                .then(|| (self.tokens[inside.start].start, self.tokens[comma - 1].end));
            let with_role = |mut mention: Mention| {
                if let (Who::Named(person), Some(role)) = (&mut mention.who, role) {
                    person.role = Some(role);
                }
                mention
            };
            // `The Kremlin's spokesman, Dmitry Peskov, told`: the name in the
            // apposition is the speaker and the description their role.
            let name_inside = inside
                .clone()
                .all(|i| self.is_name_word(i) || self.is_name_connector(i));
            if mention.who == Who::Nominal && name_inside && self.is_name_word(comma - 1) {
                let person = Person {
                    name: (self.tokens[inside.start].start, self.tokens[comma - 1].end),
                    role: Some((mention.start, mention.end)),
                };
                return Some(Mention {
                    start: mention.start,
                    end: self.tokens[comma - 1].end,
                    who: Who::Named(person),
                });
            }
            // The leftmost subject that opens the clause: `Harry Bond, 30, of Raleigh, N.C., said`.
            if mention.start == self.tokens[floor].start {
                return Some(with_role(mention));
            }
            // `Sen. Rand Paul, R-Ky., told`: a short capitalised tag is an apposition too.
            if descriptive || relative || (inside.len() <= 3 && self.is_capitalised(inside.start)) {
                nearest = Some(with_role(mention));
            }
        }
        nearest
    }

    /// `Rep. Jim Jordan (R-Ohio)`: the last token before a parenthesis that ends at `t`.
    fn skip_parenthetical(&self, t: usize, floor: usize) -> usize {
        if self.punct(t) != Some(')') {
            return t;
        }
        (t.saturating_sub(8).max(floor)..t)
            .rev()
            .find(|&i| self.punct(i) == Some('('))
            .and_then(|open| open.checked_sub(1))
            .unwrap_or(t)
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

    /// The noun phrase whose last word is `t`: a name run with its titles and
    /// role words (`campaign manager Robby Mook`), names joined by `and`, or a
    /// description starting at a determiner (`a senior aide`).
    fn noun_phrase_ending_at(&self, t: usize, floor: usize, any_head: bool) -> Option<Mention> {
        let word = self.word(t)?;
        if self.is_name_word(t) {
            let (start, person) = self.name_run_ending_at(t, floor);
            // `Blinken and Lammy`, `US Secretary … Blinken and … David Lammy`
            if start >= floor + 2
                && self
                    .word(start - 1)
                    .is_some_and(|w| self.lex.is_conjunction(w))
                && self.is_name_word(start - 2)
            {
                let (first_start, first) = self.name_run_ending_at(start - 2, floor);
                return Some(self.mention(first_start, t, Who::Group(vec![first, person])));
            }
            if let Some(described) = self.capitalised_description(start, t, floor) {
                return Some(described);
            }
            return Some(self.mention(start, t, Who::Named(person)));
        }
        if self.lex.ends_noun_phrase(word)
            || self.lex.is_adverb_or_auxiliary(word)
            || self.lex.cue_stem(word).is_some()
        {
            return None;
        }
        let mut s = t;
        let mut determined = false;
        loop {
            let w = self.word(s)?;
            if self.lex.is_determiner(w) || (s < t && (is_possessive(w))) {
                determined = true;
                break;
            }
            if s == floor || t - s >= NOUN_PHRASE_WORDS {
                break;
            }
            let previous = s - 1;
            match self.word(previous) {
                Some(pw) if self.is_capitalised(previous) || !self.lex.ends_noun_phrase(pw) => {
                    s = previous
                }
                _ => break,
            }
        }
        if (determined && s < t && (any_head || self.lex.is_speaker_noun(word)))
            || self.lex.is_bare_speaker_noun(word)
        {
            let s = if determined { s } else { t };
            return Some(self.mention(s, t, Who::Nominal));
        }
        None
    }

    /// German capitalises every noun: `der Sprecher`, `die neue Ministerin`
    /// are descriptions, not names, when one capitalised word follows a
    /// determiner and perhaps a few adjectives.
    fn capitalised_description(&self, start: usize, t: usize, floor: usize) -> Option<Mention> {
        if self.lex.lang != Lang::De || start != t {
            return None;
        }
        let mut s = start;
        while s > floor
            && start - s < 3
            && self.word(s - 1).is_some_and(|w| {
                !self.is_capitalised(s - 1)
                    && !self.lex.ends_noun_phrase(w)
                    && !self.lex.is_determiner(w)
            })
        {
            s -= 1;
        }
        let determiner = s.checked_sub(1).filter(|&d| d >= floor)?;
        self.word(determiner)
            .is_some_and(|w| self.lex.is_determiner(w))
            .then(|| self.mention(determiner, t, Who::Nominal))
    }

    /// German nouns are capitalised: after one, a lower-case word that opens
    /// no genitive (`des`, `der`) is the verb, and the noun phrase ends.
    fn german_verb_after_noun(&self, i: usize) -> bool {
        self.lex.lang == Lang::De
            && self.is_capitalised(i - 1)
            && !self.is_capitalised(i)
            && self.word(i).is_some_and(|w| !self.lex.is_determiner(w))
    }

    /// `nach einem Besuch im Krisengebiet sprach`: the noun belongs to the preposition.
    fn follows_preposition(&self, m: &Mention) -> bool {
        self.token_after(m.start)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.word(i))
            .is_some_and(|w| self.lex.is_preposition(w))
    }

    fn opens_with_object_determiner(&self, m: &Mention) -> bool {
        self.token_after(m.start)
            .and_then(|i| self.word(i))
            .is_some_and(|w| self.lex.is_object_determiner(w))
    }

    /// The name run ending at `t`, with titles split off as the role.
    fn name_run_ending_at(&self, t: usize, floor: usize) -> (usize, Person) {
        let mut s = t;
        while s > floor {
            if self.is_name_word(s - 1)
                || (s >= floor + 2 && self.is_name_connector(s - 1) && self.is_name_word(s - 2))
            {
                s -= 1;
            } else {
                break;
            }
        }
        // Lower-case role words before the name: `campaign manager Robby Mook`.
        let mut role_start = s;
        while role_start > floor
            && s - role_start < 5
            && self
                .word(role_start - 1)
                .is_some_and(|w| !self.is_capitalised(role_start - 1) && self.lex.is_role_word(w))
        {
            role_start -= 1;
        }
        if role_start < s {
            // and any capitalised words before them: `White House press secretary`.
            while role_start > floor && self.is_name_word(role_start - 1) && s - role_start < 8 {
                role_start -= 1;
            }
        }
        (role_start, self.person(role_start, s, t))
    }

    /// `name_run_start..=t` are name words; titles and possessives among them
    /// go to the role, and so do `role_start..name_run_start`.
    fn person(&self, role_start: usize, name_run_start: usize, t: usize) -> Person {
        let mut name_from = name_run_start;
        for i in name_run_start..=t {
            let w = self.word(i).unwrap_or_default();
            if i < t
                && (self.lex.is_title(w)
                    || is_possessive(w)
                    || (w == "of" && i == name_from && i > name_run_start))
            {
                name_from = i + 1;
            }
        }
        // `Secretary of Homeland Security Jeh Johnson`: the name is the last two words.
        if name_from > name_run_start && self.word(name_from - 1) == Some("of") {
            name_from = name_from.max(t.saturating_sub(1));
        }
        let name = (self.tokens[name_from].start, self.tokens[t].end);
        // `Prime Minister Sir Keir Starmer`: honorifics are no part of the role.
        let mut role_end = name_from;
        while role_end > role_start && self.is_honorific_only(role_end - 1, role_end) {
            role_end -= 1;
        }
        let role = (role_start < role_end)
            .then(|| (self.tokens[role_start].start, self.tokens[role_end - 1].end));
        Person { name, role }
    }

    fn is_honorific_only(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| self.word(i).is_some_and(|w| self.lex.is_honorific(w)))
    }

    /// The noun phrase starting at `k`, after an inverted cue (`said Smith`)
    /// or `according to`.
    fn noun_phrase_after(&self, k: usize) -> Option<Mention> {
        let word = self.word(k)?;
        if self.lex.is_subject_pronoun(word) && word != "who" {
            return Some(self.mention(k, k, Who::Pronoun));
        }
        // `former Obama adviser David Axelrod`, `Will Doyle`: role words and
        // name words up to the end of the last name run.
        let mut e = k;
        let mut name_end = None;
        let mut name_start = k;
        loop {
            let name_word = self.is_name_word(e)
                || (e == k && self.is_capitalised(e) && self.is_name_word(e + 1));
            if name_word {
                if name_end != Some(e.wrapping_sub(1)) {
                    name_start = e;
                }
                name_end = Some(e);
            } else if name_end == Some(e.wrapping_sub(1))
                && self.word(e) == Some("of")
                && (name_start..e).any(|i| self.word(i).is_some_and(|w| !self.lex.is_title(w)))
            {
                // `Gov. Earl Ray Tomblin of West Virginia`: a person's name
                // ends at `of`; `Secretary of State John Kerry` goes on.
                break;
            } else if !(self.word(e).is_some_and(|w| self.lex.is_role_word(w))
                || (name_end == Some(e.wrapping_sub(1))
                    && self.is_name_connector(e)
                    && self.is_name_word(e + 1)))
            {
                break;
            }
            if e - k >= NOUN_PHRASE_WORDS + 3 {
                break;
            }
            e += 1;
        }
        if let Some(end) = name_end {
            let mut person = self.person(k, name_start, end);
            if let Some(role) = self.apposition_after(end + 1) {
                person.role.get_or_insert(role);
            }
            if self.word(end + 1) == Some("and") && self.is_name_word(end + 2) {
                let mut e2 = end + 2;
                while self.is_name_word(e2 + 1) {
                    e2 += 1;
                }
                let second = self.person(end + 2, end + 2, e2);
                return Some(self.mention(k, e2, Who::Group(vec![person, second])));
            }
            return Some(self.mention(k, end, Who::Named(person)));
        }
        let demonstrative = matches!(word, "that" | "this" | "these" | "those");
        if (self.lex.is_determiner(word) && !demonstrative) || is_possessive(word) {
            let mut e = k;
            while e - k < NOUN_PHRASE_WORDS
                && self.word(e + 1).is_some_and(|w| {
                    !self.lex.ends_noun_phrase(w)
                        && !matches!(w, "for" | "of" | "who" | "in" | "at" | "on")
                        && !self.german_verb_after_noun(e + 1)
                })
            {
                e += 1;
            }
            return (e > k).then(|| self.mention(k, e, Who::Nominal));
        }
        if self.lex.is_bare_speaker_noun(word) {
            return Some(self.mention(k, k, Who::Nominal));
        }
        None
    }

    /// `, a spokesman for the campaign,` or `, a spokesman for the campaign.`
    fn apposition_after(&self, comma: usize) -> Option<(usize, usize)> {
        if self.punct(comma) != Some(',') {
            return None;
        }
        let first = self.word(comma + 1)?;
        if !(self.lex.is_determiner(first) || self.lex.is_role_word(first) || is_possessive(first))
        {
            return None;
        }
        let mut e = comma + 1;
        while e - comma < 12 && self.word(e + 1).is_some() {
            e += 1;
        }
        Some((self.tokens[comma + 1].start, self.tokens[e].end))
    }

    /// Subjects of every verb of saying outside quotes, for pronoun resolution.
    fn all_cue_subjects(&self) -> Vec<(usize, Mention)> {
        let mut floor = 0;
        let mut subjects = Vec::new();
        for i in 0..self.tokens.len() {
            if self.ends_sentence(i) {
                floor = i + 1;
            } else if self.cue_at(i).is_some() {
                if let Some(m) = self.subject_before(i, floor.max(i.saturating_sub(BEFORE_WINDOW)))
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
            let person = self.person(i, i, e);
            let name_words = self.chars[person.name.0..person.name.1]
                .split(|c| c.is_whitespace())
                .count();
            if name_words >= 2 || person.role.is_some() || self.is_honorific_only(i, i + 1) && e > i
            {
                names.push(self.mention(i, e, Who::Named(person)));
            }
            i = e + 1;
        }
        names
    }
}
