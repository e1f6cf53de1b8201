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

use std::collections::{HashMap, HashSet};

use crate::cues::{Attribution, Cues, Mention, Person, Who};
use crate::lexicon::{gender_of_first_name, is_place, possessive_owner, Gender, Lang, Lexicon};
use crate::spans::Span;
use crate::{Analysis, Quote, QuoteKind, Speaker};

struct Entity {
    name: String,
    role: Option<String>,
    aliases: Vec<String>,
    kind: EntityKind,
    /// From an honorific (`Mr`, `Ms`) or from the first `he`/`she` that named them.
    gender: Option<Gender>,
}

/// `Mr Lammy`, `Ms Graham`: the gender an honorific before a name gives.
fn gender_of_honorific(lex: &Lexicon, chars: &[char], name_start: usize) -> Option<Gender> {
    let before = &chars[..name_start];
    let end = before.iter().rposition(|c| !c.is_whitespace())? + 1;
    let start = before[..end]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    // Honorifics are short and capitalised (`Mr`, `Frau`): skip the lower-casing otherwise.
    if end - start > 12 || !before[start].is_uppercase() {
        return None;
    }
    let word: String = before[start..end]
        .iter()
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    lex.gender_of_honorific(&word)
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
    by_surname: HashMap<String, usize>,
    /// Canonical name → entity, for groups and descriptions.
    by_name: HashMap<String, usize>,
    /// The last words of roles (`minister`, `prime minister`) → the person.
    by_role: HashMap<String, usize>,
    /// (entity, alias) pairs already listed, so a new alias costs O(1).
    aliases_seen: HashSet<(usize, String)>,
}

impl Registry {
    fn new(lex: &'static Lexicon) -> Registry {
        Registry {
            lex,
            entities: Vec::new(),
            by_surname: HashMap::new(),
            by_name: HashMap::new(),
            by_role: HashMap::new(),
            aliases_seen: HashSet::new(),
        }
    }

    fn add(&mut self, name: String, role: Option<String>, kind: EntityKind) -> usize {
        // `Prosecutors` and `prosecutors` are one speaker.
        let key = lower_case(&name);
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
        });
        self.by_name.insert(key, id);
        self.index_role(id);
        id
    }

    /// The person a name refers to: by surname when a fuller name is known.
    fn person(&mut self, chars: &[char], person: &Person) -> usize {
        let name = strip_possessive(&slice(chars, person.name));
        let lower = lower_case(&name);
        let surname = lower.rsplit(' ').next().unwrap_or(&lower);
        let first = lower.split(' ').next().unwrap_or(&lower);
        let full_name = lower.contains(' ');
        // `Rakeyia Scott` is not `Keith Scott`: two full names that share a
        // surname but not a first name are two people, and a lone `Scott`
        // means whichever was named last.
        let same_person = |existing: &Entity| {
            let existing_first = existing.name.split(' ').next().unwrap_or_default();
            !full_name
                || !existing.name.contains(' ')
                || existing_first
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(first.chars())
        };
        // A surname alone is filed under itself: one lookup.
        let by_full_name = full_name.then(|| self.by_name.get(&lower)).flatten();
        let known = by_full_name
            .or_else(|| self.by_surname.get(surname))
            .copied()
            .filter(|&id| {
                self.entities[id].kind == EntityKind::Person && same_person(&self.entities[id])
            });
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
        if self.entities[id].role.is_none() {
            if let Some(role) = person.role {
                self.entities[id].role = Some(slice(chars, role));
                self.index_role(id);
            }
        }
        let entity = &mut self.entities[id];
        if entity.gender.is_none() {
            entity.gender = gender_of_honorific(self.lex, chars, person.name.0)
                .or_else(|| full_name.then(|| gender_of_first_name(first)).flatten());
        }
        if name != entity.name {
            let alias = (id, name);
            if !self.aliases_seen.contains(&alias) {
                entity.aliases.push(alias.1.clone());
                self.aliases_seen.insert(alias);
            }
        }
        id
    }

    /// Whether `he` or `she` may mean this entity: a person, not a group, a
    /// description, an organisation, a place or a lone word that names a
    /// kind of speaker (`Republican`).
    fn could_be_person(&self, id: usize) -> bool {
        let entity = &self.entities[id];
        let lower = lower_case(&entity.name);
        let first = first_word(&lower);
        // `Delegates`, `Presidential Debates`: a plural or a role word, not a name.
        let looks_common = if lower.contains(' ') {
            self.lex.is_role_word(&first)
        } else {
            self.lex.is_speaker_noun(&lower) || (lower.ends_with('s') && !lower.ends_with("ss"))
        };
        entity.kind == EntityKind::Person
            && !self.lex.is_organisation(&entity.name)
            && !is_place(&lower)
            && (entity.gender.is_some() || !looks_common)
    }

    /// The person whose role the description `the prime minister` repeats.
    fn person_with_role(&self, description: &str) -> Option<usize> {
        let (article, role_words) = description.split_once(' ')?;
        if !self.lex.is_determiner(article) {
            return None;
        }
        if role_words.split_whitespace().count() > 4 {
            return None;
        }
        // `the Vermont senator` finds `Sen.`-less roles by their head word too.
        let head = role_words.rsplit(' ').next().unwrap_or(role_words);
        self.by_role
            .get(role_words)
            .or_else(|| self.by_role.get(head))
            .copied()
    }

    /// Files a person under the last one to four words of their role, so
    /// `the minister` and `the foreign minister` find `Foreign Minister X` in O(1).
    fn index_role(&mut self, id: usize) {
        let Some(role) = &self.entities[id].role else {
            return;
        };
        if self.entities[id].kind != EntityKind::Person {
            return;
        }
        let role = lower_case(role);
        let words: Vec<&str> = role.split_whitespace().filter(|w| *w != "former").collect();
        for n in 1..=words.len().min(4) {
            let entry = self
                .by_role
                .entry(words[words.len() - n..].join(" "))
                .or_insert(id);
            *entry = (*entry).max(id);
        }
    }

    fn group(&mut self, members: Vec<usize>) -> usize {
        let names: Vec<String> = members
            .iter()
            .map(|&m| self.entities[m].name.clone())
            .collect();
        self.add(names.join(" and "), None, EntityKind::Group)
    }
}

/// Lower case, on the fast ASCII path when it can: names are looked up often.
fn lower_case(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn first_word(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or(name)
        .to_lowercase()
}

fn slice(chars: &[char], (start, end): (usize, usize)) -> String {
    chars[start..end].iter().collect()
}

fn strip_possessive(name: &str) -> String {
    possessive_owner(name).unwrap_or(name).to_string()
}

/// What the walk through the text remembers for pronouns.
#[derive(Default)]
struct Context {
    last_person: Option<usize>,
    last_speaker: Option<usize>,
    last_group: Option<usize>,
    /// The last few people who spoke or were named, most recent last.
    recent_speakers: Vec<usize>,
    recent_people: Vec<usize>,
}

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
    /// The most recent speaker, else person, that `he` or `she` can mean.
    fn person_of_gender(&self, registry: &Registry, gender: Gender) -> Option<usize> {
        let fits = |&&id: &&usize| {
            let entity = &registry.entities[id];
            registry.could_be_person(id) && entity.gender.is_none_or(|g| g == gender)
        };
        let recent = self.recent_speakers.iter().rev().find(fits);
        recent
            .or_else(|| self.recent_people.iter().rev().find(fits))
            .copied()
    }
}

enum Event<'a> {
    Name(&'a Mention),
    Subject(&'a Mention),
    Quote(usize),
}

/// Resolves every attribution to a speaker and assembles the result.
pub fn resolve(chars: &[char], spans: &[Span], cues: Cues, lex: &'static Lexicon) -> Analysis {
    let mut registry = Registry::new(lex);
    // Full names anywhere define people, so a surname can point forward too.
    for mention in &cues.names {
        if let Who::Named(person) = &mention.who {
            if slice(chars, person.name).contains(char::is_whitespace) {
                registry.person(chars, person);
            }
        }
    }

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

    let mut speaker_of: Vec<Option<usize>> = vec![None; cues.attributions.len()];
    let mut context = Context::default();
    for (_, _, event) in &events {
        match event {
            Event::Name(m) => {
                if let Who::Named(p) = &m.who {
                    let id = registry.person(chars, p);
                    context.last_person = Some(id);
                    remember(&mut context.recent_people, id);
                }
            }
            Event::Subject(m) => {
                if let Some(id) = resolve_mention(chars, m, &mut registry, &context) {
                    remember_speaker(&mut context, &registry, id);
                }
            }
            Event::Quote(i) => {
                let mention = cues.attributions[*i]
                    .mention
                    .as_ref()
                    .expect("only mentioned quotes are events");
                speaker_of[*i] = resolve_mention(chars, mention, &mut registry, &context);
                if let Some(id) = speaker_of[*i] {
                    remember_speaker(&mut context, &registry, id);
                }
            }
        }
    }
    for i in 0..speaker_of.len() {
        if let Some(source) = cues.attributions[i].inherits {
            speaker_of[i] = speaker_of[source];
        }
    }
    assemble(chars, spans, &cues.attributions, &speaker_of, registry)
}

fn remember_speaker(context: &mut Context, registry: &Registry, id: usize) {
    context.last_speaker = Some(id);
    remember(&mut context.recent_speakers, id);
    if registry.entities[id].kind == EntityKind::Group {
        context.last_group = Some(id);
    } else {
        context.last_person = Some(id);
    }
}

fn resolve_mention(
    chars: &[char],
    mention: &Mention,
    registry: &mut Registry,
    context: &Context,
) -> Option<usize> {
    match &mention.who {
        Who::Named(person) => Some(registry.person(chars, person)),
        Who::Group(people) => {
            let members = people.iter().map(|p| registry.person(chars, p)).collect();
            Some(registry.group(members))
        }
        Who::Pronoun => {
            let pronoun = slice(chars, (mention.start, mention.end)).to_lowercase();
            let lex = registry.lex;
            let gender = lex.gender_of_pronoun(&pronoun);
            let resolved = match gender {
                _ if lex.is_plural_pronoun(&pronoun) => context.last_group.or(context.last_speaker),
                // `I` and `we` outside quotes are the writer, whom we cannot name.
                _ if lex.is_writer_pronoun(&pronoun) => None,
                Some(gender) => context.person_of_gender(registry, gender),
                // `it said`: the last organisation or document that spoke, never a person.
                None if lex.is_neuter_pronoun(&pronoun) => context
                    .recent_speakers
                    .iter()
                    .rev()
                    .find(|&&id| {
                        registry.entities[id].kind != EntityKind::Group
                            && !registry.could_be_person(id)
                    })
                    .copied(),
                None => context.last_speaker.or(context.last_person),
            };
            // The first `he` after a name tells that person's gender.
            if let (Some(id), Some(gender)) = (resolved, gender) {
                registry.entities[id].gender.get_or_insert(gender);
            }
            resolved
                // Nobody to point to: the reader still sees who the text says spoke.
                .or_else(|| {
                    let written = slice(chars, (mention.start, mention.end));
                    Some(registry.add(written, None, EntityKind::Description))
                })
        }
        Who::Relative(Some(person)) => Some(registry.person(chars, person)),
        Who::Relative(None) => context.last_person,
        Who::Nominal => {
            let text = slice(chars, (mention.start, mention.end));
            let lower = text.to_lowercase();
            let refers_to_group = registry.lex.refers_to_group(&lower);
            if let (true, Some(group)) = (refers_to_group, context.last_group) {
                return Some(group);
            }
            // `The prime minister added` after `Prime Minister Sir Keir Starmer said`.
            if let Some(id) = registry.person_with_role(&lower) {
                return Some(id);
            }
            if let Some(id) = person_described(registry, context, &lower) {
                return Some(id);
            }
            Some(registry.add(text, None, EntityKind::Description))
        }
    }
}

/// `The Republican nominee`, `the Vermont senator`, `the New York
/// businessman`: a definite description of one person whose role the text
/// never spelled out is, in news, the person the story is about: the last
/// person who spoke.
fn person_described(registry: &Registry, context: &Context, description: &str) -> Option<usize> {
    let mut words = description.split_whitespace();
    let article = words.next()?;
    let head = words.last()?;
    let definite = registry.lex.is_determiner(article) && registry.lex.is_definite(article);
    let one_person = registry.lex.is_title(head) || registry.lex.is_person_noun(head);
    if !definite || !one_person || head.ends_with('s') {
        return None;
    }
    context
        .recent_speakers
        .iter()
        .rev()
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
    speaker_of: &[Option<usize>],
    registry: Registry,
) -> Analysis {
    // Only entities that were quoted become speakers, numbered in order of first quote.
    let mut speaker_index: HashMap<usize, usize> = HashMap::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut quotes = Vec::with_capacity(spans.len());
    for (i, (span, attribution)) in spans.iter().zip(attributions).enumerate() {
        let source = attribution
            .inherits
            .map_or(attribution, |s| &attributions[s]);
        let entity = speaker_of[i];
        let text: String = chars[span.start..span.end].iter().collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        let term = attribution.title_of_work
            || is_web_address(&words)
            || (entity.is_none() && is_term_or_title(registry.lex, &words));
        // A term names a thing; nobody says it.
        let entity = entity.filter(|_| !term);
        let speaker_id = entity.map(|e| {
            *speaker_index.entry(e).or_insert_with(|| {
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
        });
    }
    Analysis { quotes, speakers }
}
