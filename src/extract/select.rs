//! Step 2: which recorded elements are the story.
//!
//! Readability's scoring, on the counts the scan recorded: every paragraph of
//! 25 characters or more gives its ancestors points (1, one per comma, one per
//! 100 characters up to 3; the parent gets them all, the grandparent half,
//! further ancestors less), a candidate starts with points for its tag (a
//! `div` or `article` more, a list or heading fewer) and keeps only the share
//! of its score that is not link text. The best candidate wins; a parent that
//! scores better, or that holds most of the other good candidates, wins
//! instead; siblings that score well, read as prose, or repeat the best
//! candidate's template with prose of their own join it.
//!
//! Inside the kept elements, a box goes when it reads like furniture rather
//! than prose (Readability's "clean conditionally", with no class names):
//! mostly links, pictures with a caption, an embed with a line of text, a
//! scrap shorter than a sentence, or a list or heading scored negative. A
//! paragraph that is mostly one link is a related story set in the text, and
//! a picture with only links inside a sentence is a card that pops up over a
//! name. A box holding a `<blockquote>` always stays.

use std::hash::Hasher;
use std::ops::Range;

use super::scan::Page;
use super::tags::Tag;
use crate::lexicon::Fnv;

/// What [`select`] keeps of a scanned root.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Per element of the page: whether its own text is read.
    pub kept: Vec<bool>,
    /// The element holding everything kept: the best candidate, or its parent
    /// when siblings joined it (of the last root, when there are several).
    pub container: u32,
}

/// Paragraphs shorter than this give no points; a box with less text than
/// this and no pictures is a scrap (a date, a label, "Advertisement").
const MIN_PARAGRAPH: u32 = 25;
/// A box with a picture and less text than this, none of it in a `<p>`, is a
/// picture with its caption, a gallery or a teaser.
const MAX_CAPTIONED: u32 = 500;
/// A box with a picture and one paragraph shorter than this is a picture with
/// its caption set as a paragraph. On the tune half every value from 150 to
/// 400 scores the same.
const MAX_CAPTION_PARAGRAPH: u32 = 250;
/// A box (not a list) with more than this share of link text is a set of
/// links. Readability says 0.2 for a box of little weight, which drops boxes
/// of the story whose line or two carry a link (a video's headline and
/// caption, a market summary). On the tune half of the bench pages every value
/// from 0.25 to 0.5 scores the same: 0.4 is in the middle of that range.
const BOX_LINKS: f32 = 0.4;
/// A list with more than this share of link text is navigation or "more stories".
const LIST_LINKS: f32 = 0.5;
/// A paragraph with this share of link text or more is a link to elsewhere.
const LINK_PARAGRAPH: f32 = 0.8;
/// An `<aside>` with more text than this is a box of its own, not a pull quote.
const MAX_PULL_QUOTE: u32 = 300;
/// How many ancestors of a paragraph share its points.
const ANCESTOR_LEVELS: usize = 5;

/// Paragraph text a root needs to count as a story of its own (an article
/// that infinite scroll adds), not a teaser.
const MIN_STORY: u32 = 200;

/// Whether root number `root` of `page` holds a story: paragraphs of
/// [`MIN_STORY`] characters or more in all.
pub fn holds_story<N>(page: &Page<N>, root: usize) -> bool {
    let Some(&root) = page.roots.get(root) else {
        return false;
    };
    let elements = &page.elements[root as usize..page.elements[root as usize].end as usize];
    let text: u32 = elements
        .iter()
        .filter(|e| e.tag == Tag::Paragraph && !e.in_aside)
        .map(|e| e.own_text)
        .sum();
    text >= MIN_STORY
}

/// Selects the story under each root of `page` (what any root's selection
/// keeps).
pub fn select<N>(page: &Page<N>) -> Selection {
    Selecting::new(page, true).run(page)
}

/// The element holding the story under the first root of `page` (the
/// [`Selection::container`] of [`select`], without deciding what inside it is
/// read).
pub fn article_container<N>(page: &Page<N>) -> u32 {
    Selecting::new(page, false).run(page).container
}

/// [`select`] as work that stops after any [`Selecting::step`] and goes on
/// at the next: each step runs one of its loops over at most a budget of
/// elements or text events, so a page of 200,000 elements is scored in
/// slices that leave the page responsive. The loops run in the same order
/// whatever the budget, so the selection is the same.
///
/// The roots are selected one after another. Each writes only in its own
/// elements (a root's descendants are the indices after it), so the roots
/// share one `kept`, and the other per-element vectors.
pub struct Selecting {
    /// The root number under way, and its element index.
    number: usize,
    root: usize,
    /// False: only the first root's container is chosen ([`article_container`]).
    read: bool,
    /// The loop under way (`SCORE` … `DONE`), and how far into its range.
    phase: u8,
    at: usize,
    score: Vec<f32>,
    children: Vec<Vec<u32>>,
    /// The best candidate, and the kept roots in document order with the
    /// first one the keeping loop has not met yet.
    best: usize,
    kept_roots: Vec<usize>,
    next_root: usize,
    container: usize,
    cards: Vec<bool>,
    holds: Vec<bool>,
    kept: Vec<bool>,
    repeats: Repeats,
    lines: Vec<super::edges::Line>,
}

// The loops of a selection, in order: over the root's elements, or its text
// events (HASH, LINES). The best candidate is chosen after CHILDREN, the
// repeats dropped after HASH, the edges trimmed after LINES.
const SCORE: u8 = 0;
const CHILDREN: u8 = 1;
const CARDS: u8 = 2;
const KEEP: u8 = 3;
const TITLES: u8 = 4;
const HASH: u8 = 5;
const LINES: u8 = 6;
const DONE: u8 = 7;

impl Selecting {
    /// The selection of every root of `page`; with `read` false, only the
    /// first root's container is chosen.
    pub fn new<N>(page: &Page<N>, read: bool) -> Selecting {
        let n = page.elements.len();
        Selecting {
            number: 0,
            root: page.roots.first().map_or(0, |r| *r as usize),
            read,
            phase: if page.roots.is_empty() { DONE } else { SCORE },
            at: 0,
            score: vec![f32::NAN; n],
            children: vec![Vec::new(); n],
            best: 0,
            kept_roots: Vec::new(),
            next_root: 0,
            container: 0,
            cards: vec![false; n],
            holds: vec![false; n],
            kept: vec![false; n],
            repeats: Repeats::default(),
            lines: Vec::new(),
        }
    }

    /// Runs what is left and hands over the selection.
    pub fn run<N>(mut self, page: &Page<N>) -> Selection {
        while !self.step(page, usize::MAX) {}
        Selection {
            kept: self.kept,
            container: self.container as u32,
        }
    }

    /// Does up to `budget` elements or events of the loop under way (and
    /// what follows a loop's end); true when the selection is made.
    pub fn step<N>(&mut self, page: &Page<N>, budget: usize) -> bool {
        if self.phase == DONE {
            return true;
        }
        let root = self.root;
        let r = &page.elements[root];
        let over = match self.phase {
            HASH | LINES => r.first_event as usize..r.end_event as usize,
            _ => root..r.end as usize,
        };
        let from = over.start + self.at;
        let to = from.saturating_add(budget.max(1)).min(over.end);
        match self.phase {
            SCORE => score_some(page, root as u32, from..to, &mut self.score),
            CHILDREN => {
                for index in from..to {
                    if !self.score[index].is_nan() {
                        self.score[index] *= 1.0 - link_density(page, index);
                    }
                }
                child_lists(page, root as u32, from..to, &mut self.children);
            }
            CARDS => {
                // From the end: a parent sees all its children first.
                let some = over.end - (to - over.start)..over.end - (from - over.start);
                cards(page, over.clone(), some, &mut self.cards, &mut self.holds);
            }
            KEEP => self.keep(page, from..to),
            TITLES => drop_titles_of_dropped_boxes(page, &self.children[from..to], &mut self.kept),
            HASH => hash_paragraphs(page, from..to, &self.kept, &mut self.repeats),
            _ => super::edges::lines(page, from..to, &self.kept, &mut self.lines),
        }
        self.at = to - over.start;
        if to < over.end {
            return false;
        }
        self.at = 0;
        self.phase = match self.phase {
            CHILDREN => self.choose_top(page),
            HASH => {
                drop_repeated_paragraphs(page, &mut self.repeats, &mut self.kept);
                LINES
            }
            LINES => {
                super::edges::trim_edges(page, root, &self.lines, &mut self.kept);
                DONE
            }
            phase => phase + 1,
        };
        let next = page.roots.get(self.number + 1);
        if let Some(&next) = next.filter(|_| self.phase == DONE && self.read) {
            self.number += 1;
            (self.root, self.phase, self.next_root) = (next as usize, SCORE, 0);
            (self.repeats, self.lines) = (Repeats::default(), Vec::new());
        }
        self.phase == DONE
    }

    /// The best candidate and the siblings that join it; when nothing
    /// scored, all of the root is kept. Returns the loop to go on with.
    fn choose_top<N>(&mut self, page: &Page<N>) -> u8 {
        let elements = &page.elements;
        let (root, score) = (self.root, &self.score);
        let Some((best, top)) = best_candidate(page, root as u32, score, &self.children) else {
            // Not one paragraph of prose: nothing to tell the story from the
            // rest, so all of it is read.
            self.kept[root..elements[root].end as usize].fill(true);
            self.container = root;
            return DONE;
        };
        let mut kept_roots = vec![top];
        let mut container = top;
        if top != root {
            if let Some(parent) = elements[top].parent {
                let parent = parent as usize;
                let threshold = (score[top] * 0.2).max(10.0);
                kept_roots = self.children[parent]
                    .iter()
                    .map(|c| *c as usize)
                    .filter(|&c| c == top || joins_story(page, c, top, score[c], threshold))
                    .collect();
                if kept_roots.len() > 1 {
                    container = parent;
                }
            }
        }
        (self.best, self.kept_roots, self.container) = (best, kept_roots, container);
        if self.read {
            CARDS
        } else {
            DONE
        }
    }

    /// Keeps, among the elements of `range`, the kept roots and what inside
    /// them is not furniture.
    fn keep<N>(&mut self, page: &Page<N>, range: Range<usize>) {
        let (elements, best, kept) = (&page.elements, self.best, &mut self.kept);
        for index in range {
            // The best paragraph's own ancestors are the story's frame, however
            // many links sit beside it.
            let frames_best = index <= best && best < elements[index].end as usize;
            let story_root = self.kept_roots.get(self.next_root) == Some(&index);
            self.next_root += usize::from(story_root);
            if story_root || elements[index].parent.is_some_and(|p| kept[p as usize]) {
                kept[index] = frames_best
                    || !(self.cards[index] || is_furniture(page, index, self.score[index]));
            }
        }
    }
}

/// Gives the points of each paragraph among `range` to its ancestors (up to
/// `root`).
fn score_some<N>(page: &Page<N>, root: u32, range: Range<usize>, score: &mut [f32]) {
    let elements = &page.elements;
    for index in range {
        let e = &elements[index];
        if e.own_text < MIN_PARAGRAPH || !scores_as_paragraph(e.tag) || e.in_aside {
            continue;
        }
        let points = 1.0 + e.own_commas as f32 + (e.own_text as f32 / 100.0).floor().min(3.0);
        let mut ancestor = e.parent;
        for level in 0..ANCESTOR_LEVELS {
            let Some(a) = ancestor.filter(|a| *a >= root) else {
                break;
            };
            let a = a as usize;
            if score[a].is_nan() {
                score[a] = initial_score(&elements[a]);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            score[a] += points / divider;
            ancestor = elements[a].parent;
        }
    }
}

/// A title longer than this is a line of its own, not a box's title.
const MAX_BOX_TITLE: u32 = 60;

/// Drops the title of a box that went as furniture: a heading, or a short
/// line that is no sentence ("More:", "Related coverage"), whose next sibling
/// is a dropped set of links. Without its box it would be read as a line of
/// the story.
fn drop_titles_of_dropped_boxes<N>(page: &Page<N>, children: &[Vec<u32>], kept: &mut [bool]) {
    let elements = &page.elements;
    for siblings in children {
        for pair in siblings.windows(2) {
            let (title, next) = (pair[0] as usize, pair[1] as usize);
            let t = &elements[title];
            let is_title = t.tag == Tag::Heading
                || (t.text < MAX_BOX_TITLE && !t.ends_sentence && t.text == t.own_text);
            if kept[title]
                && !kept[next]
                && is_title
                && t.quote_marks == 0
                && t.text > 0
                && elements[next].text > 0
                && link_density(page, next) > LIST_LINKS
            {
                kept[title..t.end as usize].fill(false);
            }
        }
    }
}

/// A paragraph this long that repeats an earlier one word for word is a
/// caption shown twice, a pull quote or a teaser of the story itself.
const MIN_REPEATED: u32 = 40;

/// The paragraphs hashed so far, to drop kept paragraphs whose text repeats
/// an earlier kept paragraph's (compared by a hash of their words, white
/// space collapsed).
#[derive(Default)]
struct Repeats {
    /// Each paragraph's hash, in text order; sorted afterwards, so that the
    /// repeats of a hash stand after its first paragraph (no hash set needed).
    hashes: Vec<(u64, u32)>,
    /// The paragraph being hashed: its index, hasher, and whether a word was
    /// written and white space followed it.
    current: Option<(u32, Fnv, bool, bool)>,
}

impl Repeats {
    fn close(&mut self) {
        if let Some((block, hasher, _, _)) = self.current.take() {
            self.hashes.push((hasher.finish(), block));
        }
    }
}

/// Hashes the kept paragraphs whose text is among `events` into `repeats`.
fn hash_paragraphs<N>(page: &Page<N>, events: Range<usize>, kept: &[bool], repeats: &mut Repeats) {
    let elements = &page.elements;
    for (text, element, block) in page.texts_in(events) {
        let b = &elements[block as usize];
        // Only a paragraph of its own (no block inside), whose text is contiguous.
        if !kept[element as usize] || b.own_text < MIN_REPEATED || b.own_text != b.text {
            continue;
        }
        if repeats.current.as_ref().is_none_or(|c| c.0 != block) {
            repeats.close();
            repeats.current = Some((block, Fnv::default(), false, false));
        }
        let Some((_, hasher, started, space)) = repeats.current.as_mut() else {
            continue;
        };
        for (i, word) in page.texts[text as usize]
            .1
            .split(char::is_whitespace)
            .enumerate()
        {
            *space |= i > 0;
            if word.is_empty() {
                continue;
            }
            if *space && *started {
                hasher.write_u8(b' ');
            }
            hasher.write(word.as_bytes());
            *started = true;
            *space = false;
        }
    }
}

/// Once every paragraph is hashed: drops the kept paragraphs whose text
/// repeats an earlier one's.
fn drop_repeated_paragraphs<N>(page: &Page<N>, repeats: &mut Repeats, kept: &mut [bool]) {
    let elements = &page.elements;
    repeats.close();
    let hashes = &mut repeats.hashes;
    crate::sort::stable_by_key(hashes, |(hash, _)| *hash);
    for pair in hashes.windows(2) {
        if pair[0].0 == pair[1].0 {
            let block = pair[1].1 as usize;
            kept[block..elements[block].end as usize].fill(false);
        }
    }
}

/// The tags whose own text counts as a paragraph.
fn scores_as_paragraph(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Block | Tag::Div | Tag::Cell | Tag::Quotation | Tag::Article
    )
}

fn initial_score<N>(e: &super::scan::Element<N>) -> f32 {
    let tag = match e.tag {
        Tag::Div | Tag::Article => 5.0,
        Tag::Cell | Tag::Quotation | Tag::Paragraph => 3.0,
        Tag::List | Tag::ListItem | Tag::Form => -3.0,
        Tag::Heading => -5.0,
        _ => 0.0,
    };
    tag + if e.article_body { 25.0 } else { 0.0 }
}

fn link_density<N>(page: &Page<N>, index: usize) -> f32 {
    let e = &page.elements[index];
    if e.text == 0 {
        0.0
    } else {
        e.link_text as f32 / e.text as f32
    }
}

/// Each element's child elements, in order (only within `root`'s subtree),
/// for the elements of `range`.
fn child_lists<N>(page: &Page<N>, root: u32, range: Range<usize>, children: &mut [Vec<u32>]) {
    for index in range.start.max(root as usize + 1) as u32..range.end as u32 {
        if page.elements[index as usize].in_aside {
            continue;
        }
        if let Some(parent) = page.elements[index as usize].parent {
            children[parent as usize].push(index);
        }
    }
}

/// Readability's choice of the top candidate, with its corrections: the best
/// scored element, and the element chosen to hold it; `None` when no element
/// scored.
fn best_candidate<N>(
    page: &Page<N>,
    root: u32,
    score: &[f32],
    children: &[Vec<u32>],
) -> Option<(usize, usize)> {
    let elements = &page.elements;
    let scope = root as usize..elements[root as usize].end as usize;
    let mut ranked: Vec<usize> = scope.filter(|i| !score[*i].is_nan()).collect();
    // Stable: on equal scores the earlier element stays first.
    crate::sort::stable_by(&mut ranked, |a, b| score[*b].total_cmp(&score[*a]));
    let &first = ranked.first()?;
    let mut top = first;
    let is_ancestor = |a: usize, of: usize| a < of && of < elements[a].end as usize;
    // Several near-best candidates under one ancestor: the ancestor is the story
    // (an article split into sections, each its own candidate).
    let close: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|c| score[*c] >= score[first] * 0.75)
        .collect();
    if close.len() >= 3 {
        let mut parent = elements[top].parent;
        while let Some(p) = parent.filter(|p| *p >= root) {
            let p = p as usize;
            if close.iter().filter(|c| is_ancestor(p, **c)).count() >= 3 {
                top = p;
                break;
            }
            parent = elements[p].parent;
        }
    }
    // A parent scoring better than its best child is the story.
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut parent = elements[top].parent;
    while let Some(p) = parent.filter(|p| *p >= root) {
        let p = p as usize;
        if !score[p].is_nan() {
            if score[p] < threshold {
                break;
            }
            if score[p] > last {
                top = p;
                break;
            }
            last = score[p];
        }
        parent = elements[p].parent;
    }
    // A wrapper around the candidate alone holds the same story.
    while let Some(p) = elements[top].parent.filter(|p| *p >= root) {
        if children[p as usize].len() != 1 {
            break;
        }
        top = p as usize;
    }
    Some((first, top))
}

/// Whether a sibling of the best candidate belongs to the same story.
fn joins_story<N>(page: &Page<N>, index: usize, top: usize, score: f32, threshold: f32) -> bool {
    let e = &page.elements[index];
    if !score.is_nan() && score >= threshold {
        return true;
    }
    // A section built from the same template as the best one (same tag, same
    // class attribute, whatever its words) with prose of its own: the next
    // part of a story told in sibling items, each too short to score alone.
    if e.tag == page.elements[top].tag
        && e.class.is_some()
        && e.class == page.elements[top].class
        && e.paragraphs > 0
        && !score.is_nan()
        && score > 0.0
        && link_density(page, index) < 0.25
    {
        return true;
    }
    // A lone paragraph: prose when long with few links, or short, link-free
    // and ending a sentence.
    let paragraph = e.own_text == e.text && e.text > 0 && scores_as_paragraph(e.tag);
    if !paragraph {
        return false;
    }
    let density = link_density(page, index);
    (e.text > 80 && density < 0.25) || (e.text < 80 && density == 0.0 && e.ends_sentence)
}

/// Inside a sentence, a picture with links and nothing else: a card that pops
/// up over a name (the person's photo and latest stories). Only the innermost
/// such element is the card: the one around it also holds the name's own link,
/// which is part of the sentence ("Portsea's mayor, Ana Reyes (D), is …").
/// Marks the cards among `some`, a part of `scope`; `holds` says whether an
/// element holds a card below it.
fn cards<N>(
    page: &Page<N>,
    scope: Range<usize>,
    some: Range<usize>,
    card: &mut [bool],
    holds: &mut [bool],
) {
    let elements = &page.elements;
    // Children come after their parent, so one pass from the end sees every
    // child first.
    for index in some.rev() {
        let e = &elements[index];
        card[index] = !holds[index]
            && e.tag == Tag::Inline
            && e.images > 0
            && e.text > 0
            && e.link_text == e.text;
        if let Some(parent) = e.parent.filter(|p| scope.contains(&(*p as usize))) {
            holds[parent as usize] |= holds[index] || card[index];
        }
    }
}

/// A pull quote: a quotation set large beside the story, an `<aside>` whose
/// line or two opens with a quotation mark and holds nothing else (no link,
/// no picture, no form). It repeats a quote of the story, or gives one the
/// story does not; either way it is quoted text a reader sees, and gets its
/// badge. A box that opens with its own title ("Related") is not one.
fn is_pull_quote<N>(page: &Page<N>, index: usize) -> bool {
    let e = &page.elements[index];
    let opens_with_quote = || {
        page.texts_under(index)
            .find_map(|(text, _, _)| page.texts[text as usize].1.trim_start().chars().next())
            .is_some_and(super::scan::is_quote_mark)
    };
    e.quote_marks > 0
        && e.text <= MAX_PULL_QUOTE
        && e.link_text == 0
        && e.images + e.embeds + e.forms == 0
        && opens_with_quote()
}

/// Readability's "clean conditionally" on counts alone: a box that reads like
/// page furniture rather than prose.
fn is_furniture<N>(page: &Page<N>, index: usize, score: f32) -> bool {
    let e = &page.elements[index];
    if e.tag == Tag::Aside {
        return !is_pull_quote(page, index);
    }
    if e.quotations > 0 {
        return false;
    }
    let density = link_density(page, index);
    // A paragraph that is a link and little else: a related story set in the
    // text ("Related: …", a headline in capitals), not a sentence of this one.
    // Not one holding a picture: its links may be a card over a name (below),
    // which goes alone, and the sentence around it stays.
    if e.tag == Tag::Paragraph && e.images == 0 && e.text > 0 && density >= LINK_PARAGRAPH {
        return true;
    }
    match e.tag {
        Tag::Div | Tag::Block | Tag::List | Tag::Table | Tag::Figure | Tag::Article | Tag::Form => {
        }
        _ => return false,
    }
    // A picture or a video with its caption: a caption describes, it is not
    // the story's prose (a quotation in a figure stays, as above).
    if e.tag == Tag::Figure || (!score.is_nan() && score < 0.0) {
        return true;
    }
    if e.commas >= 10 {
        return false;
    }
    let is_list = e.tag == Tag::List;
    let in_figure = e.tag == Tag::Figure;
    let paragraphs = e.paragraphs as f32;
    let images = e.images as f32;
    (e.images > 1 && paragraphs / images < 0.5 && !in_figure)
        || (!is_list && e.text < MIN_PARAGRAPH && (e.images == 0 || e.images > 2) && !in_figure)
        || (!is_list && density > BOX_LINKS)
        || density > LIST_LINKS
        || (e.images > 0 && e.prose == 0 && e.text < MAX_CAPTIONED)
        // A picture and one short paragraph: the caption set as a `<p>`
        // (WordPress's `wp-caption`).
        || (e.images > 0 && e.paragraphs <= 1 && e.text < MAX_CAPTION_PARAGRAPH)
        || (e.embeds == 1 && e.text < 75)
        // A form with a line or two and no paragraph: a newsletter sign-up, a search box.
        || (e.forms > 0 && e.prose == 0 && e.text < MAX_CAPTIONED)
        || e.embeds > 1
}
