//! Rules that find the cue after the quote: `“…,” Blinken said`, `„…“, so der
//! Minister`, `« … », a-t-elle ajouté`, and a cue closing the sentence (`…, Song
//! wrote.`). Each returns the mention the cue names; `Via::After` and
//! `Via::SentenceEnd` carry their confidence.

use super::*;

impl Text<'_> {
    /// `“…,” Blinken said`, `“…,” said Blinken`, `“…,” according to aides`.
    pub(super) fn cue_after(&self, qt: usize) -> Option<(Mention, String)> {
        let mut k = qt + 1;
        // `« Errare humanum est » (l'erreur est humaine), lance le procureur`:
        // past a short gloss in parentheses.
        if self.punct(k) == Some('(') {
            k = (k + 1..k + 16)
                .take_while(|&i| i < self.tokens.len() && !self.ends_sentence(i))
                .find(|&i| self.punct(i) == Some(')'))
                .map_or(k, |close| close + 1);
        }
        while self.punct(k).is_some_and(opens_incise) {
            k += 1;
        }
        // `the race “is a dead heat right now,” as Cruz said on Monday`, `“extremely
        // careless” – as described by FBI Director James Comey`: `as` opens the clause
        // that names the speaker.
        if self.lex.lang == Lang::En && self.word(k) == Some("as") {
            if let Some((cue, last)) = self.cue_at(k + 1) {
                return (self.word(last + 1) == Some("by"))
                    .then(|| self.noun_phrase_after(last + 2))
                    .flatten()
                    .map(|m| (m, cue));
            }
            let subject_follows = self.is_capitalised(k + 1)
                || self
                    .word(k + 1)
                    .is_some_and(|w| self.lex.is_subject_pronoun(w) || self.lex.is_determiner(w));
            if !subject_follows {
                return None;
            }
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
            if let Some(source) = self.impersonal_source(last + 1) {
                return Some((source, cue));
            }
            if let Some(m) = self.subject_after_verb(last) {
                return Some((m, cue));
            }
            // `un “bloqueo” anunciado a principios de mes`: a participle with
            // no auxiliary before it describes the quote; nobody is left out.
            let finite = !self.word(k).is_some_and(|w| self.lex.is_participle(w));
            return self
                .participle_closing_clause(qt, last)
                .or_else(|| finite.then(|| self.omitted_subject(k, last)).flatten())
                .map(|m| (m, cue));
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
            // `“…,” May said.`, `From said`: one capitalised word right after
            // the quote and before its verb names someone, though it may be a
            // month or a preposition elsewhere.
            None if verb == k + 1 && self.is_capitalised(k) => {
                self.mention(k, k, Who::Named(self.person(k, k, k)))
            }
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

    /// The subject after a verb of saying that ends at `last`: `said
    /// Smith`; outside English past a reflexive or an adverb (`äußerte sich
    /// der Chef`, `sagte gestern Merkel`), a time phrase (`dijo este domingo
    /// el ministro`) or a short phrase (`rappelle en préambule le président`).
    fn subject_after_verb(&self, last: usize) -> Option<Mention> {
        let start = match self.lex.lang {
            Lang::En => last + 1,
            _ => self.past_time_phrase(self.past_adverbs(last + 1, 2)),
        };
        self.noun_phrase_after(start).or_else(|| {
            let article = self.past_short_phrase(start)?;
            self.noun_phrase_after(self.past_time_phrase(article))
        })
    }

    /// `rappelle en préambule le président du tribunal`, `dijo en rueda de
    /// prensa el ministro`: outside English and German a short phrase after a preposition
    /// may stand between the cue and its subject. The subject's article after
    /// it, within four words.
    fn past_short_phrase(&self, at: usize) -> Option<usize> {
        // `dice all'Adnkronos un portavoce`: Italian joins a preposition and
        // an elided article to the noun, a phrase in one word.
        let joined = self.word(at).is_some_and(|w| {
            w.split_once('\'')
                .is_some_and(|(p, rest)| !rest.is_empty() && ELIDED_PREPOSITIONS.contains(&p))
        });
        let opens = joined || self.word(at).is_some_and(|w| self.lex.is_preposition(w));
        // (Measured in German, the phrase's own nouns are too often taken: not there.)
        if matches!(self.lex.lang, Lang::En | Lang::De) || !opens {
            return None;
        }
        (at + if joined { 1 } else { 2 }..at + 6)
            .take_while(|&i| self.word(i).is_some())
            .find(|&i| {
                // Not an article inside the phrase: `en la reunión de la comisión`.
                self.word(i).is_some_and(|w| self.lex.is_determiner(w))
                    && !self.word(i - 1).is_some_and(|w| self.lex.is_preposition(w))
            })
    }

    /// `Minister Aridi hatte die Zustimmung „trotz einiger Vorbehalte“
    /// bekanntgegeben.`: a participle right after the quote closes the clause.
    fn participle_closing_clause(&self, qt: usize, last: usize) -> Option<Mention> {
        let closes = self
            .word(last + 1)
            .is_none_or(|_| self.ends_sentence(last + 1));
        closes
            .then(|| self.subject_of_auxiliary(self.sentence_start(qt), qt))
            .flatten()
    }

    /// `„…“, so der Minister`, `„…“, hatte VW-Chef Winterkorn erklärt`,
    /// `« … », a déclaré le ministre`: outside English the speaker may follow
    /// the cue word or the auxiliary that opens the clause after a quote.
    pub(super) fn inverted_cue_after(&self, k: usize) -> Option<(Mention, String)> {
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
        // `a déclaré le ministre`, or `ha aggiunto.` with the subject left out.
        if let Some((cue, last)) = self.cue_at(k + 1) {
            return self
                .subject_after_verb(last)
                .or_else(|| self.omitted_subject(k, last))
                .map(|m| (m, cue));
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

    /// `“…”, dijo.`, `“…”, ha aggiunto.`, `“…”, acrescentou.`: Spanish,
    /// Portuguese and Italian leave out a subject the reader already knows,
    /// the person the text was talking about. The verb stands for it, as a
    /// pronoun would, and resolution gives it the last speaker.
    pub(super) fn omitted_subject(&self, first: usize, last: usize) -> Option<Mention> {
        if !self.lex.lang.drops_subjects() {
            return None;
        }
        Some(Mention::at(
            self.tokens[first].start,
            self.tokens[last].end,
            Who::Pronoun,
        ))
    }

    /// `« Je suis très inquiet, glisse-t-il lorsqu'on le croise, pour mon
    /// avenir »`, `« Notre crainte …, explique Alexandra Teixeira, chargée de
    /// communication. Il y a … »`, `"Es normal –reflexiona– que …"`, `"Siamo
    /// pronti - dichiara il sindaco - a tutto"`: French, Spanish, Italian,
    /// Portuguese and the Slavic languages may put the incise inside the
    /// quotation marks. After a comma or a dash inside the quote, a verb of
    /// saying whose clause closes again (a comma, a dash, a stop or the
    /// quote's end) is read as a cue after a quote would be: its words make a
    /// token stream of their own, led by the quote, for [`Text::cue_after`].
    pub(super) fn incise_in_quote(&self, qt: usize) -> Option<(Mention, String)> {
        let Kind::Quote(q) = self.tokens[qt].kind else {
            return None;
        };
        // English and German close the quote around an incise (`“A,” he said, “B”`).
        if matches!(self.lex.lang, Lang::En | Lang::De) {
            return None;
        }
        let span = &self.spans[q];
        // (A no-break space counts: `Journal -\u{a0}dichiara il Presidente`.)
        let spaced = |i: usize| {
            i > span.start
                && self.chars[i - 1].is_whitespace()
                && self.chars.get(i + 1).is_some_and(|c| c.is_whitespace())
        };
        for i in span.start..span.end {
            let c = self.chars[i];
            let separator = opens_incise(c) || c == '-' && spaced(i);
            if !separator {
                continue;
            }
            let Some(start) = (i + 1..span.end).find(|&j| !self.chars[j].is_whitespace()) else {
                break;
            };
            // Only a verb of saying opens an incise: looked up before any tokens are made.
            let (word, end) = self.lower_word_at(start, span.end);
            let opens = match word.split_once('-') {
                // `glisse-t-il`, `a-t-elle ajouté`
                Some((verb, _)) => {
                    self.lex.cue_stem(verb).is_some() || self.lex.is_adverb_or_auxiliary(verb)
                }
                // `explique X`, `a déclaré X`, `ha detto`
                None => {
                    self.lex.cue_stem(&word).is_some()
                        || self.lex.is_adverb_or_auxiliary(&word) && {
                            let next = (end..span.end).find(|&j| !self.chars[j].is_whitespace());
                            next.is_some_and(|n| {
                                self.lex
                                    .cue_stem(&self.lower_word_at(n, span.end).0)
                                    .is_some()
                            })
                        }
                }
            };
            if !opens {
                continue;
            }
            let to = span.end.min(start + INCISE_CHARS);
            let mut tokens = vec![
                self.tokens[qt],
                // (Read as the comma of `“…”, said X`, whatever the mark.)
                Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct(','),
                },
            ];
            tokens.extend(tokenize_between(self.chars, start, to));
            let incise = Text::new(self.chars, &tokens, self.spans, self.lex);
            let Some((mention, cue)) = incise.cue_after(0) else {
                continue;
            };
            // The incise closes soon after its subject (or its verb, for a
            // left-out subject): `prosegue l'Unicef in una nota -`; unless the
            // subject is joined to the verb (`glisse-t-il lorsqu'on le croise`).
            let joined = mention.end == end && word.bytes().any(|b| b == b'-');
            let mut rest = incise
                .tokens
                .iter()
                .skip_while(|t| t.start < mention.end)
                .peekable();
            let closes = joined
                || rest.peek().is_none()
                || rest.take(INCISE_TAIL).any(|t| {
                    matches!(
                        t.kind,
                        Kind::Punct(',' | '.' | ';' | '–' | '—' | '―' | '-' | '!' | '?')
                    )
                });
            if closes && incise.could_speak(&mention) {
                return Some((mention, cue));
            }
        }
        None
    }

    /// The word starting at char `start` (letters and hyphens, before
    /// `limit`), in lower case, and where it ends.
    fn lower_word_at(&self, start: usize, limit: usize) -> (String, usize) {
        let end = (start..limit)
            .find(|&j| !(self.chars[j].is_alphabetic() || self.chars[j] == '-'))
            .unwrap_or(limit);
        let word = self.chars[start..end]
            .iter()
            .flat_map(|c| lower_char(*c))
            .collect();
        (word, end)
    }

    /// French `dit-il`, `a-t-elle ajouté`: the subject pronoun joined to the
    /// verb by a hyphen.
    pub(super) fn pronoun_joined_to_cue(&self, k: usize) -> Option<(Mention, String)> {
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

    /// `“…”. Lo ha detto il ministro russo degli Esteri, Sergei Lavrov.`,
    /// `"…". Así lo explicó la ministra.`: the next sentence opens with a
    /// pronoun that takes up what was just quoted, and its cue names the speaker.
    pub(super) fn resumptive_cue(&self, qt: usize) -> Option<(Mention, String)> {
        let limit = (qt + AFTER_WINDOW).min(self.tokens.len());
        // `"…": lo ha detto Joe Biden`: after a colon, in the same sentence.
        let colon_then_resumptive = self.punct(qt + 1) == Some(':')
            && self.word(qt + 2).is_some_and(|w| self.lex.is_resumptive(w));
        let end = if self.ends_sentence(qt) {
            qt
        } else if colon_then_resumptive {
            qt + 1
        } else {
            (qt + 1..limit).find(|&i| self.ends_sentence(i))?
        };
        // The same paragraph: a break ends the quote's reach.
        let mut k = end + 1;
        let mut opening = 0;
        while opening < 2 && self.word(k).is_some_and(|w| self.lex.is_resumptive(w)) {
            k += 1;
            opening += 1;
        }
        if opening == 0 || self.tokens.get(end).is_some_and(|t| t.kind == Kind::Break) {
            return None;
        }
        let (cue, last) = self.cue_at(self.past_adverbs(k, 2))?;
        let m = self.noun_phrase_after(last + 1)?;
        Some((m, cue))
    }

    /// A cue closing the sentence the quote stands in, when neither side of
    /// the quote has one: `… branded "in homage to" Lazar, Song wrote.`
    pub(super) fn cue_ending_sentence(&self, qt: usize) -> Option<(Mention, String)> {
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
            // (`…, Joe Kasper, told POLITICO.`: whoever is told never speaks.)
            let tells = self.lex.cue_stem(self.word(verb).unwrap_or_default()) == Some("tell");
            if self.punct(verb - 1) == Some(',') && !tells {
                if let Some(m) = self.noun_phrase_after(last + 1) {
                    if matches!(m.who, Who::Named(_) | Who::Nominal) {
                        return Some((m, cue));
                    }
                }
            }
            // `El primer objetivo es “…”, que ha hecho de Gaza “…”, señaló.`:
            // a finite verb of saying closing the sentence, its subject left out.
            // (A participle only with its auxiliary: `, ha señalado.`)
            let after_comma = self.punct(verb - 1) == Some(',');
            let first = if after_comma { verb } else { verb - 1 };
            let opens_clause = after_comma
                || self.punct(verb.saturating_sub(2)) == Some(',')
                    && self
                        .word(verb - 1)
                        .is_some_and(|w| self.lex.is_adverb_or_auxiliary(w));
            let finite =
                !after_comma || !self.word(verb).is_some_and(|w| self.lex.is_participle(w));
            if opens_clause && finite && last + 1 == end {
                if let Some(m) = self.omitted_subject(first, last) {
                    return Some((m, cue));
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
}

#[cfg(test)]
mod tests {
    use super::super::with_text;
    use super::*;

    fn after(text: &str, lang: Lang) -> Option<(String, String)> {
        with_text(text, lang, |t, qt| {
            t.cue_after(qt).map(|(m, cue)| (t.written(&m), cue))
        })
    }

    #[test]
    fn a_cue_right_after_the_quote_names_its_speaker() {
        let found = after("“Very soon, we will see,” Blinken said.", Lang::En);
        assert_eq!(found, Some(("Blinken".into(), "said".into())));
        assert!(Via::After.confidence() > Via::Before.confidence());
    }

    #[test]
    fn a_source_phrase_after_the_quote_may_put_its_verb_first() {
        let found = after(
            "Es \"por la dinámica que se está llevando desde el Ayuntamiento\", según asegura Campo.",
            Lang::Es,
        );
        assert_eq!(found, Some(("Campo".into(), "según asegura".into())));
    }

    #[test]
    fn as_after_a_quote_opens_the_clause_that_names_the_speaker() {
        let found = after(
            "Still, the race “is a dead heat right now,” as Cruz said on Glenn Beck’s radio program on Monday.",
            Lang::En,
        );
        assert_eq!(found, Some(("Cruz".into(), "said".into())));
        let found = after(
            "She was “extremely careless” – as described by FBI Director James Comey – with classified mail.",
            Lang::En,
        );
        assert_eq!(
            found,
            Some(("FBI Director James Comey".into(), "described".into()))
        );
        // `as well as` names nobody.
        let found = after("They want “a fair deal,” as well as more time.", Lang::En);
        assert_eq!(found, None);
    }

    #[test]
    fn german_so_and_an_auxiliary_put_the_speaker_after_them() {
        let found = after(
            "„Das ist ein guter Tag für Europa“, so der Minister.",
            Lang::De,
        );
        assert_eq!(found, Some(("der Minister".into(), "so".into())));
        let found = after(
            "„Wir wollen wachsen“, hatte Firmenchef Müller im Interview erklärt.",
            Lang::De,
        );
        assert_eq!(found, Some(("Firmenchef Müller".into(), "erklärt".into())));
    }

    #[test]
    fn german_heisst_es_names_the_document_after_its_preposition() {
        let found = after(
            "„Wir möchten Sie bitten, das Konzert abzusagen“, heißt es in dem Schreiben des LSVD.",
            Lang::De,
        );
        assert_eq!(
            found.map(|(who, cue)| (who.contains("Schreiben"), cue)),
            Some((true, "heißt".into()))
        );
    }

    #[test]
    fn french_pronouns_joined_to_the_verb() {
        let found = after("« La situation est grave », a-t-elle ajouté.", Lang::Fr);
        assert_eq!(found, Some(("elle".into(), "ajouté".into())));
        let found = after("« Nous tiendrons bon », dit-il.", Lang::Fr);
        assert_eq!(found, Some(("il".into(), "dit".into())));
    }

    #[test]
    fn a_german_reflexive_or_adverb_may_stand_between_cue_and_speaker() {
        let found = after(
            "„Die positive Entwicklung wird sich fortsetzen“, äußerte sich der Chef der Bundesagentur.",
            Lang::De,
        );
        assert_eq!(
            found,
            Some(("der Chef der Bundesagentur".into(), "äußerte".into()))
        );
        let found = after(
            "„Kontraproduktiv waren sie allemal“, erinnerte sich Trotnow später.",
            Lang::De,
        );
        assert_eq!(found, Some(("Trotnow".into(), "erinnerte".into())));
    }

    #[test]
    fn a_german_participle_closing_the_clause_takes_the_auxiliarys_subject() {
        let found = after(
            "Der libanesische Informationsminister Ghasi Aridi hatte am Samstag die Zustimmung seiner Regierung „trotz einiger Vorbehalte“ bekanntgegeben.",
            Lang::De,
        );
        assert_eq!(
            found,
            Some((
                "Der libanesische Informationsminister Ghasi Aridi".into(),
                "bekanntgegeben".into()
            ))
        );
        // English has no such order: `said.` after a quote names nobody before it.
        let found = after("Trump has “a big plan” said.", Lang::En);
        assert_eq!(found, None);
    }

    #[test]
    fn a_cue_closing_the_sentence() {
        let found = with_text(
            "The persona was branded \"in homage to\" Lazar, Song wrote.",
            Lang::En,
            |t, qt| t.cue_ending_sentence(qt).map(|(m, _)| t.written(&m)),
        );
        assert_eq!(found.as_deref(), Some("Song"));
        // Whoever is told is never the speaker.
        let found = with_text(
            "“Positions are gonna soften on him,” his chief of staff, Joe Kasper, told POLITICO before the interview.",
            Lang::En,
            |t, qt| t.cue_ending_sentence(qt).map(|(m, _)| t.written(&m)),
        );
        assert_ne!(found.as_deref(), Some("POLITICO"));
    }

    #[test]
    fn a_short_phrase_may_stand_between_the_cue_and_its_subject() {
        let found = after(
            "« C'est l'un des textes fondateurs du Hamas », rappelle en préambule le président du tribunal.",
            Lang::Fr,
        );
        assert_eq!(
            found,
            Some(("le président du tribunal".into(), "rappelle".into()))
        );
        // An article inside the phrase is the phrase's own: no subject there.
        let found = after(
            "“Es una decisión muy buena para todos”, dijo en la reunión de la comisión.",
            Lang::Es,
        );
        assert_ne!(found.map(|(m, _)| m).as_deref(), Some("la comisión"));
    }

    #[test]
    fn a_time_phrase_between_cue_and_speaker_is_no_speaker() {
        let found = after(
            "“Es una catástrofe total”, dijo este domingo el ministro de Exteriores.",
            Lang::Es,
        );
        assert_eq!(
            found.map(|(who, _)| who),
            Some("el ministro de Exteriores".into())
        );
        let found = after(
            "« Nous ne céderons pas », a déclaré lundi dernier Sophie Binet.",
            Lang::Fr,
        );
        assert_eq!(found.map(|(who, _)| who), Some("Sophie Binet".into()));
        // A date after a short phrase is no subject either.
        let found = after(
            "“No nos representa”, gritó en una conferencia el 7 de mayo de 2018.",
            Lang::Es,
        );
        assert!(!found.is_some_and(|(who, _)| who.contains("mayo")));
    }

    #[test]
    fn a_gloss_in_parentheses_may_stand_between_quote_and_cue() {
        let found = after(
            "« Errare humanum est, perseverare diabolicum » (l'erreur est humaine, mais persévérer est diabolique), lance le procureur Vincent Edel.",
            Lang::Fr,
        );
        assert_eq!(
            found.map(|(who, _)| who),
            Some("le procureur Vincent Edel".into())
        );
    }

    #[test]
    fn one_of_several_is_a_speaker() {
        let found = after(
            "“It was unseemly,” said one of two witnesses who relayed the same story.",
            Lang::En,
        );
        assert_eq!(
            found.map(|(who, _)| who),
            Some("one of two witnesses".into())
        );
    }
}
