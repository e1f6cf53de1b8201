//! Word lists the cue and resolution stages share, one list per concept and
//! language, kept as data in `src/lexicon/LANG/CONCEPT.txt` (one lower-case
//! entry a line, sorted, unique; a test checks it).
//!
//! A page's language picks its lexicon ([`Lang`]); the text decides when the
//! page does not say ([`Lang::detect`]). English cue verbs are listed by stem
//! and every inflected form is generated (`say` → `says`, `said`, `saying`);
//! Czech and Polish list the masculine past and get its feminine, neuter and
//! plural (`řekl` → `řekla`, `řeklo`, `řekli`, `řekly`; `powiedział` →
//! `powiedziała`, `powiedzieli`); other languages list their forms as they
//! stand (`sagte`, `a déclaré` is `a` + `déclaré`).
//!
//! ```text
//! English `replied` → the stem `reply`; German `sagte` → `sagte`;
//! "Der Minister sagte, die Lage sei ernst …" → Lang::De
//! ```

use crate::case::lowercase;
use crate::find;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// The languages the core knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Portuguese.
    Pt,
    /// Italian.
    It,
    /// Czech.
    Cs,
    /// Polish.
    Pl,
    /// Dutch.
    Nl,
}

impl Lang {
    /// Every language, in the order the word lists were added.
    pub const ALL: [Lang; 9] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Cs,
        Lang::Pl,
        Lang::Nl,
    ];

    /// `de`, `de-AT`, `pt_BR`, `EN`: the language of a BCP 47 tag, if known.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        // The codes in the order of [`Lang::ALL`].
        let at = ["en", "de", "fr", "es", "pt", "it", "cs", "pl", "nl"]
            .iter()
            .position(|code| primary.eq_ignore_ascii_case(code))?;
        Some(Lang::ALL[at])
    }

    /// Whether a finite verb may stand without its subject (`dijo`, `disse`,
    /// `ha detto`, `dodal`, `dodała`): Spanish, Portuguese, Italian, Czech and
    /// Polish news do it after every quote.
    pub fn drops_subjects(self) -> bool {
        matches!(self, Lang::Es | Lang::Pt | Lang::It | Lang::Cs | Lang::Pl)
    }

    /// Whether the finite verb comes second in a statement, after whatever
    /// opens it (`Am Montag sagte Merkel`): German. Elsewhere the words
    /// before a verb's own subject (`Minutos antes del encuentro, Albares ha
    /// recalcado`) are no subject.
    pub fn puts_verb_second(self) -> bool {
        matches!(self, Lang::De)
    }

    /// Czech and Polish have no articles: a title opens a description by
    /// itself (`ministr financí`, `minister finansów`).
    pub fn lacks_articles(self) -> bool {
        matches!(self, Lang::Cs | Lang::Pl)
    }

    /// The languages [`Lang::detect`] has always known; a later one wins only
    /// with more of its words than any of these, so adding a language never
    /// turns a text these tied over.
    const FIRST: usize = 6;

    /// The language whose commonest words are commonest in the first few
    /// thousand characters of `text`; English when nothing stands out.
    pub fn detect(text: &str) -> Lang {
        // A paragraph or two tells the language; more only costs time. Bytes,
        // not chars: function words are short, and every byte of a non-ASCII
        // letter counts as part of a word, so no word is cut inside a letter.
        const SAMPLE: usize = 1000;
        let sample = &text.as_bytes()[..text.len().min(SAMPLE)];
        let mut counts = [0usize; Lang::ALL.len()];
        for word in sample.split(|&b| !(b.is_ascii_alphabetic() || b >= 0x80)) {
            if word.is_empty() || word.len() > 4 {
                continue;
            }
            let mut lower = [0u8; 4];
            lower[..word.len()].copy_from_slice(word);
            lower.make_ascii_lowercase();
            let Ok(lower) = std::str::from_utf8(&lower[..word.len()]) else {
                continue;
            };
            let words = function_words();
            if let Ok(at) = words.binary_search_by(|(w, _)| (*w).cmp(lower)) {
                let langs = words[at].1;
                for (i, count) in counts.iter_mut().enumerate() {
                    *count += usize::from(langs & (1 << i) != 0);
                }
            }
        }
        let (mut best, &count) = counts[..Lang::FIRST]
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| **c)
            .unwrap_or((0, &0));
        let mut count = count;
        for (i, &c) in counts.iter().enumerate().skip(Lang::FIRST) {
            if c > count {
                (best, count) = (i, c);
            }
        }
        if count == 0 || count <= counts[0] {
            Lang::En
        } else {
            Lang::ALL[best]
        }
    }
}

/// Each function word with the languages (bit `i` for `Lang::ALL[i]`) it
/// is common in, sorted for a binary search (a hundred words need no hash map).
fn function_words() -> &'static [(&'static str, u16)] {
    static WORDS: OnceLock<Vec<(&'static str, u16)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<(&'static str, u16)> = Vec::new();
        for (i, lang) in Lang::ALL.iter().enumerate() {
            for word in function_words_of(*lang) {
                words.push((word, 1 << i));
            }
        }
        crate::sort::stable_by_key(&mut words, |(w, _)| *w);
        words.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 |= later.1;
            }
            same
        });
        words
    })
}

/// Short words frequent in one language and rare in the others.
fn function_words_of(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "the", "and", "of", "to", "is", "was", "that", "with", "for", "he", "she",
        ],
        Lang::De => &[
            "der", "die", "und", "das", "ist", "mit", "sich", "den", "auf", "nicht", "ein",
        ],
        Lang::Fr => &[
            "le", "les", "et", "est", "une", "dans", "pour", "qui", "au", "sur", "pas",
        ],
        Lang::Es => &[
            "el", "los", "las", "y", "una", "del", "por", "con", "para", "es", "su",
        ],
        Lang::Pt => &[
            "o", "os", "e", "não", "uma", "do", "da", "com", "para", "em", "seu",
        ],
        // Not `il`, which French uses as much.
        Lang::It => &[
            "che", "gli", "di", "per", "nel", "sono", "è", "dei", "alla", "ha", "suo",
        ],
        // Not `na`, `do`, `to`, `a`, which Polish, Slovak or the Romance
        // languages use as much; `že` is Polish too, but Polish has its own
        // words to outweigh it.
        Lang::Cs => &[
            "se", "je", "že", "v", "ve", "jsou", "pro", "byl", "už", "což", "při", "než", "nebo",
        ],
        Lang::Pl => &[
            "się", "nie", "że", "jest", "w", "dla", "są", "już", "przy", "jej", "oraz",
        ],
        // Not `de`, `en`, `is`, `was`, `met`, `er`: French, Spanish, English
        // and German use them.
        Lang::Nl => &[
            "het", "een", "van", "niet", "dat", "op", "voor", "ook", "hij", "zijn", "maar", "te",
            "om", "bij", "nog", "naar", "wel", "zei", "werd", "deze", "dit",
        ],
    }
}

/// FNV-1a: short words hash faster with it than with the default SipHash,
/// and one hasher keeps the WebAssembly small. Unkeyed, it is only for hashes
/// compared whole (a class, a paragraph); a map hashes with [`Keyed`], since
/// FNV's low bits, which pick a bucket, depend only on the low bits of the
/// input: names colliding there cost a page about 2^k tries each.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The hashers of an [`FnvMap`]: FNV-1a started from a secret drawn for each
/// map, its result mixed (MurmurHash3's finaliser) so that every bit of the
/// bucket depends on every bit of the input and of the secret. The name maps
/// take keys from the page, which could otherwise craft thousands of names
/// sharing a bucket and make each lookup walk them all (SECURITY.md). Not a
/// cryptographic hash: enough that the page cannot aim without the secret.
#[derive(Clone, Copy)]
pub(crate) struct Keyed(u64);

impl Default for Keyed {
    fn default() -> Keyed {
        Keyed(secret())
    }
}

impl BuildHasher for Keyed {
    type Hasher = Mixed;

    fn build_hasher(&self) -> Mixed {
        Mixed(Fnv(self.0))
    }
}

/// [`Fnv`] from a [`Keyed`] secret, mixed when finished.
pub(crate) struct Mixed(Fnv);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        let mut h = self.0.finish();
        h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h = (h ^ (h >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
}

/// 64 secret bits: from the operating system through std's `RandomState`.
#[cfg(not(target_arch = "wasm32"))]
fn secret() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(0u8)
}

/// 64 secret bits, 32 from each of two draws: std's `RandomState` has no
/// entropy on wasm32-unknown-unknown (and would bring SipHash in), and
/// `Math.random` is the extension's own (content scripts run in an isolated
/// world), seeded by the browser and never seen by the page. Not one draw
/// cast to `u64`: wasm2js (the JavaScript build) cannot lower that cast.
#[cfg(target_arch = "wasm32")]
fn secret() -> u64 {
    let draw = || u64::from((js_sys::Math::random() * 4_294_967_296.0) as u32);
    draw() << 32 | draw()
}

/// Maps hashed with [`Keyed`]: one hasher for every map in the core keeps
/// SipHash's code out of the WebAssembly, and one map type keeps its copies
/// of the map's code to one.
pub(crate) type FnvMap<K, V> = HashMap<K, V, Keyed>;

/// A word list, sorted for a binary search (a few hundred words at most):
/// no hash set, so the WebAssembly holds one kind of map fewer.
#[derive(Default)]
struct WordSet(Vec<&'static str>);

impl WordSet {
    fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&word).is_ok()
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> WordSet {
        let mut words: Vec<&'static str> = words.into_iter().collect();
        crate::sort::stable_by_key(&mut words, |w| *w);
        words.dedup();
        WordSet(words)
    }
}

/// The lines of a list file.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn set(data: &'static str) -> WordSet {
    entries(data).collect()
}

/// `form stem` lines as pairs.
fn pairs(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(data).filter_map(|l| l.split_once(' '))
}

macro_rules! lists {
    ($($concept:ident),* $(,)?) => {
        /// Every list of one language, as raw data (for the tests) and as sets.
        struct Data {
            $($concept: &'static str,)*
        }

        /// The lists of `lang`: one table in the module's data, in the order
        /// of [`Lang::ALL`], so each language costs its text and no code.
        fn data(lang: Lang) -> &'static Data {
            static DATA: [Data; Lang::ALL.len()] = [
                Data { $($concept: include_str!(concat!("lexicon/en/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/de/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/fr/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/es/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/pt/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/it/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/cs/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/pl/", stringify!($concept), ".txt")),)* },
                Data { $($concept: include_str!(concat!("lexicon/nl/", stringify!($concept), ".txt")),)* },
            ];
            &DATA[lang as usize]
        }

        /// Every list file of every language, named `lang/concept`.
        #[cfg(test)]
        pub fn all_lists() -> Vec<(String, &'static str)> {
            let mut lists: Vec<(String, &'static str)> =
                NAME_LISTS.iter().map(|(n, d)| (n.to_string(), *d)).collect();
            for lang in Lang::ALL {
                let d = data(lang);
                $(lists.push((format!("{lang:?}/{}", stringify!($concept)), d.$concept));)*
            }
            lists
        }
    };
}

lists!(
    cue_verbs,
    irregular_cue_verbs,
    cue_particles,
    strong_cue_verbs,
    noun_like_cues,
    inverted_cues,
    source_prepositions,
    source_postpositions,
    titles,
    title_suffixes,
    role_modifiers,
    capitalised_stopwords,
    adverbs_and_auxiliaries,
    time_words,
    determiners,
    nominative_determiners,
    prepositions,
    definite_articles,
    person_nouns,
    conjunctions,
    object_determiners,
    subject_pronouns,
    male_pronouns,
    female_pronouns,
    plural_pronouns,
    neuter_pronouns,
    writer_pronouns,
    male_honorifics,
    female_honorifics,
    neutral_honorifics,
    bare_speaker_nouns,
    speaker_nouns,
    noun_phrase_breakers,
    name_connectors,
    small_title_words,
    work_nouns,
    speech_nouns,
    document_nouns,
    organisation_words,
    group_references,
    abbreviations,
    reported_speech_verbs,
    opinion_prepositions,
    resumptive_pronouns,
    participle_endings,
);

/// One language's word lists, ready for lookups; see [`Lexicon::of`].
pub struct Lexicon {
    pub lang: Lang,
    /// Every form of every verb of saying → its stem.
    /// Czech and Polish past forms say whom they agree with too (`řekla`: a woman).
    /// Every form of every verb of saying → its sense in `cue_senses`.
    cue_forms: FnvMap<String, usize>,
    /// A verb's stem and, for a gendered past, whom the form agrees with.
    cue_senses: Vec<(&'static str, Option<Agreement>)>,
    cue_particles: Vec<(&'static str, &'static str)>,
    strong_cue_verbs: WordSet,
    noun_like_cues: WordSet,
    inverted_cues: WordSet,
    source_prepositions: Vec<Vec<&'static str>>,
    source_postpositions: WordSet,
    titles: WordSet,
    title_suffixes: Vec<&'static str>,
    role_modifiers: WordSet,
    capitalised_stopwords: WordSet,
    adverbs_and_auxiliaries: WordSet,
    time_words: WordSet,
    determiners: WordSet,
    nominative_determiners: WordSet,
    prepositions: WordSet,
    definite_articles: WordSet,
    person_nouns: WordSet,
    conjunctions: WordSet,
    object_determiners: WordSet,
    subject_pronouns: WordSet,
    male_pronouns: WordSet,
    female_pronouns: WordSet,
    plural_pronouns: WordSet,
    neuter_pronouns: WordSet,
    writer_pronouns: WordSet,
    male_honorifics: WordSet,
    female_honorifics: WordSet,
    /// All three honorific lists, without their periods, for one lookup.
    honorifics: WordSet,
    bare_speaker_nouns: WordSet,
    speaker_nouns: WordSet,
    noun_phrase_breakers: WordSet,
    name_connectors: WordSet,
    small_title_words: WordSet,
    work_nouns: WordSet,
    speech_nouns: WordSet,
    document_nouns: WordSet,
    organisation_words: WordSet,
    group_references: Vec<&'static str>,
    reported_speech_verbs: WordSet,
    opinion_prepositions: WordSet,
    resumptive_pronouns: WordSet,
    participle_endings: Vec<&'static str>,
}

/// Whom a Czech or Polish past form agrees with: `řekl` a man, `řekla` a
/// woman, `řeklo` a thing (`ministerstvo`), `řekli` several people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    One(Gender),
    Thing,
    Several,
}

/// A man, a woman, or either: what a pronoun or honorific says of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Lexicon {
    /// The lexicon of `lang`, built on first use: the lists are looked up
    /// for nearly every word of every article.
    pub fn of(lang: Lang) -> &'static Lexicon {
        static CELLS: [OnceLock<Lexicon>; Lang::ALL.len()] =
            [const { OnceLock::new() }; Lang::ALL.len()];
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        CELLS[i].get_or_init(|| Lexicon::build(lang))
    }

    fn build(lang: Lang) -> Lexicon {
        let d = data(lang);
        let mut cue_forms = FnvMap::default();
        let mut cue_senses = Vec::new();
        // Files a form with its sense, over an earlier one when `replace`.
        let mut put = |form: String, sense: (&'static str, Option<Agreement>), replace: bool| {
            if replace || !cue_forms.contains_key(&form) {
                cue_senses.push(sense);
                cue_forms.insert(form, cue_senses.len() - 1);
            }
        };
        for stem in entries(d.cue_verbs) {
            if lang == Lang::En {
                for form in english_forms(stem) {
                    put(form, (stem, None), false);
                }
            } else if let Some(forms) = past_forms(lang, stem) {
                for (form, agrees) in forms {
                    put(form, (stem, Some(agrees)), true);
                }
            } else {
                // An infinitive stands for its forms, never for itself: `para
                // explicar` names no speaker.
                let forms = romance_forms(lang, stem);
                if forms.is_empty() {
                    put(stem.to_string(), (stem, None), true);
                }
                for form in forms {
                    put(form, (stem, None), false);
                }
                // German plurals of the past: `sagte` → `sagten`.
                if lang == Lang::De && stem.ends_with("te") {
                    put(format!("{stem}n"), (stem, None), true);
                }
            }
        }
        for (form, stem) in pairs(d.irregular_cue_verbs) {
            // The stem as the one `&'static str` the stem list holds.
            let stem = entries(d.cue_verbs).find(|s| *s == stem).unwrap_or(stem);
            put(form.to_string(), (stem, None), true);
        }
        Lexicon {
            lang,
            cue_forms,
            cue_senses,
            cue_particles: pairs(d.cue_particles).collect(),
            strong_cue_verbs: set(d.strong_cue_verbs),
            noun_like_cues: set(d.noun_like_cues),
            inverted_cues: set(d.inverted_cues),
            source_prepositions: entries(d.source_prepositions)
                .map(|l| l.split(' ').collect())
                .collect(),
            source_postpositions: set(d.source_postpositions),
            titles: set(d.titles),
            title_suffixes: entries(d.title_suffixes).collect(),
            role_modifiers: set(d.role_modifiers),
            capitalised_stopwords: set(d.capitalised_stopwords),
            adverbs_and_auxiliaries: set(d.adverbs_and_auxiliaries),
            time_words: set(d.time_words),
            reported_speech_verbs: set(d.reported_speech_verbs),
            opinion_prepositions: set(d.opinion_prepositions),
            resumptive_pronouns: set(d.resumptive_pronouns),
            participle_endings: entries(d.participle_endings).collect(),
            determiners: set(d.determiners),
            nominative_determiners: set(d.nominative_determiners),
            prepositions: set(d.prepositions),
            definite_articles: set(d.definite_articles),
            person_nouns: set(d.person_nouns),
            conjunctions: set(d.conjunctions),
            object_determiners: set(d.object_determiners),
            subject_pronouns: set(d.subject_pronouns),
            male_pronouns: set(d.male_pronouns),
            female_pronouns: set(d.female_pronouns),
            plural_pronouns: set(d.plural_pronouns),
            neuter_pronouns: set(d.neuter_pronouns),
            writer_pronouns: set(d.writer_pronouns),
            male_honorifics: set(d.male_honorifics),
            female_honorifics: set(d.female_honorifics),
            honorifics: entries(d.male_honorifics)
                .chain(entries(d.female_honorifics))
                .chain(entries(d.neutral_honorifics))
                .map(|w| w.trim_end_matches('.'))
                .collect(),
            bare_speaker_nouns: set(d.bare_speaker_nouns),
            speaker_nouns: set(d.speaker_nouns),
            noun_phrase_breakers: set(d.noun_phrase_breakers),
            name_connectors: set(d.name_connectors),
            small_title_words: set(d.small_title_words),
            work_nouns: set(d.work_nouns),
            speech_nouns: set(d.speech_nouns),
            document_nouns: set(d.document_nouns),
            organisation_words: set(d.organisation_words),
            group_references: entries(d.group_references).collect(),
        }
    }

    /// The stem of `word` (lower case) when it is a verb of saying in any form.
    pub fn cue_stem(&self, word: &str) -> Option<&'static str> {
        self.cue_forms
            .get(word)
            .or_else(|| {
                // `l’explique`, `s’inquiète`: an elided pronoun before the verb.
                let (pronoun, verb) = word.split_once(['\'', '’'])?;
                (pronoun.len() == 1)
                    .then(|| self.cue_forms.get(verb))
                    .flatten()
            })
            .map(|&i| self.cue_senses[i].0)
    }

    /// The particle a stem needs to be a cue (`went on`), if any.
    pub fn cue_particle(&self, stem: &str) -> Option<&'static str> {
        self.cue_particles
            .iter()
            .find(|(s, _)| *s == stem)
            .map(|(_, p)| *p)
    }

    /// `The clip says`, `the letter reads`: after these verbs any description speaks.
    pub fn says_strongly(&self, word: &str) -> bool {
        self.cue_stem(word)
            .is_some_and(|stem| self.strong_cue_verbs.contains(stem))
    }

    /// Stems that are common nouns too (`press secretary`, `Republican claims`):
    /// their bare form counts as a cue only after a subject.
    pub fn is_noun_like_cue(&self, stem: &str) -> bool {
        self.noun_like_cues.contains(stem)
    }

    /// German `so` in `„…“, so der Minister`.
    pub fn is_inverted_cue(&self, word: &str) -> bool {
        self.inverted_cues.contains(word)
    }

    /// How many words of `words` make a source preposition (`according to`,
    /// `nach Angaben von`), longest first; 0 when they make none.
    pub fn source_preposition_len<'w>(&self, words: &dyn Fn(usize) -> Option<&'w str>) -> usize {
        self.source_prepositions
            .iter()
            .filter(|phrase| phrase.iter().enumerate().all(|(i, w)| words(i) == Some(*w)))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// Italian `lo` (`Lo ha detto X`), Spanish `así lo`: a sentence opening
    /// with one takes up the quote before it.
    pub fn is_resumptive(&self, word: &str) -> bool {
        self.resumptive_pronouns.contains(word)
    }

    /// `anunciado`, `annunciato`: a past participle, which without an
    /// auxiliary before it describes a noun (`un “bloqueo” anunciado a
    /// principios de mes`) and never stands for a speaker left out.
    pub fn is_participle(&self, word: &str) -> bool {
        self.participle_endings.iter().any(|e| word.ends_with(e))
    }

    /// `pour`, `para`, `per`, `für`: in `Pour X, « … »` the quote is X's view.
    pub fn is_opinion_preposition(&self, word: &str) -> bool {
        self.opinion_prepositions.contains(word)
    }

    /// German `zufolge`: the speaker stands before it.
    pub fn is_source_postposition(&self, word: &str) -> bool {
        self.source_postpositions.contains(word)
    }

    /// Titles and offices that stand before a name: `Secretary`, `Sen.`, `Mr`,
    /// and German compounds ending in one (`Außenminister`).
    pub fn is_title(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        // `l’ingénieur Scott Saviz`: the article is elided onto the title.
        let word = match word.split_once(['\'', '’']) {
            Some(("l", title)) => title,
            _ => word,
        };
        let listed = |word: &str| {
            self.titles.contains(word)
                || self
                    .title_suffixes
                    .iter()
                    .any(|s| word.len() > s.len() + 2 && word.ends_with(s))
        };
        // German declines its titles: `des Vorsitzenden`, `dem Präsidenten`.
        listed(word)
            || (self.lang == Lang::De
                && [word.strip_suffix('n'), word.strip_suffix("en")]
                    .into_iter()
                    .flatten()
                    .any(listed))
    }

    /// Role words that may stand, in lower case, before a name.
    pub fn is_role_word(&self, word: &str) -> bool {
        self.is_title(word) || self.role_modifiers.contains(word)
    }

    /// Capitalised words that start sentences but are not names.
    pub fn is_capitalised_stopword(&self, word: &str) -> bool {
        self.capitalised_stopwords.contains(word)
    }

    /// Words that may stand between a subject and its cue verb.
    pub fn is_adverb_or_auxiliary(&self, word: &str) -> bool {
        self.adverbs_and_auxiliaries.contains(word)
            || (self.lang == Lang::En && word.len() > 4 && word.ends_with("ly"))
            // German adverbs by their endings: `unmissverständlich`,
            // `möglicherweise`, `damals`, `jedenfalls`, `abschließend`.
            || (self.lang == Lang::De
                && word.len() > 5
                && ["lich", "weise", "mals", "falls", "dings", "end"]
                    .iter()
                    .any(|ending| word.ends_with(ending)))
    }

    pub fn is_time_word(&self, word: &str) -> bool {
        self.time_words.contains(word)
    }

    /// A verb form that by itself marks reported speech: the German
    /// subjunctive of `Deshalb sei es „folgerichtig“`.
    pub fn is_reported_speech_verb(&self, word: &str) -> bool {
        self.reported_speech_verbs.contains(word)
    }

    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// Outside English, `im Krisengebiet`, `anlässlich der Eröffnung`: a noun
    /// after a preposition is no subject. (Empty for English, where the
    /// measured rules do without it.)
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(word)
    }

    /// `the`, `der`, `le`: a description of someone already known.
    pub fn is_definite(&self, word: &str) -> bool {
        self.definite_articles.contains(word)
    }

    /// Nouns for one person that are no title: `businessman`, `nominee`.
    pub fn is_person_noun(&self, word: &str) -> bool {
        self.person_nouns.contains(word)
    }

    /// A title or a noun for one person: the head of a description that
    /// means one person (`the senator`, `the billionaire businessman`).
    pub fn names_one_person(&self, word: &str) -> bool {
        self.is_title(word) || self.is_person_noun(word)
    }

    /// A title or a noun for whoever speaks for a body (`ministro`,
    /// `portavoce`): the office in a description that names its holder.
    pub fn names_an_office(&self, word: &str) -> bool {
        self.is_title(word) || self.is_speaker_noun(word)
    }

    /// `and`, `und`, `et`: joins two names into a group.
    /// The word that joins two names in this language (`and`, `y`, `und`),
    /// for the name a group is shown by.
    pub fn and_word(&self) -> &'static str {
        // The last: Spanish `e` (before an i sound) sorts before the usual `y`.
        self.conjunctions.0.last().copied().unwrap_or("and")
    }

    pub fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.contains(word)
    }

    /// German `der`, `ein`: a noun phrase opened by one may be a subject.
    pub fn is_nominative_determiner(&self, word: &str) -> bool {
        self.nominative_determiners.contains(word)
    }

    /// German `dem`, `den`, `einem`: a noun phrase opened by one is no subject.
    pub fn is_object_determiner(&self, word: &str) -> bool {
        self.object_determiners.contains(word)
    }

    pub fn is_subject_pronoun(&self, word: &str) -> bool {
        self.subject_pronouns.contains(word)
    }

    /// The gender a pronoun gives its person, if any; in Czech and Polish
    /// also a past form that stands for a subject left out (`dodala`: she).
    pub fn gender_of_pronoun(&self, word: &str) -> Option<Gender> {
        if self.male_pronouns.contains(word) {
            Some(Gender::Male)
        } else if self.female_pronouns.contains(word) {
            Some(Gender::Female)
        } else {
            match self.agreement_of(word)? {
                Agreement::One(gender) => Some(gender),
                Agreement::Thing | Agreement::Several => None,
            }
        }
    }

    /// `they`, or a Czech or Polish plural past (`řekli`, `dodali`).
    pub fn is_plural_pronoun(&self, word: &str) -> bool {
        self.plural_pronouns.contains(word) || self.agreement_of(word) == Some(Agreement::Several)
    }

    /// A name (lower case) as resolution files it: in Czech and Polish,
    /// whose names decline, without its case ending, so `Redla`, `Redlovi`
    /// and `Redlem` are `Redl`, and `Kowalskiego` is `Kowalski`; elsewhere
    /// the name itself.
    ///
    /// (`name_keys_drop_case_endings` below shows it.)
    pub fn name_key<'w>(&self, name: &'w str) -> &'w str {
        let endings: &[&str] = match self.lang {
            Lang::Cs => &[
                "ovi", "ého", "ému", "ým", "em", "ou", "a", "e", "é", "i", "u", "y", "ý", "á", "o",
            ],
            Lang::Pl => &[
                "iego", "iemu", "owi", "iem", "ego", "emu", "iej", "ie", "ej", "em", "im", "ym",
                "ą", "a", "e", "i", "y", "u", "o",
            ],
            _ => return name,
        };
        endings
            .iter()
            .filter_map(|e| name.strip_suffix(e))
            .find(|stem| stem.chars().count() >= 3)
            .unwrap_or(name)
    }

    /// The gender a Czech or Polish full name (lower case) shows in any
    /// case: a woman's surname ends in `-ová`, `-á`, `-ska` and their case
    /// forms (`Navrátilové`, `Kowalskiej`), a woman's first name in `-a`
    /// before a foreign surname (`Kamala Harris`), a man's first name in a
    /// consonant (`Petr Redl`). `Michala Redla` (a man, declined) and
    /// `Joanna Mucha` (a woman) look alike: no gender. A pair that is no
    /// person (`Seznam Zprávy`) may get one, but takes neither past form.
    pub fn gender_of_name(&self, name: &str) -> Option<Gender> {
        let female: &[&str] = match self.lang {
            Lang::Cs => &["á", "ové", "ovou"],
            Lang::Pl => &["ska", "cka", "skiej", "ckiej", "ską", "cką"],
            _ => return None,
        };
        let first = name.split(' ').next()?;
        let surname = name.rsplit(' ').next()?;
        let consonant = |w: &str| {
            w.chars()
                .last()
                .is_some_and(|c| c.is_alphabetic() && !find::is_one_of(c, "aeiouyáéíóúýěůąę"))
        };
        if female.iter().any(|e| surname.ends_with(e)) || first.ends_with('a') && consonant(surname)
        {
            Some(Gender::Female)
        } else {
            consonant(first).then_some(Gender::Male)
        }
    }

    /// Whom the last word of `words` agrees with, when it is a Czech or Polish past form.
    fn agreement_of(&self, words: &str) -> Option<Agreement> {
        let last = words.rsplit(' ').next()?;
        self.cue_senses[*self.cue_forms.get(last)?].1
    }

    /// Whether the verb that stands for a left-out subject (`dijo`, `ha
    /// aggiunto`, `se preguntaba`, `disseram`) is plural: Spanish, Portuguese
    /// and Italian mark the third person plural by its ending (`-n`, `-m`,
    /// `-no`) on the finite verb, the first word that is no clitic. `None`
    /// where the language does not leave subjects out this way.
    pub fn verb_is_plural(&self, words: &str) -> Option<bool> {
        let ending = match self.lang {
            Lang::Es => "n",
            Lang::Pt => "m",
            Lang::It => "no",
            _ => return None,
        };
        let finite = words.split(' ').find(|w| !matches!(*w, "se" | "si"))?;
        Some(finite.ends_with(ending))
    }

    /// `it`: an organisation or a document, never a person.
    pub fn is_neuter_pronoun(&self, word: &str) -> bool {
        self.neuter_pronouns.contains(word)
    }

    pub fn is_writer_pronoun(&self, word: &str) -> bool {
        self.writer_pronouns.contains(word)
    }

    /// `Mr`, `Ms`, `Dr`, with or without their period.
    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics.contains(word.trim_end_matches('.'))
    }

    /// The gender an honorific gives: `Mr` a man, `Ms` a woman.
    pub fn gender_of_honorific(&self, word: &str) -> Option<Gender> {
        let bare = word.trim_end_matches('.');
        if [word, bare]
            .iter()
            .any(|w| self.male_honorifics.contains(w))
        {
            Some(Gender::Male)
        } else if [word, bare]
            .iter()
            .any(|w| self.female_honorifics.contains(w))
        {
            Some(Gender::Female)
        } else {
            None
        }
    }

    pub fn is_bare_speaker_noun(&self, word: &str) -> bool {
        self.bare_speaker_nouns.contains(word)
    }

    /// Head nouns of descriptions that can speak: `a senior aide`, `the ministry`.
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        let singular = word
            .strip_suffix("es")
            .filter(|s| s.ends_with("ss") || s.ends_with("sh") || s.ends_with("ch"));
        let singular = singular.or_else(|| word.strip_suffix('s')).unwrap_or(word);
        self.is_title(word)
            || self.is_bare_speaker_noun(word)
            || [word, singular]
                .iter()
                .any(|w| self.speaker_nouns.contains(w))
    }

    pub fn ends_noun_phrase(&self, word: &str) -> bool {
        self.noun_phrase_breakers.contains(word)
    }

    pub fn is_name_connector(&self, word: &str) -> bool {
        self.name_connectors.contains(word)
    }

    pub fn is_small_title_word(&self, word: &str) -> bool {
        self.small_title_words.contains(word)
    }

    /// A word as it may stand in a title: capitalised, not a word (`9/11`), or a
    /// small word (`Face the Nation`).
    pub fn is_title_case_word(&self, word: &str) -> bool {
        let first = word.chars().next().unwrap_or(' ');
        first.is_uppercase() || !first.is_alphabetic() || self.is_small_title_word(&lowercase(word))
    }

    pub fn is_work_noun(&self, word: &str) -> bool {
        self.work_nouns.contains(word)
    }

    pub fn is_speech_noun(&self, word: &str) -> bool {
        self.speech_nouns.contains(word)
    }

    /// `statement`, `email`, `Pressemitteilung`: a document someone issues, never its issuer.
    pub fn is_document_noun(&self, word: &str) -> bool {
        self.document_nouns.contains(word)
    }

    /// `Whole Foods Market`, `the ministry`, `CNN`: a speaker that is no `he` or `she`.
    pub fn is_organisation(&self, name: &str) -> bool {
        let lower = lowercase(name);
        // `Department of Justice`, `Commission on Presidential Debates`.
        let has_organisation_word = lower
            .split_whitespace()
            .any(|w| self.organisation_words.contains(w));
        let acronym = name.chars().count() >= 2 && name.chars().all(|c| c.is_uppercase());
        let described = name
            .split_whitespace()
            .next()
            .is_some_and(|w| self.is_determiner(&lowercase(w)));
        acronym || has_organisation_word || described
    }

    /// `the pair`, `both`: a description of the last group.
    pub fn refers_to_group(&self, description: &str) -> bool {
        self.group_references
            .iter()
            .any(|g| description.starts_with(g))
    }
}

/// says, said-like regular forms, replies/replied, admitted/admitting, noting.
/// The forms news uses of a regular Romance verb, from its infinitive: the
/// third person present, imperfect and past (singular and plural) and,
/// but in Portuguese, the participle. `afirmar` → `afirma`, `afirman`, `afirmaba`, `afirmó`,
/// `afirmaron`, `afirmado`. A list word that is no infinitive of a regular
/// class (`dijo`, `a déclaré`'s `déclaré` of an irregular verb) is a form
/// as it stands and makes none.
fn romance_forms(lang: Lang, word: &str) -> Vec<String> {
    let endings: &[(&str, &[&str])] = match lang {
        Lang::Es => &[
            ("ar", &["a", "an", "aba", "ó", "aron", "ado"]),
            ("er", &["e", "en", "ía", "ió", "ieron", "ido"]),
            ("ir", &["e", "en", "ía", "ió", "ieron", "ido"]),
        ],
        // No participles: Portuguese reports in the simple past (`disse`,
        // `afirmou`), and its participles are adjectives (`o anunciado plano`).
        Lang::Pt => &[
            ("ar", &["a", "am", "ava", "ou", "aram"]),
            ("er", &["e", "em", "ia", "eu", "eram"]),
            ("ir", &["e", "em", "ia", "iu", "iram"]),
        ],
        Lang::It => &[("are", &["a", "ano", "ava", "ò", "arono", "ato"])],
        Lang::Fr => &[("er", &["e", "ent", "é"])],
        _ => &[],
    };
    let Some((stem, forms)) = endings
        .iter()
        .find_map(|(end, forms)| Some((word.strip_suffix(end)?, *forms)))
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = forms.iter().map(|f| format!("{stem}{f}")).collect();
    if lang == Lang::Fr {
        // Before `a`, `c` softens to `ç` and `g` keeps its `e`: `annonçait`, `jugeait`.
        let soft = match stem.strip_suffix('c') {
            Some(base) => format!("{base}ç"),
            None if stem.ends_with('g') => format!("{stem}e"),
            None => stem.to_string(),
        };
        out.extend(["ait", "aient", "a"].iter().map(|f| format!("{soft}{f}")));
    }
    out
}

fn english_forms(stem: &str) -> Vec<String> {
    let mut forms = vec![stem.to_string()];
    for suffix in ["s", "es", "ed", "d", "ing"] {
        forms.push(format!("{stem}{suffix}"));
    }
    if let Some(base) = stem.strip_suffix('y') {
        forms.push(format!("{base}ies"));
        forms.push(format!("{base}ied"));
    }
    if let Some(base) = stem.strip_suffix('e') {
        forms.push(format!("{base}ing"));
    }
    if let Some(last @ ('t' | 'b' | 'p')) = stem.chars().last() {
        forms.push(format!("{stem}{last}ed"));
        forms.push(format!("{stem}{last}ing"));
    }
    forms
}

/// The past forms of a Czech or Polish verb listed by its masculine past,
/// each with whom it agrees: `řekl` → `řekla`, `řeklo`, `řekli`, `řekly`;
/// `powiedział` → `powiedziała`, `powiedziało`, `powiedzieli`, `powiedziały`;
/// `zaczął` → `zaczęła`. `None` for any other form (`říká`, `mówi`).
fn past_forms(lang: Lang, stem: &str) -> Option<[(String, Agreement); 5]> {
    let (other, personal) = match lang {
        Lang::Cs => {
            stem.strip_suffix('l')?;
            (stem.to_string(), format!("{stem}i"))
        }
        Lang::Pl => {
            let base = stem.strip_suffix('ł')?;
            // `zaczął` → `zaczęła`; `powiedział` → `powiedzieli`.
            match (base.strip_suffix('ą'), base.strip_suffix("ia")) {
                (Some(b), _) => (format!("{b}ę"), format!("{b}ęli")),
                (_, Some(b)) => (base.to_string(), format!("{b}ieli")),
                _ => (base.to_string(), format!("{base}li")),
            }
        }
        _ => return None,
    };
    // Czech adds its endings to the whole masculine (`řekl-a`); Polish to
    // the stem before `ł` with `ł` again (`powiedzia-ła`).
    let l = if lang == Lang::Pl { "ł" } else { "" };
    Some([
        (stem.to_string(), Agreement::One(Gender::Male)),
        (format!("{other}{l}a"), Agreement::One(Gender::Female)),
        (format!("{other}{l}o"), Agreement::Thing),
        (personal, Agreement::Several),
        (format!("{other}{l}y"), Agreement::Several),
    ])
}

/// `Clinton` for `Clinton’s` or `Clinton's`: the owner of a possessive (or
/// the pronoun of a contraction such as `he’s`).
pub fn possessive_owner(word: &str) -> Option<&str> {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s"))
}

/// A word ending in `’s` or `'s`.
pub fn is_possessive(word: &str) -> bool {
    possessive_owner(word).is_some()
}

/// Names the same in every language: first names that tell a person's
/// gender, and places that are never a `he` or `she`.
struct Names {
    male: WordSet,
    female: WordSet,
    places: WordSet,
    platforms: WordSet,
}

const NAME_LISTS: [(&str, &str); 4] = [
    (
        "names/male_first_names",
        include_str!("lexicon/names/male_first_names.txt"),
    ),
    (
        "names/female_first_names",
        include_str!("lexicon/names/female_first_names.txt"),
    ),
    ("names/places", include_str!("lexicon/names/places.txt")),
    (
        "names/platforms",
        include_str!("lexicon/names/platforms.txt"),
    ),
];

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        male: set(NAME_LISTS[0].1),
        female: set(NAME_LISTS[1].1),
        places: set(NAME_LISTS[2].1),
        platforms: set(NAME_LISTS[3].1),
    })
}

/// The gender a first name (lower case) usually has: `donald`, `hillary`.
pub fn gender_of_first_name(word: &str) -> Option<Gender> {
    if names().male.contains(word) {
        Some(Gender::Male)
    } else if names().female.contains(word) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// A country, state or city (lower case): `new york`, `germany`.
pub fn is_place(name: &str) -> bool {
    names().places.contains(name)
}

/// A website or platform (lower case), where people speak but which does not: `twitter`.
pub fn is_platform(name: &str) -> bool {
    names().platforms.contains(name)
}

/// Abbreviations of every language whose period does not end a sentence:
/// the tokenizer runs before the language is known to matter.
pub fn is_abbreviation(word: &str) -> bool {
    static ALL: OnceLock<WordSet> = OnceLock::new();
    ALL.get_or_init(|| {
        Lang::ALL
            .iter()
            .flat_map(|&lang| entries(data(lang).abbreviations))
            .collect()
    })
    .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stems_and_the_language_the_module_doc_names() {
        assert_eq!(Lexicon::of(Lang::En).cue_stem("replied"), Some("reply"));
        assert_eq!(Lexicon::of(Lang::De).cue_stem("sagte"), Some("sagte"));
        let german = "Der Minister sagte, die Lage sei ernst und das Land in Gefahr.";
        assert_eq!(Lang::detect(german), Lang::De);
    }

    #[test]
    fn name_keys_drop_case_endings() {
        let cs = Lexicon::of(Lang::Cs);
        assert_eq!(cs.name_key("redla"), cs.name_key("redl"));
        assert_eq!(cs.name_key("navrátilové"), cs.name_key("navrátilová"));
        assert_ne!(cs.name_key("navrátilová"), cs.name_key("navrátil"));
        let pl = Lexicon::of(Lang::Pl);
        assert_eq!(pl.name_key("kowalskiego"), pl.name_key("kowalski"));
        assert_eq!(Lexicon::of(Lang::En).name_key("redla"), "redla");
    }

    #[test]
    fn every_list_is_sorted_unique_and_lower_case() {
        for (name, data) in all_lists() {
            let lines: Vec<&str> = data.lines().collect();
            for pair in lines.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
            for line in &lines {
                assert_eq!(
                    *line,
                    line.to_lowercase(),
                    "{name}: {line:?} is not lower case"
                );
                assert_eq!(*line, line.trim(), "{name}: {line:?} has stray spaces");
                assert!(!line.is_empty(), "{name}: empty line");
            }
        }
    }

    #[test]
    fn cue_verbs_in_every_form() {
        let en = Lexicon::of(Lang::En);
        let table = [
            ("said", "say"),
            ("says", "say"),
            ("saying", "say"),
            ("told", "tell"),
            ("added", "add"),
            ("adds", "add"),
            ("wrote", "write"),
            ("noted", "note"),
            ("noting", "note"),
            ("argued", "argue"),
            ("replied", "reply"),
            ("replies", "reply"),
            ("admitted", "admit"),
            ("tweeted", "tweet"),
            ("warned", "warn"),
            ("went", "go"),
            ("spoke", "speak"),
            ("talked", "talk"),
            ("agreed", "agree"),
            ("continued", "continue"),
            ("stressed", "stress"),
            ("emphasised", "emphasise"),
        ];
        for (form, stem) in table {
            assert_eq!(en.cue_stem(form), Some(stem), "{form}");
        }
    }

    #[test]
    fn other_words_are_not_cues() {
        let en = Lexicon::of(Lang::En);
        for word in [
            "sad", "marked", "met", "the", "missiles", "was", "tells_", "states_", "addition",
            "sagte",
        ] {
            assert_eq!(en.cue_stem(word), None, "{word}");
        }
    }

    #[test]
    fn each_language_has_its_own_cues() {
        let table = [
            (Lang::De, "erklärte"),
            (Lang::Fr, "déclaré"),
            (Lang::Es, "dijo"),
            (Lang::Pt, "disse"),
        ];
        for (lang, form) in table {
            assert!(
                Lexicon::of(lang).cue_stem(form).is_some(),
                "{lang:?} {form}"
            );
            assert!(Lexicon::of(Lang::En).cue_stem(form).is_none(), "{form}");
        }
    }

    #[test]
    fn every_language_finds_its_own_lists() {
        // `data` indexes its table by the enum's order.
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!(*lang as usize, i, "{lang:?}");
        }
        assert!(data(Lang::Cs).cue_verbs.contains("řekl"));
        assert!(data(Lang::Nl).cue_verbs.contains("zei"));
    }

    #[test]
    fn language_from_the_page_tag() {
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("pt_BR"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja"), None);
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("it"), Some(Lang::It));
    }

    #[test]
    fn language_from_the_text() {
        let table = [
            (
                "The minister said the talks were over and that he was leaving.",
                Lang::En,
            ),
            (
                "Der Minister sagte, die Gespräche seien beendet und er gehe nun.",
                Lang::De,
            ),
            (
                "Le ministre a déclaré que les discussions sont finies et qu'il part.",
                Lang::Fr,
            ),
            (
                "El ministro dijo que las conversaciones habían terminado y que se iba.",
                Lang::Es,
            ),
            (
                "O ministro disse que as conversas terminaram e que não fica.",
                Lang::Pt,
            ),
        ];
        for (text, lang) in table {
            assert_eq!(Lang::detect(text), lang, "{text}");
        }
    }

    #[test]
    fn czech_and_polish_past_forms_agree_with_their_subject() {
        let cs = Lexicon::of(Lang::Cs);
        assert_eq!(cs.cue_stem("řekla"), Some("řekl"));
        assert_eq!(cs.gender_of_pronoun("dodala"), Some(Gender::Female));
        assert_eq!(cs.gender_of_pronoun("dodal"), Some(Gender::Male));
        assert!(cs.is_plural_pronoun("uvedli"));
        assert_eq!(cs.gender_of_pronoun("říká"), None);
        let pl = Lexicon::of(Lang::Pl);
        let table = [
            ("powiedziała", Some(Gender::Female)),
            ("powiedzieli", None),
            ("stwierdziła", Some(Gender::Female)),
            ("dodał", Some(Gender::Male)),
            ("napomknęła", Some(Gender::Female)),
        ];
        for (form, gender) in table {
            assert!(pl.cue_stem(form).is_some(), "{form}");
            assert_eq!(pl.gender_of_pronoun(form), gender, "{form}");
        }
        assert!(pl.is_plural_pronoun("powiedzieli"));
        // Other languages' words are no past forms.
        assert_eq!(Lexicon::of(Lang::En).gender_of_pronoun("dodala"), None);
    }

    #[test]
    fn czech_and_polish_names_tell_their_gender() {
        let cs = Lexicon::of(Lang::Cs);
        assert_eq!(
            cs.gender_of_name("kateřina navrátilová"),
            Some(Gender::Female)
        );
        assert_eq!(cs.gender_of_name("petr redl"), Some(Gender::Male));
        assert_eq!(cs.gender_of_name("marie nová"), Some(Gender::Female));
        assert_eq!(
            cs.gender_of_name("kateřiny navrátilové"),
            Some(Gender::Female)
        );
        assert_eq!(cs.gender_of_name("kamala harrisová"), Some(Gender::Female));
        assert_eq!(cs.gender_of_name("michala redla"), None);
        let pl = Lexicon::of(Lang::Pl);
        assert_eq!(
            pl.gender_of_name("agnieszka kowalska"),
            Some(Gender::Female)
        );
        assert_eq!(pl.gender_of_name("andrzej domański"), Some(Gender::Male));
        assert_eq!(Lexicon::of(Lang::Nl).gender_of_name("anna jansen"), None);
    }

    #[test]
    fn german_compound_titles() {
        let de = Lexicon::of(Lang::De);
        for word in ["außenminister", "vereinschef", "regierungssprecherin"] {
            assert!(de.is_title(word), "{word}");
        }
        assert!(!de.is_title("minister-"));
        assert!(!de.is_title("haus"));
    }
    #[test]
    fn regular_romance_verbs_make_the_forms_news_uses() {
        let forms = |lang, inf| romance_forms(lang, inf).join(" ");
        assert_eq!(
            forms(Lang::Es, "afirmar"),
            "afirma afirman afirmaba afirmó afirmaron afirmado"
        );
        assert_eq!(
            forms(Lang::Es, "insistir"),
            "insiste insisten insistía insistió insistieron insistido"
        );
        assert_eq!(
            forms(Lang::Pt, "afirmar"),
            "afirma afirmam afirmava afirmou afirmaram"
        );
        assert_eq!(
            forms(Lang::It, "spiegare"),
            "spiega spiegano spiegava spiegò spiegarono spiegato"
        );
        assert_eq!(
            forms(Lang::Fr, "annoncer"),
            "annonce annoncent annoncé annonçait annonçaient annonça"
        );
        // A form as it stands (`dijo`) and an infinitive of no regular class make none.
        assert!(romance_forms(Lang::Es, "dijo").is_empty());
        assert!(romance_forms(Lang::It, "dire").is_empty());
        // Every language's list knows its verbs in the forms news prints.
        for (lang, word) in [
            (Lang::Es, "recalcó"),
            (Lang::Pt, "afirmou"),
            (Lang::It, "sottolineato"),
            (Lang::Fr, "déclaré"),
        ] {
            assert!(
                Lexicon::of(lang).cue_stem(word).is_some(),
                "{lang:?} {word}"
            );
        }
        // An infinitive is no cue: `para explicar` names nobody.
        assert_eq!(Lexicon::of(Lang::Es).cue_stem("explicar"), None);
    }
}
