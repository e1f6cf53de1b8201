//! Cue shapes of French, Spanish, Portuguese and Italian news, each rule on
//! sentences written the way those papers write them, through the whole
//! analysis (language from the text, as the CLI and the extension run it).

use quotelens::{analyze, analyze_with, Options};

/// The speaker shown for each quote of `text`, in order.
fn speakers(text: &str, lang: &str) -> Vec<Option<String>> {
    analyze_with(
        text,
        &Options {
            language: Some(lang),
        },
    )
    .quotes
    .into_iter()
    .map(|q| q.speaker)
    .collect()
}

fn names(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some(n.to_string())).collect()
}

/// Each `(language, text, name)` has one quote, and `name` says it.
fn assert_one_quote_each(cases: &[(&str, &str, &str)]) {
    for (lang, text, name) in cases {
        assert_eq!(speakers(text, lang), names(&[name]), "{text}");
    }
}

#[test]
fn the_text_tells_italian_from_the_other_languages() {
    let text = "La presidente del Consiglio ha parlato oggi alla Camera. \"Non arretreremo\", ha detto. Il governo è pronto per il voto che ci sarà nel mese di maggio.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(quotelens::Lang::detect(text), quotelens::Lang::It);
}

#[test]
fn a_subject_left_out_is_the_last_speaker() {
    // Spanish, Portuguese and Italian drop a subject the reader knows.
    let cases = [
        ("es", "\"No vamos a permitirlo\", dijo Pedro Sánchez.\n\"Es un día importante\", añadió.", ["Pedro Sánchez", "Pedro Sánchez"]),
        ("pt", "\"Não vamos aceitar retrocessos\", disse Lula.\n\"O Brasil voltou\", acrescentou.", ["Lula", "Lula"]),
        ("it", "\"Non arretreremo\", ha detto Giorgia Meloni.\n\"È una scelta di responsabilità\", ha aggiunto.", ["Giorgia Meloni", "Giorgia Meloni"]),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(speakers(text, lang), names(&expected), "{text}");
    }
    // English never drops it: `said.` alone names nobody.
    let english = analyze("\"We will not allow it,\" said.");
    assert_eq!(english.quotes[0].speaker, None);
}

#[test]
fn a_title_between_article_and_name_is_the_role() {
    let cases = [
        (
            "it",
            "\"I conti sono in ordine\", ha spiegato il ministro Giancarlo Giorgetti.",
            "Giancarlo Giorgetti",
            "il ministro",
        ),
        (
            "pt",
            "\"Vamos votar na próxima semana\", acrescentou o senador Rodrigo Pacheco.",
            "Rodrigo Pacheco",
            "o senador",
        ),
        (
            "fr",
            "« Errare humanum est », lance le procureur Vincent Edel.",
            "Vincent Edel",
            "le procureur",
        ),
    ];
    for (lang, text, name, role) in cases {
        let a = analyze_with(
            text,
            &Options {
                language: Some(lang),
            },
        );
        assert_eq!(a.quotes[0].speaker.as_deref(), Some(name), "{text}");
        assert_eq!(a.quotes[0].role.as_deref(), Some(role), "{text}");
    }
}

#[test]
fn a_name_in_apposition_to_a_description_speaks() {
    let cases = [
        ("es", "\"Seguiremos trabajando\", ha explicado la portavoz del Ejecutivo, Pilar Alegría.", "Pilar Alegría"),
        ("es", "Según la ministra de Hacienda, María Jesús Montero, \"las cuentas están claras\".", "María Jesús Montero"),
        ("es", "El líder del PP, Alberto Núñez Feijóo, respondió con dureza: \"El Gobierno ha fracasado\".", "Alberto Núñez Feijóo"),
    ];
    assert_one_quote_each(&cases);
}

#[test]
fn an_elided_article_opens_a_description() {
    let text = "« Une erreur dans la précipitation », plaide l’imam, qui jure avoir voulu supprimer sa publication.";
    let a = analyze_with(
        text,
        &Options {
            language: Some("fr"),
        },
    );
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("l’imam"));
    let text = "« Vous devez le juger sans céder à la passion », plaide l'avocate de Yassin E., Saphia Foughar.";
    assert_eq!(speakers(text, "fr"), names(&["Saphia Foughar"]));
}

#[test]
fn an_opinion_preposition_opening_the_sentence_names_the_speaker() {
    let cases = [
        (
            "fr",
            "Pour Sophie Binet, secrétaire générale de la CGT, « c'est un échec ».",
            "Sophie Binet",
        ),
        (
            "es",
            "Para el ministro Fernando Grande-Marlaska, \"la seguridad está garantizada\".",
            "Fernando Grande-Marlaska",
        ),
    ];
    for (lang, text, name) in cases {
        assert_eq!(speakers(text, lang), names(&[name]), "{text}");
    }
    // Not inside a sentence: `pour` there is purpose, not opinion.
    let text = "Il a voyagé pour Marie, « une amie de toujours », dit le texte.";
    assert_ne!(speakers(text, "fr"), names(&["Marie"]));
}

#[test]
fn an_italian_sentence_opening_with_lo_takes_up_the_quote_before() {
    let text = "Qualsiasi \"azione violenta contro i civili\" a Gaza è \"inaccettabile\". Lo ha detto il ministro russo degli Esteri, Sergei Lavrov, in una telefonata.";
    assert_eq!(
        speakers(text, "it"),
        names(&["Sergei Lavrov", "Sergei Lavrov"])
    );
    // Without `lo` the next sentence's cue is its own.
    let text = "Qualsiasi \"azione violenta contro i civili\" a Gaza è stata condannata. Il ministro ha detto che la crisi continua.";
    assert_eq!(speakers(text, "it"), vec![None]);
    // After a colon in the same sentence, and a gerund after the name closes it.
    let text = "\"Penso che abbiamo bisogno di una pausa per far uscire i prigionieri\": lo ha detto Joe Biden ad un evento elettorale in Minnesota.";
    assert_eq!(speakers(text, "it"), names(&["Joe Biden"]));
    let text = "Il ministro Sergei Lavrov ha parlato ieri.\n\"Le operazioni sono accompagnate da un'accurata intelligence\". Lo ha detto il capo di stato maggiore Herzi Halevi aggiungendo che l'esercito è pronto.";
    assert_eq!(speakers(text, "it"), names(&["Herzi Halevi"]));
}

#[test]
fn french_reflexive_verbs_of_saying() {
    let text = "« On comprend mal comment vous ne vous soyez pas dit qu'elle posait une difficulté », s'étonne le magistrat.";
    assert_eq!(speakers(text, "fr"), names(&["le magistrat"]));
    // `se` apart from its verb, and the verb's subject after it.
    let text = "“Pendant la guerre de 2014, je suis entré avec des soldats dans un tunnel”, se remémore Rory Jones, journaliste du Wall Street Journal.";
    assert_eq!(speakers(text, "fr"), names(&["Rory Jones"]));
    let text = "« Ce qu’on nous annonce, c’est la fin de l’université », soupire Pasiphae, étudiante en master.";
    assert_eq!(speakers(text, "fr"), names(&["Pasiphae"]));
}

#[test]
fn every_quote_says_why_it_has_its_speaker() {
    let text = "Gordon Sondland, the ambassador to the EU, testified for nine hours on Wednesday.\n“I now do recall,” he said.";
    let a = analyze(text);
    let why = a.quotes[0].why.as_ref().expect("a speaker has a why");
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Gordon Sondland"));
    assert_eq!((why.rule, why.resolution), ("after", "pronoun"));
    assert!(why.text.contains("he = Gordon Sondland"), "{}", why.text);
    // No speaker, no why.
    let a = analyze("The so-called “malign” influence grew.");
    assert!(a.quotes.iter().all(|q| q.why.is_none()));
}

#[test]
fn a_french_incise_inside_the_guillemets_names_the_speaker() {
    let text = "Antoine Dupuis enseigne à Paris 8 depuis trois ans.\n« Je suis très inquiet pour mon avenir, glisse-t-il lorsqu’on le croise, car rien n’est prévu. »";
    assert_eq!(speakers(text, "fr"), names(&["Antoine Dupuis"]));
    // A hyphenated word that is no verb of saying is no incise.
    let text = "« Nous irons, peut-être, jusqu’au bout », dit le maire.";
    assert_eq!(speakers(text, "fr"), names(&["le maire"]));
}

#[test]
fn an_incise_with_its_subject_inside_the_quote_names_the_speaker() {
    // French news puts `, explique X,` inside the guillemets and goes on
    // quoting; Italian sets the incise between dashes; either wins over a
    // cue outside the quote.
    let cases = [
        ("fr", "Sur le Bassin d’Arcachon, les ostréiculteurs ont déjà pâti de la tempête.
« Notre crainte pour les jours à venir est de savoir si le banc va avancer, explique Alexandra Teixeira, chargée de communication au comité régional. Il y a donc une crainte que le sable continue d’avancer. »", "Alexandra Teixeira"),
        ("it", "L'Unicef ha diffuso una nota dopo i raid.
\"Questi due attacchi - prosegue l'Unicef - fanno seguito a 25 giorni di guerra\", ha detto ieri Antonio Tajani.", "Unicef"),
        ("it", "\"Gli episodi di antisemitismo - dice all'Adnkronos un portavoce della Commissione europea - sono molto gravi\".", "un portavoce della Commissione europea"),
        // Web pages often set no-break spaces around the dashes.
        ("it", "\"L'importanza delle femmine riproduttive emerge con chiarezza -\u{a0}dichiara il Presidente Cannata\u{a0}-\u{a0}L'orso marsicano potrà uscire dal rischio di estinzione\".", "Cannata"),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(
            speakers(text, lang).last(),
            Some(&Some(expected.to_string())),
            "{text}"
        );
    }
    // A verb of saying after a comma whose clause goes on is the speaker's
    // own sentence, not an incise.
    let text = "« Il faut que chacun, explique bien à ses enfants ce qui se passe ici depuis des mois », a déclaré le maire Jean Dupont.";
    assert_eq!(speakers(text, "fr"), names(&["Jean Dupont"]));
}

#[test]
fn a_verb_of_saying_opening_its_clause_stands_for_the_subject() {
    // Where subjects are left out, `Admitió que …`, `y enfatizó:` and
    // `Años después, valora que …` speak for the person the text is about.
    let cases = [
        ("es", "La vecina Laura Magallanes habló con la diaria.\nAdmitió que el proceso es \"muy complejo para todos los vecinos\".", "Laura Magallanes"),
        ("es", "La vecina Laura Magallanes habló con la diaria y enfatizó: \"Lo que falta es un poco de control en la zona\".", "Laura Magallanes"),
        ("es", "\"No nos vamos a callar\", dijo Elthon Rivera.\nCuatro años después, valora que la situación \"se ha agravado mucho en las universidades\".", "Elthon Rivera"),
        ("it", "Il ministro Giancarlo Giorgetti è intervenuto ieri alla Camera.\nHa spiegato che la manovra è \"seria e prudente per tutto il Paese\".", "Giancarlo Giorgetti"),
        ("pt", "O senador Eduardo Girão falou à imprensa.\nDestacou que a proposta \"limita a concessão do indulto presidencial\".", "Eduardo Girão"),
    ];
    for (lang, text, expected) in cases {
        let shown = speakers(text, lang);
        assert_eq!(shown.last(), Some(&Some(expected.to_string())), "{text}");
    }
}

#[test]
fn words_before_a_romance_subject_are_no_subject() {
    // German puts the verb second after whatever opens the sentence; Spanish
    // puts the subject before its own verb, after an adverbial opening.
    let cases = [
        ("es", "Minutos antes del encuentro, Albares ha recalcado en Madrid que el silencio es \"cómplice de lo que ocurre\".", "Albares"),
        ("es", "Horas después, el presidente Pedro Sánchez afirmó que la decisión era \"un error histórico del Gobierno\".", "Pedro Sánchez"),
    ];
    assert_one_quote_each(&cases);
}

#[test]
fn a_bare_participle_after_a_quote_describes_it() {
    // `anunciado a principios de mes` describes the blockade; nobody is left out.
    let text = "El portavoz Juan Pérez habló ayer. Los hutíes mantienen un \"bloqueo total del aeropuerto\" anunciado a principios de mes.";
    assert_eq!(speakers(text, "es"), vec![None]);
    // With its auxiliary it is a verb again: `ha anunciado.`
    let text = "El portavoz Juan Pérez habló ayer.\n\"Mantendremos el bloqueo total del aeropuerto\", ha anunciado.";
    assert_eq!(speakers(text, "es"), names(&["Juan Pérez"]));
}

#[test]
fn a_german_sentence_opening_with_das_takes_up_the_quote_before() {
    let text = "Die Armee will die neue Regierung nur „assistieren und im Hintergrund absichern“. Das erklärte General Winai Phattiyakul am Montag gegenüber ausländischen Diplomaten.";
    let shown = speakers(text, "de");
    assert_eq!(shown.len(), 1);
    assert!(
        shown[0]
            .as_deref()
            .is_some_and(|s| s.ends_with("Winai Phattiyakul")),
        "{shown:?}"
    );
}

/// Each text's speakers, in `lang`, are the names given.
fn assert_cases(lang: &str, cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(speakers(text, lang), names(expected), "{text}");
    }
}

#[test]
fn the_text_tells_czech_polish_and_dutch_from_the_other_languages() {
    use quotelens::Lang;
    let table = [
        ("Ministr vnitra řekl, že situace je vážná a že policie bude v ulicích posílena.", Lang::Cs),
        ("Premier powiedział, że rząd nie podniesie podatków i że jest gotowy do rozmów.", Lang::Pl),
        ("De premier zei dat het kabinet niet zal vallen en dat hij op de steun van de Kamer rekent.", Lang::Nl),
        // The languages known before stay as they were, with a Czech name,
        // a `pro-` or a Dutch `van` in them.
        ("The pro-Russian minister said that Jan Novák was not in the room with him.", Lang::En),
        ("Der Minister sagte, die Gespräche mit Ursula von der Leyen seien beendet und er gehe nun.", Lang::De),
        ("El ministro dijo que las conversaciones con Van Dijk habían terminado y que se iba.", Lang::Es),
    ];
    for (text, lang) in table {
        assert_eq!(Lang::detect(text), lang, "{text}");
    }
    // Slovak reads closest to Czech, never to English or German.
    let slovak = "Minister povedal, že situácia je vážna a vláda sa tým bude zaoberať.";
    assert_eq!(Lang::detect(slovak), Lang::Cs);
    assert_eq!(Lang::from_tag("cs-CZ"), Some(Lang::Cs));
    assert_eq!(Lang::from_tag("pl"), Some(Lang::Pl));
    assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Nl));
}

#[test]
fn czech_cue_shapes_name_the_speaker() {
    let cases: [(&str, &[&str]); 7] = [
        // The verb after the quote, then the title and name.
        (
            "„Rozpočet je napjatý, ale zvládneme to,“ řekl ministr financí Zbyněk Stanjura.",
            &["Zbyněk Stanjura"],
        ),
        // Name and verb before the quote, with a colon.
        (
            "Předseda vlády Petr Fiala prohlásil: „Daně zvyšovat nebudeme.“",
            &["Petr Fiala"],
        ),
        // `podle` with the name declined: `Rakušana` is Vít Rakušan.
        (
            "Ministr vnitra Vít Rakušan v pondělí navštívil Ostravu. Podle Rakušana je situace „pod kontrolou“.",
            &["Vít Rakušan"],
        ),
        // A subject left out: `dodala` is a woman, so not the man who spoke last.
        (
            "„Armáda je připravena,“ uvedla ministryně obrany Jana Černochová.\n„Nečekáme žádné potíže,“ řekl ministr vnitra Vít Rakušan.\n„Cvičení proběhne podle plánu,“ dodala.",
            &["Jana Černochová", "Vít Rakušan", "Jana Černochová"],
        ),
        // A pronoun: `podle ní`, according to her.
        (
            "Ministryně obrany Jana Černochová navštívila základnu v Bechyni. Podle ní je armáda „plně připravena na cvičení“.",
            &["Jana Černochová"],
        ),
        // A bare title after the verb is a description, not the last speaker.
        (
            "„Rozpočet projde,“ řekl premiér Petr Fiala.\n„Deficit klesne pod tři procenta,“ doplnil mluvčí.",
            &["Petr Fiala", "mluvčí"],
        ),
        // Named first in the genitive, shown in the nominative.
        (
            "Soud vyhověl návrhu Michala Redla. „Dům jsem musel prodat kvůli dluhům,“ řekl Michal Redl.",
            &["Michal Redl"],
        ),
    ];
    assert_cases("cs", &cases);
}

#[test]
fn polish_cue_shapes_name_the_speaker() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "„Nie podniesiemy podatków” – powiedział minister finansów Andrzej Domański.",
            &["Andrzej Domański"],
        ),
        (
            "Premier Donald Tusk zapowiedział: „Rząd przedstawi plan w przyszłym tygodniu”.",
            &["Donald Tusk"],
        ),
        // `zdaniem` with the name declined: `Domańskiego` is Andrzej Domański.
        (
            "Minister finansów Andrzej Domański przedstawił projekt budżetu. Zdaniem Domańskiego „inflacja będzie spadać”.",
            &["Andrzej Domański"],
        ),
        // `dodała` is a woman: not the man who spoke last.
        (
            "„Szpitale są gotowe” – oceniła minister zdrowia Izabela Leszczyna.\n„Nie ma powodów do paniki” – powiedział wiceminister Wojciech Konieczny.\n„Sytuacja jest pod kontrolą” – dodała.",
            &["Izabela Leszczyna", "Wojciech Konieczny", "Izabela Leszczyna"],
        ),
        // A pronoun: `według niej`, according to her.
        (
            "Posłanka Joanna Mucha skrytykowała projekt. Według niej ustawa jest „źle przygotowana i szkodliwa”.",
            &["Joanna Mucha"],
        ),
        // A dialogue dash opening the paragraph quotes.
        (
            "Posłowie spierali się o ustawę do późna.\n– To jest skandal – powiedział poseł Marcin Kierwiński.",
            &["Marcin Kierwiński"],
        ),
    ];
    assert_cases("pl", &cases);
}

#[test]
fn dutch_cue_shapes_name_the_speaker() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "\"We gaan door met de hervormingen\", zei premier Dick Schoof na de ministerraad.",
            &["Dick Schoof"],
        ),
        (
            "Burgemeester Femke Halsema zei op de persconferentie: \"De stad blijft veilig voor iedereen.\"",
            &["Femke Halsema"],
        ),
        (
            "Burgemeester Femke Halsema sprak met de politie. Volgens Halsema is de situatie \"volledig onder controle\".",
            &["Femke Halsema"],
        ),
        // `aldus` after the quote, as German `so`.
        (
            "Burgemeester Femke Halsema reageerde op de rellen. \"Dit is onaanvaardbaar en het moet stoppen\", aldus Halsema.",
            &["Femke Halsema"],
        ),
        // `van` after a title names the office, as English `of`.
        (
            "Minister van Binnenlandse Zaken Annelies Verlinden zei: \"We moeten de politie beter beschermen.\"",
            &["Annelies Verlinden"],
        ),
        // A pronoun after the verb of saying.
        (
            "\"Het is een moeilijke tijd voor de boeren\", zegt minister Mona Keijzer.\n\"Maar we komen er samen uit\", voegde ze eraan toe.",
            &["Mona Keijzer", "Mona Keijzer"],
        ),
    ];
    assert_cases("nl", &cases);
}

#[test]
fn a_quoted_newspaper_name_after_the_cue_is_the_speaker_and_no_quote() {
    let cases = [
        (
            "„Die Betonung von Video in Flash 8 beweist, dass Macromedia aufschließen will“, schreibt die „Computerwoche“.",
            "Computerwoche",
        ),
        (
            "„Er ist der kreative Kopf, der in Erinnerung geblieben ist“, schrieb „Die Zeit“ in einem Nachruf.",
            "Die Zeit",
        ),
    ];
    for (text, name) in cases {
        let options = Options {
            language: Some("de"),
        };
        // The newspaper's name is shown as a title, not as a quotation.
        let quotes: Vec<Option<String>> = analyze_with(text, &options)
            .quotes
            .into_iter()
            .filter(|q| q.kind != quotelens::QuoteKind::Term)
            .map(|q| q.speaker)
            .collect();
        assert_eq!(quotes, names(&[name]), "{text}");
    }
}

#[test]
fn a_publication_read_in_is_the_source() {
    assert_one_quote_each(&[(
        "fr",
        "« Au total, une douzaine de responsables du parti ont été mis en examen dans cette affaire », peut-on lire dans Les Échos.",
        "Les Échos",
    )]);
}

#[test]
fn news_verbs_of_saying_in_every_form() {
    // Regular verbs are listed by their infinitive; their news forms follow by rule.
    let cases = [
        ("pt", "\"Eu não corroboro o comportamento agressivo do deputado\", complementa Eduardo Girão.", "Eduardo Girão"),
        ("es", "\"La solución de los dos estados es la única alternativa\", reafirmó José Manuel Albares.", "José Manuel Albares"),
        ("fr", "« Ce texte est un appel au meurtre », a réitéré Corinne Serfati.", "Corinne Serfati"),
        ("it", "«Il governo deve rispondere subito», ha gridato Elly Schlein.", "Elly Schlein"),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(speakers(text, lang), names(&[expected]), "{text}");
    }
}

#[test]
fn an_adverb_opening_a_german_sentence_is_no_subject() {
    // German fronts an adverb or adverbial phrase and puts the subject after
    // the verb; a word ending in `-lich`, `-weise` or `-mals` is an adverb.
    assert_one_quote_each(&[
        ("de", "Unmissverständlich sagt das Gericht in der Urteilsbegründung, dass es „nicht von der Unschuld des Angeklagten überzeugt“ sei.", "das Gericht"),
        ("de", "Passend zu den Gefahren des Eises warnte die Moderatorin eines Lokalsenders: „Auf dem Eis kann es sehr glatt sein.“", "die Moderatorin eines Lokalsenders"),
        ("de", "Möglicherweise räumte Bundesfinanzminister Peer Steinbrück deshalb ein, es gebe „erhebliche Zumutungen“.", "Peer Steinbrück"),
    ]);
}

#[test]
fn german_cue_shapes_after_a_comma_and_separable_verbs() {
    assert_one_quote_each(&[
        // `so X weiter:` before a colon names the speaker, not the clause's object.
        ("de", "Auch diese Uninformiertheit habe möglicherweise Methode, so Elshorst weiter: „Das ist im Übrigen auch in anderen Firmen üblich.“", "Elshorst"),
        // Separable verbs of saying, their particle at the clause's end.
        ("de", "Rick Homans vom Sekretariat für Entwicklung lobte die Umbenennung.\n„Ein Name wie dieser symbolisiert die hohe Wichtigkeit der Anlagen“, führte er gegenüber der Presse aus.", "Rick Homans"),
        ("de", "Die Bundesjustizministerin warf der Regierung vor, sie plane eine „zentralisierte Referenzdatei“.", "Die Bundesjustizministerin"),
        // A source phrase in the plural.
        ("de", "Nach Darstellungen des Verlages bietet das Buch eine „differenzierte Betrachtung der Reformpädagogik“.", "des Verlages"),
        // `sich zeigen` with how the speaker felt.
        ("de", "„Wir haben jetzt vier Punkte und brauchen nur noch ein Unentschieden“, zeigte sich Milovan Rajevac nach dem Spiel zufrieden.", "Milovan Rajevac"),
    ]);
}

#[test]
fn a_left_out_subject_closes_the_sentence_or_follows_segun() {
    // Several partial quotes, then `, señaló.` with no subject: each quote of
    // the sentence is the last speaker's.
    let text = "El ministro José Manuel Albares habló antes de la reunión.\nEl primer objetivo es “detener esta guerra”, que ha hecho de Gaza “un inmenso cementerio”, seguido de la ayuda humanitaria, señaló.";
    assert_eq!(
        speakers(text, "es"),
        names(&["José Manuel Albares", "José Manuel Albares"])
    );
    // `Según entiende` names whoever the text is about, as `según ella` would.
    let text = "Laura Magallanes es una de las representantes de los vecinos.\nSegún entiende, “no hay perspectiva de que vaya a haber un plan de manejo en el corto plazo”.";
    assert_eq!(speakers(text, "es"), names(&["Laura Magallanes"]));
}

#[test]
fn a_preposition_after_an_inverted_subject_closes_it() {
    assert_one_quote_each(&[
        ("fr", "« Une erreur dans la précipitation », a reconnu l'imam devant les juges du tribunal correctionnel.", "l'imam"),
        ("es", "\"Fue un error que no volveremos a cometer\", dijo el ministro ante la prensa en Madrid.", "el ministro"),
        ("it", "\"È stato un errore che non ripeteremo\", ha detto il ministro davanti ai giornalisti.", "il ministro"),
        ("pt", "\"Foi um erro que não vamos repetir\", disse o ministro diante dos jornalistas em Lisboa.", "o ministro"),
    ]);
}

#[test]
fn a_name_in_apposition_to_the_opening_description_is_the_left_out_subject() {
    // Not `Donald Trump`, named inside the description, nor `Estados Unidos`,
    // named last.
    let text = "El compañero de fórmula de Donald Trump, James Vance, se presentó ayer ante Estados Unidos con una serie de anécdotas personales. \"Tenía un ángel de la guarda a mi lado\", dijo.";
    assert_eq!(speakers(text, "es"), names(&["James Vance"]));
    let text = "Il compagno di corsa di Donald Trump, James Vance, si è presentato ieri agli Stati Uniti con una serie di aneddoti personali. \"Avevo un angelo custode al mio fianco\", ha aggiunto.";
    assert_eq!(speakers(text, "it"), names(&["James Vance"]));
}

#[test]
fn a_description_of_one_person_is_the_last_speaker_or_else_the_last_person_named() {
    // An elided article, and nobody quoted yet: the last person named.
    let text = "Le maire de la commune, Philippe de Gonneville, reste prudent sur les chiffres de la saison. « Il y a une hausse en rapport avec la présence assez nombreuse de vacanciers », explique l’élu.";
    assert_eq!(speakers(text, "fr"), names(&["Philippe de Gonneville"]));
    // A demonstrative describes whom the story is about: the last speaker.
    let text = "Yassin Ezzaki s'est défendu devant le tribunal de Nîmes. « Je ne connaissais pas ce texte », a-t-il dit aux juges. « C'était une erreur dans la précipitation », affirme ce père de quatre enfants.";
    assert_eq!(
        speakers(text, "fr"),
        names(&["Yassin Ezzaki", "Yassin Ezzaki"])
    );
    let text = "O senador Lasier Martins votou contra o projeto na comissão. \"Não atendo a interesses pessoais de ninguém\", afirmou o parlamentar.";
    assert_eq!(speakers(text, "pt"), names(&["Lasier Martins"]));
}

#[test]
fn a_name_after_a_bodys_short_name_in_brackets_is_the_person_described() {
    assert_one_quote_each(&[
        ("it", "La portata della tragedia a Gaza è \"senza precedenti\". Lo ha ribadito il Commissario generale dell'agenzia Onu per i rifugiati palestinesi (Unrwa) Philippe Lazzarini, dopo aver visitato la Striscia.", "Philippe Lazzarini"),
        ("it", "\"Non possiamo aspettare oltre\", ha detto il direttore generale dell'Organizzazione mondiale della sanità (Oms) Tedros Adhanom Ghebreyesus.", "Tedros Adhanom Ghebreyesus"),
        ("en", "\"We cannot wait any longer,\" said the head of the UN refugee agency (UNRWA) Philippe Lazzarini.", "Philippe Lazzarini"),
    ]);
}
