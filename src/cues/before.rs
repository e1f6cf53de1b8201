//! Rules that find the cue before the quote, in its sentence: `Blinken said:
//! “…”`, `according to aides`, `laut Polizei`, `Berichten der BBC zufolge`, German
//! verb-second order (`Demgegenüber sagte Merkel`), participles (`…, saying, "…"`)
//! and quotes woven into a sentence with no cue (`likened them to a “vicious
//! snake”`), which take the sentence's subject.

use super::*;

impl Text<'_> {
    /// `Blinken said: “…”`, `Lammy said the missiles marked "…"`.
    pub(super) fn cue_before(&self, qt: usize) -> Option<(Mention, Option<String>, Via)> {
        // `Trump issued the following statement:¶“…”`: a paragraph ending with
        // a colon introduces the quote that opens the next one.
        let introduced =
            qt >= 2 && self.tokens[qt - 1].kind == Kind::Break && self.punct(qt - 2) == Some(':');
        self.cue_before_at(qt, if introduced { qt - 1 } else { qt })
    }

    /// [`Self::cue_before`] for the quote at `qt`, looking before token `at`.
    fn cue_before_at(&self, qt: usize, at: usize) -> Option<(Mention, Option<String>, Via)> {
        let floor = self.sentence_start(at);
        let mut orphan_cue: Option<String> = None;
        for j in (floor..at).rev() {
            if let Some((m, cue)) = self.source_phrase_at(j) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some((m, cue)) = self.opinion_phrase_at(j, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some((m, cue)) = self.source_postposition_at(j, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            if let Some(m) = self.possessor_of_claim(j, at) {
                return Some((m, self.word(j).map(str::to_string), Via::Before));
            }
            let Some((cue, last)) = self.cue_at(j) else {
                continue;
            };
            if let Some(m) = self.with_clause_subject(j, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            if self.is_participle_cue(j) {
                orphan_cue.get_or_insert(cue);
                continue;
            }
            if let Some(m) = self.verb_second_subject(j, last, floor) {
                return Some((m, Some(cue), Via::Before));
            }
            let closes_clause = last + 1 == at || matches!(self.punct(last + 1), Some(':' | ','));
            if let Some(m) = closes_clause
                .then(|| self.subject_of_auxiliary(floor, j))
                .flatten()
            {
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
            if self.stands_for_its_subject(j, floor) {
                let verb = self.omitted_subject(j, last)?;
                return Some((verb, Some(cue), Via::Before));
            }
            orphan_cue.get_or_insert(cue);
        }
        if let Some(cue) = orphan_cue {
            let subject = self.sentence_subject(floor, at)?;
            return Some((subject, Some(cue), Via::SentenceSubject));
        }
        // `Said Ellis: “…”`: an inverted cue opening the sentence.
        if at >= 2 && matches!(self.punct(at - 1), Some(':' | ',')) {
            let opening = self.word(floor).filter(|_| self.is_capitalised(floor));
            if let Some(stem) = opening.and_then(|w| self.lex.cue_stem(w)) {
                if matches!(stem, "say" | "add" | "ask" | "write" | "tell") {
                    if let Some(m) = self.noun_phrase_after(floor + 1) {
                        // `Said Dorothy Poynter, who grew up with Ali, “…”`: or
                        // after an apposition or a relative clause.
                        let next = self.token_after(m.end);
                        let closes = next == Some(at - 1)
                            || next.is_some_and(|n| {
                                self.punct(n) == Some(',')
                                    && at - n <= APPOSITION_WINDOW
                                    && (n..at).all(|i| {
                                        !self.ends_sentence(i)
                                            && !matches!(self.tokens[i].kind, Kind::Quote(_))
                                    })
                            });
                        if closes {
                            return Some((m, Some(self.source_text(floor, floor)), Via::Before));
                        }
                    }
                }
            }
        }
        // A colon introduces the quote: headline style `Trump: “…”`, or
        // `Trump … leaned in and boomed: “…”`; the sentence's subject speaks.
        if at >= 2 && self.punct(at - 1) == Some(':') {
            // `Media caption Barack Obama: "…"`: a name right before the colon.
            let name_before = (self.lex.lang == Lang::En)
                .then(|| {
                    // `Rep. Trey Gowdy (R-S.C.): "…"`
                    self.noun_phrase_ending_at(self.skip_parenthetical(at - 2, floor), floor, false)
                })
                .flatten();
            if let Some(m) = name_before {
                if matches!(m.who, Who::Named(_) | Who::Group(_)) {
                    return Some((m, None, Via::Colon));
                }
            }
            // `…, so Elshorst weiter: „…“`: a clause after a comma that names
            // its speaker after its cue word.
            if let Some(found) = (floor..at - 1)
                .rev()
                .find(|&i| self.punct(i) == Some(','))
                .and_then(|comma| self.inverted_cue_after(comma + 1))
            {
                return Some((found.0, Some(found.1), Via::Before));
            }
            // A name after a colon (`Sein erstes Werk: „Le Grand Macabre“`) is no quotation.
            if self.lex.lang != Lang::En && self.quote_words(qt) > 3 {
                if let Some(m) = self.colon_headline(floor, at) {
                    return Some((m, None, Via::Colon));
                }
                // `Dabei griff sie den Präsidenten an: „…“`: verb second, any verb.
                if let Some(verb) = self.finite_verb(floor, at) {
                    if let Some(m) = self.verb_second_subject(verb, verb, floor) {
                        return Some((m, None, Via::Colon));
                    }
                }
            }
            // `She then addressed the supporters: “…”`: a pronoun opening
            // the sentence is its subject.
            let subject = self.sentence_subject(floor, at).or_else(|| {
                self.word(floor)
                    .filter(|w| self.lex.is_subject_pronoun(w))
                    .map(|_| self.mention(floor, floor, Who::Pronoun))
            })?;
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
            // `Sanders made the following comment:`: a speech noun before the
            // colon says the subject speaks, whatever the verb.
            let after_subject = self.token_after(subject.end).unwrap_or(at);
            let announces = (after_subject..at).any(|i| {
                self.word(i)
                    .is_some_and(|w| self.lex.is_speech_noun(w) || self.lex.is_document_noun(w))
            });
            return (verb_follows || announces).then_some((subject, None, Via::Colon));
        }
        None
    }

    /// `BKA-Präsident Ziercke: „…“`, `Erkki Tuomioja, Präsident des Rats: „…“`:
    /// a sentence that is only a speaker (and an apposition) before a colon.
    pub(super) fn colon_headline(&self, floor: usize, qt: usize) -> Option<Mention> {
        let m = self.noun_phrase_after(floor)?;
        let mut end = self.token_after(m.end)?;
        if self.punct(end) == Some(',') {
            let (_, apposition_end) = self.apposition_after(end)?;
            end = self.token_after(apposition_end)?;
        }
        let whole = end + 1 == qt && self.punct(end) == Some(':');
        let speaks = match m.who {
            Who::Named(_) | Who::Group(_) => true,
            Who::Nominal => self
                .word(floor)
                .is_some_and(|w| self.lex.is_nominative_determiner(w)),
            _ => false,
        };
        (whole && speaks).then_some(m)
    }

    /// The finite verb of a verb-second sentence: the first lower-case word
    /// that is no article, preposition or adjective inside a phrase.
    pub(super) fn finite_verb(&self, floor: usize, qt: usize) -> Option<usize> {
        (floor + 1..qt.min(floor + 12)).find(|&k| {
            let Some(w) = self.word(k) else { return false };
            let inside_phrase = self.word(k - 1).is_some_and(|p| {
                let p = lowercase(p);
                self.lex.is_preposition(&p) || self.lex.is_determiner(&p)
            });
            !self.is_capitalised(k)
                && !inside_phrase
                && !self.lex.is_determiner(w)
                && !self.lex.is_preposition(w)
                && !self.lex.is_conjunction(w)
        })
    }

    /// `Stoiber hatte die Rolle der Fraktionen betont: „…“`: outside English a
    /// participle ends its clause, the phrase right before it is its object,
    /// and the subject stands before the auxiliary in second place.
    pub(super) fn subject_of_auxiliary(&self, floor: usize, limit: usize) -> Option<Mention> {
        if self.lex.lang == Lang::En {
            return None;
        }
        let auxiliary = self.finite_verb(floor, limit).filter(|&k| {
            self.word(k)
                .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w))
        })?;
        // The phrase before the auxiliary, whatever its article's case.
        let opening = self
            .noun_phrase_after(floor)
            .filter(|m| self.token_after(m.end) == Some(auxiliary));
        opening.or_else(|| self.verb_second_subject(auxiliary, auxiliary, floor))
    }

    /// `according to aides`, `laut Polizei`, `nach Angaben der Behörde`,
    /// `selon le ministre`: a source phrase at `k` and the speaker it names.
    pub(super) fn source_phrase_at(&self, k: usize) -> Option<(Mention, String)> {
        let len = self.lex.source_preposition_len(&|i| self.word(k + i));
        if len == 0 {
            return None;
        }
        // `según asegura Campo`, `selon explique le ministre`: a verb of saying
        // after it, then its subject; `Según explicó, “…”`: the verb stands for
        // its left-out subject.
        if let Some((_, last)) = self.cue_at(k + len) {
            let m = self
                .noun_phrase_after(last + 1)
                .or_else(|| self.omitted_subject(k + len, last))?;
            return Some((m, self.source_text(k, last)));
        }
        let m = self.noun_phrase_after(k + len)?;
        Some((m, self.source_text(k, k + len - 1)))
    }

    /// `Pour Sophie Binet, « c'est un échec »`, `Para el ministro, "…"`,
    /// `Für Merkel ist das „…“`: a preposition of opinion opening the
    /// sentence (perhaps after `mais`, `pero`), a name or pronoun and a comma.
    pub(super) fn opinion_phrase_at(&self, j: usize, floor: usize) -> Option<(Mention, String)> {
        let word = self.word(j)?;
        let opens = j == floor
            || (j == floor + 1
                && self.word(floor).is_some_and(|w| {
                    self.lex.is_conjunction(w) || self.lex.is_capitalised_stopword(w)
                }));
        if !opens || !self.lex.is_opinion_preposition(word) {
            return None;
        }
        let m = self.noun_phrase_after(j + 1)?;
        // `Para el ministro,`: a description whose noun is a title is a person too.
        let titled = (j + 1..j + 3).any(|i| self.word(i).is_some_and(|w| self.lex.is_title(w)));
        let person = matches!(m.who, Who::Named(_) | Who::Pronoun) || titled;
        let comma = self
            .token_after(m.end)
            .is_some_and(|i| self.punct(i) == Some(','));
        (person && (comma || self.lex.lang == Lang::De)).then(|| (m, self.source_text(j, j)))
    }

    /// German `Berichten der BBC zufolge`: the speaker before the postposition.
    pub(super) fn source_postposition_at(
        &self,
        j: usize,
        floor: usize,
    ) -> Option<(Mention, String)> {
        let word = self.word(j)?;
        if !self.lex.is_source_postposition(word) || j <= floor {
            return None;
        }
        let m = self.noun_phrase_ending_at(j - 1, floor, true)?;
        Some((m, self.source_text(j, j)))
    }

    /// German verb-second order: `Demgegenüber sagte Merkel: „…“`, `In einem
    /// Interview erklärte er: „…“`. The subject follows the verb when it is a
    /// pronoun or a name, or when nothing before the verb can be its subject.
    pub(super) fn verb_second_subject(
        &self,
        verb: usize,
        last: usize,
        floor: usize,
    ) -> Option<Mention> {
        if self.lex.lang == Lang::En {
            return None;
        }
        let k = self.past_time_phrase(self.past_adverbs(last + 1, 3));
        // `Die CCE bestätigte … und nannte sie „…“`: a second verb shares the first one's subject.
        if verb > 0
            && self
                .word(verb - 1)
                .is_some_and(|w| self.lex.is_conjunction(w))
        {
            return None;
        }
        // `Der Vorsitzende des Verbands, Michael Knipper, kritisierte …`: a
        // subject with its apposition right before the verb.
        if verb > floor + 1 && self.punct(verb - 1) == Some(',') {
            if let Some(m) = self.subject_with_apposition(verb - 1, floor) {
                return Some(m);
            }
        }
        // `Stoiber begründete seinen Rückzug`: a noun phrase that opens the
        // sentence and ends at the verb is the subject.
        let opening = self
            .lex
            .lang
            .puts_verb_second()
            .then(|| {
                self.sentence_subject(floor, verb).or_else(|| {
                    self.noun_phrase_after(floor).filter(|m| {
                        self.lex
                            .is_nominative_determiner(self.word(floor).unwrap_or_default())
                            && m.end > 0
                    })
                })
            })
            .flatten();
        // `Über Steve Fossett sagte Branson`: a phrase opening with a preposition is no subject;
        // `Passend zu den Gefahren warnte …`, `Selbst die Zeitschrift …`: nor one adverb.
        let opening = opening.filter(|m| {
            let lone_word = m.end <= self.tokens[floor].end && m.who != Who::Pronoun;
            !self.word(floor).is_some_and(|w| {
                self.lex.is_preposition(w)
                    || lone_word
                        && (self.lex.is_adverb_or_auxiliary(w)
                            || self.lex.is_capitalised_stopword(w))
            })
        });
        if let Some(opening) = opening {
            // `Demgegenüber sagte Merkel`, `Ähnlich äußerte sich der Präsident`: a
            // lone opening adverb is no subject; `Milinkewitsch kritisierte …` is one.
            let subject_follows = self
                .word(k)
                .is_some_and(|w| w == "der" || self.lex.is_subject_pronoun(w));
            // `Der Zeitung sagte Filep Karma`: nobody says a person, so after a
            // plain verb of saying a name is the subject, whatever opened.
            // So after any verb when `der` opens the name's phrase: `Die
            // Anwendung … stellte der SPD-Vorsitzende Franz Müntefering in Frage`.
            let name_follows = matches!(opening.who, Who::Nominal)
                && (self.word(verb).is_some_and(|w| self.lex.says_strongly(w))
                    || self.word(k) == Some("der"))
                && self.quoted_title_at(k).is_none()
                && self
                    .noun_phrase_after(k)
                    .is_some_and(|m| matches!(m.who, Who::Named(_)));
            // `Die Familienministerin Renate Schmidt (SPD) äußerte`: past the party.
            let next = self.token_after(opening.end).map(|n| {
                if self.punct(n) != Some('(') {
                    return n;
                }
                (n..verb.min(n + 8))
                    .find(|&i| self.punct(i) == Some(')'))
                    .map_or(n, |close| close + 1)
            });
            // (`Er bezeichnete das Schriftstück als „…“`: a pronoun is a subject.)
            let lone_adverb = opening.who != Who::Pronoun
                && next == Some(floor + 1)
                && (subject_follows
                    || self.word(floor).is_some_and(|w| {
                        self.lex.is_capitalised_stopword(w) || self.lex.is_adverb_or_auxiliary(w)
                    }));
            if next == Some(verb) && !lone_adverb && !name_follows {
                return Some(opening);
            }
            // `Sascha Kempf vom Max-Planck-Institut erläutert …`, `Arni
            // Finnsson, ein Vertreter der Inca, kommentierte …`: all before the
            // second-place verb is one phrase, so the name opening it is its
            // subject, unless one follows the verb (`Deren Haltung bezeichnete er`).
            let named = matches!(opening.who, Who::Named(_) | Who::Group(_));
            let attributes_only = next.is_some_and(|n| {
                n < verb && verb - n <= 15 && (n..verb).all(|i| self.in_attribute(i))
            });
            if named && attributes_only && !subject_follows {
                return Some(opening);
            }
        }
        // `So heißt es in dem Schreiben`: the document speaks, or nobody.
        if self.word(k) == Some("es") {
            return self.impersonal_source(k);
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

    /// The first token from `from` on that is no lower-case adverb or
    /// auxiliary, skipping at most `most` of them (`sagte gestern Merkel`,
    /// `äußerte sich der Chef`).
    pub(super) fn past_adverbs(&self, from: usize, most: usize) -> usize {
        let mut k = from;
        while k < from + most
            && self
                .word(k)
                .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w) && !self.is_capitalised(k))
        {
            k += 1;
        }
        k
    }

    /// Token `i` may stand in a German noun phrase's attributes: a genitive
    /// (`der kritischen Öffentlichkeit`), a prepositional phrase (`vom
    /// Max-Planck-Institut`), an apposition, a parenthesis or a quoted name.
    fn in_attribute(&self, i: usize) -> bool {
        match self.tokens[i].kind {
            Kind::Word => {
                self.is_capitalised(i)
                    || self
                        .word(i)
                        .is_some_and(|w| self.lex.is_determiner(w) || self.lex.is_preposition(w))
                    || (i > 0 && !self.german_verb_after_noun(i))
            }
            Kind::Punct(c) => matches!(c, ',' | '(' | ')' | '-' | '–'),
            Kind::Quote(_) => true,
            Kind::Break => false,
        }
    }

    /// `heißt es in dem Schreiben`, `hieß es vom Abgeordneten Oserow`: after
    /// an impersonal `es` the document or person after the preposition speaks.
    pub(super) fn impersonal_source(&self, k: usize) -> Option<Mention> {
        let impersonal = self.lex.lang == Lang::De && self.word(k) == Some("es");
        (impersonal && self.word(k + 1).is_some_and(|w| self.lex.is_preposition(w)))
            .then(|| self.noun_phrase_after(k + 2))
            .flatten()
    }

    /// `Trump’s claim that there have been “thousands of shootings”`: a
    /// speech noun whose content is the quote names its speaker by possessive.
    pub(super) fn possessor_of_claim(&self, noun: usize, qt: usize) -> Option<Mention> {
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
    pub(super) fn reporting_clause_before(
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

    /// `Trump attacked Clinton, saying, "She's trigger-happy"`: a participle
    /// after a comma or `by` has no subject of its own; the main clause's
    /// subject speaks.
    /// So is one right after a document: `Trump and Ryan issued a statement
    /// describing …`, `in an email saying …`: the issuer speaks, not the document.
    /// `Admitió que el proceso es “complejo”`, `y enfatizó: “…”`, `Según
    /// entiende, “…”`: where subjects are left out, a finite verb of saying
    /// that opens its clause (the sentence, or after `y`, `según`) has none
    /// of its own: it stands for the person the text is about.
    fn stands_for_its_subject(&self, j: usize, floor: usize) -> bool {
        if !self.lex.lang.drops_subjects() {
            return false;
        }
        let mut start = j;
        let auxiliary = |i: usize| {
            self.word(i)
                .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w))
        };
        while start > floor && auxiliary(start - 1) {
            start -= 1;
        }
        let finite = start < j || !self.word(j).is_some_and(|w| self.lex.is_participle(w));
        // (`Cuatro años después, valora que …`: after a comma too, since no
        // subject stood before the verb.)
        let opens_clause = start == floor
            || self.punct(start - 1) == Some(',')
            || self
                .word(start - 1)
                .is_some_and(|w| self.lex.is_conjunction(w))
            || self
                .lex
                .source_preposition_len(&|i| self.word(start - 1 + i))
                == 1;
        finite && opens_clause
    }

    pub(super) fn is_participle_cue(&self, j: usize) -> bool {
        self.lex.lang == Lang::En
            && self.word(j).is_some_and(|w| w.ends_with("ing"))
            && j > 0
            && (self.punct(j - 1) == Some(',')
                || self.word(j - 1).is_some_and(|w| {
                    matches!(w, "by" | "after" | "before" | "while" | "when" | "of")
                        || self.lex.is_document_noun(w)
                }))
    }

    /// `…, with Trump reportedly yelling: “…”`: a participle of saying after
    /// `with` and a noun phrase (and perhaps an adverb) has that phrase for
    /// its subject.
    fn with_clause_subject(&self, j: usize, floor: usize) -> Option<Mention> {
        if self.lex.lang != Lang::En || !self.word(j)?.ends_with("ing") {
            return None;
        }
        let adverb = self
            .word(j - 1)
            .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w));
        let end = j.checked_sub(if adverb { 2 } else { 1 })?;
        let m = self.noun_phrase_ending_at(end, floor, false)?;
        let first = self.token_after(m.start)?;
        (first > floor && self.word(first - 1) == Some("with")).then_some(m)
    }

    /// `Trump likened the refugees to a “vicious snake”`, `Reid has gone
    /// after Trump as a “human leech”`: a quote woven into a sentence with no
    /// verb of saying belongs to the sentence's subject, when that is a name
    /// or a pronoun followed by its verb.
    pub(super) fn woven_subject(&self, qt: usize) -> Option<Mention> {
        // Measured on German news: there the clause subject is as often wrong as right.
        if self.lex.lang != Lang::En {
            return None;
        }
        let floor = self.sentence_start(qt);
        let subject = self.sentence_subject(floor, qt)?;
        if matches!(subject.who, Who::Relative(_)) {
            return None;
        }
        let mut next = self.token_after(subject.end)?;
        // `Aaron Kall, the director of debate …, compared Trump to …`: the
        // verb comes after the subject's apposition.
        if let Some((_, apposition_end)) = self.apposition_after(next) {
            let closing = self.token_after(apposition_end)?;
            if self.punct(closing) != Some(',') {
                return None;
            }
            next = closing + 1;
        } else if self.punct(next) == Some(',')
            && self
                .token_after(subject.start)
                .is_some_and(|t| t > 0 && self.punct(t - 1) == Some(','))
        {
            // The comma closing a name in apposition.
            next += 1;
        }
        let verb_follows = next < qt
            && self.word(next).is_some_and(|w| {
                !self.is_capitalised(next) && !self.lex.ends_noun_phrase(w)
                    || self.lex.is_adverb_or_auxiliary(w)
            });
        verb_follows.then_some(subject)
    }

    /// `The billionaire businessman`, `the senator from Vermont`: a definite
    /// description whose head, before any preposition, is a title or a noun
    /// for one person; the mention up to that head (a noun phrase read
    /// left to right may run on into the verb: `The businessman began`).
    fn one_person_described(&self, m: &Mention) -> Option<Mention> {
        let first = self.token_after(m.start)?;
        let definite = self
            .word(first)
            .is_some_and(|w| self.lex.is_determiner(w) && self.lex.is_definite(w));
        if !definite {
            return None;
        }
        let head = (first + 1..first + 1 + NOUN_PHRASE_WORDS)
            .take_while(|&i| self.tokens.get(i).is_some_and(|t| t.start < m.end))
            .take_while(|&i| self.word(i).is_some_and(|w| !self.lex.is_preposition(w)))
            .filter(|&i| {
                self.word(i)
                    .is_some_and(|w| self.lex.names_one_person(w) && !w.ends_with('s'))
            })
            .last()?;
        Some(self.mention(first, head, Who::Nominal))
    }

    /// A word in capitals of three letters or more, then a comma: a
    /// dateline's place (`PHILADELPHIA,`, `BERLIN,`).
    fn is_dateline(&self, k: usize) -> bool {
        let token = &self.tokens[k];
        let letters = &self.chars[token.start..token.end];
        token.kind == Kind::Word
            && letters.len() >= 3
            && letters.iter().all(|c| c.is_uppercase())
            && self.punct(k + 1) == Some(',')
    }

    /// The subject that starts the sentence at `floor`, skipping `But`, `And`.
    pub(super) fn sentence_subject(&self, floor: usize, limit: usize) -> Option<Mention> {
        let mut k = floor;
        while k < limit
            && self
                .word(k)
                .is_some_and(|w| matches!(w, "but" | "and" | "so" | "yet" | "then" | "still"))
        {
            k += 1;
        }
        // `PHILADELPHIA, July 25 (UPI) — The committee released …`: a
        // dateline in capitals and its dash come before the subject.
        if self.is_dateline(k) {
            let dash =
                (k..limit.min(k + 12)).find(|&i| matches!(self.punct(i), Some('—' | '–')))?;
            k = dash + 1;
        }
        // `During a speech in Ohio, Trump attacked …`: past an opening phrase
        // (in English; German puts the verb, not the subject, after one).
        // `Hours later, Trump …`, `Monday, Trump …`: so does a time phrase.
        // `The billionaire businessman began …`: `The` opens no phrase before
        // the subject when a description of one person follows it.
        let described = (!self.lex.lang.puts_verb_second())
            .then(|| self.noun_phrase_after(k))
            .flatten()
            .filter(|m| matches!(m.who, Who::Nominal))
            .and_then(|m| self.one_person_described(&m));
        if described.is_some() {
            return described;
        }
        let opens_with_phrase = self.lex.lang == Lang::En
            && self.word(k).is_some_and(|w| {
                // `Following an outcry, …`, `Speaking at a rally, …`
                let participle =
                    w.ends_with("ing") && self.word(k + 1).is_some() && !self.is_capitalised(k + 1);
                // After `And` or `But` the opening word is lower case: `And although …,`.
                self.is_capitalised(k) && (self.lex.is_capitalised_stopword(w) || participle)
                    || (k..limit.min(k + 3)).any(|i| {
                        self.word(i).is_some_and(|w| self.lex.is_time_word(w))
                            && self.punct(i + 1) == Some(',')
                    })
            });
        if opens_with_phrase {
            let comma = (k..limit.min(k + 25)).find(|&i| self.punct(i) == Some(','))?;
            k = comma + 1;
            // `Speaking in Salem, New Hampshire, Trump …`: the town's state
            // still belongs to the phrase.
            if let Some(next) = (k..limit.min(k + 4)).find(|&i| self.punct(i) == Some(',')) {
                if next > k && crate::lexicon::is_place(&lowercase(&self.source_text(k, next - 1)))
                {
                    k = next + 1;
                }
            }
        }
        // `De cara al futuro, la Asociación …`, `Posée à la cafétéria avec
        // une amie, la jeune femme …`: outside English and German a
        // capitalised preposition, or a capitalised word and a preposition,
        // open such a phrase, when a comma closes it. Without one, a
        // preposition opens no subject at all (`A Roma il corteo …`).
        let preposition = |i: usize| self.word(i).is_some_and(|w| self.lex.is_preposition(w));
        let opens_with_preposition = self.lex.lang != Lang::En
            && !self.lex.lang.puts_verb_second()
            && self.is_capitalised(k)
            && (preposition(k) || !self.is_capitalised(k + 1) && preposition(k + 1));
        if opens_with_preposition {
            match (k..limit.min(k + 25)).find(|&i| self.punct(i) == Some(',')) {
                Some(comma) => k = comma + 1,
                None if preposition(k) => return None,
                None => {}
            }
        }
        let m = self.noun_phrase_after(k)?;
        if !matches!(m.who, Who::Nominal) {
            return Some(m);
        }
        // `Another critic, Laurence H. Tribe, likened …`: the name in apposition.
        let comma = self.token_after(m.end)?;
        let name = (self.punct(comma) == Some(','))
            .then(|| self.noun_phrase_after(comma + 1))
            .flatten();
        let closed = |name: &Mention| {
            self.token_after(name.end)
                .is_some_and(|t| self.punct(t) == Some(','))
        };
        match name {
            Some(name) if matches!(name.who, Who::Named(_)) && closed(&name) => Some(name),
            // `In three interviews, the justice sounded off …`: a description
            // after the opening phrase, as at the sentence's start.
            _ if k > floor => self.one_person_described(&m),
            _ => None,
        }
    }

    /// The first token of the sentence (or the last `BEFORE_WINDOW` tokens) before `qt`.
    pub(super) fn sentence_start(&self, qt: usize) -> usize {
        (qt.saturating_sub(BEFORE_WINDOW)..qt)
            .rev()
            .find(|&i| self.ends_sentence(i))
            .map_or(qt.saturating_sub(BEFORE_WINDOW), |i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::with_text;
    use super::*;

    fn before(text: &str, lang: Lang) -> Option<(String, Via)> {
        with_text(text, lang, |t, qt| {
            t.cue_before(qt).map(|(m, _, via)| (t.written(&m), via))
        })
    }

    #[test]
    fn a_participle_after_with_and_a_name_has_that_name_for_subject() {
        let found = before(
            "At a rally in Birmingham, Alabama, on Saturday, supporters kicked a protester, with Trump reportedly yelling: “Get him the hell out of here!”",
            Lang::En,
        );
        assert_eq!(found, Some(("Trump".into(), Via::Before)));
    }

    #[test]
    fn a_participle_after_of_is_no_verb_with_a_subject_before_it() {
        // `a point of` is no speaker; the sentence's subject is.
        let found = before(
            "And he made a point of saying the nightclub \"was a place of solidarity and empowerment.\"",
            Lang::En,
        );
        assert_eq!(found, Some(("he".into(), Via::SentenceSubject)));
    }

    #[test]
    fn source_phrases_in_every_language() {
        let table = [
            (
                Lang::En,
                "According to the ministry, “the talks will resume on Monday.”",
                "the ministry",
            ),
            (
                Lang::De,
                "Laut Polizei wurden „mehrere Menschen verletzt“.",
                "Polizei",
            ),
            (
                Lang::De,
                "Nach Auffassung des Fraktionsvorsitzenden Hartmut Perschau sei es „völlig untragbar“.",
                "des Fraktionsvorsitzenden Hartmut Perschau",
            ),
            (
                Lang::Fr,
                "Selon le ministre, « la réforme sera votée ».",
                "le ministre",
            ),
            (
                Lang::Es,
                "Según la policía, «el sospechoso huyó».",
                "la policía",
            ),
            (
                Lang::Es,
                "Según asegura Campo, «nos llena de orgullo».",
                "Campo",
            ),
            (
                Lang::Fr,
                "Selon explique le ministre, « la réforme sera votée ».",
                "le ministre",
            ),
        ];
        for (lang, text, speaker) in table {
            assert_eq!(
                before(text, lang),
                Some((speaker.into(), Via::Before)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_capitalised_preposition_opens_a_phrase_before_the_subject() {
        let found = before(
            "De cara al futuro, David Campo se mantendrá en la misma línea: \"Nos interesa escuchar otras opciones\".",
            Lang::Es,
        );
        assert_eq!(found, Some(("David Campo".into(), Via::Colon)));
        // Without a comma the preposition opens no subject at all.
        let found = before(
            "A Roma il corteo è partito alle dieci del mattino: \"Laziale ebreo, noi siamo con te\".",
            Lang::It,
        );
        assert!(!found.is_some_and(|(who, _)| who.contains("Roma")));
    }

    #[test]
    fn a_capitalised_word_and_a_preposition_open_a_phrase_before_the_subject() {
        let found = before(
            "Posée à la cafétéria de la fac avec une amie, Zineb Amrani reste prudente : « La priorité, ça reste de recevoir une formation solide. »",
            Lang::Fr,
        );
        assert_eq!(found, Some(("Zineb Amrani".into(), Via::Colon)));
    }

    #[test]
    fn german_verb_second_puts_the_subject_after_the_verb() {
        let found = before("Demgegenüber sagte Merkel: „Wir schaffen das.“", Lang::De);
        assert_eq!(found, Some(("Merkel".into(), Via::Before)));
        let found = before(
            "Stoiber begründete seinen Rückzug mit einer „veränderten Lage“.",
            Lang::De,
        );
        assert_eq!(found, Some(("Stoiber".into(), Via::Before)));
        let found = before(
            "Über Steve Fossett sagte Branson: „Steve muss mit ernsten Turbulenzen zurechtkommen.“",
            Lang::De,
        );
        assert_eq!(found, Some(("Branson".into(), Via::Before)));
        let found = before(
            "Als Begründung sagte ein Wissenschaftler: „Das ist ein sehr breites Feld an Erkrankungen.“",
            Lang::De,
        );
        assert_eq!(found, Some(("ein Wissenschaftler".into(), Via::Before)));
    }

    #[test]
    fn a_one_word_german_subject_opens_the_sentence_unless_it_is_an_adverb() {
        let found = before(
            "Milinkewitsch kritisierte die Handlungsweise Kozulins als „Provokation, die der Staatsmacht gelegen kam“.",
            Lang::De,
        );
        assert_eq!(found, Some(("Milinkewitsch".into(), Via::Before)));
        let found = before(
            "Ähnlich äußerte sich der US-Präsident George W. Bush: „Die USA haben die Lage im Griff.“",
            Lang::De,
        );
        assert_eq!(found.map(|(who, _)| who.ends_with("Bush")), Some(true));
    }

    #[test]
    fn a_german_colon_introduction_names_its_speaker() {
        let found = before(
            "Erkki Tuomioja, Präsident des Rats der Europäischen Union: „Die Verabschiedung eines solchen Gesetzes wäre ein Fehler.“",
            Lang::De,
        );
        assert_eq!(found, Some(("Erkki Tuomioja".into(), Via::Colon)));
        let found = before(
            "Dabei griff sie auch direkt den iranischen Präsidenten an: „Ein Präsident, der das Existenzrecht Israels in Frage stellt, ist nicht tragbar.“",
            Lang::De,
        );
        assert_eq!(found, Some(("sie".into(), Via::Colon)));
        let found = before(
            "Der Vorsitzende des Bauhauptverbands, Michael Knipper, kritisierte die Entscheidung der BaFin scharf: „Das ist ein schwerer Fehler für den Standort.“",
            Lang::De,
        );
        assert_eq!(
            found.map(|(who, _)| who.ends_with("Michael Knipper")),
            Some(true)
        );
        // The name of a work after a colon is nobody's words.
        let found = before(
            "Sein erstes großes Werk entstand in den 1970er Jahren: „Le Grand Macabre“.",
            Lang::De,
        );
        assert_eq!(found, None);
    }

    #[test]
    fn a_participle_cue_takes_the_sentence_subject() {
        let found = before(
            "Trump attacked Clinton for her record, saying, “She is trigger-happy.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Trump".into(), Via::SentenceSubject)));
        assert!(Via::SentenceSubject.confidence() < Via::Before.confidence());
        let found = before(
            "Hours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon and I have a great relationship.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Trump".into(), Via::SentenceSubject)));
        let found = before(
            "Following a late meeting, Ryan issued a statement calling the vote “a clear violation”.",
            Lang::En,
        );
        assert_eq!(found, Some(("Ryan".into(), Via::SentenceSubject)));
    }

    #[test]
    fn a_document_is_never_the_speaker_of_its_participle() {
        let found = before(
            "Philippine Secretary Martin Andanar released a statement saying that Trump had “professed his love for the Philippines”.",
            Lang::En,
        );
        assert_eq!(
            found.map(|(who, _)| who.ends_with("Martin Andanar")),
            Some(true)
        );
        let found = before(
            "Ryan issued a statement describing the meeting as a “very positive step toward unification”.",
            Lang::En,
        );
        assert_eq!(found, Some(("Ryan".into(), Via::SentenceSubject)));
    }

    #[test]
    fn a_woven_quote_takes_the_sentence_subject() {
        let found = with_text(
            "Trump likened the refugees to a “vicious snake” on Monday.",
            Lang::En,
            |t, qt| t.woven_subject(qt).map(|m| t.written(&m)),
        );
        assert_eq!(found.as_deref(), Some("Trump"));
    }

    #[test]
    fn a_description_of_one_person_opening_the_sentence_is_its_subject() {
        let found = before(
            "The billionaire businessman began by talking about the drug crisis, saying that heroin is now \"cheaper than getting candy.\"",
            Lang::En,
        );
        assert_eq!(
            found,
            Some(("The billionaire businessman".into(), Via::SentenceSubject))
        );
        // A plural description is no one person.
        let found = before(
            "The businessmen began by talking about the drug crisis, saying that heroin is now \"cheaper than getting candy.\"",
            Lang::En,
        );
        assert_eq!(found, None);
    }

    #[test]
    fn a_description_of_one_person_after_an_opening_phrase_is_the_subject() {
        let found = before(
            "In three interviews, the justice sounded off on Trump, saying she did not “want to contemplate” the effects.",
            Lang::En,
        );
        assert_eq!(found, Some(("the justice".into(), Via::SentenceSubject)));
        // Still a description of one person: not the crowd.
        let found = before(
            "In three interviews, the protesters sounded off on Trump, saying they did not “want to contemplate” the effects.",
            Lang::En,
        );
        assert_eq!(found, None);
    }

    #[test]
    fn a_dateline_is_no_subject() {
        let subject = with_text(
            "PHILADELPHIA, July 25 (UPI) — Debbie Wasserman Schultz released a statement at the convention Monday, offering “a deep and sincere apology” to Sen. Bernie Sanders.",
            Lang::En,
            |t, qt| t.woven_subject(qt).map(|m| t.written(&m)),
        );
        assert_eq!(subject.as_deref(), Some("Debbie Wasserman Schultz"));
    }

    #[test]
    fn an_opening_phrase_runs_on_through_the_state_after_a_town() {
        let found = before(
            "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Trump".into(), Via::SentenceSubject)));
    }

    #[test]
    fn a_pronoun_opening_the_sentence_before_a_colon_speaks() {
        let found = before(
            "She then addressed the supporters again: “Here is what I regret. I regret they don’t want to listen to anybody else.”",
            Lang::En,
        );
        assert_eq!(found, Some(("She".into(), Via::Colon)));
    }

    #[test]
    fn a_name_and_its_party_before_a_colon_speak() {
        let found = before(
            "Rep. Trey Gowdy (R-S.C.): “I have not heard anyone other than you ever cite that figure.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Rep. Trey Gowdy".into(), Via::Colon)));
    }

    #[test]
    fn a_name_after_a_preposition_and_its_article_is_no_subject() {
        let found = before(
            "En un mensaje difundido por la Casa Real se declararon “profundamente consternados por el incendio”.",
            Lang::Es,
        );
        assert!(!found.is_some_and(|(who, _)| who.contains("Casa Real")));
    }

    #[test]
    fn an_inverted_said_may_carry_a_relative_clause_before_the_quote() {
        let found = before(
            "Said Dorothy Poynter, who grew up with Ali in the neighborhood, “We were all so proud of him.”",
            Lang::En,
        );
        assert_eq!(found, Some(("Dorothy Poynter".into(), Via::Before)));
    }

    #[test]
    fn a_german_name_after_der_and_any_verb_is_the_subject() {
        let found = before(
            "Die neue Regel verteidigte der SPD-Vorsitzende Franz Müntefering: „Die Anwendung der Richtlinie ist nicht lebensnah.“",
            Lang::De,
        );
        assert!(found.is_some_and(|(who, _)| who.contains("Franz Müntefering")));
    }

    #[test]
    fn a_newspaper_told_something_is_no_speaker() {
        let found = before(
            "Der grüne Staatssekretär sagte der „Berliner Zeitung“, dass an einer „grünen Zapfsäule für alle Kunden“ Biodiesel angeboten werden solle.",
            Lang::De,
        );
        assert!(found.is_some_and(|(who, _)| who.contains("Staatssekretär")));
    }
}
