//! Stage 4: from mentions to speakers.
//!
//! The cue stage says *where* a speaker is named; this stage says *who* that
//! is. In the seed article
//!
//! ```text
//! US Secretary of State Antony Blinken and British Foreign Secretary David Lammy warned …
//! Blinken said he was working with his Egyptian and Qatari counterparts …
//! “Very soon, we will put that before the parties …,” he added.
//! ```
//!
//! `Blinken` is the `Antony Blinken` of the first line, whose role is
//! `US Secretary of State`, and `he` is the last person who spoke before it,
//! Blinken again. Full names anywhere in the text define people; a surname,
//! `Mr Lammy` or `Lammy’s` is the person with that surname; a pronoun is the
//! last speaker before it (or the last person named, if nobody spoke yet);
//! `the pair` is the last group. A quote keeps its mention (the `he`) for the
//! scorer and gets the resolved name for the reader.
//!
//! ```
//! let a = quotelens::analyze(
//!     "Secretary of State Antony Blinken met Lammy.\n“Very soon,” he added.",
//! );
//! assert_eq!(a.quotes[0].speaker.as_deref(), Some("Antony Blinken"));
//! assert_eq!(a.quotes[0].role.as_deref(), Some("Secretary of State"));
//! ```

mod antecedent;

use crate::case::{lower_char, lowercase};
use crate::cues::{Attribution, Cues, Mention, Person, Via, Who};
use crate::lexicon::{
    gender_of_first_name, is_place, possessive_owner, FnvMap, Gender, Lang, Lexicon,
};
use crate::spans::Span;
use crate::{Analysis, Quote, QuoteKind, Speaker, Why};

/// In [`Registry::by_office`]: more than one person holds this office.
const SHARED_OFFICE: usize = usize::MAX;

/// How far back, in characters, a person named by an office word alone
/// (`el presidente`) may have been named: about two paragraphs.
const OFFICE_REACH: usize = 1500;

struct Entity {
    name: String,
    role: Option<String>,
    aliases: Vec<String>,
    kind: EntityKind,
    /// From an honorific (`Mr`, `Ms`) or from the first `he`/`she` that named them.
    gender: Option<Gender>,
    /// How often the text named them so far, and where last: what makes a
    /// person the one a pronoun most likely means ([`Antecedent`]).
    mentions: u32,
    quotes: u32,
    last_seen: Option<usize>,
}

/// `Mr Lammy`, `Ms Graham`: the gender an honorific before a name gives.
fn gender_of_honorific(lex: &Lexicon, chars: &[char], name_start: usize) -> Option<Gender> {
    let before = word_before(chars, name_start);
    // Honorifics are short and capitalised (`Mr`, `Frau`): skip the lower-casing otherwise.
    if before.len() > 12 || !before.first()?.is_uppercase() {
        return None;
    }
    let word: String = before
        .iter()
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| lower_char(*c))
        .collect();
    lex.gender_of_honorific(&word)
}

/// The word right before `at`, as written (empty at the text's start).
fn word_before(chars: &[char], at: usize) -> &[char] {
    let before = &chars[..at];
    let end = before
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |e| e + 1);
    let start = before[..end]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    &before[start..end]
}

/// What a speaker is: only a person can be `he` or `she`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    /// `Antony Blinken`, `Blinken`.
    Person,
    /// `Blinken and Lammy`.
    Group,
    /// `the ministry`, `officials`, an unresolved `she`: shown as written.
    Description,
}

struct Registry {
    lex: &'static Lexicon,
    entities: Vec<Entity>,
    /// Surname (lower case) → person.
    by_surname: FnvMap<String, usize>,
    /// Canonical name → entity, for groups and descriptions.
    by_name: FnvMap<String, usize>,
    /// The last words of roles (`minister`, `prime minister`) → the person.
    by_role: FnvMap<String, usize>,
    /// The first words and office words of roles (`presidente`, `presidente
    /// de la Junta`) → the one person holding them, [`SHARED_OFFICE`] when
    /// several do: `el presidente andaluz` may be either of two presidents.
    by_office: FnvMap<String, usize>,
    /// The first person the text names in full.
    first_person: Option<usize>,
}

impl Registry {
    fn new(lex: &'static Lexicon) -> Registry {
        Registry {
            lex,
            entities: Vec::new(),
            by_surname: FnvMap::default(),
            by_name: FnvMap::default(),
            by_role: FnvMap::default(),
            by_office: FnvMap::default(),
            first_person: None,
        }
    }

    fn add(&mut self, name: String, role: Option<String>, kind: EntityKind) -> usize {
        // `Prosecutors` and `prosecutors` are one speaker.
        let key = lowercase(&name);
        if let Some(&id) = self.by_name.get(&key) {
            return id;
        }
        let id = self.entities.len();
        self.entities.push(Entity {
            name: name.clone(),
            role,
            aliases: Vec::new(),
            kind,
            gender: None,
            mentions: 0,
            quotes: 0,
            last_seen: None,
        });
        self.by_name.insert(key, id);
        self.index_role(id);
        id
    }

    /// The person a name refers to: by surname when a fuller name is known.
    fn person(&mut self, chars: &[char], person: &Person) -> usize {
        let name = strip_possessive(&slice(chars, person.name));
        let lower = lowercase(&name);
        // Czech and Polish names decline: `podle Redla` is Redl's.
        let lex = self.lex;
        let surname = lex.name_key(lower.rsplit(' ').next().unwrap_or(&lower));
        let first = lex.name_key(lower.split(' ').next().unwrap_or(&lower));
        let full_name = has_several_words(&lower);
        // `Rakeyia Scott` is not `Keith Scott`: two full names that share a
        // surname but not a first name are two people, and a lone `Scott`
        // means whichever was named last.
        let same_person = |existing: &Entity| {
            let existing_first = lowercase(existing.name.split(' ').next().unwrap_or_default());
            !full_name
                || !has_several_words(&existing.name)
                || lex.name_key(&existing_first) == first
        };
        // A surname alone is filed under itself: one lookup.
        let by_full_name = full_name.then(|| self.by_name.get(&lower)).flatten();
        let known = by_full_name
            .or_else(|| self.by_surname.get(surname))
            .copied()
            .filter(|&id| {
                self.entities[id].kind == EntityKind::Person && same_person(&self.entities[id])
            });
        // `la Plataforma asegura`, `die Linke`: one word after an article
        // names a body, not a person, unless it is the short name of one
        // named before (`the Post`); it is shown as written.
        if known.is_none() && !full_name && person.role.is_none() {
            let before: String = word_before(chars, person.name.0)
                .iter()
                .flat_map(|c| lower_char(*c))
                .collect();
            if lex.is_definite(&before) {
                return self.add(name, None, EntityKind::Description);
            }
        }
        let id = match known {
            Some(id) => id,
            None => {
                let role = person.role.map(|r| slice(chars, r));
                self.add(name.clone(), role, EntityKind::Person)
            }
        };
        match self.by_surname.get_mut(surname) {
            Some(latest) => *latest = id,
            None => {
                self.by_surname.insert(surname.to_string(), id);
            }
        }
        // `Marlaska` for Fernando Grande-Marlaska, and in Spanish `Sanz` for
        // Antonio Sanz Cabello: a compound surname's parts and a first surname
        // before a second name the person too, unless they name someone already.
        if full_name {
            let words: Vec<&str> = lower.split(' ').collect();
            let parts = surname.split('-').skip(1);
            let first_surname = words
                .get(1)
                .filter(|_| words.len() == 3 && lex.lang == Lang::Es);
            for key in parts.chain(first_surname.copied()) {
                let key = lex.name_key(key).to_string();
                self.by_surname.entry(key).or_insert(id);
            }
        }
        if self.entities[id].role.is_none() {
            if let Some(role) = person.role {
                self.entities[id].role = Some(slice(chars, role));
                self.index_role(id);
            }
        }
        let entity = &mut self.entities[id];
        if entity.gender.is_none() {
            let first_name = lower.split(' ').next().unwrap_or(&lower);
            entity.gender = gender_of_honorific(self.lex, chars, person.name.0)
                .or_else(|| {
                    full_name
                        .then(|| gender_of_first_name(first_name))
                        .flatten()
                })
                .or_else(|| full_name.then(|| lex.gender_of_name(&lower)).flatten());
        }
        // `Michala Redla` named first, `Michal Redl` later: a Czech or Polish
        // name shows in its shortest case, the nominative.
        let mut name = name;
        if known.is_some()
            && full_name
            && lex.lang.lacks_articles()
            && entity.name.split(' ').count() == lower.split(' ').count()
            && name.chars().count() < entity.name.chars().count()
        {
            name = std::mem::replace(&mut entity.name, name);
            self.by_name.insert(lower, id);
        }
        let entity = &mut self.entities[id];
        // The other names a person goes by, for the card: a few are enough,
        // and a short list is searched faster than a set is kept.
        if name != entity.name
            && entity.aliases.len() < MAX_ALIASES
            && !entity.aliases.contains(&name)
        {
            entity.aliases.push(name);
        }
        id
    }

    /// Whether a name outside quotes names a person: a full name, a titled
    /// one, or a lone surname of someone named in full.
    fn names_someone(&self, chars: &[char], person: &Person) -> bool {
        if person.is_full_name(chars) || person.role.is_some() {
            return true;
        }
        let lower = lowercase(&strip_possessive(&slice(chars, person.name)));
        self.by_surname
            .get(self.lex.name_key(&lower))
            .is_some_and(|&id| has_several_words(&self.entities[id].name))
    }

    /// `Hastily, …`, `Led by …`, `Early polls show …`: the capitalised word
    /// opening a sentence, taken for the subject of a quote woven into it, is
    /// most often no name at all when the text names nobody by it in full,
    /// and it is no organisation or first name: no speaker rather than a
    /// wrong one. Train names 0.858 -> 0.861, mention 0.895 -> 0.896.
    fn opening_word_names_nobody(&self, chars: &[char], person: &Person) -> bool {
        let word = slice(chars, person.name);
        opens_sentence(chars, person.name.0)
            && !self.names_someone(chars, person)
            && !self.lex.is_organisation(&word)
            && gender_of_first_name(&lowercase(&word)).is_none()
    }

    /// Whether `he` or `she` may mean this entity: a person, not a group, a
    /// description, an organisation, a place or a lone word that names a
    /// kind of speaker (`Republican`).
    fn could_be_person(&self, id: usize) -> bool {
        let entity = &self.entities[id];
        let lower = lowercase(&entity.name);
        let first = first_word(&lower);
        // `Delegates`, `Presidential Debates`: a plural or a role word, not a name.
        let looks_common = if has_several_words(&lower) {
            self.lex.is_role_word(&first)
        } else {
            self.lex.is_speaker_noun(&lower) || (lower.ends_with('s') && !lower.ends_with("ss"))
        };
        // `A Milwaukee`, `L'indice Nikkei`: a sentence's capitalised first
        // word that is a preposition or an article opens no person's name.
        let function_word = self.lex.is_preposition(&first)
            || self.lex.is_determiner(&first)
            || self.lex.ends_noun_phrase(&first)
            || first.starts_with("l'")
            || first.starts_with("l’");
        // `AT&T`, a dateline's `DES MOINES`: written without a lower-case letter.
        entity.kind == EntityKind::Person
            && !function_word
            && lower
                .chars()
                .zip(entity.name.chars())
                .any(|(l, c)| l == c && c.is_alphabetic())
            && !self.lex.is_organisation(&entity.name)
            && !is_place(&lower)
            && (entity.gender.is_some() || !looks_common)
    }

    /// `the board` after `the Illinois Board of Elections`, `este
    /// ministerio` after `el Ministerio de Sanidad`: the body added last
    /// whose name of two words or more holds the description's one noun.
    fn body_with_word(&self, description: &str) -> Option<usize> {
        let (article, noun) = description.split_once(' ')?;
        if !self.lex.is_definite(article) || has_several_words(noun) {
            return None;
        }
        self.entities.iter().rposition(|e| {
            // (Not a headline in capitals: `AUSTRALIAN OLYMPIC TEAM REFUSES`.)
            e.kind == EntityKind::Person
                && e.gender.is_none()
                && e.name.bytes().any(|b| b.is_ascii_lowercase())
                && has_several_words(&e.name)
                && e.name.split(' ').any(|w| lowercase(w) == noun)
        })
    }

    /// The person whose role the description `the prime minister` repeats.
    fn person_with_role(&self, description: &str, at: usize) -> Option<usize> {
        let (article, role_words) = description.split_once(' ')?;
        if !self.lex.is_determiner(article) {
            return None;
        }
        if role_words.split_whitespace().count() > 4 {
            return None;
        }
        if let Some(&id) = self.by_role.get(role_words) {
            return Some(id);
        }
        // `the Vermont senator` finds `Sen.`-less roles by their head word,
        // the last; `el presidente andaluz`, `la ministre de la Culture` by
        // theirs, the office word before any preposition, when one person
        // holds it.
        let head = role_words.rsplit(' ').next().unwrap_or(role_words);
        if let Some(&id) = self.by_role.get(head) {
            return Some(id);
        }
        std::iter::once(role_words)
            .chain(self.office_words(role_words))
            .find_map(|key| self.by_office.get(key))
            .copied()
            .filter(|&id| id != SHARED_OFFICE)
            // An office held by someone named long ago is more likely another's.
            .filter(|&id| {
                self.entities[id]
                    .last_seen
                    .is_some_and(|seen| at.saturating_sub(seen) < OFFICE_REACH)
            })
    }

    /// The words of a role before its first preposition that name an office
    /// or a kind of person: `presidente` in `presidente de la Junta`. A
    /// conjunction opens another role: `integrante` in `vecina del área e
    /// integrante de la ONG`.
    fn office_words<'a>(&self, role: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let lex = self.lex;
        let mut before_preposition = true;
        role.split_whitespace().filter(move |w| {
            if lex.is_preposition(w) {
                before_preposition = false;
            } else if lex.is_conjunction(w) {
                before_preposition = true;
            }
            before_preposition && lex.names_one_person(w)
        })
    }

    /// Files a person under the last one to four words of their role, so
    /// `the minister` and `the foreign minister` find `Foreign Minister X` in O(1),
    /// and under its first words and office words, so `el presidente de la
    /// Junta` and `el presidente andaluz` find `el presidente de la Junta de
    /// Andalucía, Juanma Moreno`.
    fn index_role(&mut self, id: usize) {
        let Some(role) = &self.entities[id].role else {
            return;
        };
        if self.entities[id].kind != EntityKind::Person {
            return;
        }
        let role = lowercase(role);
        let mut words: Vec<&str> = role.split_whitespace().filter(|w| *w != "former").collect();
        for n in 1..=words.len().min(4) {
            let entry = self
                .by_role
                .entry(words[words.len() - n..].join(" "))
                .or_insert(id);
            *entry = (*entry).max(id);
        }
        if words.first().is_some_and(|w| self.lex.is_determiner(w)) {
            words.remove(0);
        }
        let mut offices: Vec<String> = (1..=words.len().min(4))
            .map(|n| words[..n].join(" "))
            .collect();
        offices.extend(self.office_words(&role).map(str::to_string));
        for key in offices {
            let entry = self.by_office.entry(key).or_insert(id);
            if *entry != id {
                *entry = SHARED_OFFICE;
            }
        }
    }

    /// The text names `id` (again) at `at`.
    fn seen(&mut self, id: usize, at: usize) {
        let entity = &mut self.entities[id];
        entity.mentions += 1;
        entity.last_seen = Some(at);
    }

    fn group(&mut self, members: Vec<usize>) -> usize {
        let names: Vec<&str> = members
            .iter()
            .map(|&m| self.entities[m].name.as_str())
            .collect();
        let name = names.join(&format!(" {} ", self.lex.and_word()));
        self.add(name, None, EntityKind::Group)
    }
}

/// Whether a name or description (its spaces made plain by [`slice`]) has
/// two words or more: `Antony Blinken`, not a lone `Blinken`.
fn has_several_words(name: &str) -> bool {
    name.bytes().any(|b| b == b' ')
}

fn first_word(name: &str) -> String {
    lowercase(name.split_whitespace().next().unwrap_or(name))
}

/// The text of a mention, its no-break spaces as spaces (`Emmanuel\u{a0}Macron`
/// is the `Emmanuel Macron` named elsewhere).
fn slice(chars: &[char], (start, end): (usize, usize)) -> String {
    chars[start..end]
        .iter()
        .map(|&c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

fn strip_possessive(name: &str) -> String {
    possessive_owner(name).unwrap_or(name).to_string()
}

/// What the walk through the text remembers for pronouns.
#[derive(Default)]
struct Context {
    last_person: Option<usize>,
    /// The person whose name last opened a sentence (or who last spoke):
    /// whom a verb standing for its subject (`enfatizó`) goes on about.
    last_subject: Option<usize>,
    last_speaker: Option<usize>,
    last_group: Option<usize>,
    /// The last few people who spoke or were named, most recent last.
    recent_speakers: Vec<usize>,
    recent_people: Vec<usize>,
}

/// How many other names of a person are kept.
const MAX_ALIASES: usize = 8;

/// How far back a pronoun looks for a person of its gender.
const PRONOUN_REACH: usize = 6;

fn remember(recent: &mut Vec<usize>, id: usize) {
    recent.retain(|&r| r != id);
    recent.push(id);
    if recent.len() > PRONOUN_REACH {
        recent.remove(0);
    }
}

impl Context {
    /// Hand rule: of the ranker's first two, the one whose name opened the
    /// last sentence is `he`, and surely so. Train names 0.848 -> 0.857; the
    /// same signal as a learned feature gave 0.852, and with this rule over it
    /// 0.855. Not in German, whose sentences open with what they stress.
    fn prefer_subject(&self, mut found: Resolved, lex: &Lexicon) -> Resolved {
        let subject = self.last_subject.filter(|_| !lex.lang.puts_verb_second());
        // Said so only where the rule decided: a close call, or the runner-up taken.
        if let Some(id) = subject.filter(|&id| {
            id == found.id && found.route == Route::Unsure || Some(id) == found.runner_up
        }) {
            found.take_subject(id);
        }
        found
    }

    /// Every recent speaker or person that `he` or `she` at `at` may mean,
    /// with the features the ranker scores ([`antecedent::FEATURES`]).
    fn antecedents(
        &self,
        registry: &Registry,
        gender: Option<Gender>,
        at: usize,
        breaks: &[usize],
    ) -> Vec<antecedent::Candidate> {
        // `he` and `she` mean a person of their gender; a subject left out
        // (`dijo`) may be anyone who speaks, an organisation too.
        let fits = |id: usize| {
            let entity = &registry.entities[id];
            match gender {
                Some(gender) => {
                    registry.could_be_person(id) && entity.gender.is_none_or(|g| g == gender)
                }
                None => entity.kind != EntityKind::Description,
            }
        };
        let recency = |list: &[usize], id: usize| {
            list.iter()
                .rev()
                .position(|&r| r == id)
                .map_or(0.0, |rank| 1.0 / (1.0 + rank as f32))
        };
        let paragraph = |p: usize| breaks.partition_point(|&b| b < p);
        let mut seen: Vec<usize> = Vec::with_capacity(2 * PRONOUN_REACH);
        let ids = self
            .recent_speakers
            .iter()
            .rev()
            .chain(self.recent_people.iter().rev());
        for &id in ids {
            if !seen.contains(&id) && fits(id) {
                seen.push(id);
            }
        }
        seen.into_iter()
            .map(|id| {
                let e = &registry.entities[id];
                let distance = e
                    .last_seen
                    .map_or(100.0, |p| at.saturating_sub(p) as f32 / 100.0);
                let features = [
                    f32::from(u8::from(self.last_speaker == Some(id))),
                    recency(&self.recent_speakers, id),
                    recency(&self.recent_people, id),
                    f32::from(u8::from(gender.is_some() && e.gender == gender)),
                    (1.0 + e.mentions as f32).ln(),
                    (1.0 + e.quotes as f32).ln(),
                    (1.0 + distance).ln(),
                    f32::from(u8::from(
                        e.last_seen.is_some_and(|p| paragraph(p) == paragraph(at)),
                    )),
                    f32::from(u8::from(registry.first_person == Some(id))),
                    f32::from(u8::from(has_several_words(&e.name))),
                ];
                antecedent::Candidate { id, features }
            })
            .collect()
    }
}

enum Event<'a> {
    Name(&'a Mention),
    Subject(&'a Mention),
    Quote(usize),
}

/// How a mention became the name shown: the second half of a quote's
/// explanation ([`crate::Why`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// The name as written, or the fuller name it is short for (`Lammy` → `David Lammy`).
    Named,
    /// `Blinken and Lammy`.
    Group,
    /// `he`, `she`: the person the antecedent ranker chose.
    Pronoun,
    /// `they`, `it`, `dijo`: the last group, organisation or speaker.
    LastSpeaker,
    /// `the prime minister`: the person the text gave that role.
    Role,
    /// `the Republican nominee`: the last person who spoke.
    Described,
    /// `the pair`: the last group.
    GroupReference,
    /// `Smith, who said`: the name the relative pronoun follows.
    Relative,
    /// Nobody to point to: shown as written (`the spokesman`).
    AsWritten,
    /// `he` when several people fit nearly as well: shown as written, the
    /// likeliest of them as the runner-up.
    Unsure,
    /// `he`, `dijo`: the person whose name opened the last sentence.
    Subject,
}

/// The speaker a mention resolves to, how, and who came second.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    id: usize,
    route: Route,
    runner_up: Option<usize>,
}

impl Resolved {
    /// The person whose name opened the last sentence is the one meant;
    /// whom the ranker chose, if someone else, comes second.
    fn take_subject(&mut self, id: usize) {
        if self.id != id {
            self.runner_up = Some(self.id);
            self.id = id;
        }
        self.route = Route::Subject;
    }
}

/// One `he` or `she` a quote's cue named and the people it may mean, for
/// training the ranker (`examples/train.rs`): the mention's span, then each
/// candidate's name and features.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct PronounChoice {
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<(String, Vec<f32>)>,
}

/// The names of the pronoun ranker's features, in the order of its weights.
#[doc(hidden)]
pub fn antecedent_features() -> &'static [&'static str] {
    &antecedent::FEATURES
}

/// The pronoun ranker's weights as shipped.
#[doc(hidden)]
pub fn antecedent_weights() -> &'static [f32] {
    antecedent::weights()
}

/// Runs `f` with `weights` for the pronoun ranker in place of the shipped
/// ones (this thread only), for `make train`.
#[doc(hidden)]
pub fn with_antecedent_weights<R>(weights: &[f32], f: impl FnOnce() -> R) -> R {
    let mut tried = [0.0; antecedent::N];
    for (t, w) in tried.iter_mut().zip(weights) {
        *t = *w;
    }
    antecedent::with_weights(tried, f)
}

/// Resolves every attribution to a speaker and assembles the result,
/// recording each quote's pronoun choice in `trace` when given (for `make train`).
pub(crate) fn resolve(
    chars: &[char],
    spans: &[Span],
    cues: Cues,
    lex: &'static Lexicon,
    mut trace: Option<&mut Vec<PronounChoice>>,
) -> Analysis {
    let mut registry = Registry::new(lex);
    // Full names anywhere define people, so a surname can point forward too.
    for mention in &cues.names {
        if let Who::Named(person) = &mention.who {
            if person.is_full_name(chars) {
                let id = registry.person(chars, person);
                registry.first_person.get_or_insert(id);
            }
        }
    }
    // Paragraph breaks, for the ranker's same-paragraph feature in O(log n).
    let breaks: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '\n')
        .map(|(i, _)| i)
        .collect();

    let mut events: Vec<(usize, u8, Event)> = Vec::new();
    events.extend(cues.names.iter().map(|m| (m.start, 0, Event::Name(m))));
    events.extend(
        cues.subjects
            .iter()
            .map(|m| (m.start, 1, Event::Subject(m))),
    );
    for (i, a) in cues.attributions.iter().enumerate() {
        if let (Some(m), None) = (&a.mention, a.inherits) {
            events.push((m.start, 2, Event::Quote(i)));
        }
    }
    crate::sort::stable_by_key(&mut events, |(at, order, _)| (*at, *order));

    let mut resolved: Vec<Option<Resolved>> = vec![None; cues.attributions.len()];
    let mut context = Context::default();
    for (at, _, event) in &events {
        match event {
            Event::Name(m) => {
                if let Who::Named(p) = &m.who {
                    if !registry.names_someone(chars, p) {
                        continue;
                    }
                    let id = registry.person(chars, p);
                    registry.seen(id, *at);
                    context.last_person = Some(id);
                    if opens_sentence(chars, m.start)
                        || in_apposition_to_opening_description(chars, lex, m.start)
                    {
                        context.last_subject = Some(id);
                    }
                    remember(&mut context.recent_people, id);
                }
            }
            Event::Subject(m) => {
                let found = resolve_mention(chars, m, &mut registry, &context, &breaks);
                if let Some(r) = found {
                    registry.seen(r.id, *at);
                    remember_speaker(&mut context, &registry, r.id);
                }
            }
            Event::Quote(i) => {
                let mention = cues.attributions[*i]
                    .mention
                    .as_ref()
                    .expect("only mentioned quotes are events");
                if let Some(trace) = trace.as_deref_mut() {
                    record_choice(chars, mention, &registry, &context, &breaks, trace);
                }
                let unknown_subject = cues.attributions[*i].via == Via::SentenceSubject
                    && matches!(&mention.who, Who::Named(p) if registry.opening_word_names_nobody(chars, p));
                if unknown_subject {
                    continue;
                }
                resolved[*i] = resolve_mention(chars, mention, &mut registry, &context, &breaks);
                if let Some(r) = resolved[*i] {
                    registry.seen(r.id, *at);
                    registry.entities[r.id].quotes += 1;
                    remember_speaker(&mut context, &registry, r.id);
                }
            }
        }
    }
    // Too close to call: the reader sees the mention as written (`he`), the
    // likeliest person as the runner-up; later choices still start from it.
    for (r, a) in resolved.iter_mut().zip(&cues.attributions) {
        if let (Some(found), Some(m)) = (r.as_mut(), &a.mention) {
            if found.route == Route::Unsure {
                let written = slice(chars, (m.start, m.end));
                found.runner_up = Some(found.id);
                found.id = registry.add(written, None, EntityKind::Description);
            }
        }
    }
    for i in 0..resolved.len() {
        if let Some(source) = cues.attributions[i].inherits {
            resolved[i] = resolved[source];
        }
    }
    assemble(chars, spans, &cues.attributions, &resolved, registry)
}

/// The ranker's candidates for a quote's `he` or `she`, for training.
fn record_choice(
    chars: &[char],
    mention: &Mention,
    registry: &Registry,
    context: &Context,
    breaks: &[usize],
    trace: &mut Vec<PronounChoice>,
) {
    if mention.who != Who::Pronoun {
        return;
    }
    let pronoun = lowercase(&slice(chars, (mention.start, mention.end)));
    let Some(gender) = registry.lex.gender_of_pronoun(&pronoun) else {
        return;
    };
    let candidates = context
        .antecedents(registry, Some(gender), mention.start, breaks)
        .into_iter()
        .map(|c| (registry.entities[c.id].name.clone(), c.features.to_vec()))
        .collect();
    trace.push(PronounChoice {
        start: mention.start,
        end: mention.end,
        candidates,
    });
}

/// Whether the text at `at` starts a sentence or a paragraph: a name there
/// is, most often, the sentence's subject.
fn opens_sentence(chars: &[char], at: usize) -> bool {
    let before = chars[..at].iter().rev().find(|c| **c != ' ');
    before.is_none_or(|c| matches!(c, '\n' | '.' | '!' | '?'))
}

/// `El compañero de fórmula de Donald Trump, James Vance, se presentó …`: a
/// name set off by a comma after a description that opens its sentence is
/// that sentence's subject, not the name inside the description.
fn in_apposition_to_opening_description(chars: &[char], lex: &Lexicon, at: usize) -> bool {
    // How far back a description may open the sentence, in characters.
    const DESCRIPTION_REACH: usize = 80;
    let before = chars[..at].iter().rposition(|c| *c != ' ');
    let Some(comma) = before.filter(|&i| chars[i] == ',') else {
        return false;
    };
    let floor = comma.saturating_sub(DESCRIPTION_REACH);
    let Some(start) = (floor..comma)
        .rev()
        .find(|&i| opens_sentence(chars, i) && chars[i] != ' ')
    else {
        return false;
    };
    let description: String = chars[start..comma].iter().collect();
    let first = description.split_whitespace().next().unwrap_or("");
    !description.contains([',', '.', '"', '«', '“', '„']) && lex.is_determiner(&lowercase(first))
}

fn remember_speaker(context: &mut Context, registry: &Registry, id: usize) {
    context.last_speaker = Some(id);
    context.last_subject = Some(id);
    remember(&mut context.recent_speakers, id);
    if registry.entities[id].kind == EntityKind::Group {
        context.last_group = Some(id);
    } else {
        context.last_person = Some(id);
    }
}

/// The ranker's choice among `candidates`, with the runner-up.
/// `written` says whether the mention may be shown as written when the
/// likeliest person is less likely than not (too close to call): a pronoun
/// may, a verb standing for its subject (`dijo`) names nobody and may not.
fn ranked(candidates: Vec<antecedent::Candidate>, written: bool) -> Option<Resolved> {
    let (best, second) = antecedent::best_two(&candidates);
    let unsure = written && antecedent::certainty(&candidates) < 0.5;
    best.map(|id| Resolved {
        id,
        route: if unsure {
            Route::Unsure
        } else {
            Route::Pronoun
        },
        runner_up: second,
    })
}

fn resolve_mention(
    chars: &[char],
    mention: &Mention,
    registry: &mut Registry,
    context: &Context,
    breaks: &[usize],
) -> Option<Resolved> {
    let plain = |id: usize, route: Route| Resolved {
        id,
        route,
        runner_up: None,
    };
    match &mention.who {
        Who::Named(person) => Some(plain(registry.person(chars, person), Route::Named)),
        Who::Group(people) => {
            let members = people.iter().map(|p| registry.person(chars, p)).collect();
            Some(plain(registry.group(members), Route::Group))
        }
        Who::Pronoun => {
            let pronoun = lowercase(&slice(chars, (mention.start, mention.end)));
            let lex = registry.lex;
            let gender = lex.gender_of_pronoun(&pronoun);
            let last = |id: Option<usize>| id.map(|id| plain(id, Route::LastSpeaker));
            // A verb standing for its subject (`dijo`, Czech `dodala`: she
            // added) names nobody by itself: never shown as written.
            let omitted = !lex.is_subject_pronoun(&pronoun);
            // `dijeron` stands for several, `dijo` for one: never a group.
            let plural_verb = omitted.then(|| lex.verb_is_plural(&pronoun)).flatten();
            let resolved = match gender {
                _ if lex.is_plural_pronoun(&pronoun) || plural_verb == Some(true) => {
                    last(context.last_group.or(context.last_speaker))
                }
                // `I` and `we` outside quotes are the writer, whom we cannot name.
                _ if lex.is_writer_pronoun(&pronoun) => None,
                Some(_) => {
                    let found = ranked(
                        context.antecedents(registry, gender, mention.start, breaks),
                        !omitted,
                    );
                    found.map(|r| context.prefer_subject(r, lex))
                }
                // `it said`: the last organisation or document that spoke, never a person.
                None if lex.is_neuter_pronoun(&pronoun) => last(
                    context
                        .recent_speakers
                        .iter()
                        .rev()
                        .find(|&&id| {
                            registry.entities[id].kind != EntityKind::Group
                                && !registry.could_be_person(id)
                        })
                        .copied(),
                ),
                // `“…”, dijo.`: the verb stands for a subject left out.
                None if omitted => {
                    let mut candidates = context.antecedents(registry, None, mention.start, breaks);
                    if plural_verb == Some(false) {
                        candidates.retain(|c| registry.entities[c.id].kind != EntityKind::Group);
                    }
                    // Hand rule (no train data leaves subjects out; measured on
                    // our pages-ml labels): the verb goes on about whoever
                    // opened the last sentence, speaker or not (`Magallanes
                    // es … y enfatizó:`).
                    let subject = context
                        .last_subject
                        .filter(|id| candidates.iter().any(|c| c.id == *id));
                    let mut found = ranked(candidates, false);
                    if let (Some(id), Some(r)) = (subject, found.as_mut()) {
                        r.take_subject(id);
                    }
                    found
                }
                None => last(context.last_speaker.or(context.last_person)),
            };
            // The first `he` after a name tells that person's gender.
            if let (Some(r), Some(gender)) = (resolved, gender) {
                registry.entities[r.id].gender.get_or_insert(gender);
            }
            resolved
                // Nobody to point to: the reader still sees who the text says spoke.
                .or_else(|| {
                    if omitted {
                        return None;
                    }
                    let written = slice(chars, (mention.start, mention.end));
                    let id = registry.add(written, None, EntityKind::Description);
                    Some(plain(id, Route::AsWritten))
                })
        }
        Who::Relative(Some(person)) => Some(plain(registry.person(chars, person), Route::Relative)),
        Who::Relative(None) => context.last_person.map(|id| plain(id, Route::Relative)),
        Who::Nominal => {
            let text = slice(chars, (mention.start, mention.end));
            let lower = lowercase(&text);
            let refers_to_group = registry.lex.refers_to_group(&lower);
            if let (true, Some(group)) = (refers_to_group, context.last_group) {
                return Some(plain(group, Route::GroupReference));
            }
            // `The prime minister added` after `Prime Minister Sir Keir Starmer said`.
            if let Some(id) = registry.person_with_role(&lower, mention.start) {
                return Some(plain(id, Route::Role));
            }
            if let Some(id) = person_described(registry, context, &lower) {
                return Some(plain(id, Route::Described));
            }
            if let Some(id) = registry.body_with_word(&lower) {
                return Some(plain(id, Route::Named));
            }
            let id = registry.add(text, None, EntityKind::Description);
            Some(plain(id, Route::AsWritten))
        }
    }
}

/// `The Republican nominee`, `the Vermont senator`, `the New York
/// businessman`: a definite description of one person whose role the text
/// never spelled out is, in news, the person the story is about: the last
/// person who spoke, or before anyone spoke the last person named. A
/// demonstrative describes that person too (`ce père de quatre enfants`).
fn person_described(registry: &Registry, context: &Context, description: &str) -> Option<usize> {
    // `l’élu`, `l'imam`: an elided article is a word of its own.
    let description = match description.split_once(['\'', '’']) {
        Some((article, rest)) if registry.lex.is_determiner(&format!("{article}'")) => {
            format!("{article}' {rest}")
        }
        _ => description.to_string(),
    };
    let (article, rest) = description.split_once(' ')?;
    let last = rest.split_whitespace().last()?;
    let definite = registry.lex.is_determiner(article) && registry.lex.is_definite(article);
    // The head is the last word (`the Republican nominee`), or an office word
    // before any preposition (`el presidente andaluz`, `le maire de Paris`).
    // `the 29-year-old`, `il 29enne`, `der 29-jährige`: an age is one person.
    let age = last.starts_with(|c: char| c.is_ascii_digit()) && last.contains(char::is_alphabetic);
    let head = if registry.lex.names_one_person(last) || age {
        Some(last)
    } else {
        registry.office_words(rest).next()
    };
    if !definite || head.is_none_or(|h| h.ends_with('s')) {
        return None;
    }
    // Before anyone spoke, the last person named (`Le maire, Philippe de
    // Gonneville, reste prudent. « … », explique l’élu`).
    context
        .recent_speakers
        .iter()
        .rev()
        .chain(
            // Not an office (`el presidente andaluz`), which two people
            // named before may hold.
            context
                .last_person
                .iter()
                .filter(|_| head.is_some_and(|h| registry.lex.is_person_noun(h))),
        )
        .find(|&&id| registry.could_be_person(id))
        .copied()
}

/// How sure an attribution is: the route to the cue times the kind of mention.
fn confidence(attribution: &Attribution, source: &Attribution) -> f32 {
    let route = attribution.via.confidence();
    let mention = source.mention.as_ref().map_or(0.0, |m| m.who.confidence());
    ((route * mention) * 100.0_f32).round() / 100.0
}

/// A scare quote or a title with nobody saying it: the `“malign”` of
/// `Iran’s “malign” threat` when no cue names a speaker, or `MSNBC's "Morning
/// Joe"`. One word, or up to three words in title case, is a term, not a
/// quotation; it is left out rather than shown as an unattributed quote.
fn is_term_or_title(lex: &Lexicon, words: &[&str]) -> bool {
    // Measured on German too, where every noun is capitalised: an
    // unattributed single word is still more often a name than a quotation.
    // Outside English a longer name in title case is a name too, often in
    // another language: `„Iceland Nature Conservation Association“`, `„VII
    // Championnat du Monde de Tir de Précision“`.
    let longest_name = if lex.lang == Lang::En { 3 } else { 8 };
    words.len() <= 1
        || (words.len() <= longest_name && words.iter().all(|w| is_title_case_anywhere(lex, w)))
}

/// `laut „news.bbc.co.uk“`, `„icelandreview.com“`: a web address names a
/// site, whoever the sentence says is speaking.
fn is_web_address(words: &[&str]) -> bool {
    let [word] = words else { return false };
    let mut parts = word.trim_end_matches([',', '.', ';', ':']).split('.');
    let top_level = parts.next_back().unwrap_or_default();
    let labels: Vec<&str> = parts.collect();
    !labels.is_empty()
        && labels.iter().all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && (2..=6).contains(&top_level.len())
        && top_level.chars().all(|c| c.is_ascii_lowercase())
}

/// A word that may stand in a title, in the page's language or in English,
/// whose titles and names turn up on pages in every language.
fn is_title_case_anywhere(lex: &Lexicon, word: &str) -> bool {
    lex.is_title_case_word(word) || Lexicon::of(Lang::En).is_title_case_word(word)
}

fn assemble(
    chars: &[char],
    spans: &[Span],
    attributions: &[Attribution],
    resolved: &[Option<Resolved>],
    registry: Registry,
) -> Analysis {
    // Only entities that were quoted become speakers, numbered in order of first quote.
    // Entity → speaker number, for the entities that were quoted.
    let mut speaker_index: Vec<Option<usize>> = vec![None; registry.entities.len()];
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut quotes = Vec::with_capacity(spans.len());
    for (i, (span, attribution)) in spans.iter().zip(attributions).enumerate() {
        let source = attribution
            .inherits
            .map_or(attribution, |s| &attributions[s]);
        let entity = resolved[i].map(|r| r.id);
        let text: String = chars[span.start..span.end].iter().collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        let term = attribution.title_of_work
            || is_web_address(&words)
            || (entity.is_none() && is_term_or_title(registry.lex, &words));
        // A term names a thing; nobody says it.
        let entity = entity.filter(|_| !term);
        let speaker_id = entity.map(|e| {
            *speaker_index[e].get_or_insert_with(|| {
                let entity = &registry.entities[e];
                speakers.push(Speaker {
                    name: entity.name.clone(),
                    role: entity.role.clone(),
                    aliases: entity.aliases.clone(),
                    quote_count: 0,
                });
                speakers.len() - 1
            })
        });
        if let Some(id) = speaker_id {
            speakers[id].quote_count += 1;
        }
        let mention = source.mention.as_ref();
        quotes.push(Quote {
            start: span.start,
            end: span.end,
            text,
            kind: if term {
                QuoteKind::Term
            } else {
                attribution.kind
            },
            speaker: speaker_id.map(|id| speakers[id].name.clone()),
            speaker_id,
            speaker_start: mention.filter(|_| entity.is_some()).map(|m| m.start),
            speaker_end: mention.filter(|_| entity.is_some()).map(|m| m.end),
            role: speaker_id.and_then(|id| speakers[id].role.clone()),
            cue: source.cue.clone(),
            confidence: if entity.is_some() {
                confidence(attribution, source)
            } else {
                0.0
            },
            why: match (resolved[i], mention) {
                (Some(r), Some(m)) if entity.is_some() => Some(explain(
                    attribution,
                    source,
                    &slice(chars, (m.start, m.end)),
                    &r,
                    &registry,
                )),
                _ => None,
            },
        });
    }
    Analysis { quotes, speakers }
}

/// A quote's explanation: the rule, the resolution, the runner-up, and all
/// three in plain words for the hover card.
fn explain(
    attribution: &Attribution,
    source: &Attribution,
    mention: &str,
    resolved: &Resolved,
    registry: &Registry,
) -> Why {
    let name = &registry.entities[resolved.id].name;
    let runner_up = resolved
        .runner_up
        .map(|id| registry.entities[id].name.clone());
    let cue = source.cue.as_deref().unwrap_or_default();
    let found = match attribution.via {
        Via::After => format!("after the quote, “{cue}” names “{mention}”"),
        Via::Before => format!("before the quote, “{cue}” names “{mention}”"),
        Via::SentenceEnd => format!("at the sentence's end, “{cue}” names “{mention}”"),
        Via::NextSentence => format!("the next sentence takes it up: “{cue}” names “{mention}”"),
        Via::SentenceSubject => format!("no verb of saying: the sentence's subject, “{mention}”"),
        Via::Colon => format!("“{mention}:” before the quote"),
        Via::NextQuote => format!("no cue: the next quote's speaker, “{mention}”"),
        Via::SentenceBefore => format!("no cue: the sentence before names “{mention}”"),
        Via::ParagraphBefore => format!("no cue: the paragraph before ends with “{mention}”"),
        Via::SameParagraph => format!("no cue: the quote before in this paragraph, “{mention}”"),
        Via::QuotedParagraph => format!("no cue: the same speaker's quote goes on, “{mention}”"),
        Via::ReportedSpeech => format!("reported speech goes on from “{mention}”"),
        Via::Unattributed => String::new(),
    };
    let same = name.eq_ignore_ascii_case(mention);
    let how = match resolved.route {
        Route::Named | Route::Relative | Route::Group if same => String::new(),
        Route::Named | Route::Relative | Route::Group => format!("; {mention} = {name}"),
        Route::Pronoun => format!("; {mention} = {name}, the likeliest person named before it"),
        Route::LastSpeaker => format!("; {mention} = {name}, the last to speak"),
        Route::Subject => format!("; {mention} = {name}, whose name opened the last sentence"),
        Route::Role => format!("; {mention} = {name}, who was given that role"),
        Route::Described => format!("; {mention} = {name}, the last person who spoke"),
        Route::GroupReference => format!("; {mention} = {name}, the last group named"),
        Route::AsWritten => "; nobody named: shown as written".to_string(),
        Route::Unsure => format!(
            "; {mention} may be {}, but others fit nearly as well: shown as written",
            runner_up.as_deref().unwrap_or_default()
        ),
    };
    let second = runner_up
        .as_ref()
        .filter(|_| resolved.route != Route::Unsure)
        .map(|r| format!(" (next likeliest: {r})"))
        .unwrap_or_default();
    Why {
        rule: attribution.via.name(),
        resolution: resolved.route.name(),
        runner_up,
        text: format!("{found}{how}{second}"),
    }
}

impl Route {
    /// The name the output gives the route.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Route::Named => "named",
            Route::Group => "group",
            Route::Pronoun => "pronoun",
            Route::LastSpeaker => "last-speaker",
            Route::Role => "role",
            Route::Described => "described",
            Route::GroupReference => "group-reference",
            Route::Relative => "relative",
            Route::AsWritten => "as-written",
            Route::Unsure => "unsure",
            Route::Subject => "subject",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    /// (speaker, resolution route) of every quote.
    fn resolved(text: &str) -> Vec<(Option<String>, Option<&'static str>)> {
        analyze(text)
            .quotes
            .into_iter()
            .map(|q| (q.speaker, q.why.map(|w| w.resolution)))
            .collect()
    }

    /// Of the two people `he` most likely means, the one whose name opened
    /// the last sentence: Sanchez walked, so the next `he` is Sanchez, though
    /// Kowalski spoke last.
    #[test]
    fn he_is_the_one_of_the_likeliest_two_who_opened_the_last_sentence() {
        let article = |walker: &str| {
            format!(
                "Senator Luis Sanchez toured the closed plant on Sunday with Peter Kowalski, the president of the union.\n\n\
                 “We gave this company forty years,” Kowalski said. “They gave us two weeks’ notice,” he added.\n\n\
                 {walker} walked the length of the line with the workers.\n\n\
                 And he made a point of saying the plant “was the heart of this town for ninety years.”"
            )
        };
        let last = |text: String| resolved(&text).pop().unwrap();
        assert_eq!(
            last(article("Sanchez")),
            (Some("Luis Sanchez".into()), Some("subject"))
        );
        assert_eq!(
            last(article("Kowalski")).0.as_deref(),
            Some("Peter Kowalski")
        );
    }

    /// A German sentence opens with what it stresses, often not its subject:
    /// there the ranker alone decides.
    #[test]
    fn a_german_sentence_opening_does_not_decide_er() {
        let text = "Bundeskanzler Olaf Scholz besuchte am Sonntag das Werk mit Peter Kowalski, dem Vorsitzenden der Gewerkschaft.\n\n\
            „Wir haben dieser Firma vierzig Jahre gegeben“, sagte Kowalski. „Sie gaben uns zwei Wochen“, fügte er hinzu.\n\n\
            Scholz ging mit den Arbeitern die Halle entlang.\n\n„Das Werk war das Herz dieser Stadt“, sagte er.";
        assert_eq!(
            resolved(text).pop().unwrap(),
            (Some("Peter Kowalski".into()), Some("pronoun"))
        );
    }

    /// `AT&T` and a dateline's `DES MOINES` are no `she` or `he`.
    #[test]
    fn a_name_without_a_lower_case_letter_is_nobody_a_pronoun_means() {
        let text = "“The network will be ready,” said Maria Lopez, the city’s technology chief. AT&T finished laying new cable downtown last week, she said, to “make sure every visitor can get online.”";
        assert_eq!(resolved(text)[1].0.as_deref(), Some("Maria Lopez"));
        let text = "Senator Bernie Sanders spoke to a packed union hall on Monday.\n\nDES MOINES — The campaign is buying ads in every county.\n\n“We are going to win Iowa,” he said.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Bernie Sanders"));
    }

    /// `Early` opens the sentence a quote is woven into, and names nobody:
    /// no speaker. `Ruiz`, the surname of a person named in full, still speaks.
    #[test]
    fn an_opening_word_that_names_nobody_is_no_speaker() {
        let text = "Early polls showed the plan was “dead on arrival in a council that has never liked the mayor” and it was withdrawn.\n\n\
            Mayor Ann Ruiz defended the plan on Monday.\n\n\
            Ruiz took questions after the vote, telling reporters the council was “playing games with the city’s buses.”";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(speakers, [None, Some("Ann Ruiz".into())]);
    }

    /// A surname that is a month or a preposition elsewhere: after a first
    /// name it is a surname, and right before `said` after a quote a speaker.
    #[test]
    fn a_surname_that_is_also_a_month_names_its_person() {
        let text = "Prime Minister Theresa May met the cabinet on Tuesday.\n\n“Brexit means Brexit,” May said.";
        assert_eq!(
            resolved(text),
            [(Some("Theresa May".into()), Some("named"))]
        );
        // In a headline's run of capitals `And` after a first name is no surname.
        let text = "Ben Carson Slams Hillary And The Media In One Debate Answer.\n\n“I have no problem with being vetted,” he said.";
        let speaker = resolved(text).remove(0).0.unwrap_or_default();
        assert!(!speaker.ends_with(" And"), "{speaker}");
    }

    #[test]
    fn a_surname_is_the_full_name_given_anywhere_in_the_text() {
        let text = "“Very soon, we will see,” Blinken said.\nSecretary of State Antony Blinken flew to Cairo on Monday.";
        assert_eq!(
            resolved(text),
            [(Some("Antony Blinken".into()), Some("named"))]
        );
    }

    #[test]
    fn two_full_names_sharing_a_surname_stay_two_people() {
        let text = "Keith Scott was shot on Tuesday. His wife, Rakeyia Scott, filmed it.\n“Don’t shoot him,” Rakeyia Scott said.\n“He has no gun,” Scott said.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            speakers,
            [Some("Rakeyia Scott".into()), Some("Rakeyia Scott".into())]
        );
    }

    #[test]
    fn she_skips_a_man_who_spoke_after_her() {
        let text = "“We will win,” said Ms. Clinton.\n“We will see,” said Mr. Sanders.\n“The race is long,” she added.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(speakers[2].as_deref(), Some("Clinton"));
    }

    #[test]
    fn she_skips_a_man_known_by_his_first_name_alone() {
        // No honorific: the first names tell Denis from Wendy.
        let text = "Undersecretary Wendy Sherman reported that a plane had lifted off.\n“Thanks for the great work, guys,” wrote Denis McDonough.\n“Tunis plane wheels up a few minutes ago,” she wrote.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(speakers[1].as_deref(), Some("Wendy Sherman"));
    }

    #[test]
    fn a_role_description_is_the_person_given_that_role() {
        let text = "Prime Minister Sir Keir Starmer said the talks had gone well.\n“It was a good day,” the prime minister added.";
        assert_eq!(
            resolved(text),
            [(Some("Keir Starmer".into()), Some("role"))]
        );
    }

    #[test]
    fn a_romance_description_finds_the_person_by_its_office_word() {
        // The office comes first and the adjective after: `presidente` is
        // the head of `el presidente andaluz`, and the apposition gave the role.
        let text = "El presidente de la Junta de Andalucía, Juanma Moreno, visitó la zona este lunes.\n“Es un incendio muy raro y muy difícil”, afirmó el presidente andaluz.";
        assert_eq!(
            resolved(text),
            [(Some("Juanma Moreno".into()), Some("role"))]
        );
        // The role's first words are a key too: `il vicepremier` after
        // `il vicepremier Antonio Tajani`.
        let text = "Il vicepremier Antonio Tajani è arrivato al Cairo.\n«Sono particolarmente felice per l'esito della vicenda», ha detto il vicepremier.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Antonio Tajani"));
    }

    #[test]
    fn each_of_two_coordinated_roles_finds_the_person() {
        // Adrián Peña spoke last, but the role of Laura Magallanes is in `la integrante de Coendu`.
        let text = "Laura Magallanes, vecina del área e integrante de la ONG Conservación de Especies Nativas del Uruguay (Coendu), dijo a la diaria que en la zona se ven “extensiones de pinos”.\n“Vamos a estudiarlo”, dijo el ministro Adrián Peña.\nEs encabezada por “el rumor de que se quiere achicar el área”, según contó la integrante de Coendu.";
        assert_eq!(resolved(text)[2].0.as_deref(), Some("Laura Magallanes"));
    }

    #[test]
    fn one_word_after_an_article_names_a_body_not_a_person() {
        let text = "David Campo, portavoz de la Asociación, habló ayer.\n“Es un desastre”, dijo Campo.\nAnte esto, la Plataforma asegura que “el Ayuntamiento se enorgullece”.\n“Les dan igual los vecinos”, asegura la vecina.";
        let speakers = resolved(text);
        assert_eq!(speakers[1].0.as_deref(), Some("Plataforma"));
        assert_eq!(speakers[2].0.as_deref(), Some("David Campo"));
    }

    #[test]
    fn a_lone_word_opening_the_sentence_describes_the_name_after_it() {
        // `Barbu` (bearded) is no name: Yassin E. defends himself, and the
        // father of four is him, not the judge who spoke before.
        let text = "C'est aussi « l'un des textes fondateurs du Hamas », rappelle le président du tribunal, Denis Weisbuch.\nBarbu, le cheveu ras, son visage fin cerclé de grandes lunettes, Yassin E., depuis le box des prévenus, s'en défend avec vigueur. « La première fois que j'ai lu ce hadith, je ne le connaissais pas », affirme ce père de quatre enfants.";
        assert_eq!(resolved(text)[1].0.as_deref(), Some("Yassin E."));
    }

    #[test]
    fn a_body_described_by_a_word_of_its_name_is_that_body() {
        let text = "The Illinois Board of Elections rejected both objections on Monday and ruled Cruz eligible.\n“The Candidate is a natural born citizen by virtue of being born in Canada to his mother,” the board said.";
        assert_eq!(
            resolved(text),
            [(Some("Illinois Board of Elections".into()), Some("named"))]
        );
        // Outside English the noun comes first: `este ministerio`.
        let text = "El Ministerio de Sanidad de Gaza publicó un nuevo balance este martes.\n“En las últimas 24 horas se contabilizaron 38 muertos”, indicó este ministerio.";
        assert_eq!(
            resolved(text)[0].0.as_deref(),
            Some("Ministerio de Sanidad de Gaza")
        );
    }

    #[test]
    fn an_article_elided_onto_a_title_or_a_pronoun_onto_a_verb_is_read_through() {
        // `l’ingénieur` is a title before the name, as `le ministre` is.
        let text = "Tsahal tente de les cibler par des frappes aériennes, mais cela se révèle très complexe.\n« Gaza présente un environnement urbain dense et déterminer l’emplacement d’un tunnel est une tâche extrêmement difficile », explique l’ingénieur Scott Saviz.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Scott Saviz"));
        // `l’explique` is `explique`: its subject, not the sentence's, speaks.
        let text = "Tsahal tente de les cibler par des frappes aériennes, mais cela se révèle très complexe, comme l’explique l’ingénieur Scott Saviz, cité par le Wall Street Journal :\n“Gaza présente un environnement urbain dense et déterminer l’emplacement d’un tunnel est une tâche extrêmement difficile.”";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Scott Saviz"));
    }

    #[test]
    fn a_name_with_a_no_break_space_is_the_same_name() {
        let text = "« Nous allons continuer », a déclaré Emmanuel\u{a0}Macron devant la presse à Paris.\n« La réforme sera votée », a ajouté le président Emmanuel Macron.";
        let speakers = resolved(text);
        assert_eq!(speakers[0].0.as_deref(), Some("Emmanuel Macron"));
        assert_eq!(speakers[0].0, speakers[1].0);
    }

    #[test]
    fn a_titled_name_before_the_verb_ends_the_subject() {
        // `planteó` is no part of the name: the subject is the minister, named.
        let text = "El Gobierno presentó este lunes su agenda de seguridad para la zona sur del país.\nEl diputado de Convergencia Social Diego Ibáñez planteó que en cuanto a temas de seguridad, “no podemos seguir haciendo lo mismo que hizo el gobierno anterior”.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Diego Ibáñez"));
    }

    #[test]
    fn a_relative_pronoun_outside_english_is_the_name_before_its_comma() {
        let text = "Un punto similar hace la timonel del partido, Natalia Piergentili, quien afirmó que la izquierda no debe marginarse de los temas de seguridad. “El tema de la seguridad es un tema de la izquierda en tanto afecta a la ciudadanía”.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Natalia Piergentili"));
        let text = "Le texte a été défendu par la rapporteure, Sophie Martin, qui a expliqué que la réforme était urgente. « Nous ne pouvons plus attendre, les familles sont à bout »";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("Sophie Martin"));
    }

    #[test]
    fn a_part_of_a_compound_or_spanish_double_surname_is_the_person() {
        let text = "El ministro del Interior, Fernando Grande-Marlaska, y el consejero Antonio Sanz Cabello visitaron la zona este lunes.\n“Hay casi 500 efectivos desplegados”, dijo Marlaska.\n“No son recomendaciones”, advirtió Sanz.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            speakers,
            [
                Some("Fernando Grande-Marlaska".into()),
                Some("Antonio Sanz Cabello".into())
            ]
        );
    }

    #[test]
    fn a_singular_verb_standing_for_its_subject_is_never_a_group() {
        // `Israel y Palestina` is named last, but `se preguntaba` is one
        // person asking: the minister, named before.
        let text = "El ministro José Manuel Albares habló este domingo en Madrid. La solución es buena para el conflicto entre Israel y Palestina.\n“¿Cuál es la alternativa? ¿Matar a todos los palestinos?”, se preguntaba en unas declaraciones a la radio.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("José Manuel Albares"));
        // A plural verb is the group that spoke.
        let text = "“Vamos a votar que sí en el consejo”, dijeron Albares y Sánchez en Bruselas.\n“Es una decisión muy buena para todos”, añadieron en rueda de prensa.";
        assert_eq!(resolved(text)[1].0.as_deref(), Some("Albares y Sánchez"));
    }

    #[test]
    fn a_capitalised_preposition_opens_no_persons_name() {
        // `A Milwaukee` (French `à`, unaccented at a sentence's start) is no
        // man for `il` to mean.
        let text = "JD Vance a parlé lundi soir devant ses partisans.\nA Milwaukee, la foule était nombreuse et bruyante.\n« J'avais un ange gardien à mes côtés », a-t-il raconté.";
        assert_eq!(resolved(text)[0].0.as_deref(), Some("JD Vance"));
    }

    #[test]
    fn a_verb_standing_for_its_subject_goes_on_about_the_last_sentences_subject() {
        // `Magallanes` alone opens the sentence before `enfatizó`: the surname
        // of Laura Magallanes, though Rodríguez spoke last.
        let text = "Laura Magallanes y John Kennedy Rodríguez integran la comisión.\n“Tenemos el apoyo de las forestales que participan”, dijo Rodríguez en junio.\nMagallanes también es una de las representantes de los vecinos, y enfatizó: “Lo que falta es un poco de actividad y de control”.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            speakers,
            [
                Some("John Kennedy Rodríguez".into()),
                Some("Laura Magallanes".into())
            ]
        );
    }

    #[test]
    fn an_office_two_people_hold_names_neither() {
        let text = "El presidente de la Junta de Andalucía, Juanma Moreno, y el presidente de Castilla y León, Alfonso Fernández Mañueco, hablaron ayer.\n“Es un incendio muy raro y muy difícil”, afirmó el presidente andaluz.";
        let speaker = resolved(text)[0].0.clone();
        assert_ne!(speaker.as_deref(), Some("Alfonso Fernández Mañueco"));
        assert_ne!(speaker.as_deref(), Some("Juanma Moreno"));
    }

    #[test]
    fn a_pronoun_with_nobody_before_it_is_shown_as_written() {
        assert_eq!(
            resolved("“I now do recall,” he said."),
            [(Some("he".into()), Some("as-written"))]
        );
    }

    #[test]
    fn a_pronoun_names_the_runner_up_when_two_people_fit() {
        let text = "Gordon Sondland testified on Wednesday. Joe Biden was named too.\n“I now do recall,” he said.";
        let a = analyze(text);
        let why = a.quotes[0].why.as_ref().expect("a why");
        let shown = a.quotes[0].speaker.as_deref();
        let other = if shown == Some("Gordon Sondland") {
            "Joe Biden"
        } else {
            "Gordon Sondland"
        };
        assert_eq!(why.runner_up.as_deref(), Some(other));
    }

    #[test]
    fn a_group_reference_is_the_last_group() {
        let text = "Blinken and Lammy said on Monday that “the talks will go on.”\n“We are hopeful,” the pair said.";
        let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(speakers[1].as_deref(), Some("Blinken and Lammy"));
    }

    #[test]
    fn an_age_describes_the_person_who_spoke() {
        for text in [
            "“I will fight on,” Jane Smith said. “I cannot be happy about this win,” the 29-year-old said.",
            "«Combatterò ancora fino alla fine», ha detto Ons Jabeur. «Non posso essere contenta di questa vittoria», ha aggiunto la 29enne.",
            "„Ich kämpfe weiter bis zum Ende“, sagte Jan Ullrich. „Ich kann mich darüber nicht freuen“, sagte der 29-Jährige.",
        ] {
            let speakers: Vec<_> = resolved(text).into_iter().map(|(s, _)| s).collect();
            assert_eq!(speakers.len(), 2, "{text}");
            assert!(speakers[0].is_some(), "{text}");
            assert_eq!(speakers[0], speakers[1], "{text}");
        }
    }
}

/// The hostile names of SECURITY.md, for [`hashing`].
#[cfg(test)]
#[allow(dead_code)] // Only the crafted names are used here.
#[path = "../tests/common/inputs.rs"]
mod inputs;

#[cfg(test)]
mod hashing {
    use std::collections::BTreeSet;
    use std::hash::{BuildHasher, BuildHasherDefault};

    use super::inputs::colliding_name;
    use super::Registry;
    use crate::lexicon::{Fnv, Lang, Lexicon};

    /// A page crafts names whose full names and surnames share their low 12
    /// bits under unkeyed FNV-1a, so that all of them fall in one bucket of a
    /// table of up to 4,096; the registry's maps spread them out.
    #[test]
    fn names_crafted_to_collide_spread_over_the_buckets() {
        let registry = Registry::new(Lexicon::of(Lang::En));
        let unkeyed = BuildHasherDefault::<Fnv>::default();
        let (mut crafted, mut filed) = (BTreeSet::new(), BTreeSet::new());
        for i in 0..256 {
            let name = colliding_name(i, 12).to_lowercase();
            let surname = name.rsplit(' ').next().unwrap_or_default().to_string();
            crafted.insert(unkeyed.hash_one(&name) & 0xfff);
            crafted.insert(unkeyed.hash_one(&surname) & 0xfff);
            filed.insert(registry.by_name.hasher().hash_one(&name) & 0xfff);
            filed.insert(registry.by_surname.hasher().hash_one(&surname) & 0xfff);
        }
        assert_eq!(crafted.len(), 1, "the crafted names collide unkeyed");
        // 512 keys at random in 4,096 buckets fill about 481 of them.
        assert!(filed.len() > 400, "512 names in {} buckets", filed.len());
    }

    /// The secret is drawn, not written in the source: two registries hash
    /// one name differently, so a page cannot craft names for a known key.
    #[test]
    fn each_registry_hashes_with_its_own_secret() {
        let lex = Lexicon::of(Lang::En);
        let (a, b) = (Registry::new(lex), Registry::new(lex));
        assert_ne!(
            a.by_name.hasher().hash_one("blinken"),
            b.by_name.hasher().hash_one("blinken")
        );
    }
}
