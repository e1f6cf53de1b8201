//! A page's quotes for readers and programs outside the page: the *Who said
//! what* grouping, a one-quote citation, and the page's quotes as JSON,
//! Markdown and CSV.
//!
//! Pure text in, text out, like the rest of the core: the browser layer passes
//! what it read (the page's URL, title and the analysed text the offsets count
//! into) and turns the result into a download or a clipboard entry.
//!
//! ```
//! use quotelens::export::{citation, Source};
//! let text = "“Very soon, we will see,” Blinken said.";
//! let quote = &quotelens::analyze(text).quotes[0];
//! let page = Source { url: "https://www.theguardian.com/a", title: "Talks", site: "theguardian.com" };
//! assert_eq!(
//!     citation(quote, &page),
//!     "“Very soon, we will see” — Blinken (theguardian.com, https://www.theguardian.com/a)"
//! );
//! ```

use serde::Serialize;

use crate::case::lowercase;
use crate::record::{QuoteRecord, Table};
use crate::{Quote, Speaker};

/// Where the quotes were read: the page's address, its title and the site
/// name a citation shows (`theguardian.com`, see [`site_name`]).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The page's address.
    pub url: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// The site's name for a citation.
    pub site: &'a str,
}

/// The JSON export of one page: the CLI's `quotes` and `speakers` (see
/// [`crate::record`]), plus the page's `url`, `title` and the `text` the
/// offsets count into (code points).
#[derive(Debug, Serialize)]
pub struct PageRecord<'a> {
    /// The page's address.
    pub url: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// The article text the offsets count into.
    pub text: &'a str,
    /// Every quote, as the CLI writes it.
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Every speaker quoted, in order of first quote.
    pub speakers: Vec<Speaker>,
}

impl<'a> PageRecord<'a> {
    /// `known` are the speakers the analysis found (for their aliases); the
    /// list saved has exactly the speakers of `quotes`, counted again.
    pub fn new(source: &Source<'a>, text: &'a str, quotes: &'a [Quote], known: &[Speaker]) -> Self {
        PageRecord {
            url: source.url,
            title: source.title,
            text,
            quotes: quotes.iter().map(QuoteRecord::from).collect(),
            speakers: speakers_of(quotes, known),
        }
    }
}

/// The speakers of `quotes` in order of first appearance, with the role and
/// aliases `known` gives them (merged when several analyses named the same
/// speaker) and their quote count in `quotes`.
pub fn speakers_of(quotes: &[Quote], known: &[Speaker]) -> Vec<Speaker> {
    let mut out: Vec<Speaker> = Vec::new();
    for quote in quotes {
        let Some(name) = quote.speaker.as_deref() else {
            continue;
        };
        if let Some(speaker) = out.iter_mut().find(|s| s.name == name) {
            speaker.quote_count += 1;
            continue;
        }
        let mut speaker = Speaker {
            name: name.to_string(),
            role: quote.role.clone(),
            aliases: Vec::new(),
            quote_count: 1,
        };
        for k in known.iter().filter(|k| k.name == name) {
            speaker.role = speaker.role.or_else(|| k.role.clone());
            for alias in &k.aliases {
                if !speaker.aliases.contains(alias) {
                    speaker.aliases.push(alias.clone());
                }
            }
        }
        out.push(speaker);
    }
    out
}

/// One speaker's quotes (or the unattributed ones) for *Who said what*.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// `None` for the *Unattributed* group.
    pub speaker: Option<&'a str>,
    /// The speaker's role or title, when the text gives one.
    pub role: Option<&'a str>,
    /// Indices into the quotes, in reading order.
    pub quotes: Vec<usize>,
}

/// Who said what: one group per speaker, the most quoted first (ties in order
/// of first appearance), then the unattributed quotes, if any.
pub fn who_said_what(quotes: &[Quote]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut unattributed = Vec::new();
    for (i, quote) in quotes.iter().enumerate() {
        let Some(name) = quote.speaker.as_deref() else {
            unattributed.push(i);
            continue;
        };
        match groups.iter_mut().find(|g| g.speaker == Some(name)) {
            Some(group) => {
                group.role = group.role.or(quote.role.as_deref());
                group.quotes.push(i);
            }
            None => groups.push(Group {
                speaker: Some(name),
                role: quote.role.as_deref(),
                quotes: vec![i],
            }),
        }
    }
    // Stable: equal counts keep the order of first appearance.
    crate::sort::stable_by_key(&mut groups, |g| std::cmp::Reverse(g.quotes.len()));
    if !unattributed.is_empty() {
        groups.push(Group {
            speaker: None,
            role: None,
            quotes: unattributed,
        });
    }
    groups
}

/// The site a citation names: the host without `www.`, lower case
/// (`www.TheGuardian.com` → `theguardian.com`).
pub fn site_name(host: &str) -> String {
    let host = lowercase(host.trim().trim_end_matches('.'));
    match host.strip_prefix("www.") {
        Some(rest) => rest.to_string(),
        None => host,
    }
}

/// The words of a quote as one line: a quote over several paragraphs is
/// joined with spaces and loses the mark that reopened each later paragraph;
/// a trailing comma or colon, which belonged to the sentence around it, goes.
pub fn quote_line(text: &str) -> String {
    let mut line = String::new();
    for (i, paragraph) in text.split('\n').enumerate() {
        let mut paragraph = paragraph.trim();
        if i > 0 {
            paragraph = paragraph
                .trim_start_matches(['“', '"', '„', '«', '‘'])
                .trim_start();
        }
        if paragraph.is_empty() {
            continue;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(paragraph.split_whitespace().flat_map(|w| [w, " "]));
        line.pop();
    }
    line.trim_end_matches([',', ';', ':', ' ']).to_string()
}

/// The first `words` words of a quote, with `…` when there is more.
pub fn opening_words(text: &str, words: usize) -> String {
    let line = quote_line(text);
    let mut taken: Vec<&str> = line.split(' ').take(words + 1).collect();
    if taken.len() > words {
        taken.truncate(words);
        let cut = taken.join(" ");
        format!(
            "{}…",
            cut.trim_end_matches([',', ';', ':', '.', '–', '—', '-', ' '])
        )
    } else {
        line
    }
}

/// `Antony Blinken, US Secretary of State`; `Unattributed` without a speaker.
pub fn speaker_line(speaker: Option<&str>, role: Option<&str>) -> String {
    match (speaker, role) {
        (Some(name), Some(role)) => format!("{name}, {role}"),
        (Some(name), None) => name.to_string(),
        (None, _) => "Unattributed".to_string(),
    }
}

/// One quote to paste elsewhere:
/// `“…” — Antony Blinken, US Secretary of State (theguardian.com, https://…)`.
/// An unattributed quote names no one: `“…” (theguardian.com, https://…)`.
pub fn citation(quote: &Quote, source: &Source) -> String {
    let words = quote_line(&quote.text);
    let place = format!("({}, {})", source.site, source.url);
    match quote.speaker.as_deref() {
        Some(name) => format!(
            "“{words}” — {} {place}",
            speaker_line(Some(name), quote.role.as_deref())
        ),
        None => format!("“{words}” {place}"),
    }
}

/// What a screen reader says for a quote's badge:
/// `Antony Blinken, US Secretary of State: “What I think is absolutely essential…”, quote 4 of 8`.
/// A badge whose words (`shown`) are not in the speaker's name, like
/// `Blinken & Lammy` for `Antony Blinken and David Lammy`, is named with them
/// first, so speech input users can say what they see.
pub fn badge_label(quote: &Quote, shown: &str, nth: usize, of: usize) -> String {
    let speaker = speaker_line(quote.speaker.as_deref(), quote.role.as_deref());
    let visible = shown.trim().trim_end_matches('…');
    let words = visible.chars().any(char::is_alphanumeric);
    let who = if words && !crate::find::has(&speaker, visible) {
        format!("{} ({speaker})", shown.trim())
    } else {
        speaker
    };
    format!(
        "{who}: “{}”, quote {nth} of {of}",
        opening_words(&quote.text, 6)
    )
}

/// The page's quotes as Markdown: a heading per speaker (as in
/// [`who_said_what`]), each quote a block quote with its cue and confidence.
pub fn markdown(source: &Source, quotes: &[Quote]) -> String {
    let groups = who_said_what(quotes);
    let speakers = groups.iter().filter(|g| g.speaker.is_some()).count();
    let mut out = format!(
        "# Who said what: {}\n\n<{}>\n\n{} by {}, found by Quotelens.\n",
        md_escape(source.title),
        source.url,
        plural(quotes.len(), "quote"),
        plural(speakers, "speaker"),
    );
    for group in &groups {
        out.push_str(&format!(
            "\n## {} ({})\n",
            md_escape(&speaker_line(group.speaker, group.role)),
            plural(group.quotes.len(), "quote")
        ));
        for &i in &group.quotes {
            let q = &quotes[i];
            out.push_str(&format!("\n> “{}”\n", md_escape(&quote_line(&q.text))));
            if group.speaker.is_some() {
                let cue = q.cue.as_deref().map(|c| format!("{}, ", md_escape(c)));
                out.push_str(&format!(
                    "\n{}confidence {}%\n",
                    cue.unwrap_or_default(),
                    fixed(f64::from(q.confidence) * 100.0, 0)
                ));
            }
        }
    }
    out
}

/// `value` with `decimals` digits after the point (`0.8` → `"0.80"`),
/// rounded half away from zero. Written with integers: Rust's float
/// formatting would add about 7 KB gzipped to the WebAssembly, which formats
/// numbers only for CSS lengths, percentages and exports.
pub fn fixed(value: f64, decimals: u32) -> String {
    // In 32 bits: wasm2js (the JavaScript build) mistranslates a saturating
    // float-to-i64 conversion, and no length or percentage we print needs more.
    let scale = 10u32.pow(decimals);
    let scaled = (value * f64::from(scale)).round();
    let sign = if scaled < 0.0 { "-" } else { "" };
    let whole = (scaled.abs() / f64::from(scale)).trunc();
    let part = (scaled.abs() - whole * f64::from(scale)) as u32;
    let whole = whole as u32;
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = decimals as usize)
    }
}

/// `1 quote`, `3 quotes`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Backslash before every character Markdown could read as markup, so page
/// text stays text (`*`, `_`, links, HTML, headings, tables).
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '(' | ')'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The page's quotes as CSV: the CLI's table ([`Table::Csv`]: RFC 4180,
/// formulas defused), its `id` column holding the page's URL.
pub fn csv(source: &Source, quotes: &[Quote]) -> String {
    let mut out = String::new();
    Table::Csv.header(&["id"], &mut out);
    for quote in quotes {
        Table::Csv.row(&[source.url], &QuoteRecord::from(quote), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    const ARTICLE: &str = "US Secretary of State Antony Blinken met British Foreign Secretary David Lammy in London.\n\
        Blinken said: “What I think is absolutely essential – and they all say this – is that there has to be a pathway to two states.\n\
        “Very soon, we will put that before the parties, and we will see what they say,” Blinken said.\n\
        Lammy added: “It was important to go to the UAE.”\n\
        This showed how Iran’s “destabilising influence reaches far beyond the Middle East”.";

    fn guardian() -> Source<'static> {
        Source {
            url: "https://www.theguardian.com/us-news/2024/sep/10/blinken-lammy",
            title: "Blinken and Lammy warn of Iran’s “malign” threat",
            site: "theguardian.com",
        }
    }

    #[test]
    fn fixed_point_numbers_round_half_away_from_zero() {
        assert_eq!(fixed(0.8, 2), "0.80");
        assert_eq!(fixed(0.955, 2), "0.96");
        assert_eq!(fixed(12.04, 1), "12.0");
        assert_eq!(fixed(-3.25, 1), "-3.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(87.5, 0), "88");
    }

    #[test]
    fn citation_names_speaker_role_site_and_url() {
        let analysis = analyze(ARTICLE);
        let cited = citation(&analysis.quotes[0], &guardian());
        assert_eq!(
            cited,
            "“What I think is absolutely essential – and they all say this – is that there has to be a pathway to two states. Very soon, we will put that before the parties, and we will see what they say” — Antony Blinken, US Secretary of State (theguardian.com, https://www.theguardian.com/us-news/2024/sep/10/blinken-lammy)"
        );
    }

    #[test]
    fn citation_of_an_unattributed_quote_names_no_one() {
        let analysis = analyze(ARTICLE);
        let last = analysis.quotes.last().unwrap();
        assert_eq!(last.speaker, None);
        assert_eq!(
            citation(last, &guardian()),
            "“destabilising influence reaches far beyond the Middle East” (theguardian.com, https://www.theguardian.com/us-news/2024/sep/10/blinken-lammy)"
        );
    }

    #[test]
    fn quote_over_two_paragraphs_reads_as_one_line_without_the_reopening_mark() {
        assert_eq!(
            quote_line("Our nations helped Israel.\n“But we’re equally determined,"),
            "Our nations helped Israel. But we’re equally determined"
        );
    }

    #[test]
    fn badge_label_has_speaker_role_opening_words_and_position() {
        let analysis = analyze(ARTICLE);
        assert_eq!(
            badge_label(&analysis.quotes[0], "Blinken", 4, 8),
            "Antony Blinken, US Secretary of State: “What I think is absolutely essential…”, quote 4 of 8"
        );
        let short = analyze("Lammy added: “It was important.”");
        assert_eq!(
            badge_label(&short.quotes[0], "Lammy", 1, 1),
            "Lammy: “It was important.”, quote 1 of 1"
        );
        let pair = analyze("Blinken and Lammy agreed that “90 per cent” of a deal was ready, Antony Blinken and David Lammy said.");
        let q = &pair.quotes[0];
        assert_eq!(q.speaker.as_deref(), Some("Antony Blinken and David Lammy"));
        assert_eq!(
            badge_label(q, "Blinken & Lammy", 1, 2),
            "Blinken & Lammy (Antony Blinken and David Lammy): “90 per cent”, quote 1 of 2"
        );
        let nobody = analyze(
            "This showed how Iran’s “destabilising influence reaches far beyond the Middle East”.",
        );
        assert_eq!(
            badge_label(&nobody.quotes[0], "?", 1, 1),
            "Unattributed: “destabilising influence reaches far beyond the…”, quote 1 of 1"
        );
    }

    #[test]
    fn site_name_drops_www_and_case() {
        assert_eq!(site_name("www.TheGuardian.com"), "theguardian.com");
        assert_eq!(site_name("bbc.co.uk."), "bbc.co.uk");
        assert_eq!(site_name("wwwhatsnew.com"), "wwwhatsnew.com");
    }

    #[test]
    fn who_said_what_puts_the_most_quoted_first_and_unattributed_last() {
        let analysis = analyze(ARTICLE);
        let groups = who_said_what(&analysis.quotes);
        let names: Vec<_> = groups.iter().map(|g| g.speaker).collect();
        assert_eq!(names.first(), Some(&Some("Antony Blinken")));
        assert_eq!(names.last(), Some(&None));
        let all: usize = groups.iter().map(|g| g.quotes.len()).sum();
        assert_eq!(all, analysis.quotes.len());
        for group in &groups {
            assert!(
                group.quotes.windows(2).all(|w| w[0] < w[1]),
                "reading order"
            );
        }
        assert_eq!(groups[0].role, Some("US Secretary of State"));
    }

    #[test]
    fn json_record_keeps_the_cli_fields_and_offsets_into_the_text() {
        let analysis = analyze(ARTICLE);
        let record = PageRecord::new(&guardian(), ARTICLE, &analysis.quotes, &analysis.speakers);
        let json: serde_json::Value = serde_json::to_value(&record).unwrap();
        assert_eq!(json["url"], guardian().url);
        assert_eq!(json["title"], guardian().title);
        let quotes = json["quotes"].as_array().unwrap();
        assert_eq!(quotes.len(), analysis.quotes.len());
        let chars: Vec<char> = ARTICLE.chars().collect();
        for q in quotes {
            let keys: Vec<&str> = q.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            // serde_json's map sorts its keys.
            let mut fields = crate::record::columns();
            fields.sort_unstable();
            assert_eq!(keys, fields, "the record's fields");
            assert!(!keys.contains(&"speaker_id"));
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[s..e].iter().collect::<String>(),
                q["text"].as_str().unwrap()
            );
        }
        let blinken = &json["speakers"][0];
        assert_eq!(blinken["name"], "Antony Blinken");
        assert_eq!(blinken["quote_count"], 1);
    }

    #[test]
    fn speakers_are_counted_again_and_aliases_merged_across_analyses() {
        let first =
            analyze("US Secretary of State Antony Blinken arrived.\n“We are ready,” Blinken said.");
        let second = analyze("“It is done,” said Antony Blinken, the US Secretary of State.");
        let quotes: Vec<Quote> = first.quotes.iter().chain(&second.quotes).cloned().collect();
        let known: Vec<Speaker> = first
            .speakers
            .iter()
            .chain(&second.speakers)
            .cloned()
            .collect();
        let speakers = speakers_of(&quotes, &known);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].quote_count, 2);
        assert!(
            speakers[0].aliases.contains(&"Blinken".to_string()),
            "{:?}",
            speakers[0].aliases
        );
    }

    #[test]
    fn markdown_groups_by_speaker_and_escapes_page_text() {
        let source = Source {
            title: "Talks *live* <script>",
            ..guardian()
        };
        let analysis = analyze(
            "“Use [this](javascript:alert(1)) *now*,” said Mayor Ruth Okafor.\n\
             This showed how Iran’s “destabilising influence reaches far beyond the Middle East”.",
        );
        let md = markdown(&source, &analysis.quotes);
        assert!(
            md.starts_with("# Who said what: Talks \\*live\\* \\<script\\>\n"),
            "{md}"
        );
        assert!(
            md.contains("## Ruth Okafor, Mayor (1 quote)")
                || md.contains("## Ruth Okafor (1 quote)"),
            "{md}"
        );
        assert!(
            md.contains("> “Use \\[this\\]\\(javascript:alert\\(1\\)\\) \\*now\\*”"),
            "{md}"
        );
        assert!(md.contains("## Unattributed (1 quote)"), "{md}");
    }

    #[test]
    fn csv_parses_back_with_the_csv_crate_field_for_field() {
        let text = "“Prices rose \"sharply\", then fell,” said Mayor Ruth Okafor.\n\
                    “=SUM(A1:A9) is all they see,\n“and more,” Okafor said.";
        let analysis = analyze(text);
        assert_eq!(analysis.quotes.len(), 2);
        let out = csv(&guardian(), &analysis.quotes);
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "id");
        assert_eq!(
            header.iter().skip(1).collect::<Vec<_>>(),
            crate::record::columns()
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), analysis.quotes.len());
        assert_eq!(&rows[0][3], analysis.quotes[0].text);
        assert_eq!(&rows[0][4], "Ruth Okafor");
        assert_eq!(&rows[0][0], guardian().url);
        // A formula is defused, the rest of the field kept as it was.
        assert_eq!(
            rows[1][3].to_string(),
            format!("'{}", analysis.quotes[1].text)
        );
        assert!(out.ends_with("\r\n"));
    }
}
