//! Mentions: the noun phrase a cue names. A name with its title (`British
//! Foreign Secretary David Lammy`), names joined by `and`, a pronoun, `who` with
//! its antecedent, an apposition (`Smith, a spokesman for the campaign,`) or a
//! description (`a senior aide`, German `der Sprecher`).

use super::*;

impl Text<'_> {
    /// The subject of the cue verb at `verb`: `Blinken [also] said`,
    /// `Smith, a spokesman for the campaign, said`, `Smith, who said`.
    pub(super) fn subject_before(&self, verb: usize, floor: usize) -> Option<Mention> {
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
                let who = if is_relative(word) {
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
    pub(super) fn subject_with_apposition(&self, comma: usize, floor: usize) -> Option<Mention> {
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
                if let Some(named) = self.name_after_opening_description(floor, opening, comma) {
                    nearest = Some(named);
                }
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
            // `X, vecina del área, dijo`: outside English a noun for a
            // person may open a role without an article.
            let descriptive = self.lex.is_determiner(first)
                || is_possessive(first)
                || self.lex.is_role_word(first)
                || self.lex.is_person_noun(first);
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
            // `El líder del PP, Alberto Núñez Feijóo, respondió`: a name of two
            // words or more is the speaker when the name before it belongs to
            // a preposition inside a description.
            let owned_name = matches!(mention.who, Who::Named(_))
                && self.follows_preposition(&mention)
                && inside.len() >= 2;
            if (mention.who == Who::Nominal || owned_name)
                && name_inside
                && self.is_name_word(comma - 1)
            {
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
                // `Barbu, le cheveu ras, …, Yassin E., depuis le box, s'en
                // défend`: a lone word opening the sentence describes the
                // full name in a later apposition.
                let full_name_later = (opening == floor + 1)
                    .then(|| self.full_name_between(opening + 1, comma, closing, floor))
                    .flatten();
                return Some(full_name_later.unwrap_or_else(|| with_role(mention)));
            }
            // `Sen. Rand Paul, R-Ky., told`: a short capitalised tag is an apposition too.
            if descriptive || relative || (inside.len() <= 3 && self.is_capitalised(inside.start)) {
                nearest = Some(with_role(mention));
            }
        }
        nearest
    }

    /// The first name of two words or more that ends right before one of the
    /// `closing` marks in `from..to`.
    fn full_name_between(
        &self,
        from: usize,
        to: usize,
        closing: char,
        floor: usize,
    ) -> Option<Mention> {
        (from..to)
            .filter(|&i| self.punct(i) == Some(closing) && i > from)
            .filter_map(|i| self.noun_phrase_ending_at(i - 1, floor, false))
            .find(|m| match &m.who {
                Who::Named(p) => p.is_full_name(self.chars),
                _ => false,
            })
    }

    /// `El ministro de Asuntos Exteriores portugués, Paulo Rangel, describió`:
    /// a description opening the clause (at `floor`, with its article) whose
    /// head no rule reads (it ends in an adjective, or runs long), then a
    /// full name between the commas at `opening` and `comma`: that person,
    /// the description their role.
    fn name_after_opening_description(
        &self,
        floor: usize,
        opening: usize,
        comma: usize,
    ) -> Option<Mention> {
        let inside = opening + 1..comma;
        let full_name = inside.len() >= 2
            && self.is_name_word(inside.start)
            && self.is_name_word(comma - 1)
            && inside
                .clone()
                .all(|i| self.is_name_word(i) || self.is_name_connector(i));
        let described = self.word(floor).is_some_and(|w| self.lex.is_determiner(w))
            && opening - floor <= APPOSITION_WINDOW / 2
            && (floor..opening)
                .all(|i| self.tokens[i].kind == Kind::Word && self.cue_at(i).is_none());
        (full_name && described).then(|| Mention {
            start: self.tokens[floor].start,
            end: self.tokens[comma - 1].end,
            who: Who::Named(Person {
                name: (self.tokens[inside.start].start, self.tokens[comma - 1].end),
                role: Some((self.tokens[floor].start, self.tokens[opening - 1].end)),
            }),
        })
    }

    /// `Rep. Jim Jordan (R-Ohio)`: the last token before a parenthesis that ends at `t`.
    pub(super) fn skip_parenthetical(&self, t: usize, floor: usize) -> usize {
        if self.punct(t) != Some(')') {
            return t;
        }
        (t.saturating_sub(8).max(floor)..t)
            .rev()
            .find(|&i| self.punct(i) == Some('('))
            .and_then(|open| open.checked_sub(1))
            .unwrap_or(t)
    }

    /// The noun phrase whose last word is `t`: a name run with its titles and
    /// role words (`campaign manager Robby Mook`), names joined by `and`, or a
    /// description starting at a determiner (`a senior aide`).
    pub(super) fn noun_phrase_ending_at(
        &self,
        t: usize,
        floor: usize,
        any_head: bool,
    ) -> Option<Mention> {
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
        if let Some(outer) = determined
            .then(|| self.office_before_complement(s, floor))
            .flatten()
        {
            return Some(self.mention(outer, t, Who::Nominal));
        }
        if (determined && s < t && (any_head || self.lex.is_speaker_noun(word)))
            || self.lex.is_bare_speaker_noun(word)
        {
            let s = if determined { s } else { t };
            return Some(self.mention(s, t, Who::Nominal));
        }
        None
    }

    /// `El jefe de la diplomacia española recalcó`, `le porte-parole du
    /// gouvernement a déclaré`: outside English and German, the noun phrase
    /// that ends before a verb may be the complement of an office named
    /// before it. From the determiner at `s`, the start of that office's
    /// phrase, when there is one.
    fn office_before_complement(&self, s: usize, floor: usize) -> Option<usize> {
        if matches!(self.lex.lang, Lang::En | Lang::De) {
            return None;
        }
        let mut start = s;
        let mut office = false;
        while start >= floor + 2
            && self
                .word(start - 1)
                .is_some_and(|w| self.lex.is_preposition(w))
        {
            let preposition = start - 1;
            let Some(k) = (preposition.saturating_sub(4).max(floor)..preposition)
                .rev()
                .take_while(|&k| self.word(k).is_some())
                .find(|&k| self.word(k).is_some_and(|w| self.lex.is_determiner(w)))
            else {
                break;
            };
            office = (k + 1..preposition)
                .filter_map(|j| self.word(j))
                .any(|w| self.lex.names_an_office(w));
            start = k;
        }
        (office && start < s).then_some(start)
    }

    /// German capitalises every noun: `der Sprecher`, `die neue Ministerin`
    /// are descriptions, not names, when one capitalised word follows a
    /// determiner and perhaps a few adjectives.
    pub(super) fn capitalised_description(
        &self,
        start: usize,
        t: usize,
        floor: usize,
    ) -> Option<Mention> {
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
    pub(super) fn german_verb_after_noun(&self, i: usize) -> bool {
        self.lex.lang == Lang::De
            && self.is_capitalised(i - 1)
            // `Der libanesische Minister`: an article opening the sentence is no noun.
            && !self.word(i - 1).is_some_and(|w| self.lex.is_determiner(w))
            && !self.is_capitalised(i)
            && self.word(i).is_some_and(|w| !self.lex.is_determiner(w))
    }

    /// `nach einem Besuch im Krisengebiet sprach`: the noun belongs to the preposition.
    pub(super) fn follows_preposition(&self, m: &Mention) -> bool {
        let Some(first) = self.token_after(m.start) else {
            return false;
        };
        // `difundido por la Casa Real`: an article may come between.
        let before = |i: usize| i.checked_sub(1).and_then(|i| self.word(i).map(|w| (i, w)));
        match before(first) {
            Some((_, w)) if self.lex.is_preposition(w) => true,
            Some((i, w)) if self.lex.is_determiner(w) => {
                before(i).is_some_and(|(_, w)| self.lex.is_preposition(w))
            }
            _ => false,
        }
    }

    pub(super) fn opens_with_object_determiner(&self, m: &Mention) -> bool {
        self.token_after(m.start)
            .and_then(|i| self.word(i))
            .is_some_and(|w| self.lex.is_object_determiner(w))
    }

    /// The name run ending at `t`, with titles split off as the role.
    pub(super) fn name_run_ending_at(&self, t: usize, floor: usize) -> (usize, Person) {
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
        // `Von der Leyen betonte`, `De la Cruz said`: a name whose connectors
        // (two, as a lone `Of` or `Von` opening a sentence is a preposition)
        // open the sentence, the first one capitalised.
        if s >= floor + 2
            && self.is_capitalised(floor)
            && (floor..s).all(|i| self.is_name_connector(i))
        {
            s = floor;
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

    /// `El diputado de Convergencia Social Diego Ibáñez`, `Sports Laura
    /// Flessel`: a party's or a section's name may run on into a person's in
    /// the name words `from..=t`. The person's name starts at the first known
    /// first name inside the run, when words follow it; a run that opens
    /// with a first name or an initial (`Juan Carlos Rodríguez`, `J. Gerald
    /// Hebert`) is one name.
    fn person_name_start(&self, from: usize, t: usize) -> usize {
        let first_name = |i: usize| {
            self.word(i)
                .is_some_and(|w| crate::lexicon::gender_of_first_name(w).is_some())
        };
        let initial = self
            .word(from)
            .is_some_and(|w| w.trim_end_matches('.').chars().count() == 1);
        if t < from + 2 || first_name(from) || initial {
            return from;
        }
        (from + 1..t).find(|&i| first_name(i)).unwrap_or(from)
    }

    /// Where the name in token `i` starts: past an elided article before a
    /// capital (`l'Unrwa`, `L'Oms`, `dell'Onu`), which is no part of the name.
    fn after_elided_article(&self, i: usize) -> usize {
        let start = self.tokens[i].start;
        let word = &self.chars[start..self.tokens[i].end];
        let apostrophe = word.iter().position(|&c| c == '\'' || c == '’');
        match apostrophe {
            Some(a @ 1..=4)
                if self.lex.lang != Lang::En
                    && word.get(a + 1).is_some_and(|c| c.is_uppercase())
                    && {
                        let article: String =
                            word[..a].iter().flat_map(|c| lower_char(*c)).collect();
                        // Not `d'`: `D'Alema` is a name.
                        article == "l" || ELIDED_PREPOSITIONS.contains(&article.as_str())
                    } =>
            {
                start + a + 1
            }
            _ => start,
        }
    }

    /// `name_run_start..=t` are name words; titles and possessives among them
    /// go to the role, and so do `role_start..name_run_start`.
    pub(super) fn person(&self, role_start: usize, name_run_start: usize, t: usize) -> Person {
        let mut name_from = name_run_start;
        // Dutch `Minister van Binnenlandse Zaken` as English `Secretary of State`.
        let of = |w: &str| w == "of" || (self.lex.lang == Lang::Nl && w == "van");
        for i in name_run_start..=t {
            let w = self.word(i).unwrap_or_default();
            if i < t
                && (self.lex.is_title(w)
                    || is_possessive(w)
                    || (of(w) && i == name_from && i > name_run_start))
            {
                name_from = i + 1;
            }
        }
        // `Secretary of Homeland Security Jeh Johnson`: the name is the last two words.
        if name_from > name_run_start && self.word(name_from - 1).is_some_and(of) {
            name_from = name_from.max(t.saturating_sub(1));
        }
        name_from = self.person_name_start(name_from, t);
        let name = (self.after_elided_article(name_from), self.tokens[t].end);
        // `Prime Minister Sir Keir Starmer`: honorifics are no part of the role.
        let mut role_end = name_from;
        while role_end > role_start && self.is_honorific_only(role_end - 1, role_end) {
            role_end -= 1;
        }
        let role = (role_start < role_end)
            .then(|| (self.tokens[role_start].start, self.tokens[role_end - 1].end));
        Person { name, role }
    }

    pub(super) fn is_honorific_only(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| self.word(i).is_some_and(|w| self.lex.is_honorific(w)))
    }

    /// `este domingo`, `la semana pasada`, `el 7 de mayo de 2018`, `lundi
    /// dernier`: outside English a time phrase may stand between a verb and
    /// its subject (`describió este domingo el ministro`) and is never the
    /// subject itself. The token after the phrase at `k`, or `k`.
    pub(super) fn past_time_phrase(&self, k: usize) -> usize {
        if self.lex.lang == Lang::En {
            return k;
        }
        let is_time = |i: usize| {
            self.word(i).is_some_and(|w| {
                // A number, but not `il 29enne` (the 29-year-old).
                self.lex.is_time_word(w) || w.chars().all(|c| c.is_ascii_digit())
            })
        };
        let mut j = k;
        if self.word(j).is_some_and(|w| self.lex.is_determiner(w)) && is_time(j + 1) {
            j += 1;
        }
        if !is_time(j) {
            return k;
        }
        // `7 de mayo de 2018`: time words joined by `de`.
        while is_time(j)
            || (self
                .word(j)
                .is_some_and(|w| matches!(w, "de" | "del" | "di" | "du" | "do"))
                && is_time(j + 1))
        {
            j += 1;
        }
        j
    }

    /// The noun phrase starting at `k`, after an inverted cue (`said Smith`)
    /// or `according to`.
    pub(super) fn noun_phrase_after(&self, k: usize) -> Option<Mention> {
        if let Some(m) = self.quoted_title_at(k) {
            return Some(m);
        }
        let word = self.word(k)?;
        if self.lex.is_subject_pronoun(word) && !is_relative(word) {
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
                // Czech and Polish titles stand bare before their complement:
                // `řekl ministr financí Zbyněk Stanjura`.
                let after_title = self.lex.lang.lacks_articles()
                    && e > k
                    && self.word(e - 1).is_some_and(|w| self.lex.is_title(w));
                // `said pollster Frank Luntz`: a description without an article
                // may open the phrase too.
                let opens = e == k && !self.lex.lang.lacks_articles();
                match self.name_after_description(e) {
                    Some(name) if name_end == Some(e.wrapping_sub(1)) || after_title || opens => {
                        e = name;
                        continue;
                    }
                    _ => break,
                }
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
            let joins = self
                .word(end + 1)
                .is_some_and(|w| self.lex.is_conjunction(w));
            if joins && self.is_name_word(end + 2) {
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
        // French and Italian elide the article into the noun: `l'imam`, `l'avvocato`.
        let elided = self.lex.lang != Lang::En
            && word.len() > 2
            && word.starts_with("l'")
            && !self.is_capitalised(k);
        // `said one of two witnesses who …`, `one of the organizers`: a
        // description of one person among several.
        if word == "one" && self.word(k + 1) == Some("of") {
            let mut e = k + 1;
            while e - k < NOUN_PHRASE_WORDS
                && self.word(e + 1).is_some_and(|w| {
                    !self.lex.ends_noun_phrase(w)
                        && !matches!(w, "who" | "for" | "in" | "at" | "on")
                })
            {
                e += 1;
            }
            return (e > k + 1).then(|| self.mention(k, e, Who::Nominal));
        }
        // `l'Unrwa a annoncé`: an elided article before a name.
        if elided && self.after_elided_article(k) > self.tokens[k].start {
            let mut end = k;
            while self.is_name_word(end + 1) {
                end += 1;
            }
            return Some(self.mention(k, end, Who::Named(self.person(k, k, end))));
        }
        if (self.lex.is_determiner(word) && !demonstrative) || is_possessive(word) || elided {
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
            if e == k && !elided {
                return None;
            }
            // `El ministro de Exteriores José Manuel Albares planteó`: the
            // words after a full name may be the verb. (Not in English, where
            // a name may describe a noun after it: `a senior Cruz adviser`.)
            let last_name_word = (k + 1..e)
                .rev()
                .find(|&i| self.is_name_word(i))
                .filter(|&l| self.lex.lang != Lang::En && self.is_name_word(l - 1));
            return Some(
                self.titled_name_in(k, e)
                    .or_else(|| last_name_word.and_then(|l| self.titled_name_in(k, l)))
                    .or_else(|| self.name_in_apposition(k, e))
                    .or_else(|| self.name_in_apposition_past_complement(k, e))
                    .or_else(|| self.name_after_short_name(k, e))
                    .unwrap_or_else(|| self.mention(k, e, Who::Nominal)),
            );
        }
        if self.lex.is_bare_speaker_noun(word) {
            return Some(self.mention(k, k, Who::Nominal));
        }
        None
    }

    /// `il Commissario generale dell'agenzia Onu per i rifugiati palestinesi
    /// (Unrwa) Philippe Lazzarini`, `the head of the UN agency for refugees
    /// (UNRWA) Philippe Lazzarini`: the description `k..=e` runs on, through
    /// words only, to a body's short name in brackets, and a name of two words
    /// or more right after it is the person described.
    fn name_after_short_name(&self, k: usize, e: usize) -> Option<Mention> {
        let open = (e + 1..e + 1 + NOUN_PHRASE_WORDS)
            .take_while(|&i| {
                self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
                    || self.punct(i) == Some('(')
            })
            .find(|&i| self.punct(i) == Some('('))?;
        let name = open + 3;
        if self.word(open + 1).is_none()
            || self.punct(open + 2) != Some(')')
            || !(self.is_name_word(name) && self.is_name_word(name + 1))
        {
            return None;
        }
        let mut t = name + 1;
        while self.is_name_word(t + 1) {
            t += 1;
        }
        Some(self.mention(k, t, Who::Named(self.person(k, name, t))))
    }

    /// `Idaho nutritional-supplement executive Frank VanderSloot`, `Democratic
    /// front-runner Hillary Clinton`, `Blaze co-host Stu Burguiere`: up to three
    /// lower-case words of description from `e` on, then a name of two words or
    /// more; the index where that name starts.
    pub(super) fn name_after_description(&self, e: usize) -> Option<usize> {
        let describes = |j: usize| {
            self.word(j).is_some_and(|w| {
                !self.is_capitalised(j)
                    && !self.lex.ends_noun_phrase(w)
                    && !self.lex.is_preposition(w)
                    && !self.lex.is_determiner(w)
                    && !self.lex.is_conjunction(w)
                    && !self.lex.is_adverb_or_auxiliary(w)
                    && !self.lex.is_time_word(w)
                    && self.lex.cue_stem(w).is_none()
                    && !matches!(w, "of" | "for" | "who" | "in" | "at" | "on")
            })
        };
        let mut j = e;
        // `undecided Republican voter Stephanie Hooton`: a capitalised word
        // inside the description, before one more describing word.
        while j < e + 3 && (describes(j) || (j > e && self.is_name_word(j) && describes(j + 1))) {
            j += 1;
        }
        (j > e && self.is_name_word(j) && self.is_name_word(j + 1)).then_some(j)
    }

    /// `il ministro Giancarlo Giorgetti`, `o senador Rodrigo Pacheco`, `the
    /// senator John Smith`: a description `k..=e` that ends in a name right
    /// after a title names that person, the title their role.
    pub(super) fn titled_name_in(&self, k: usize, e: usize) -> Option<Mention> {
        let mut n = e;
        while n > k + 1 && (self.is_name_word(n - 1) || self.is_name_connector(n - 1)) {
            n -= 1;
        }
        // `el diputado de Convergencia Social …`: a connector opens no name.
        while n < e && !self.is_name_word(n) && self.is_name_connector(n) {
            n += 1;
        }
        // `il portavoce della presidenza russa Dmitry Peskov`: the office
        // may stand further back when its words run up to the name.
        // `il ministro degli Esteri Sergei Lavrov`: a capitalised word after
        // a preposition belongs to the office.
        if n + 2 <= e && self.word(n - 1).is_some_and(|w| self.lex.is_preposition(w)) {
            n += 1;
        }
        // German capitalises titles too: `der bayerische Ministerpräsident Edmund Stoiber`.
        let mut title_in_run = false;
        while n < e && self.word(n).is_some_and(|w| self.lex.is_title(w)) {
            n += 1;
            title_in_run = true;
        }
        // `sa consœur Corinne Serfati`, `her colleague John Smith`: one or two
        // lower-case words after the article, then a full name.
        let short_description = n - k <= 3
            && (k + 1..n).all(|j| {
                !self.is_capitalised(j) && self.word(j).is_some_and(|w| !self.lex.is_preposition(w))
            });
        let titled = title_in_run
            || self.word(n - 1).is_some_and(|w| self.lex.is_title(w))
            || (n >= k + 2
                && n < e
                && self.word(k).is_some_and(|w| self.lex.is_determiner(w))
                && (k + 1..n).all(|j| self.word(j).is_some())
                && (short_description
                    || (k + 1..n)
                        .filter_map(|j| self.word(j))
                        .any(|w| self.lex.names_an_office(w))));
        if n <= k || !self.is_name_word(n) || !self.is_name_word(e) || !titled {
            return None;
        }
        let n = self.person_name_start(n, e);
        let person = Person {
            name: (self.tokens[n].start, self.tokens[e].end),
            role: Some((self.tokens[k].start, self.tokens[n - 1].end)),
        };
        Some(self.mention(k, e, Who::Named(person)))
    }

    /// `la portavoz del Ejecutivo, Pilar Alegría`, `the party's chairman,
    /// Reince Priebus`: a description `k..=e` followed by a name of two words
    /// or more in apposition names that person, the description their role.
    pub(super) fn name_in_apposition(&self, k: usize, e: usize) -> Option<Mention> {
        if self.punct(e + 1) != Some(',') || !self.is_name_word(e + 2) {
            return None;
        }
        let mut end = e + 2;
        while end - e < 6
            && (self.is_name_word(end + 1)
                || (self.is_name_connector(end + 1) && self.is_name_word(end + 2)))
        {
            end += 1;
        }
        // A lone capitalised word may be a place or a party: `the mayor, Paris`.
        let closes = self
            .tokens
            .get(end + 1)
            .is_none_or(|t| matches!(t.kind, Kind::Punct(_) | Kind::Break | Kind::Quote(_)));
        if end == e + 2 || !closes {
            return None;
        }
        let person = Person {
            name: (self.tokens[e + 2].start, self.tokens[end].end),
            role: Some((self.tokens[k].start, self.tokens[e].end)),
        };
        Some(self.mention(k, end, Who::Named(person)))
    }

    /// `the mayor of Springfield, John Smith`: the description `k..=e` runs
    /// on through a short complement to the comma of its apposition.
    fn name_in_apposition_past_complement(&self, k: usize, e: usize) -> Option<Mention> {
        if !self.word(e + 1).is_some_and(|w| self.lex.is_preposition(w)) {
            return None;
        }
        let comma = (e + 2..e + 6)
            .take_while(|&i| self.word(i).is_some() || self.punct(i) == Some(','))
            .find(|&i| self.punct(i) == Some(','))?;
        self.name_in_apposition(k, comma - 1)
    }

    /// `schreibt die „Computerwoche“`, `schrieb „Die Zeit“`: outside English
    /// a newspaper's name is often quoted. After a cue, a short capitalised
    /// quote (perhaps after an article) names the publication that speaks.
    pub(super) fn quoted_title_at(&self, k: usize) -> Option<Mention> {
        if self.lex.lang == Lang::En {
            return None;
        }
        let article = self.word(k).is_some_and(|w| self.lex.is_determiner(w));
        let qt = if article { k + 1 } else { k };
        let Kind::Quote(q) = self.tokens.get(qt)?.kind else {
            return None;
        };
        let span = &self.spans[q];
        let short = (1..=4).contains(&self.quote_words(qt));
        if !short || !self.chars.get(span.start)?.is_uppercase() {
            return None;
        }
        let person = Person {
            name: (span.start, span.end),
            role: None,
        };
        Some(Mention::at(
            self.tokens[k].start,
            self.tokens[qt].end,
            Who::Named(person),
        ))
    }

    /// `la ministra Izkia Siches`, `el presidente de la Junta de Andalucía,
    /// Juanma Moreno,`: the role a description gives the full name `i..=e`
    /// right after it, in lower case before it or in apposition, so that a
    /// later `la ministra` or `el presidente andaluz` finds the person.
    pub(super) fn role_before_name(&self, i: usize, e: usize) -> Option<(usize, usize)> {
        if i < 2 || e == i {
            return None;
        }
        let office = |w: &str| self.lex.names_one_person(w) || self.lex.names_an_office(w);
        let before = i - 1;
        let (last, after_name) = if self.punct(before) == Some(',') {
            // In apposition the name closes its phrase: `…, Juanma Moreno, visitó`.
            let closes = self
                .tokens
                .get(e + 1)
                .is_none_or(|t| matches!(t.kind, Kind::Punct(_) | Kind::Break));
            (before.checked_sub(1)?, closes)
        } else {
            (before, self.word(before).is_some_and(office))
        };
        if !after_name {
            return None;
        }
        // The description opens with an article or a possessive a few words
        // back, and names an office before any preposition: the nearest such.
        let floor = self.sentence_start(last);
        let names_office = |k: usize| {
            (k + 1..=last)
                .map_while(|j| self.word(j))
                .take_while(|w| !self.lex.is_preposition(w))
                .any(office)
        };
        let k = (floor.max(last.saturating_sub(8))..=last)
            .rev()
            .find(|&k| {
                self.word(k)
                    .is_some_and(|w| self.lex.is_determiner(w) || is_possessive(w))
                    && names_office(k)
            })?;
        Some((self.tokens[k].start, self.tokens[last].end))
    }

    /// `, a spokesman for the campaign,` or `, a spokesman for the campaign.`
    pub(super) fn apposition_after(&self, comma: usize) -> Option<(usize, usize)> {
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

    /// A name can speak unless it is a website or platform: `posted on Twitter`.
    pub(super) fn could_speak(&self, m: &Mention) -> bool {
        let Who::Named(person) = &m.who else {
            return true;
        };
        let name: String = self.chars[person.name.0..person.name.1].iter().collect();
        let lower = lowercase(possessive_owner(&name).unwrap_or(&name));
        // Countries do speak in news (`Russia said`); platforms do not.
        !is_platform(&lower)
    }
}

/// `who`, Spanish `quien`, French `qui`, Portuguese `quem`: a subject that
/// stands for the name before its comma (listed with each language's
/// subject pronouns).
fn is_relative(word: &str) -> bool {
    matches!(word, "who" | "quien" | "qui" | "quem")
}

#[cfg(test)]
mod tests {
    use super::super::with_text;
    use super::*;

    /// The mention and the person's name proper, for the quote's cue.
    fn named(text: &str, lang: Lang) -> Option<(String, Option<String>)> {
        with_text(text, lang, |t, qt| {
            let m = t
                .cue_after(qt)
                .map(|(m, _)| m)
                .or_else(|| t.cue_before(qt).map(|(m, _, _)| m))?;
            let name = match &m.who {
                Who::Named(p) => Some(t.chars[p.name.0..p.name.1].iter().collect()),
                _ => None,
            };
            Some((t.written(&m), name))
        })
    }

    /// The person's name proper the quote's cue names, if it names one.
    fn name_named(text: &str, lang: Lang) -> Option<String> {
        named(text, lang).and_then(|(_, name)| name)
    }

    #[test]
    fn a_description_without_an_article_before_a_full_name_is_its_role() {
        let found = named("“We will win,” said pollster Frank Luntz.", Lang::En);
        assert_eq!(
            found,
            Some(("pollster Frank Luntz".into(), Some("Frank Luntz".into())))
        );
        let found = name_named(
            "“I fundamentally disagree,” said retired Army Lt. Gen. Mick Bednarek, who served in Iraq.",
            Lang::En,
        );
        assert_eq!(found.as_deref(), Some("Mick Bednarek"));
        // A capitalised word inside the description.
        let found = name_named(
            "“I don't know where he stands,” said undecided Republican voter Stephanie Hooton of Derry.",
            Lang::En,
        );
        assert_eq!(found.as_deref(), Some("Stephanie Hooton"));
    }

    #[test]
    fn a_name_in_apposition_past_the_description_s_complement_speaks() {
        let found = name_named(
            "“The fire is under control,” said the mayor of Springfield, John Smith.",
            Lang::En,
        );
        assert_eq!(found.as_deref(), Some("John Smith"));
        let found = name_named(
            "„Die Zahlen sind gut“, sagte der Chef der Bundesagentur, Frank Weise.",
            Lang::De,
        );
        assert_eq!(found.as_deref(), Some("Frank Weise"));
        // A place after the comma is no name in apposition.
        let found = named(
            "“The fire is under control,” said the mayor of Springfield, Illinois.",
            Lang::En,
        );
        assert_eq!(
            found.map(|(m, name)| (m, name.is_none())),
            Some(("the mayor".into(), true))
        );
    }

    #[test]
    fn an_apposition_gives_the_speaker_a_role() {
        let found = named(
            "Smith, a spokesman for the campaign, said: “We disagree.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Smith".into(), Some("Smith".into()))));
    }

    #[test]
    fn a_persons_name_ends_at_of() {
        let found = name_named(
            "“These are new ideas,” said Gov. Earl Ray Tomblin of West Virginia.",
            Lang::En,
        );
        assert_eq!(found.as_deref(), Some("Earl Ray Tomblin"));
    }

    #[test]
    fn a_german_noun_after_an_article_is_a_description() {
        let found = named("„Die Lage ist ernst“, sagte der Sprecher.", Lang::De);
        assert_eq!(found, Some(("der Sprecher".into(), None)));
    }

    #[test]
    fn a_description_between_a_capitalised_modifier_and_the_name_is_the_role() {
        let cases = [
            (
                "“We do not lose the Senate,” said Idaho nutritional-supplement executive Frank VanderSloot.",
                "Frank VanderSloot",
            ),
            (
                "“Imagine Brad Thor going up against Trump,” mused Blaze co-host Stu Burguiere.",
                "Stu Burguiere",
            ),
            (
                "“I really don’t understand it,” said Air Force 1st Lt. Tyler Livingston.",
                "Tyler Livingston",
            ),
        ];
        for (text, name) in cases {
            let found = name_named(text, Lang::En);
            assert_eq!(found.as_deref(), Some(name), "{text}");
        }
        // A place and a time are no description: the name ends where they start.
        let found = name_named("“We will win,” said Trump in Iowa on Monday.", Lang::En);
        assert_eq!(found.as_deref(), Some("Trump"));
    }

    #[test]
    fn an_office_further_back_still_names_the_person_after_it() {
        let found = name_named(
            "«La situazione resta molto difficile», ha detto il portavoce della presidenza russa Dmitry Peskov.",
            Lang::It,
        );
        assert_eq!(found.as_deref(), Some("Dmitry Peskov"));
        // A capitalised word after a preposition is the office's, not the name's.
        let found = name_named(
            "«Sono attacchi inaccettabili», ha detto il ministro degli Esteri Sergei Lavrov.",
            Lang::It,
        );
        assert_eq!(found.as_deref(), Some("Sergei Lavrov"));
    }

    #[test]
    fn an_office_with_its_complement_is_the_subject() {
        let found = named(
            "El jefe de la diplomacia española recalcó que Hamás es “una organización terrorista”.",
            Lang::Es,
        );
        assert_eq!(
            found,
            Some(("El jefe de la diplomacia española".into(), None))
        );
        // No office before the complement: no subject (the place speaks not).
        let found = named(
            "En la capital de la región recalcó que Hamás es “una organización terrorista”.",
            Lang::Es,
        );
        assert_eq!(found, None);
    }

    #[test]
    fn a_description_before_a_name_is_its_role() {
        let role = |text: &str, lang: Lang| {
            with_text(text, lang, |t, _| {
                let name = (0..t.tokens.len())
                    .find(|&i| t.word(i) == Some("juanma"))
                    .expect("the name");
                t.role_before_name(name, name + 1)
                    .map(|(s, e)| t.chars[s..e].iter().collect::<String>())
            })
        };
        assert_eq!(
            role(
                "El presidente de la Junta de Andalucía, Juanma Moreno, dijo “basta”.",
                Lang::Es
            )
            .as_deref(),
            Some("El presidente de la Junta de Andalucía")
        );
        assert_eq!(
            role(
                "Lo dijo el presidente Juanma Moreno en “Canal Sur”.",
                Lang::Es
            )
            .as_deref(),
            Some("el presidente")
        );
        // A name after a verb's object is no apposition to it.
        assert_eq!(
            role("Ayer visitó la zona Juanma Moreno con “calma”.", Lang::Es),
            None
        );
    }

    #[test]
    fn a_platform_never_speaks() {
        let said_on_twitter = with_text(
            "“Thank you, Georgia,” Twitter said.",
            Lang::En,
            |t, qt| t.cue_after(qt).map(|(m, _)| t.could_speak(&m)),
        );
        assert_eq!(said_on_twitter, Some(false));
    }

    #[test]
    fn a_full_name_after_a_long_opening_description_speaks() {
        let found = name_named(
            "El ministro de Asuntos Exteriores portugués, Paulo Rangel, describió la situación como “muy grave y sin salida”.",
            Lang::Es,
        );
        assert_eq!(found, Some("Paulo Rangel".into()));
    }

    #[test]
    fn a_german_title_inside_the_capitalised_run_is_the_role() {
        for text in [
            "Der bayerische Ministerpräsident Edmund Stoiber sagte: „Wir werden das nicht hinnehmen.“",
            "Laut dem CDU-Fraktionsvorsitzenden Hartmut Perschau ist das „ein schwerer Fehler der Regierung“.",
        ] {
            let found = name_named(text, Lang::De);
            assert!(found.as_deref().is_some_and(|n| n == "Edmund Stoiber" || n == "Hartmut Perschau"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_full_name_after_a_short_description_is_the_person() {
        let found = name_named(
            "Pour sa consœur Corinne Serfati, qui intervient pour le Bureau national, le message est « extrêmement clair et grave ».",
            Lang::Fr,
        );
        assert_eq!(found, Some("Corinne Serfati".into()));
    }

    #[test]
    fn an_elided_article_is_no_part_of_a_name() {
        for text in [
            "«La situazione a Gaza è disperata», ha scritto l'Unrwa.",
            "«La situazione a Gaza è disperata», ha scritto ieri L'Unrwa.",
        ] {
            let found = name_named(text, Lang::It);
            assert_eq!(found.as_deref(), Some("Unrwa"), "{text}");
        }
        // `D'Alema` is a name, not an article before one.
        let found = name_named("«Non sono d'accordo», ha detto Massimo D'Alema.", Lang::It);
        assert_eq!(found.as_deref(), Some("Massimo D'Alema"));
    }

    #[test]
    fn a_persons_name_starts_at_the_first_known_first_name_in_the_run() {
        let cases = [
            ("“No podemos seguir haciendo lo mismo”, dijo el diputado de Convergencia Social Diego Ibáñez.", Lang::Es, "Diego Ibáñez"),
            ("“We will win this state,” said Republican Donald Trump.", Lang::En, "Donald Trump"),
            // A run that opens with a first name, or an initial, is one name.
            ("“We will win this state,” said Juan Carlos Rodríguez.", Lang::En, "Juan Carlos Rodríguez"),
            ("“We will win this state,” said J. Gerald Hebert.", Lang::En, "J. Gerald Hebert"),
            // Two first names: the first one known too (not `Jean King`).
            ("“We have to keep fighting for equal pay,” said Billie Jean King.", Lang::En, "Billie Jean King"),
        ];
        for (text, lang, expected) in cases {
            let found = name_named(text, lang);
            assert_eq!(found.as_deref(), Some(expected), "{text}");
        }
    }
}
