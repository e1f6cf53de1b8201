//! Attribution rules, each on real sentences from news articles.

use quotelens::{analyze, analyze_with, Options, QuoteKind};

/// (speaker, cue) of every quote in `text`.
fn attributed(text: &str) -> Vec<(Option<String>, Option<String>)> {
    analyze(text)
        .quotes
        .into_iter()
        .map(|q| (q.speaker, q.cue))
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    analyze(text)
        .quotes
        .into_iter()
        .map(|q| q.speaker)
        .collect()
}

fn some(name: &str) -> Option<String> {
    Some(name.to_string())
}

#[test]
fn cue_verbs_before_and_after_the_quote() {
    let table = [
        ("Lammy added: “It was important to go to the UAE.”", "Lammy", "added"),
        ("“Bad, bad things are going to happen,” Trump warned.", "Trump", "warned"),
        ("“It’s a pretty expensive business model,” said Will Doyle, a professor at Vanderbilt University.", "Will Doyle", "said"),
        ("Sanders told reporters: “We are going to win.”", "Sanders", "told"),
        ("Clinton wrote on Twitter: “Love trumps hate.”", "Clinton", "wrote"),
        ("“Go back to Univision,” Trump barked.", "Trump", "barked"),
        ("He went on: “Dozens of Russian military personnel have been trained in Iran.”", "He", "went on"),
        ("But at the time, as prosecutor Marc Trévidic put it, \"the threat was everywhere and nowhere.\"", "Marc Trévidic", "put it"),
        ("Japan branded North Korea an “outlaw nation in the neighborhood.” Russia insisted on talks.", "Japan", "branded"),
    ];
    for (text, speaker, cue) in table {
        assert_eq!(attributed(text), [(some(speaker), some(cue))], "{text}");
    }
}

#[test]
fn cue_after_the_quote_beats_a_name_before_it() {
    let text = "Russia’s President Vladimir Putin “will likely use them within weeks in Ukraine”, Blinken said.";
    assert_eq!(speakers(text), [some("Blinken")]);
}

#[test]
fn partial_quote_takes_the_verb_of_saying_not_the_nearest_verb() {
    let text = "Lammy said Iranian ballistic missiles sent to Russia marked \"definitely a significant escalation\".";
    let quote = &analyze(text).quotes[0];
    assert_eq!(quote.speaker.as_deref(), Some("Lammy"));
    assert_eq!(quote.kind, QuoteKind::Partial);
}

#[test]
fn pronoun_after_quote_resolves_to_last_named_speaker() {
    let text = "Blinken said he was working with his Egyptian and Qatari counterparts to bridge the remaining gaps in the deal. “Very soon, we will put that before the parties, and we will see what they say,” he added.";
    let quote = &analyze(text).quotes[0];
    assert_eq!(quote.speaker.as_deref(), Some("Blinken"));
    // The mention the cue names is the pronoun itself.
    let mention: String = text
        .chars()
        .skip(quote.speaker_start.unwrap())
        .take(2)
        .collect();
    assert_eq!(mention, "he");
}

#[test]
fn surname_and_title_resolve_to_the_full_name_and_role() {
    let text = "British Foreign Secretary David Lammy met his US counterpart.\nMr Lammy said: “We are completely aligned.”\n“It is now in the hands of Sinwar,” Lammy’s spokesman said.";
    let analysis = analyze(text);
    assert_eq!(analysis.quotes[0].speaker.as_deref(), Some("David Lammy"));
    assert_eq!(
        analysis.quotes[0].role.as_deref(),
        Some("British Foreign Secretary")
    );
    assert_eq!(
        analysis.quotes[1].speaker.as_deref(),
        Some("Lammy’s spokesman")
    );
}

#[test]
fn split_quote_second_half_shares_the_speaker() {
    let text = "“Bad, bad things are going to happen,” Trump warned. “This could be the great Trojan horse of all time.”";
    assert_eq!(speakers(text), [some("Trump"), some("Trump")]);
}

#[test]
fn according_to_and_apposition() {
    assert_eq!(
        speakers("According to the ministry, “the strikes hit military targets only.”"),
        [some("the ministry")]
    );
    let text = "“The numbers don't add up,” said Elmendorf, who supports Clinton.";
    assert_eq!(speakers(text), [some("Elmendorf")]);
    let text = "“This position has always been one,” Melanne Verveer, who served as Hillary Clinton’s chief of staff, told CBS News.";
    assert_eq!(speakers(text), [some("Melanne Verveer")]);
}

#[test]
fn joint_and_nominal_speakers() {
    let text = "Blinken and Lammy agreed that “90 per cent” of a ceasefire deal was ready.";
    assert_eq!(speakers(text), [some("Blinken and Lammy")]);
    assert_eq!(
        speakers("“We were blindsided,” a senior aide said."),
        [some("a senior aide")]
    );
    assert_eq!(
        speakers("“Nothing has changed,” officials said."),
        [some("officials")]
    );
}

#[test]
fn the_pair_refers_to_the_last_group() {
    let text = "Blinken and Lammy agreed that “90 per cent” of a deal was ready.\nThe pair talked about efforts to “prevent the crisis from escalating further”.";
    assert_eq!(
        speakers(text),
        [some("Blinken and Lammy"), some("Blinken and Lammy")]
    );
}

#[test]
fn quote_following_a_cue_paragraph_takes_its_speaker() {
    let text = "Sam Lau, the communications director for the party, said in a statement.\n“There are no paper ballots to recount.”";
    assert_eq!(speakers(text), [some("Sam Lau")]);
}

#[test]
fn quote_with_no_cue_has_no_speaker_and_no_confidence() {
    let analysis = analyze("The crowd was loud.\n\n“What a night this has been for all of us here,” read a banner.\n\n“Nobody knows what comes next in this race.”");
    let last = analysis.quotes.last().unwrap();
    assert_eq!(last.speaker, None);
    assert_eq!(last.confidence, 0.0);
}

#[test]
fn scare_quotes_and_titles_nobody_said_are_terms() {
    let text = "The show \"Morning Joe\" airs daily, and Iran’s “malign” influence was the topic.";
    assert_eq!(terms_only(text), ["Morning Joe", "malign"]);
    // A longer quote with nobody saying it is still a quote.
    let text = "The banner read on. “Nobody knows what comes next in this race” was painted below.";
    assert_eq!(analyze(text).quotes.len(), 1);
}

#[test]
fn confidence_is_higher_for_a_direct_cue_than_for_an_inherited_one() {
    let analysis = analyze("“Bad, bad things are going to happen,” Trump warned. “This could be the great Trojan horse.”");
    let (direct, inherited) = (&analysis.quotes[0], &analysis.quotes[1]);
    assert!(direct.confidence > inherited.confidence);
    assert!(inherited.confidence > 0.0 && direct.confidence <= 1.0);
}

#[test]
fn speakers_list_counts_quotes_and_aliases() {
    let text = "US Secretary of State Antony Blinken spoke in London.\n“We are aligned,” Blinken said.\n“We will see,” Mr Blinken added.";
    let analysis = analyze(text);
    assert_eq!(analysis.speakers.len(), 1);
    let blinken = &analysis.speakers[0];
    assert_eq!(blinken.name, "Antony Blinken");
    assert_eq!(blinken.role.as_deref(), Some("US Secretary of State"));
    assert_eq!(blinken.quote_count, 2);
    assert!(blinken.aliases.contains(&"Blinken".to_string()));
}

#[test]
fn titles_of_shows_and_books_are_terms_even_with_a_cue_nearby() {
    let text = "Sanders told MSNBC's \"Morning Joe\" on Friday that nobody would question her intelligence.";
    assert_eq!(terms_only(text), ["Morning Joe"]);
    let text = "In an interview on \"Face the Nation,\" Ryan said the video should be released.";
    assert_eq!(terms_only(text), ["Face the Nation,"]);
}

/// The texts of the quotes in `text`, after checking each is a term with no speaker.
fn terms_only(text: &str) -> Vec<String> {
    let analysis = analyze(text);
    for quote in &analysis.quotes {
        assert_eq!(quote.kind, QuoteKind::Term, "{quote:?}");
        assert_eq!(quote.speaker, None, "{quote:?}");
    }
    analysis.quotes.into_iter().map(|q| q.text).collect()
}

#[test]
fn dash_byline_names_the_speaker() {
    let text = "“Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan\n“The most unqualified child to ever run for president.” ― Francisco Herrero";
    assert_eq!(
        speakers(text),
        [some("Steve Quinlan"), some("Francisco Herrero")]
    );
}

#[test]
fn inverted_cue_opening_the_sentence() {
    let text = "Said Ellis: “I don’t get the sense she’s the least bit interested in tax reform.”";
    assert_eq!(attributed(text), [(some("Ellis"), some("Said"))]);
}

#[test]
fn outer_reporting_verb_wins_over_a_repeated_pronoun() {
    let text = "She said she speaks more frequently about race because \"you talk about the issues that are presented by the matters in front of you.\"";
    let quote = &analyze(text).quotes[0];
    assert_eq!(quote.cue.as_deref(), Some("said"));
    assert_eq!(quote.speaker_start, Some(0));
}

#[test]
fn long_descriptions_right_after_a_quote_are_speakers() {
    let text = "\"I have NEVER been prouder of having worked for you,\" former State policy planning director Anne-Marie Slaughter wrote to Clinton.";
    assert_eq!(speakers(text), [some("Anne-Marie Slaughter")]);
    let text = "\"We need change,\" the New York businessman said, arguing that he will bring a new approach.";
    assert_eq!(speakers(text), [some("the New York businessman")]);
    let text = "“If the FBI wanted any other American’s laptops, they’d just go get them,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said in a phone interview.";
    assert_eq!(speakers(text), [some("Jim Jordan")]);
}

#[test]
fn a_description_repeating_a_role_is_that_person() {
    let text = "Prime Minister Sir Keir Starmer said the government would \"not hesitate\" to act.\nThe prime minister added: \"This is a serious moment for the country.\"";
    let analysis = analyze(text);
    assert_eq!(analysis.quotes[1].speaker.as_deref(), Some("Keir Starmer"));
    assert_eq!(analysis.quotes[1].role.as_deref(), Some("Prime Minister"));
}

#[test]
fn name_in_apposition_after_a_description_is_the_speaker() {
    let text = "The Kremlin's spokesman, Dmitry Peskov, told reporters that Moscow saw \"no reason\" for talks.";
    let quote = &analyze(text).quotes[0];
    assert_eq!(quote.speaker.as_deref(), Some("Dmitry Peskov"));
    assert_eq!(quote.role.as_deref(), Some("Kremlin's spokesman"));
}

#[test]
fn contracted_pronoun_is_a_subject() {
    let text = "Trump spoke in Ohio.\nHe’s claiming that voting fraud is “a big, big problem in this country.”";
    let quote = &analyze(text).quotes[0];
    assert_eq!(quote.speaker.as_deref(), Some("Trump"));
    assert_eq!(quote.cue.as_deref(), Some("claiming"));
}

#[test]
fn the_owner_of_a_claim_is_its_speaker() {
    let text = "Politifact checked Donald Trump’s claim that there have been “thousands of shootings” in Chicago.";
    assert_eq!(speakers(text), [some("Donald Trump")]);
    // A noun of saying owned by someone else is no cue for a later quote.
    let text = "Party Chairman Reince Priebus called Clinton's remarks on 9/11 a \"new low\" for her campaign.";
    assert_eq!(speakers(text), [some("Reince Priebus")]);
}

#[test]
fn pronoun_takes_the_last_speaker_of_its_gender() {
    let text = "Ms Graham said the union would strike.\nMr Blinken said he was working on a deal.\n“We will fight this,” she added.";
    assert_eq!(speakers(text), [some("Graham")]);
}

#[test]
fn he_is_never_an_organisation() {
    let text = "At the terminal, skipper Wade Bassi knows what is happening at Amazon-owned Whole Foods Market.\n“When you look at nice halibut, it is pure white,” he said.";
    assert_eq!(speakers(text), [some("Wade Bassi")]);
}

#[test]
fn a_name_right_before_a_colon_speaks_and_adjectives_do_not() {
    let text = "Media caption Barack Obama: \"Great Britain has always been our best partner\"";
    assert_eq!(speakers(text), [some("Barack Obama")]);
    let text = "Beyond the price cuts: “New lower prices. Same high standards.”";
    assert_eq!(speakers(text), [None]);
    // A speech noun before the colon makes the subject speak, whatever the verb.
    let text = "Sanders made the following comment: “For young people who have graduated high school, the unemployment rate is 33 percent.”";
    assert_eq!(speakers(text), [some("Sanders")]);
    let text = "Sanders made the following point: “For young people who have graduated high school, the unemployment rate is 33 percent.”";
    assert_eq!(speakers(text), [None]);
}

/// The mention each quote's cue names, as written, in a page of `language`.
fn mentions_in(language: &str, text: &str) -> Vec<Option<String>> {
    let analysis = analyze_with(
        text,
        &Options {
            language: Some(language),
        },
    );
    let chars: Vec<char> = text.chars().collect();
    analysis
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Term)
        .map(|q| Some(chars[q.speaker_start?..q.speaker_end?].iter().collect()))
        .collect()
}

#[test]
fn german_cues_in_every_position() {
    let table = [
        // `so` after the quote, with or without a verb
        ("„Wir brauchen mehr Lehrer an den Schulen“, so die Ministerin.", "die Ministerin"),
        ("„Er ist die eiserne Hand im Handschuh“, so beschrieb ihn der Gewerkschafter Bernard Aubin.", "der Gewerkschafter Bernard Aubin"),
        // inverted verb, and auxiliary before the subject
        ("„Die Lage ist ernst“, sagte der Innenminister am Montag.", "der Innenminister"),
        ("„Wir wollen die Produktion verdoppeln“, hatte Firmenchef Müller im Interview erklärt.", "Firmenchef Müller"),
        // verb-second order: the subject after the verb
        ("Demgegenüber sagte Merkel: „Wir schaffen das gemeinsam.“", "Merkel"),
        ("In einem Interview mit der BBC erklärte er: „Das Wasser ist sauber.“", "er"),
        ("Nach einem Besuch im Krisengebiet sprach der Präsident von der „schlimmsten Katastrophe seit Jahren“.", "der Präsident"),
        // subject first, colon introduction
        ("Der Sprecher der Regierung erklärte: „Die Gespräche werden fortgesetzt.“", "Der Sprecher der Regierung"),
        ("Staatssekretär Harald Stegemann bestreitet jede Kenntnis von den Vorgängen: „Ich hätte sofort gehandelt.“", "Staatssekretär Harald Stegemann"),
        // sources: laut, nach Angaben, zufolge
        ("Laut Polizei wurden bei dem Unfall „mehrere Personen schwer verletzt“.", "Polizei"),
        ("Nach Angaben der Staatsanwaltschaft wird der Fall „ganz besonders sorgfältig“ geprüft.", "der Staatsanwaltschaft"),
    ];
    for (text, mention) in table {
        assert_eq!(mentions_in("de", text), [some(mention)], "{text}");
    }
}

#[test]
fn german_second_verbs_share_the_first_verbs_subject() {
    let text = "Die Firma bestätigte die Zahlen nicht und nannte sie „reine Spekulation der Gewerkschaft“.";
    assert_eq!(mentions_in("de", text), [some("Die Firma")]);
}

#[test]
fn french_spanish_and_portuguese_basics() {
    let table = [
        (
            "fr",
            "« Nous ne céderons pas sur la réforme », a déclaré le ministre.",
            "le ministre",
        ),
        (
            "fr",
            "« La situation est très grave », a-t-elle ajouté.",
            "elle",
        ),
        (
            "fr",
            "Selon le ministre, « la réforme sera votée avant l'été ».",
            "le ministre",
        ),
        (
            "es",
            "«No vamos a negociar con terroristas», dijo el presidente.",
            "el presidente",
        ),
        (
            "es",
            "Según la policía, «el sospechoso huyó a pie hacia el norte».",
            "la policía",
        ),
        (
            "pt",
            "“Vamos vencer esta eleição no primeiro turno”, disse o candidato.",
            "o candidato",
        ),
        (
            "pt",
            "Segundo o ministro, “a economia vai crescer este ano”.",
            "o ministro",
        ),
    ];
    for (language, text, mention) in table {
        assert_eq!(mentions_in(language, text), [some(mention)], "{text}");
    }
}

#[test]
fn the_language_comes_from_the_text_when_the_page_does_not_say() {
    let text = "„Wir schaffen das“, sagte die Bundeskanzlerin bei der Pressekonferenz in Berlin.";
    assert_eq!(analyze(text).quotes[0].cue.as_deref(), Some("sagte"));
    assert_eq!(
        analyze_with(
            text,
            &Options {
                language: Some("xx-unknown")
            }
        )
        .quotes[0]
            .cue
            .as_deref(),
        Some("sagte")
    );
}

#[test]
fn a_quoted_name_of_a_thing_is_a_term() {
    let text = "Die Zeitung „Washington Post“ berichtete am Montag über den Fall.";
    let analysis = analyze(text);
    assert_eq!(analysis.quotes.len(), 1);
    assert_eq!(analysis.quotes[0].kind, QuoteKind::Term);
    assert_eq!(analysis.quotes[0].speaker, None);
}

#[test]
fn she_skips_a_man_named_after_the_woman() {
    let text =
        "Hillary Clinton took the stage after Jeff Merkley.\n“We will not go back,” she said.";
    assert_eq!(speakers(text), [some("Hillary Clinton")]);
}

#[test]
fn two_people_sharing_a_surname_stay_two_people() {
    let text = "Keith Scott was shot on Tuesday. Rakeyia Scott can be heard yelling at the officers.\n\"Don't shoot him,\" she says.";
    assert_eq!(speakers(text), [some("Rakeyia Scott")]);
}

#[test]
fn a_pronoun_never_means_a_plural_a_place_or_a_description() {
    let text = "Delegates questioned the plan in New York.\n“It is not over yet,” he said.";
    let quote = &analyze(text).quotes[0];
    // Nobody to point to: the mention as written, with low confidence.
    assert_eq!(quote.speaker.as_deref(), Some("he"));
    assert!(quote.speaker_start.is_some());
}

#[test]
fn a_description_of_one_person_is_the_last_person_who_spoke() {
    let text = "“We will win Ohio,” Donald Trump said on Monday.\n“It will be huge,” the Republican nominee added.";
    assert_eq!(speakers(text), [some("Donald Trump"), some("Donald Trump")]);
}

#[test]
fn one_speaker_whatever_the_case() {
    let text = "“The case is closed,” Prosecutors said.\nThe judge disagreed. “We will appeal the ruling,” prosecutors said.";
    assert_eq!(analyze(text).speakers.len(), 1);
}

#[test]
fn a_persons_name_ends_before_of() {
    let text = "“These are new and innovative ideas,” said Gov. Earl Ray Tomblin of West Virginia.";
    assert_eq!(speakers(text), [some("Earl Ray Tomblin")]);
}

#[test]
fn participles_and_woven_quotes_take_the_sentence_subject() {
    let text = "During a speech in Ohio, Trump attacked Clinton for her record, saying, \"She is trigger-happy and very unstable.\"";
    assert_eq!(speakers(text), [some("Trump")]);
    let text = "In recent weeks, Reid has gone after Trump as a \"human leech who will bleed the country\".";
    assert_eq!(speakers(text), [some("Reid")]);
}

#[test]
fn short_quotes_inherit_nobody_but_keep_their_own_cue() {
    let text =
        "“We will fight this in every court,” Smith said. It was, in short, a “malign” plan.";
    let analysis = analyze(text);
    assert_eq!(analysis.quotes[1].kind, QuoteKind::Term);
    assert_eq!(analysis.quotes[1].speaker, None);
    let text = "“We will fight this in every court,” Smith said. Critics called the plan “malign”.";
    assert_eq!(speakers(text), [some("Smith"), some("Critics")]);
    // A whole sentence, however short, is somebody's words.
    let text = "“Does anybody know what the environmental platform of the Republican Party is?” Graham asked. “Neither do I.”";
    assert_eq!(speakers(text), [some("Graham"), some("Graham")]);
}

#[test]
fn it_means_an_organisation_never_a_person() {
    let text = "“Growth will slow this year,” the International Monetary Fund said on Tuesday.\nDonald Trump disagreed. “Tensions weigh on trade,” it added.";
    let analysis = analyze(text);
    assert_ne!(analysis.quotes[1].speaker.as_deref(), Some("Donald Trump"));
    assert_eq!(analysis.quotes[0].speaker, analysis.quotes[1].speaker);
}

#[test]
fn a_paragraph_of_quote_alone_continues_the_quote_ending_the_paragraph_before() {
    let text = "“It’s downright ludicrous,” Barkley said. “To try to divide and conquer is just sad.”\n\n“Then you have these losers who love that, because they are afraid.”";
    assert_eq!(
        speakers(text),
        [some("Barkley"), some("Barkley"), some("Barkley")]
    );
    // A sentence after the quote, whose cue we do not parse, breaks the chain.
    let text = "“It’s downright ludicrous,” Barkley said. The crowd in the hall booed.\n\n“Then you have these losers who love that, because they are afraid.”";
    assert_eq!(speakers(text), [some("Barkley"), None]);
    // So does a paragraph that is more than the quote.
    let text = "“It’s downright ludicrous,” Barkley said. “To try to divide and conquer is just sad.”\n\n“Then you have these losers who love that, because they are afraid.” The crowd booed.";
    assert_eq!(speakers(text), [some("Barkley"), some("Barkley"), None]);
}

#[test]
fn a_quote_that_ends_its_sentence_belongs_to_the_cue_before_it() {
    let text = "On Twitter, Former Florida Gov. Jeb Bush called Trump “unhinged.” Sen. Marco Rubio called the statement “offensive and outlandish.”";
    assert_eq!(speakers(text), [some("Jeb Bush"), some("Marco Rubio")]);
    let text = "Bush asked the crowd in Manchester “Who is ready to win this state?” Sen. Marco Rubio said nothing.";
    assert_eq!(speakers(text), [some("Bush")]);
    // With no cue before it, the cue after it still speaks.
    let text = "The crowd roared. “We will win this state.” Trump said it twice.";
    assert_eq!(speakers(text), [some("Trump")]);
}

#[test]
fn a_paragraph_ending_with_a_colon_introduces_the_quote_after_it() {
    let text = "In response to the loss of life, Republican nominee Donald Trump issued the following statement:\n\n“Our prayers are with the victims and their families.”";
    assert_eq!(speakers(text), [some("Donald Trump")]);
}

#[test]
fn a_name_after_a_cue_closing_a_sentence_is_who_he_means_next() {
    let text = "“Debates matter a great deal to the voters,” said Sean Spicer.\n\nHowever, debates are not likely to alter the campaign, noted NBC’s Dante Chinni.\n\n“By the time those candidates hit the stage, most minds are made up,” he wrote.";
    let found = speakers(text);
    assert_eq!(found[0], some("Sean Spicer"));
    assert!(
        found[1]
            .as_deref()
            .is_some_and(|s| s.ends_with("Dante Chinni")),
        "{found:?}"
    );
}

/// (speaker, kind) of every quote in a German page.
fn german(text: &str) -> Vec<(Option<String>, QuoteKind)> {
    analyze_with(
        text,
        &Options {
            language: Some("de"),
        },
    )
    .quotes
    .into_iter()
    .map(|q| (q.speaker, q.kind))
    .collect()
}

#[test]
fn a_german_subjunctive_goes_on_reporting_the_last_speaker() {
    // Across a paragraph, and for a single word: the mood says whose words they are.
    let text = "Reinhard Fiedler, Sprecher der Stadtreinigung, sagte, man könne keinen Gewerbemüll mehr annehmen.\n\nZurzeit seien alle Müllverbrennungsanlagen in Deutschland „randvoll“.";
    assert_eq!(
        german(text),
        [(some("Reinhard Fiedler"), QuoteKind::Partial)]
    );
    let text = "Simbabwes Oppositionsführer Morgan Tsvangirai sagte am Montag, die Wahl sei gefälscht worden. Das Schicksal des Landes stehe „auf Messers Schneide“.";
    assert_eq!(german(text)[0].0, some("Morgan Tsvangirai"));
    // In the indicative the writer speaks: a scare quote stays a term.
    let text = "Reinhard Fiedler sagte, man nehme keinen Müll mehr an.\n\nZurzeit sind alle Müllverbrennungsanlagen in Deutschland „randvoll“.";
    assert_eq!(german(text), [(None, QuoteKind::Term)]);
}

#[test]
fn a_long_name_in_title_case_is_a_term_on_a_german_page() {
    let text = "Im „VII Championnat du Monde de Tir de Précision“ siegte der Thailänder.";
    assert_eq!(german(text), [(None, QuoteKind::Term)]);
    // A German sentence in quotes stays a quotation.
    let text = "Auf dem Plakat stand: „Wir übernehmen die Verantwortung für unsere Stadt“.";
    assert_ne!(german(text)[0].1, QuoteKind::Term);
}

#[test]
fn a_german_title_after_a_word_naming_a_work_is_a_term_whatever_its_case() {
    let text = "An diesem Tag wurde er von seinen Kollegen mit Rosen und dem Lied „Für dich soll's rote Rosen regnen“ verabschiedet.";
    assert_eq!(german(text), [(None, QuoteKind::Term)]);
    let text = "Neben Aktivisten der Organisation „Ein französisches Schiff für Gaza“ befinden sich auch Journalisten an Bord.";
    assert_eq!(german(text), [(None, QuoteKind::Term)]);
    // `sogenannt` says the same of what follows it.
    let text =
        "Die Regierung will an der sogenannten „Kopfpauschale für alle Versicherten“ festhalten.";
    assert_eq!(german(text), [(None, QuoteKind::Term)]);
    // A sentence after such a word is still somebody's words.
    let text = "Der Minister nannte das Motto „Wir schaffen das.“ einen Fehler, sagte Merkel.";
    assert_ne!(german(text)[0].1, QuoteKind::Term);
}

#[test]
fn a_web_address_is_a_term_even_where_a_source_is_named() {
    let text = "Arni Finnsson kommentierte die Entscheidung laut „news.bbc.co.uk“ mit folgenden Worten: „Es gibt in Island keinen Markt für dieses Fleisch.“";
    let found = german(text);
    assert_eq!(found[0], (None, QuoteKind::Term));
    assert_eq!(found[1].1, QuoteKind::Direct);
    let text = "Clinton's campaign set up a site, “anybodybuttrump.us,” said a spokesman.";
    assert_eq!(terms_only(text), ["anybodybuttrump.us,"]);
}

#[test]
fn a_woven_quote_takes_the_subject_past_its_apposition() {
    let text = "Aaron Kall, the director of debate at the University of Michigan, compared Trump to a coach at a basketball game who is \"working the referees\" in hopes that \"they'll go easier\" on him.";
    assert_eq!(speakers(text), [some("Aaron Kall"), some("Aaron Kall")]);
    // A description with the name in apposition: the name speaks.
    let text = "Another critic, Laurence H. Tribe, likened the rules to \"burning the Constitution\" - a charge that might have stung.";
    assert_eq!(speakers(text), [some("Laurence H. Tribe")]);
}

#[test]
fn a_noun_after_a_preposition_and_an_adjective_is_no_verb_of_saying() {
    let text = "PolitiFact rated 32% of Republican claims as “false” or “pants on fire,” compared to 11% of Democratic claims.";
    let found = speakers(text);
    assert!(!found.contains(&some("Republican")), "{found:?}");
    // The verb itself still speaks.
    let text = "Clinton’s campaign said Donald Trump claims “to be a billionaire.”";
    assert_eq!(attributed(text), [(some("Donald Trump"), some("claims"))]);
}

#[test]
fn in_german_verb_second_order_the_phrase_before_the_verb_is_the_subject() {
    let table = [
        // A pronoun opening the sentence, with an object after the verb.
        ("Martin Behrsing kritisierte die ARGE. Er bezeichnete das Schreiben ferner als „eine unglaubliche Unsensibilität gegenüber Müttern“.", "Er"),
        // A name with a prepositional attribute before the verb.
        ("Sascha Kempf vom Max-Planck-Institut für Kernphysik erläutert die Hypothese so: „Da gibt es zwei Arten von Partikeln.“", "Sascha Kempf"),
        // A name with an apposition before the verb.
        ("Arni Finnsson, ein Vertreter der Umweltschutzorganisation, kommentierte die Entscheidung mit folgenden Worten: „Es gibt in Island keinen Markt für dieses Fleisch.“", "Arni Finnsson"),
        // A participle before the colon: the subject stands before the auxiliary.
        ("Stoiber hatte besonders die Rolle der Fraktionsvorsitzenden betont: „Die Entscheidungen fallen im Parlament.“", "Stoiber"),
        // A name with a genitive and a parenthesis before the verb.
        ("Renate Schmidt (SPD) äußerte Vorbehalte und wagte eine Prognose: „Ich gehe davon aus, dass nicht alle zustimmen.“", "Renate Schmidt"),
        // A fronted object: the pronoun after the verb is the subject.
        ("Deren Haltung gegenüber der Partei bezeichnete er als „zutiefst verlogen und heuchlerisch“.", "er"),
        // A dative phrase opening the sentence: after `sagte` the name speaks.
        ("Der englischsprachigen Zeitung sagte Filep Karma: „Ich werde im Gefängnis gehalten, aber das ist mir egal.“", "Filep Karma"),
        // A name whose connectors open the sentence.
        ("Von der Leyen betonte, unter den Verkäuferinnen seien „viele Frauen, die Erfahrung im Umgang mit Kindern haben“.", "Von der Leyen"),
        // An adverb opening the sentence still puts the subject after the verb.
        ("Demgegenüber sagte Merkel: „Wir werden das prüfen.“", "Merkel"),
    ];
    for (text, mention) in table {
        assert_eq!(
            mentions_in("de", text).last(),
            Some(&some(mention)),
            "{text}"
        );
    }
}

#[test]
fn a_few_words_nobody_says_read_as_a_term() {
    let a = analyze("Iran’s “malign” influence grew across the region last year.");
    assert!(a.quotes[0].reads_as_term(), "{:?}", a.quotes[0]);
    // Four words with nobody found are an unattributed quotation, not a term.
    let a = analyze("The region now faces “a long and violent” winter of shortages.");
    assert_eq!(a.quotes[0].speaker, None);
    assert!(!a.quotes[0].reads_as_term(), "{:?}", a.quotes[0]);
    // A speaker makes even one word a quotation.
    let a = analyze("Trump called the deal “terrible,” he said.");
    assert!(!a.quotes[0].reads_as_term(), "{:?}", a.quotes[0]);
}
