//! The [`Dom`] of a saved page, parsed by `scraper` (html5ever): the CLI's.

use std::borrow::Cow;

use scraper::{Html, Node};

#[cfg(test)]
use super::Selecting;
use super::{article_container, select, Dom, NodeKind, Scan};
use crate::textmap::TextMapBuilder;

/// A parsed HTML document seen through [`Dom`].
pub struct HtmlDom<'a>(pub &'a Html);

/// A node of a parsed document.
pub type HtmlNode<'a> = ego_tree::NodeRef<'a, Node>;

impl<'a> Dom for HtmlDom<'a> {
    type Node = HtmlNode<'a>;

    fn kind(&self, node: &Self::Node) -> NodeKind {
        match node.value() {
            Node::Element(_) => NodeKind::Element,
            Node::Text(_) => NodeKind::Text,
            _ => NodeKind::Other,
        }
    }

    fn first_child(&self, node: &Self::Node) -> Option<Self::Node> {
        node.first_child()
    }

    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node> {
        node.next_sibling()
    }

    fn local_name(&self, element: &Self::Node) -> Cow<'_, str> {
        match element.value() {
            Node::Element(e) => Cow::Borrowed(e.name()),
            _ => Cow::Borrowed(""),
        }
    }

    fn attribute(&self, element: &Self::Node, name: &str) -> Option<Cow<'_, str>> {
        match element.value() {
            Node::Element(e) => e.attr(name).map(Cow::Borrowed),
            _ => None,
        }
    }

    fn has_attributes(&self, element: &Self::Node) -> bool {
        match element.value() {
            Node::Element(e) => e.attrs().next().is_some(),
            _ => false,
        }
    }

    fn text(&self, text: &Self::Node) -> Cow<'_, str> {
        match text.value() {
            Node::Text(t) => Cow::Borrowed(&t.text),
            _ => Cow::Borrowed(""),
        }
    }
}

/// The article text of an HTML page, paragraphs separated by `\n`: the same
/// two steps as the extension (find the story's container on the whole page,
/// then read the container), so the CLI measures what ships.
pub fn article_text(html: &str) -> String {
    let document = Html::parse_document(&flatten_deep_nesting(html, MAX_DEPTH));
    let dom = HtmlDom(&document);
    let container = article_root(&dom, &document);
    read(&dom, container)
}

/// How deep elements may nest before their tags are dropped (their text
/// stays). Browsers cap it too (Chromium at 512); real news pages stay well
/// under 100.
const MAX_DEPTH: usize = 4096;

/// `html` with the start and end tags nested deeper than `max` taken out,
/// their text kept: html5ever looks through every open element at each
/// `<div>` and `<p>`, so 80,000 nested `<div>`s took a minute; this keeps it
/// linear. One pass to measure, a second only when the page is that deep.
fn flatten_deep_nesting(html: &str, max: usize) -> Cow<'_, str> {
    if tags(html, max, None) <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    tags(html, max, Some(&mut out));
    Cow::Owned(out)
}

/// Walks the tags of `html`, tracking how deep elements nest; returns the
/// deepest it saw. With `out`, copies `html` there without the tags deeper
/// than `max`. Comments, doctypes and the text of `script`, `style`,
/// `textarea` and `title` are copied as they stand.
fn tags(html: &str, max: usize, mut out: Option<&mut String>) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    const RAW: [&str; 4] = ["script", "style", "textarea", "title"];
    // Elements whose end tag may be left out close by themselves (a `<p>`
    // closes the `<p>` before it): counting them would take a page of
    // unclosed paragraphs for a deep one.
    const SELF_ENDING: [&str; 21] = [
        "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
        "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i, mut copied) = (0usize, 0usize, 0usize, 0usize);
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // `<!-- … -->`, `<!doctype>`, a lone `<`: skip past it.
            i = if bytes[at..].starts_with(b"<!--") {
                find_ignoring_case(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3)
            } else {
                at + 1
            };
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = !closing && bytes[..end].ends_with(b"/>");
        let counts = !SELF_ENDING.contains(&name.as_str());
        let nests = !closing && !self_closing && !VOID.contains(&name.as_str());
        let too_deep = if !counts {
            false
        } else if closing {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else if nests {
            depth += 1;
            deepest = deepest.max(depth);
            depth > max
        } else {
            false
        };
        if let Some(out) = out.as_deref_mut() {
            out.push_str(&html[copied..at]);
            if !too_deep {
                out.push_str(&html[at..end]);
            }
            copied = end;
        }
        i = end;
        // The text of a script or style is no markup, whatever it holds.
        if nests && RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignoring_case(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    deepest
}

/// Just past the `>` ending the tag whose attributes start at `from`
/// (a `>` inside a quoted attribute value does not end it).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            // Only a value opens with a quote: `alt="a > b"`, not `don't`.
            (None, b'"' | b'\'') if after_equals => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return k + 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = quote.is_none() && b == b'=';
        }
    }
    bytes.len()
}

/// Where `needle` first stands in `bytes` from `from` on, ASCII case aside.
fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// The element holding the story (see [`select`]).
pub fn article_root<'a>(dom: &HtmlDom<'a>, document: &'a Html) -> HtmlNode<'a> {
    let body = document
        .root_element()
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| *document.root_element());
    let page = Scan::all(dom, vec![body]);
    if page.roots.is_empty() {
        return body;
    }
    page.elements[article_container(&page) as usize].node
}

/// The text of the story under `container`, one paragraph a line.
pub fn read<'a>(dom: &HtmlDom<'a>, container: HtmlNode<'a>) -> String {
    let page = Scan::all(dom, vec![container]);
    if page.roots.is_empty() {
        return String::new();
    }
    let selection = select(&page);
    let mut builder = TextMapBuilder::new();
    page.emit(&selection.kept, &mut builder);
    builder.finish().text().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "<p>“We are completely aligned on the need to secure that ceasefire,” Lammy said on a visit.</p>";
    const OTHER: &str = "<p>Blinken said “there must be no role for Hamas going forward” in Gaza, and Lammy agreed.</p>";

    fn text_of(paragraph: &str) -> &str {
        paragraph.trim_start_matches("<p>").trim_end_matches("</p>")
    }

    #[test]
    fn heading_and_paragraph_do_not_run_together() {
        let html = "<body><article><p>“We are close,” Blinken said.</p><h2>Talks resume</h2>\
                    <p>Lammy agreed, and said “the deal is on the table” in a statement to the press.</p></article></body>";
        assert_eq!(
            article_text(html),
            "“We are close,” Blinken said.\nTalks resume\nLammy agreed, and said “the deal is on the table” in a \
             statement to the press."
        );
    }

    #[test]
    fn the_title_and_byline_above_and_the_credit_and_contact_below_are_not_read() {
        let html = format!(
            "<body><article><h1>Talks resume in London</h1><div>By Ann Lee and Raj Patel</div>\
             <div>November 19, 2019 - 11:28</div>{STORY}{OTHER}\
             <p>Reporting by Ann Lee; Editing by Raj Patel</p>\
             <p><em>Write to Ann Lee at ann.lee@paper.example or follow her @annlee.</em></p></article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!("{}\n{}", text_of(STORY), text_of(OTHER))
        );
    }

    #[test]
    fn the_about_paragraph_below_a_rule_is_not_read_but_a_quote_or_a_long_part_there_stays() {
        let about = "<hr><p>Harbourline is a maker of flood barriers for ports and rivers.<br>\
                     Harbourline is based in Portsea and employs 300 people.</p>";
        let more = "<p>The two ministers are due to meet again in Washington next month, officials said.</p>";
        let release = format!("<body><article>{STORY}{OTHER}{more}{about}</article></body>");
        assert!(!article_text(&release).contains("Harbourline"));
        let quoted = about.replace("Harbourline is a", "“We are a");
        let release = format!("<body><article>{STORY}{OTHER}{more}{quoted}</article></body>");
        assert!(article_text(&release).contains("Harbourline is based"));
        // Below the rule, more than a third of the text: a part of the story.
        let release = format!("<body><article>{STORY}{more}{about}</article></body>");
        assert!(article_text(&release).contains("Harbourline is based"));
    }

    #[test]
    fn a_last_line_that_introduces_the_posts_below_it_stays() {
        let html = format!(
            "<body><article>{STORY}{OTHER}<p>Residents were quick to answer online:</p>\
             <blockquote><a href='/t/1'>pic.twitter.com/x</a></blockquote></article></body>"
        );
        assert!(article_text(&html).contains("\nResidents were quick to answer online:"));
    }

    #[test]
    fn a_line_with_a_quote_stays_at_either_end_and_a_sentence_with_its_credit_stays() {
        let html = format!(
            "<body><article><h1>“We are close,” says Blinken</h1>{STORY}{OTHER}\
             <p>“We did it!” the ministry wrote @FCDOGovUK</p>\
             <p>Both ministers fly home on Tuesday. PTI</p></article></body>"
        );
        let text = article_text(&html);
        assert!(text.starts_with("“We are close,” says Blinken\n"), "{text}");
        assert!(
            text.contains("“We did it!” the ministry wrote @FCDOGovUK\n"),
            "{text}"
        );
        assert!(
            text.ends_with("Both ministers fly home on Tuesday. PTI"),
            "{text}"
        );
    }

    #[test]
    fn br_breaks_a_line_and_white_space_collapses_but_entities_are_text() {
        let html = "<p>First   line,\n  still first<br>second line &amp; more</p>";
        assert_eq!(
            article_text(html),
            "First line, still first\nsecond line & more"
        );
    }

    #[test]
    fn inline_markup_joins_without_extra_space() {
        let html = "<p>“Very <em>soon</em>,” <a href=\"/p/blinken\">Blinken</a> said.</p>";
        assert_eq!(article_text(html), "“Very soon,” Blinken said.");
    }

    #[test]
    fn hidden_editable_and_chrome_elements_are_not_read() {
        let html = format!(
            "<body><nav>“Nav quote,” site said.</nav><div>{STORY}{OTHER}\
             <p hidden>“Hidden quote,” nobody said.</p>\
             <p style=\"display: none\">“Invisible,” nobody said.</p>\
             <p aria-hidden=\"true\">“Aria hidden,” nobody said.</p>\
             <div contenteditable>“Typed,” a reader said.</div>\
             <div role=\"complementary\">“Box quote,” a box said.</div>\
             <aside><h3>Related</h3><p>“Aside quote,” a box said.</p></aside></div></body>"
        );
        let text = article_text(&html);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert_eq!(text, format!("{}\n{}", text_of(STORY), text_of(OTHER)));
    }

    #[test]
    fn text_a_framework_class_hides_is_not_read_but_hidden_on_a_phone_only_is() {
        // The page's style sheet would hide these (Bootstrap's `d-none` teaser
        // kept for a carousel, Tailwind's `hidden` topic labels, Bulma's
        // `is-hidden` update line); a saved page is read without it. Bootstrap
        // 3's `hidden-xs` hides on a phone and shows on a desktop.
        let html = format!(
            "<body><article>{STORY}\
             <div class=\"teaser d-none\"><p>Markets fall as talks stall in Brussels, traders said on Monday.</p></div>\
             <ul class=\"topics hidden\"><li>Politics &amp; Government</li><li>Diplomacy</li></ul>\
             <p class=\"note is-hidden\">This story has been updated with the ministers' statement.</p>\
             <p class=\"hidden-xs\">Both ministers fly home on Tuesday, their offices said.</p>{OTHER}</article></body>"
        );
        let text = article_text(&html);
        assert!(!text.contains("Markets fall"), "{text}");
        assert!(!text.contains("Diplomacy"), "{text}");
        assert!(!text.contains("has been updated"), "{text}");
        assert!(text.contains("Both ministers fly home"), "{text}");
        assert!(text.starts_with(text_of(STORY)), "{text}");
        assert!(text.ends_with(text_of(OTHER)), "{text}");
    }

    #[test]
    fn a_body_with_a_hiding_class_that_a_script_would_show_is_still_read() {
        let html = format!("<body class=\"hidden\"><article>{STORY}{OTHER}</article></body>");
        assert_eq!(
            article_text(&html),
            format!("{}\n{}", text_of(STORY), text_of(OTHER))
        );
    }

    #[test]
    fn a_paragraph_that_is_a_link_is_a_related_story_but_links_in_a_sentence_stay() {
        let html = format!(
            "<body><article>{STORY}\
             <p><strong><a href='/b'>SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'</a></strong></p>\
             <p>Related: <a href='/c'>Possible Water Plumes on Europa: The Discovery in Images</a></p>\
             <p>Lammy said the talks, <a href='/d'>reported here last week</a>, would go on.</p>{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!(
                "{}\nLammy said the talks, reported here last week, would go on.\n{}",
                text_of(STORY),
                text_of(OTHER)
            )
        );
    }

    #[test]
    fn a_card_that_pops_up_over_a_name_is_not_read() {
        // Its links are most of the paragraph's text: the card goes, the sentence stays.
        let html = format!(
            "<body><article>{STORY}<p>Rep. <a href='/p/omar'>Ilhan Omar</a><span>\
             <img src='omar.jpg'><a href='/p/omar'>Ilhan Omar</a>\
             <a href='/s/1'>Progressives oppose funding bill over surveillance</a>\
             <a href='/s/2'>Hillicon Valley: Senators call for 5G security coordinator | Facebook gets questions</a>\
             <a href='/s/3'>Overnight Energy: Lawmakers spar over actor's testimony | House Dems unveil plan</a>\
             <a href='/s/4'>Sanders doubles down on Bolivia 'coup,' few follow suit in the Senate</a>\
             <a href='/s/5'>Funding for conservation program passes Senate hurdle</a>\
             </span> (D-Minn.) \
             said “we will not be intimidated” after the threat was made.</p>{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html).lines().nth(1),
            Some("Rep. Ilhan Omar (D-Minn.) said “we will not be intimidated” after the threat was made.")
        );
    }

    #[test]
    fn the_card_goes_and_the_name_it_pops_up_over_stays() {
        // The name's link and the card sit in one span: only the card goes.
        let html = format!(
            "<body><article>{STORY}<p>Portsea's mayor, <span><a href='/p/reyes'>Ana Reyes</a>\
             <span><span><img src='reyes.jpg'><a href='/p/reyes'>Ana Reyes</a>\
             <a href='/s/1'>Reyes opens the ferry terminal</a></span></span></span> (D), is defending \
             the city's flood plan, “Higher walls, drier homes.”</p>{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html).lines().nth(1),
            Some("Portsea's mayor, Ana Reyes (D), is defending the city's flood plan, “Higher walls, drier homes.”")
        );
    }

    #[test]
    fn a_pull_quote_in_an_aside_is_read_and_a_box_beside_the_story_is_not() {
        let html = format!(
            "<body><article>{STORY}\
             <aside><span>“The sea gives and the sea takes, and this year it took,” the harbour master said.</span></aside>\
             <aside><p>“Iran will respond,” says <a href='/x'>foreign minister</a></p></aside>\
             <aside><h4>Most read</h4><p>“We lost everything,” residents say after the flood.</p></aside>\
             {OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!(
                "{}\n“The sea gives and the sea takes, and this year it took,” the harbour master said.\n{}",
                text_of(STORY),
                text_of(OTHER)
            )
        );
    }

    #[test]
    fn the_title_of_a_list_of_links_goes_with_the_list_and_a_section_title_stays() {
        let html = format!(
            "<body><article>{STORY}<h4>More:</h4>\
             <ul><li><h4><a href='/a'>Ferry fares rise again</a></h4></li></ul>\
             <ul><li><h4><a href='/b'>The harbour wall: a timeline</a></h4></li></ul>\
             <h2>What comes next</h2>{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!("{}\nWhat comes next\n{}", text_of(STORY), text_of(OTHER))
        );
    }

    #[test]
    fn a_picture_with_its_caption_in_a_paragraph_is_not_read() {
        let html = format!(
            "<body><article><div class='wp-caption'><img src='wework.jpg' alt=''>\
             <p class='wp-caption-text'>The harbour wall after the January storm (Credit: City Archive)</p></div>\
             {STORY}{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!("{}\n{}", text_of(STORY), text_of(OTHER))
        );
    }

    #[test]
    fn a_sign_up_box_with_its_form_is_not_read() {
        let html = format!(
            "<body><article>{STORY}{OTHER}<div><h4>Morning Rundown</h4>\
             <div>Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.</div>\
             <form><input name='email'><button>Sign Up</button></form></div></article></body>"
        );
        assert_eq!(
            article_text(&html),
            format!("{}\n{}", text_of(STORY), text_of(OTHER))
        );
    }

    #[test]
    fn a_box_of_the_story_with_a_link_in_its_line_stays() {
        // A third of its text is a link: more than Readability's 0.2.
        let html = format!(
            "<body><article>{STORY}<div><div>US stock futures were <a href='/m'>last trading slightly positive</a> \
             during Asian trading hours.</div></div>{OTHER}</article></body>"
        );
        assert_eq!(
            article_text(&html).lines().nth(1),
            Some(
                "US stock futures were last trading slightly positive during Asian trading hours."
            )
        );
    }

    #[test]
    fn a_page_without_paragraphs_reads_whole() {
        assert_eq!(
            article_text("<div>“Short,” he said.</div>"),
            "“Short,” he said."
        );
        assert_eq!(article_text(""), "");
        assert_eq!(article_text("<<<>>> &&& </p></div>"), "<<<>>> &&&");
    }

    #[test]
    fn a_teaser_holds_no_story_and_three_paragraphs_do() {
        let read = |html: &str| {
            let document = Html::parse_fragment(html);
            let dom = HtmlDom(&document);
            let article = document.root_element().first_child().unwrap();
            crate::extract::holds_story(&Scan::all(&dom, vec![article]), 0)
        };
        assert!(!read(
            "<article><h2>“Teaser,” says teaser</h2><p>Read more.</p></article>"
        ));
        assert!(read(&format!("<article>{STORY}{OTHER}{STORY}</article>")));
    }

    #[test]
    fn page_chrome_is_named_by_tag_or_landmark_role() {
        use crate::extract::is_page_chrome;
        assert!(is_page_chrome("nav", None));
        assert!(is_page_chrome("div", Some(" Navigation ")));
        assert!(!is_page_chrome("div", Some("main")));
        assert!(!is_page_chrome("article", None));
    }

    #[test]
    fn tags_deeper_than_the_cap_go_and_their_text_stays() {
        let page = format!(
            "<body>{}<p>He said \"hello there\".</p>{}</body>",
            "<div>".repeat(40),
            "</div>".repeat(40)
        );
        let flat = flatten_deep_nesting(&page, 8);
        assert_eq!(flat.matches("<div>").count(), 8, "{flat}");
        assert_eq!(flat.matches("</div>").count(), 8, "{flat}");
        assert!(flat.contains("<p>He said \"hello there\".</p>"));
        // A page within the cap is read as it is, not copied.
        assert!(matches!(flatten_deep_nesting(&page, 40), Cow::Borrowed(_)));
        // Unclosed paragraphs and list items, void elements, a `>` in a
        // value and markup in a script nest nothing.
        let sloppy = format!(
            "<ul>{}</ul><img alt=\"a > b\"><br><script>if (a <b) {{ x('<div><div>') }}</script><div>don't</div>",
            "<li><p>one".repeat(50)
        );
        assert_eq!(tags(&sloppy, 8, None), 1);
        assert!(matches!(flatten_deep_nesting(&sloppy, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn eighty_thousand_nested_divs_still_give_their_quote() {
        let n = 80_000;
        let page = format!(
            "<body>{}<p>He said \"hello there, my friend\" today.</p>{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert_eq!(
            article_text(&page),
            "He said \"hello there, my friend\" today."
        );
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow_the_stack() {
        let html = format!(
            "{}<p>“Deep,” he said.</p>{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert!(article_text(&html).contains("“Deep,” he said."));
    }

    /// Runs `check` on each fixture page with the story's container and the
    /// `<body>`: two roots, as the extension reads an article and one that
    /// infinite scroll added.
    fn each_page(check: impl Fn(&str, &HtmlDom, Vec<HtmlNode>)) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut paths = vec![
            format!("{dir}/article.html"),
            format!("{dir}/seed-article.html"),
        ];
        for sub in ["pages", "extract"] {
            for entry in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
                paths.push(entry.unwrap().path().display().to_string());
            }
        }
        paths.retain(|p| p.ends_with(".html"));
        assert!(paths.len() >= 13);
        for path in paths {
            let document = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            let dom = HtmlDom(&document);
            let container = article_root(&dom, &document);
            let body = document.root_element().last_child().unwrap();
            check(&path, &dom, vec![container, body]);
        }
    }

    #[test]
    fn a_selection_in_steps_of_one_element_keeps_what_one_go_keeps() {
        each_page(|path, dom, roots| {
            let page = Scan::all(dom, roots);
            for read in [false, true] {
                let whole = Selecting::new(&page, read).run(&page);
                let mut stepped = Selecting::new(&page, read);
                let mut steps = 1;
                while !stepped.step(&page, 1) {
                    steps += 1;
                }
                let stepped = stepped.run(&page);
                // Each loop a step per element at least: the first root's
                // two loops before its container is chosen, all of them after.
                let first = page.elements[0].end as usize;
                assert!(steps >= 2 * first, "{path}: {steps} steps");
                assert_eq!(whole.container, stepped.container, "{path}");
                assert_eq!(whole.kept, stepped.kept, "{path}");
            }
        });
    }

    #[test]
    fn two_roots_keep_what_each_keeps_alone() {
        each_page(|path, dom, roots| {
            let text = |roots| {
                let page = Scan::all(dom, roots);
                let mut builder = TextMapBuilder::new();
                page.emit(&select(&page).kept, &mut builder);
                builder.finish().text().to_owned()
            };
            let (one, other) = (text(vec![roots[0]]), text(vec![roots[1]]));
            assert_eq!(text(roots), format!("{one}\n{other}"), "{path}");
        });
    }

    #[test]
    fn a_scan_in_slices_of_one_node_records_the_same_page() {
        let html = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/article.html"
        ))
        .unwrap();
        let document = Html::parse_document(&html);
        let dom = HtmlDom(&document);
        let root = *document.root_element();
        let whole = Scan::all(&dom, vec![root]);
        let mut scan = Scan::new(vec![root]);
        let mut steps = 0;
        while !scan.step(&dom, 1) {
            steps += 1;
        }
        let sliced = scan.finish();
        assert!(steps > 100);
        assert_eq!(whole.events, sliced.events);
        assert_eq!(whole.elements.len(), sliced.elements.len());
        let mut a = TextMapBuilder::new();
        whole.emit(&select(&whole).kept, &mut a);
        // The kept text, emitted one event at a time, is the same too.
        let (kept, mut b, mut nodes, mut at) =
            (select(&sliced).kept, TextMapBuilder::new(), vec![], 0);
        while at < sliced.events.len() {
            at = sliced.emit_from(at, 1, &kept, &mut b, &mut nodes);
        }
        let text = a.finish().text().to_owned();
        assert!(text.contains("“Very soon, we will put that before the parties,” he added."));
        assert_eq!(text, b.finish().text());
    }
}
