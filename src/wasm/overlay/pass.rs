//! The pass: finds the article, reads its text, has the core analyse it, maps
//! each quote back to the page's text nodes and hands it to the painting.
//!
//! A whole page may be huge, so a pass is a [`Job`] done in bounded steps
//! (nodes walked, a 64 KB chunk analysed, quotes drawn) that the overlay runs
//! in slices with the event loop free between them. When the page only added
//! blocks (a live blog's new entry), [`Pass::read_added`] reads just those,
//! with a few paragraphs before them for their speakers, so an update costs
//! what changed.
//!
//! The pass also keeps track of what to read: the roots (the article, and on
//! a whole page the articles infinite scroll adds), and what the page changed
//! in them since the last read.

use js_sys::Array;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationRecord, Node, ResizeObserver, Text};

use super::super::chunks::{chunk_end, paragraph_breaks, paragraph_parts, shifted, CHUNK_BYTES};
use super::super::extract::{
    added_articles, changed_blocks, context_before, document_order, Extracted, Walk,
};
use super::drawn::Drawn;
use super::page::Page;
use super::painting::Painting;
use super::{live, OBSERVERS, SLICE_MS};
use crate::{analyze_with, Analysis, Options, Quote, Speaker};

/// Wait after a page change before re-reading the text: long enough to batch an
/// infinite-scroll insert, short enough to feel immediate.
pub(super) const REFRESH_DELAY_MS: i32 = 400;

/// Nodes walked, and quotes drawn, between two looks at the clock (a quote
/// drawn costs up to half a millisecond in Firefox: 64 of them made slices
/// of 50 ms).
const WALK_BATCH: usize = 256;
const DRAW_BATCH: usize = 8;

/// Where one range starts and ends: node and UTF-16 offset, twice.
pub(super) type Bounds = (Text, u32, Text, u32);

/// The stages of a pass, timed for `stageMs()`: walk, analysis, ranges (and
/// badges), highlights, layout (its first slice).
pub(super) const STAGES: usize = 5;
const WALK: usize = 0;
const ANALYSIS: usize = 1;
const RANGES: usize = 2;
pub(super) const HIGHLIGHTS: usize = 3;
pub(super) const LAYOUT: usize = 4;

/// A pass under way: find the article (on a whole page, when it is not known
/// yet), walk, analyse chunk by chunk, draw quote by quote; each step
/// bounded, so the pass runs in slices.
pub(super) struct Job {
    pub started: f64,
    find: Option<Walk>,
    walk: Option<Walk>,
    /// The find or the walk under way has done its steps: what is left is
    /// taking its result and freeing the page it scanned (10–20 ms for
    /// 130,000 elements: a handle each), a step of its own.
    walked: bool,
    pub extracted: Option<Extracted>,
    /// Where the next chunk starts, in bytes and code points; `None` when all is analysed.
    analysed: Option<(usize, usize)>,
    quotes: Vec<Quote>,
    /// The speakers each chunk's analysis named (aliases for the export).
    pub speakers: Vec<Speaker>,
    /// The paragraph breaks of the extracted text: each break's code-point
    /// offset, and where the next paragraph's own text starts.
    breaks: Vec<(usize, usize)>,
    next_quote: usize,
    /// Milliseconds spent so far per stage, as in [`Pass::stages`].
    pub stages: [f64; STAGES],
}

/// What the pass keeps between passes.
pub(super) struct Pass {
    /// The regions read, in document order: the root given or found, plus (on a
    /// whole page) articles that arrived later, as infinite scroll adds them.
    roots: Vec<Element>,
    /// Articles added since the last pass, not yet checked against `roots`.
    arrived: Vec<Element>,
    /// Attached by `attachToPage`: find the article body again if it goes away,
    /// and take in articles added later.
    page_mode: bool,
    pub job: Option<Job>,
    /// The page changed while a pass was under way: run another after it.
    pub rerun: bool,
    /// Elements the page added inside the roots since the last read, to be
    /// read alone (with context) unless `reread` asks for the whole region.
    added: Vec<Element>,
    reread: bool,
    /// Each observed root's width at the last resize: only a new width reflows
    /// text; a new height alone is content added or removed.
    root_widths: Vec<(Element, f64)>,
    resize: Option<ResizeObserver>,
    last_pass_ms: f64,
    /// Milliseconds per stage of the last pass (see [`STAGES`]).
    stages: [f64; STAGES],
    /// The last pass stopped at [`super::super::extract::MAX_TEXT_BYTES`] of text.
    capped: bool,
    /// The text the last pass analysed, which the quotes' offsets count into.
    text: String,
    /// The speakers the analyses named, for their aliases in the export.
    speakers: Vec<Speaker>,
}

/// Blocks the page added, read alone: their quotes as drawn (not yet in the
/// painting), and when the walk and the analysis ended.
pub(super) struct AddedRead {
    pub fresh: Vec<Drawn>,
    pub walked: f64,
    pub analysed: f64,
}

impl Job {
    /// Whether the next piece of work is one long step: the end of a walk,
    /// or analysing a chunk (30–40 ms for 64 KB; an article's first analysis
    /// in Chromium includes compiling the core). It starts a slice of its
    /// own, never on top of a slice's worth of other work.
    pub fn heavy_next(&self) -> bool {
        self.walked || (self.extracted.is_some() && self.analysed.is_some())
    }

    /// The stage the next piece of work belongs to (see [`STAGES`]).
    pub fn stage(&self) -> usize {
        if self.find.is_some() || self.walk.is_some() {
            WALK
        } else if self.analysed.is_some() {
            ANALYSIS
        } else if self.next_quote < self.quotes.len() {
            RANGES
        } else {
            HIGHLIGHTS
        }
    }
}

impl Pass {
    pub fn new(root: Option<Element>, page_mode: bool) -> Pass {
        Pass {
            roots: root.into_iter().collect(),
            arrived: Vec::new(),
            page_mode,
            job: None,
            rerun: false,
            added: Vec::new(),
            reread: false,
            root_widths: Vec::new(),
            resize: None,
            last_pass_ms: 0.0,
            stages: [0.0; STAGES],
            capped: false,
            text: String::new(),
            speakers: Vec::new(),
        }
    }

    /// The first region read, and whether the overlay reads a whole page
    /// (what the wiring observes).
    pub fn watched(&self) -> (Option<Element>, bool) {
        (self.roots.first().cloned(), self.page_mode)
    }

    /// The observer of the roots' sizes, which the pass keeps on its roots.
    pub fn watch_sizes(&mut self, resize: ResizeObserver) {
        self.resize = Some(resize);
    }

    /// Keeps what a pass took: per stage and in all, in milliseconds.
    pub fn record(&mut self, stages: [f64; STAGES], took_ms: f64) {
        self.stages = stages;
        self.last_pass_ms = took_ms;
    }

    pub fn stages(&self) -> [f64; STAGES] {
        self.stages
    }

    pub fn last_pass_ms(&self) -> f64 {
        self.last_pass_ms
    }

    /// Whether the last pass stopped at the most text one pass reads.
    pub fn capped(&self) -> bool {
        self.capped
    }

    /// The text the last pass analysed, and the speakers its analyses named.
    pub fn read(&self) -> (&str, &[Speaker]) {
        (&self.text, &self.speakers)
    }

    /// The wait before re-reading a changed page: [`REFRESH_DELAY_MS`], or as
    /// long as the last pass took, so that a page that never stops changing
    /// gets at least half of its main thread to itself.
    pub fn refresh_delay(&self) -> i32 {
        REFRESH_DELAY_MS.max(self.last_pass_ms.min(60_000.0) as i32)
    }

    pub fn begin_job(&mut self, page: &Page, started: f64) {
        if self.page_mode {
            self.update_roots();
        }
        // A document in design mode is all editable: nothing to read.
        self.added.clear();
        self.reread = false;
        let design = js_sys::Reflect::get(&page.doc, &"designMode".into()).ok();
        let design = design
            .and_then(|v| v.as_string())
            .is_some_and(|v| v == "on");
        // On a whole page without an article yet (the first pass, or the
        // article went away), it is searched for first.
        let find = (self.page_mode && self.roots.is_empty() && !design)
            .then(|| Walk::search(&page.doc))
            .flatten();
        let walk = match (&find, design) {
            (Some(_), _) => None,
            (None, true) => Some(Walk::new(Vec::new(), &page.window)),
            (None, false) => Some(Walk::new(self.roots.clone(), &page.window)),
        };
        self.job = Some(Job {
            started,
            find,
            walk,
            walked: false,
            extracted: None,
            analysed: Some((0, 0)),
            quotes: Vec::new(),
            speakers: Vec::new(),
            breaks: Vec::new(),
            next_quote: 0,
            stages: [0.0; STAGES],
        });
    }

    /// Does one bounded piece of the job (its [`Job::stage`]); true when
    /// only finishing is left.
    pub fn advance(
        &mut self,
        job: &mut Job,
        page: &Page,
        painting: &mut Painting,
        deadline: f64,
    ) -> bool {
        let walked = std::mem::take(&mut job.walked);
        if let Some(find) = &mut job.find {
            if walked {
                self.roots.extend(job.find.take().and_then(Walk::container));
                self.observe_roots();
                job.walk = Some(Walk::new(self.roots.clone(), &page.window));
            } else {
                job.walked = find.step(WALK_BATCH);
            }
            return false;
        }
        if let Some(walk) = &mut job.walk {
            if walked {
                job.extracted = job.walk.take().and_then(Walk::finish);
            } else {
                job.walked = walk.step(WALK_BATCH);
            }
            return false;
        }
        let Some(extracted) = &job.extracted else {
            return true;
        };
        let text = extracted.map.text();
        if let Some((from, base)) = job.analysed {
            let to = chunk_end(text, from);
            // Both ends are character boundaries: `chunk_end` cuts at one.
            let chunk = text.get(from..to).unwrap_or_default();
            let analysis = self.analyse(page, chunk);
            job.speakers.extend(analysis.speakers);
            job.quotes
                .extend(analysis.quotes.into_iter().map(|q| shifted(q, base)));
            job.analysed = Some((to, base + chunk.chars().count())).filter(|_| to < text.len());
            if job.analysed.is_none() {
                job.breaks = paragraph_breaks(text);
                painting.begin_redraw();
            }
            return false;
        }
        while job.next_quote < job.quotes.len() {
            let quote = job.quotes[job.next_quote].clone();
            job.next_quote += 1;
            let bounds = paragraph_bounds(extracted, &job.breaks, quote.start, quote.end);
            if !bounds.is_empty() {
                painting.draw(page, quote, bounds);
            }
            if job.next_quote.is_multiple_of(DRAW_BATCH) && page.now() >= deadline {
                return false;
            }
        }
        // Nothing more to paint here: the layout places each quote's tints.
        true
    }

    /// What the finished `job` read becomes the pass's own.
    pub fn keep_read(&mut self, job: Job) {
        if let Some(extracted) = &job.extracted {
            self.text = extracted.map.text().to_string();
            self.capped = extracted.capped;
        }
        self.speakers = job.speakers;
    }

    /// Whether the page changed only by adding blocks since the last read,
    /// and nothing else asks for a whole pass.
    pub fn only_added(&self) -> bool {
        self.job.is_none()
            && !self.reread
            && !self.added.is_empty()
            && self.arrived.is_empty()
            && !self.capped
            && self.roots.iter().all(|r| r.is_connected())
    }

    /// Reads only the blocks the page added, with the paragraphs before them
    /// for context, and draws the quotes that start in them: the cost of an
    /// update is what changed, not the whole article. `None` when the change
    /// was not only new blocks, or too big for one slice: then the whole
    /// region is read again.
    pub fn read_added(
        &mut self,
        page: &Page,
        painting: &mut Painting,
        started: f64,
    ) -> Option<AddedRead> {
        let added = std::mem::take(&mut self.added);
        let blocks = changed_blocks(&added, &self.roots, &page.window)?;
        let mut read: Vec<Element> = Vec::new();
        for block in &blocks {
            read.extend(context_before(block, &self.roots));
            read.push(block.clone());
        }
        crate::sort::stable_by(&mut read, document_order);
        read.dedup();
        // An update is one slice: blocks too big for it are read by a whole
        // pass instead, which is sliced.
        let mut walk = Walk::new(read, &page.window);
        while !walk.step(WALK_BATCH) {
            if page.now() - started >= SLICE_MS {
                return None;
            }
        }
        let extracted = walk.finish()?;
        if extracted.capped || extracted.map.text().len() > CHUNK_BYTES {
            return None;
        }
        let walked = page.now();
        let text = extracted.map.text();
        let quotes = self.analyse(page, text).quotes;
        let breaks = paragraph_breaks(text);
        let analysed = page.now();
        let mut fresh = Vec::new();
        for quote in quotes {
            let bounds = paragraph_bounds(&extracted, &breaks, quote.start, quote.end);
            let Some((start, ..)) = bounds.first() else {
                continue;
            };
            if !blocks.iter().any(|b| b.contains(Some(start))) {
                continue;
            }
            fresh.extend(painting.draw_new(page, quote, bounds));
        }
        Some(AddedRead {
            fresh,
            walked,
            analysed,
        })
    }

    /// The core's analysis with the page's declared language (`lang` on the
    /// article or the document) as a hint; the core decides what it means.
    fn analyse(&self, page: &Page, text: &str) -> Analysis {
        let declared = self
            .roots
            .first()
            .and_then(|root| root.closest("[lang]").ok().flatten())
            .or_else(|| page.doc.document_element())
            .and_then(|element| element.get_attribute("lang"));
        let options = Options {
            language: declared.as_deref(),
        };
        analyze_with(text, &options)
    }

    fn inside_roots(&self, node: &Node) -> bool {
        self.roots.iter().any(|r| r.contains(Some(node)))
    }

    /// Drops roots that left the page, finds the article again when none is
    /// left (single-page navigation), and takes in articles that arrived, in
    /// document order, none inside another.
    fn update_roots(&mut self) {
        let before = self.roots.clone();
        self.roots.retain(|r| r.is_connected());
        for article in std::mem::take(&mut self.arrived) {
            if !article.is_connected() || self.inside_roots(&article) {
                continue;
            }
            self.roots.retain(|r| !article.contains(Some(r)));
            self.roots.push(article);
        }
        crate::sort::stable_by(&mut self.roots, document_order);
        if self.roots != before {
            self.observe_roots();
        }
    }

    /// Watches the size of the roots now read, and only them.
    fn observe_roots(&mut self) {
        self.root_widths.clear();
        if let Some(resize) = &self.resize {
            resize.disconnect();
            for root in &self.roots {
                resize.observe(root);
            }
        }
    }

    /// Takes in the page's changes: returns whether text changed (in a root,
    /// or on a whole page an article added elsewhere or a root taken out) and
    /// whether attributes did (a class or style that may move or reveal text).
    pub fn note_mutations(&mut self, records: &Array) -> (bool, bool) {
        let mut text_changed = self.page_mode && self.roots.iter().any(|r| !r.is_connected());
        let mut moved = false;
        for record in records.iter() {
            let record = record.unchecked_into::<MutationRecord>();
            if record.type_() == "attributes" {
                moved = true;
            } else if record.target().is_some_and(|t| self.inside_roots(&t)) {
                text_changed = true;
                self.note_change(&record);
            } else if self.page_mode {
                let added = record.added_nodes();
                for i in 0..added.length() {
                    let Some(element) = added.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                    else {
                        continue;
                    };
                    let articles = added_articles(&element);
                    text_changed |= !articles.is_empty();
                    self.arrived.extend(articles);
                }
            }
        }
        (text_changed, moved)
    }

    /// The pass under way may or may not have read a change: read all again
    /// after it.
    pub fn rerun_all(&mut self) {
        self.rerun = true;
        self.reread = true;
    }

    /// Keeps what a change inside a root needs: new elements can be read on
    /// their own; new text, changed text or anything removed means the whole
    /// region is read again.
    fn note_change(&mut self, record: &MutationRecord) {
        if record.type_() != "childList" || record.removed_nodes().length() > 0 {
            self.reread = true;
            return;
        }
        let added = record.added_nodes();
        for i in 0..added.length() {
            let Some(node) = added.item(i) else { continue };
            if let Some(element) = node.dyn_ref::<Element>() {
                self.added.push(element.clone());
            } else if node
                .dyn_ref::<Text>()
                .is_some_and(|t| !t.data().trim().is_empty())
            {
                self.reread = true;
            }
        }
    }

    /// A root changed size: true when its width is new, which reflows its
    /// text (a new height alone is content added or removed).
    pub fn note_resized(&mut self, entries: &Array) -> bool {
        let mut reflowed = false;
        for entry in entries.iter() {
            let Some(target) = js_sys::Reflect::get(&entry, &"target".into())
                .ok()
                .and_then(|t| t.dyn_into::<Element>().ok())
            else {
                continue;
            };
            let width = js_sys::Reflect::get(&entry, &"contentRect".into())
                .and_then(|r| js_sys::Reflect::get(&r, &"width".into()))
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(0.0);
            match self.root_widths.iter_mut().find(|(t, _)| *t == target) {
                Some((_, known)) if (*known - width).abs() < 0.5 => {}
                Some((_, known)) => {
                    *known = width;
                    reflowed = true;
                }
                None => {
                    self.root_widths.push((target, width));
                    reflowed = true;
                }
            }
        }
        reflowed
    }

    /// Stops watching the roots' sizes and drops the pass under way.
    pub fn stop(&mut self) {
        if let Some(resize) = self.resize.take() {
            resize.disconnect();
            live(OBSERVERS, -1);
        }
        self.job = None;
    }
}

/// The DOM bounds of `start..end`, cut at the paragraph `breaks` inside it.
/// A later paragraph's part starts after its reopening quotation mark: in
/// `“…end of one paragraph` / `“Next one…”` the second `“` is not quote text.
fn paragraph_bounds(
    extracted: &Extracted,
    breaks: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Vec<Bounds> {
    paragraph_parts(breaks, start, end)
        .filter_map(|(from, to)| {
            let (from, to) = extracted.map.range(from, to)?;
            let start = extracted.nodes.get(from.node)?.clone().unchecked_into();
            let end = extracted.nodes.get(to.node)?.clone().unchecked_into();
            Some((start, from.offset16 as u32, end, to.offset16 as u32))
        })
        .collect()
}
