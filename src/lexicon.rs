//! Word lists the cue and resolution stages share: cue verbs, titles, pronouns.
//!
//! Kept in one place so a reader can see at a glance what counts as "said".
//! Every list holds lower-case words.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Verbs of saying, by stem; inflected forms are recognised by [`cue_stem`].
#[rustfmt::skip]
const CUE_STEMS: &[&str] = &[
    "say", "tell", "add", "write", "ask", "explain", "note", "argue", "continue", "state", "declare", "insist",
    "warn", "claim", "tweet", "post", "announce", "acknowledge", "admit", "recall", "respond", "reply",
    "answer", "suggest", "agree", "call", "describe", "predict", "promise", "vow", "urge", "caution",
    "complain", "concede", "conclude", "contend", "emphasize", "emphasise", "stress", "observe", "remark",
    "report", "quip", "joke", "boast", "charge", "maintain", "comment", "speak", "talk", "assert", "allege",
    "confirm", "deny", "reveal", "shout", "yell", "scream", "chant", "pledge", "mutter", "wonder", "testify",
    "characterize", "characterise", "label", "dub", "term", "brag", "lament", "thunder", "exclaim", "demand",
    "proclaim", "recount", "reason", "retort", "scoff", "sneer", "snap", "sigh", "whisper", "cry", "plead",
    "counter", "chide", "mock", "rail", "fume", "muse", "opine", "posit", "query", "inform", "assure", "advise",
    "instruct", "order", "concur", "blast", "slam", "praise", "criticize", "criticise", "accuse", "dismiss",
    "defend", "blame", "applaud", "welcome", "condemn", "decry", "question", "challenge", "hail", "tout",
    "highlight", "point", "go", "interject", "interrupt", "begin", "finish", "summarize", "summarise",
    "estimate", "hint", "concede",
    "press", "indicate", "elaborate", "sing", "bark", "boom", "gush", "rant", "sniff", "tease", "grumble", "refer", "denounce",
    "name", "pronounce", "voice", "recount", "shoot", "snipe", "scold", "warn", "read", "cite", "think", "believe", "chime", "offer", "lash", "fire",
];

/// Irregular forms mapped to their stem.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("went", "go"),
    ("goes", "go"),
    ("going", "go"),
    ("gone", "go"),
    ("began", "begin"),
    ("begun", "begin"),
    // German and French news verbs, for the same patterns (`„…“, sagte Müller`).
    ("sagte", "say"),
    ("sagt", "say"),
    ("erklärte", "explain"),
    ("erklärt", "explain"),
    ("betonte", "stress"),
    ("meinte", "say"),
    ("dit", "say"),
    ("déclare", "declare"),
    ("déclaré", "declare"),
    ("explique", "explain"),
    ("affirme", "claim"),
    ("ajoute", "add"),
    ("estime", "believe"),
];

/// Stems that are cues only with a particle after them: `went on`, `pointed out`.
pub const NEEDS_PARTICLE: &[(&str, &str)] = &[("go", "on"), ("point", "out"), ("begin", "by")];

/// The stem of `word` (lower case) when it is a verb of saying in any form.
/// Every form of every stem is generated once, so a lookup is one hash probe.
pub fn cue_stem(word: &str) -> Option<&'static str> {
    static FORMS: OnceLock<HashMap<String, &'static str, BuildHasherDefault<Fnv>>> =
        OnceLock::new();
    FORMS.get_or_init(inflected_forms).get(word).copied()
}

/// says, said-like regular forms, replies/replied, admitted/admitting, noting.
fn inflected_forms() -> HashMap<String, &'static str, BuildHasherDefault<Fnv>> {
    let mut forms = HashMap::default();
    for &stem in CUE_STEMS {
        let mut add = |form: String| {
            forms.entry(form).or_insert(stem);
        };
        add(stem.to_string());
        for suffix in ["s", "es", "ed", "d", "ing"] {
            add(format!("{stem}{suffix}"));
        }
        if let Some(base) = stem.strip_suffix('y') {
            add(format!("{base}ies"));
            add(format!("{base}ied"));
        }
        if let Some(base) = stem.strip_suffix('e') {
            add(format!("{base}ing"));
        }
        if let Some(last @ ('t' | 'b' | 'p')) = stem.chars().last() {
            add(format!("{stem}{last}ed"));
            add(format!("{stem}{last}ing"));
        }
    }
    for &(form, stem) in IRREGULAR {
        forms.insert(form.to_string(), stem);
    }
    forms
}

/// FNV-1a: short words hash faster with it than with the default SipHash,
/// and nothing here is exposed to hash flooding (the sets are fixed).
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

type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// A word list as a hash set, built on first use: the lists are looked up
/// for nearly every word of every article.
fn set_of(list: &'static [&'static str], cell: &'static OnceLock<WordSet>) -> &'static WordSet {
    cell.get_or_init(|| list.iter().copied().collect())
}

macro_rules! in_list {
    ($list:ident, $word:expr) => {{
        static SET: OnceLock<WordSet> = OnceLock::new();
        set_of($list, &SET).contains($word)
    }};
}

/// Stems that are common nouns too (`press secretary`, `Republican claims`):
/// their bare form counts as a cue only after a subject.
pub fn is_noun_like_cue(stem: &str) -> bool {
    matches!(
        stem,
        "press"
            | "post"
            | "call"
            | "state"
            | "report"
            | "charge"
            | "comment"
            | "name"
            | "voice"
            | "question"
            | "order"
            | "fire"
            | "point"
            | "note"
            | "answer"
            | "offer"
            | "tweet"
            | "demand"
            | "challenge"
            | "claim"
            | "chant"
            | "label"
            | "term"
            | "cry"
            | "reply"
            | "promise"
            | "pledge"
            | "warn"
            | "blast"
            | "praise"
            | "welcome"
            | "reason"
            | "counter"
            | "estimate"
            | "hint"
            | "talk"
            | "joke"
            | "boast"
            | "plead"
    )
}

/// A word as it may stand in a title: capitalised, not a word (`9/11`), or a
/// small word (`Face the Nation`).
pub fn is_title_case_word(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    first.is_uppercase() || !first.is_alphabetic() || is_small_title_word(&word.to_lowercase())
}

/// Words that stay lower case inside a title: `Face the Nation`.
pub fn is_small_title_word(word: &str) -> bool {
    matches!(
        word,
        "the" | "of" | "a" | "an" | "and" | "in" | "on" | "for" | "to" | "at" | "with" | "from"
    )
}

/// Words that introduce the title of a work: `the show "Morning Joe"`.
pub fn is_work_noun(word: &str) -> bool {
    matches!(
        word,
        "on" | "titled"
            | "called"
            | "show"
            | "book"
            | "film"
            | "program"
            | "series"
            | "song"
            | "album"
            | "magazine"
            | "newspaper"
            | "column"
            | "op-ed"
            | "article"
            | "headline"
            | "movie"
            | "documentary"
            | "podcast"
            | "segment"
            | "memoir"
            | "novel"
            | "play"
            | "episode"
            | "essay"
            | "report"
            | "slogan"
            | "campaign"
    )
}

/// Nouns of saying whose owner is the speaker: `Trump’s claim that “…”`.
pub fn is_speech_noun(word: &str) -> bool {
    matches!(
        word,
        "claim"
            | "claims"
            | "statement"
            | "comments"
            | "comment"
            | "remarks"
            | "words"
            | "warning"
            | "promise"
            | "pledge"
            | "assertion"
            | "argument"
            | "accusation"
            | "suggestion"
            | "insistence"
            | "vow"
            | "threat"
            | "message"
            | "tweet"
            | "answer"
            | "response"
            | "description"
            | "view"
            | "belief"
            | "charge"
            | "complaint"
            | "prediction"
            | "boast"
            | "admission"
            | "declaration"
            | "contention"
            | "allegation"
    )
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

/// Personal pronouns that can be the subject of a cue.
pub fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "they" | "i" | "we" | "it" | "who")
}

/// Titles and offices that stand before a name: `Secretary`, `Sen.`, `Mr`.
pub fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    in_list!(TITLES, word)
}

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "vice", "secretary", "minister", "senator", "sen", "rep", "representative", "gov", "governor",
    "mayor", "chancellor", "chairman", "chairwoman", "chair", "director", "chief", "general", "gen", "judge",
    "justice", "attorney", "ambassador", "speaker", "leader", "king", "queen", "prince", "princess", "pope",
    "professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "commissioner",
    "spokesman", "spokeswoman", "spokesperson", "sheriff", "officer", "detective", "sgt", "sergeant", "captain",
    "capt", "lt", "lieutenant", "col", "colonel", "adm", "admiral", "candidate", "nominee", "deputy",
    "assistant", "ceo", "founder", "executive", "manager", "adviser", "advisor", "aide", "host", "anchor",
    "editor", "analyst", "strategist", "rev", "reverend", "pastor", "bishop", "rabbi", "imam", "cardinal",
    "coach", "congressman", "congresswoman", "councilman", "councilwoman", "councilor", "assemblyman",
    "assemblywoman", "delegate", "superintendent", "commander", "premier", "sec", "treasurer", "comptroller",
    "auditor", "solicitor", "prosecutor", "lawyer", "counsel", "chairperson", "dean", "provost", "principal",
    "economist", "correspondent", "columnist", "reporter", "author", "activist", "mp", "mep", "senior", "press",
    "former",
];

/// Role words and modifiers that may stand, in lower case, before a name:
/// `campaign manager Robby Mook`, `police Chief Chuck Jordan`.
pub fn is_role_word(word: &str) -> bool {
    is_title(word) || in_list!(ROLE_MODIFIERS, word)
}

#[rustfmt::skip]
const ROLE_MODIFIERS: &[&str] = &[
    "presidential", "campaign", "police", "former", "deputy", "senior", "top", "vice", "national", "security",
    "foreign", "policy", "communications", "state", "federal", "district", "county", "city", "house", "senate",
    "republican", "democratic", "acting", "interim", "press", "defense", "white", "political", "legal", "chief",
    "majority", "minority", "party", "team", "company", "department", "agency", "union", "group", "media",
    "digital", "regional", "local", "general", "special", "economic", "health", "education", "finance",
];

/// Capitalised words that start sentences but are not names.
pub fn is_capitalised_stopword(word: &str) -> bool {
    in_list!(STOP_CAPS, word)
}

#[rustfmt::skip]
const STOP_CAPS: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "with", "when", "while",
    "after", "before", "as", "if", "then", "this", "that", "these", "those", "it", "there", "here", "what",
    "why", "how", "where", "also", "still", "meanwhile", "however", "today", "yesterday", "tomorrow",
    "speaking", "asked", "according", "last", "next", "both", "all", "some", "many", "most", "one", "no", "not",
    "because", "since", "although", "though", "during", "from", "by", "to", "of", "until", "despite", "instead",
    "even", "only", "just", "now", "later", "earlier", "among", "his", "her", "their", "our", "my", "your",
    "its", "he", "she", "they", "we", "i", "you", "who", "which", "whose", "whom", "asked", "told", "said",
    "says", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "related", "advertisement", "like", "unlike", "without",
    "under", "over", "about", "into", "through", "against", "between", "each", "every", "another", "such",
    "other", "once", "again", "indeed", "yes", "well", "oh", "thank", "thanks", "please",
    "let", "do", "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "shall", "sources", "officials", "whether", "perhaps",
    "maybe", "regardless", "nor", "neither", "either", "first", "second", "third", "finally", "overall",
    "similarly", "likewise", "moreover", "thus", "therefore", "hence", "otherwise", "anyway", "besides",
    "rather", "almost", "nearly", "already", "never", "always", "often", "sometimes", "ever", "jan", "feb",
    "march", "april", "june", "july", "aug", "sept", "oct", "nov", "dec", "january", "february", "august",
    "september", "october", "november", "december",
];

/// Words that may stand between a subject and its cue verb: `Blinken also said`,
/// `Trump has repeatedly said`.
pub fn is_adverb_or_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "later"
            | "then"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "was"
            | "is"
            | "were"
            | "are"
            | "previously"
            | "again"
            | "still"
            | "just"
            | "once"
            | "recently"
            | "reportedly"
            | "further"
            | "often"
            | "never"
            | "even"
            | "already"
            | "first"
            | "last"
            | "simply"
            | "quickly"
            | "flatly"
            | "privately"
            | "publicly"
            | "repeatedly"
            | "similarly"
            | "separately"
            | "initially"
            | "finally"
            | "subsequently"
            | "immediately"
            | "did"
            | "does"
            | "do"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "must"
            | "been"
            | "not"
            | "always"
            | "since"
            | "now"
            | "famously"
            | "too"
            | "herself"
            | "himself"
            | "themselves"
    ) || (word.len() > 4 && word.ends_with("ly"))
}

/// `Sanders on Saturday criticized …`: time words between subject and verb.
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "on"
            | "today"
            | "yesterday"
            | "tonight"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "earlier"
            | "late"
    )
}

/// Words that open a noun phrase naming a speaker: `a senior aide`, `the ministry`.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "another"
            | "one"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "both"
            | "other"
            | "this"
            | "that"
            | "these"
            | "those"
            | "each"
            | "most"
            | "few"
            | "no"
            | "my"
            | "your"
    )
}

/// Plural heads that name speakers without a determiner: `officials said`.
pub fn is_bare_speaker_noun(word: &str) -> bool {
    matches!(
        word,
        "officials"
            | "sources"
            | "aides"
            | "experts"
            | "analysts"
            | "critics"
            | "advocates"
            | "supporters"
            | "opponents"
            | "people"
            | "lawmakers"
            | "authorities"
            | "police"
            | "investigators"
            | "prosecutors"
            | "researchers"
            | "scientists"
            | "doctors"
            | "witnesses"
            | "voters"
            | "members"
            | "leaders"
            | "residents"
            | "protesters"
            | "organizers"
            | "observers"
            | "economists"
            | "strategists"
            | "diplomats"
            | "activists"
            | "staffers"
            | "officers"
            | "democrats"
            | "republicans"
            | "others"
            | "reporters"
            | "attendees"
            | "participants"
            | "students"
            | "parents"
            | "teachers"
            | "workers"
            | "executives"
            | "users"
            | "fans"
            | "negotiators"
            | "spokesmen"
            | "spokespeople"
    )
}

/// Head nouns of descriptions that can speak: `a senior aide`, `the ministry`,
/// `the paper`. A description with another head (`a phone call`) is no speaker.
pub fn is_speaker_noun(word: &str) -> bool {
    let singular = word
        .strip_suffix("es")
        .filter(|s| s.ends_with("ss") || s.ends_with("sh") || s.ends_with("ch"));
    let singular = singular.or_else(|| word.strip_suffix('s')).unwrap_or(word);
    is_title(word)
        || is_bare_speaker_noun(word)
        || [word, singular].iter().any(|w| in_list!(SPEAKER_NOUNS, *w))
}

#[rustfmt::skip]
const SPEAKER_NOUNS: &[&str] = &[
    "official", "source", "aide", "expert", "critic", "advocate", "supporter", "opponent", "person", "man",
    "woman", "lawmaker", "authority", "investigator", "researcher", "scientist", "doctor", "witness", "voter",
    "member", "resident", "protester", "organizer", "observer", "diplomat", "staffer", "campaign", "ministry",
    "department", "agency", "office", "committee", "group", "organization", "organisation", "company", "firm",
    "paper", "newspaper", "network", "magazine", "site", "website", "outlet", "publication", "report",
    "statement", "letter", "memo", "release", "study", "survey", "poll", "court", "ruling", "government",
    "administration", "team", "party", "council", "board", "union", "association", "foundation", "institute",
    "center", "centre", "coalition", "movement", "commission", "bureau", "service", "police", "army",
    "military", "crowd", "audience", "pair", "two", "duo", "both", "trio", "couple", "family", "friend",
    "neighbor", "neighbour", "father", "mother", "son", "daughter", "husband", "wife", "brother", "sister",
    "boy", "girl", "student", "teacher", "parent", "worker", "employee", "owner", "user", "fan", "veteran",
    "victim", "lady", "guy", "writer", "blogger", "historian", "pollster", "consultant", "operative", "insider",
    "ally", "adviser", "advisor", "candidate", "nominee", "challenger", "incumbent", "questioner", "moderator",
    "panelist", "caller", "host", "anchor", "reporter", "journalist", "correspondent", "columnist", "editor",
    "author", "economist", "analyst", "strategist", "activist", "leader", "spokesman", "spokeswoman",
    "spokesperson", "representative", "lawyer", "attorney", "judge", "prosecutor", "sheriff", "chief",
    "officer", "governor", "senator", "mayor", "president", "secretary", "minister", "director", "chairman",
    "executive", "manager", "founder", "professor", "democrat", "republican", "independent", "conservative",
    "liberal", "progressive", "people", "others", "everyone", "someone", "one", "another", "other", "who",
    "source", "insiders", "protest", "sign", "banner", "post", "tweet", "ad", "video", "message", "email",
    "note", "book", "article", "editorial", "op-ed", "document", "filing", "complaint", "lawsuit", "suit",
    "platform", "plan", "policy", "bill", "law", "website", "spokesmen", "spokespeople", "officials",
    "presidents", "men", "women", "children", "kids", "folks", "public", "nation", "country", "state", "city",
    "county", "school", "university", "college", "hospital", "church",
];

/// Words that cannot be inside a speaker noun phrase; the phrase stops there.
pub fn ends_noun_phrase(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "which"
            | "and"
            | "but"
            | "or"
            | "said"
            | "says"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "to"
            | "if"
            | "as"
            | "when"
            | "while"
            | "because"
            | "after"
            | "before"
            | "what"
            | "how"
            | "why"
            | "where"
            | "than"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "not"
            | "so"
            | "then"
            | "also"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "this"
            | "by"
            | "with"
            | "at"
            | "in"
            | "on"
            | "into"
            | "from"
            | "about"
            | "like"
            | "can"
            | "could"
            | "do"
            | "does"
            | "did"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_verbs_in_every_form() {
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
            assert_eq!(cue_stem(form), Some(stem), "{form}");
        }
    }

    #[test]
    fn other_words_are_not_cues() {
        for word in [
            "sad", "marked", "met", "the", "missiles", "was", "tells_", "states_", "addition",
        ] {
            assert_eq!(cue_stem(word), None, "{word}");
        }
    }
}
