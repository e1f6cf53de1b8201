//! Colours quote text, and nothing else: through the CSS Custom Highlight API
//! where the browser has it, by wrapping text in `<mark>` where it does not.
//!
//! Highlights never touch the page's DOM: ranges go into `CSS.highlights`
//! under names starting `quotelens-`, one highlight per speaker colour, styled
//! by `::highlight()` rules in an adopted style sheet. `::highlight()` takes
//! only colours and text decoration, and highlights get no events, so hover is
//! done by hit-testing elsewhere (`overlay`).
//!
//! The fallback must change the page, so it keeps what it needs to undo
//! itself exactly: each text node it split keeps its original data, and every
//! node it created is removed again. No `normalize()`, which would also merge
//! text nodes the page had split on purpose.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, HtmlElement, Node, Range, Text};

use crate::textmap::Piece;

/// Speaker colours: dark enough for white badge text (WCAG AA), and used at
/// low alpha behind text so they read on light and dark pages alike.
pub const PALETTE: &[(u8, u8, u8)] = &[
    (180, 83, 9),   // amber
    (3, 105, 161),  // sky
    (190, 24, 93),  // pink
    (21, 128, 61),  // green
    (109, 40, 217), // violet
    (194, 65, 12),  // orange
    (15, 118, 110), // teal
    (185, 28, 28),  // red
];
/// Grey for quotes without a speaker.
pub const UNATTRIBUTED: (u8, u8, u8) = (87, 83, 78);

/// How a quote is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The n-th speaker of the page, in order of first appearance; colours
    /// repeat after [`PALETTE`], the highlight of each speaker stays.
    Speaker(usize),
    /// A longer quote nobody was found for: grey, with a subdued badge.
    Unattributed,
    /// A quoted term of one to three words with no speaker (“so-called”
    /// usage, a title): a faint highlight and no badge.
    Term,
}

pub fn rgb(slot: Slot) -> (u8, u8, u8) {
    match slot {
        Slot::Speaker(i) => PALETTE[i % PALETTE.len()],
        Slot::Unattributed | Slot::Term => UNATTRIBUTED,
    }
}

/// The colour's index among the [`TONES`]: one highlight (and one CSS class)
/// per colour, shared by every speaker who has it.
pub fn tone(slot: Slot) -> usize {
    match slot {
        Slot::Speaker(i) => i % PALETTE.len(),
        Slot::Unattributed => PALETTE.len(),
        Slot::Term => PALETTE.len() + 1,
    }
}

/// Every colour in use: the palette, unattributed, terms.
pub const TONES: usize = PALETTE.len() + 2;

fn tone_name(tone: usize) -> String {
    match tone {
        t if t < PALETTE.len() => format!("c{t}"),
        t if t == PALETTE.len() => "none".to_string(),
        _ => "term".to_string(),
    }
}

/// The CSS class of a badge or dot in this colour (our shadow root's sheet).
pub fn colour_class(slot: Slot) -> String {
    format!("ql-{}", tone_name(tone(slot)))
}

pub fn highlight_name(tone: usize) -> String {
    format!("quotelens-{}", tone_name(tone))
}

/// The paint of one colour: a tint and an underline; terms get a faint tint only.
fn background(tone: usize) -> String {
    let slot = match tone {
        t if t < PALETTE.len() => Slot::Speaker(t),
        t if t == PALETTE.len() => Slot::Unattributed,
        _ => Slot::Term,
    };
    let (r, g, b) = rgb(slot);
    if slot == Slot::Term {
        return format!("background-color: rgba({r}, {g}, {b}, 0.10);");
    }
    format!("background-color: rgba({r}, {g}, {b}, 0.22); text-decoration: underline 2px rgba({r}, {g}, {b}, 0.9);")
}

/// One way of colouring ranges.
pub enum Painter {
    Highlights(Highlights),
    Wrap(Wrapper),
}

impl Painter {
    /// Highlights when `CSS.highlights` and `Highlight` exist, else wrapping.
    pub fn new(doc: &Document) -> Painter {
        Highlights::new(doc)
            .map(Painter::Highlights)
            .unwrap_or_else(|| Painter::Wrap(Wrapper::default()))
    }

    pub fn is_wrap(&self) -> bool {
        matches!(self, Painter::Wrap(_))
    }

    /// Removes everything painted; the page looks and is as before.
    pub fn clear(&mut self) {
        match self {
            Painter::Highlights(h) => h.clear(),
            Painter::Wrap(w) => w.unwrap_all(),
        }
    }

    /// Removes the painter's registrations too (highlight names, style sheet).
    pub fn remove(&mut self) {
        self.clear();
        if let Painter::Highlights(h) = self {
            h.unregister();
        }
    }
}

/// `CSS.highlights` entries, one per colour, all registered up front with
/// their rules in one sheet write: inserting a `::highlight` rule restyles
/// the whole page, so it happens once, not per new speaker. A colour's
/// `Highlight` holds the ranges of every speaker with that colour, so a
/// ninth speaker never takes the first one's highlight away.
pub struct Highlights {
    doc: Document,
    registry: JsValue,
    tones: Vec<JsValue>,
    sheet: Option<CssStyleSheet>,
}

impl Highlights {
    fn new(doc: &Document) -> Option<Highlights> {
        let global = js_sys::global();
        let css = Reflect::get(&global, &"CSS".into()).ok()?;
        let registry = Reflect::get(&css, &"highlights".into())
            .ok()
            .filter(|r| r.is_object())?;
        let constructor = Reflect::get(&global, &"Highlight".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let mut tones = Vec::with_capacity(TONES);
        let mut rules = String::new();
        for tone in 0..TONES {
            let h = Reflect::construct(&constructor, &Array::new()).ok()?;
            call(&registry, "set", &[highlight_name(tone).into(), h.clone()]);
            tones.push(h);
            rules.push_str(&format!(
                "::highlight({}) {{ {} }}\n",
                highlight_name(tone),
                background(tone)
            ));
        }
        let sheet = adopt_sheet(doc, &rules);
        Some(Highlights {
            doc: doc.clone(),
            registry,
            tones,
            sheet,
        })
    }

    /// Adds `range` to the highlight of `slot`'s colour.
    pub fn add(&mut self, slot: Slot, range: &Range) {
        if let Some(h) = self.tones.get(tone(slot)) {
            call(h, "add", &[range.into()]);
        }
    }

    pub fn clear(&mut self) {
        for h in &self.tones {
            call(h, "clear", &[]);
        }
    }

    fn unregister(&mut self) {
        for tone in 0..self.tones.len() {
            call(&self.registry, "delete", &[highlight_name(tone).into()]);
        }
        self.tones.clear();
        if let Some(sheet) = self.sheet.take() {
            unadopt_sheet(&self.doc, &sheet);
        }
    }
}

pub fn call(target: &JsValue, method: &str, args: &[JsValue]) {
    if let Ok(f) = Reflect::get(target, &method.into()).and_then(|f| f.dyn_into::<Function>()) {
        let _ = f.apply(target, &args.iter().collect::<Array>());
    }
}

/// A constructed style sheet in `document.adoptedStyleSheets`: styles for our
/// highlights without a `<style>` element in the page (a page CSP of
/// `style-src 'self'` does not apply to constructed sheets).
pub fn adopt_sheet(doc: &Document, rules: &str) -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(rules).ok()?;
    let adopted = Reflect::get(doc, &"adoptedStyleSheets".into())
        .ok()?
        .dyn_into::<Array>()
        .ok()?;
    let list: Array = adopted.iter().collect();
    list.push(&sheet);
    Reflect::set(doc, &"adoptedStyleSheets".into(), &list).ok()?;
    Some(sheet)
}

pub fn unadopt_sheet(doc: &Document, sheet: &CssStyleSheet) {
    let Some(adopted) = Reflect::get(doc, &"adoptedStyleSheets".into())
        .ok()
        .and_then(|a| a.dyn_into::<Array>().ok())
    else {
        return;
    };
    let target: &JsValue = sheet;
    let kept: Array = adopted.iter().filter(|s| s != target).collect();
    let _ = Reflect::set(doc, &"adoptedStyleSheets".into(), &kept);
}

/// One text node the fallback split: its original data and the nodes it added.
struct Split {
    original: Text,
    data: String,
    created: Vec<Node>,
}

/// The fallback: `<mark>` elements around each piece of quote text.
#[derive(Default)]
pub struct Wrapper {
    splits: Vec<Split>,
}

impl Wrapper {
    /// Wraps each piece (all pieces of all quotes, any order) in a `<mark>`
    /// coloured for its slot. Pieces in one node are cut from the end, so the
    /// original node always keeps the unwrapped prefix and earlier offsets hold.
    pub fn wrap(&mut self, doc: &Document, nodes: &[Text], pieces: &mut [(Piece, Slot)]) {
        crate::sort::stable_by_key(pieces, |(p, _)| (p.node, std::cmp::Reverse(p.start16)));
        for (piece, slot) in pieces.iter() {
            let Some(node) = nodes.get(piece.node) else {
                continue;
            };
            if piece.start16 >= piece.end16 {
                continue;
            }
            // Pieces come sorted by node: a node's split, if any, is the last one.
            if self.splits.last().is_none_or(|s| &s.original != node) {
                self.splits.push(Split {
                    original: node.clone(),
                    data: node.data(),
                    created: Vec::new(),
                });
            }
            let at = self.splits.len() - 1;
            if let Some(created) = wrap_piece(doc, node, piece, *slot) {
                self.splits[at].created.extend(created);
            }
        }
    }

    fn unwrap_all(&mut self) {
        for split in self.splits.drain(..) {
            for node in &split.created {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(node);
                }
            }
            split.original.set_data(&split.data);
        }
    }
}

/// `node` = prefix | piece | suffix: splits off the suffix and the piece,
/// wraps the piece, and returns the new nodes (suffix text and the mark).
fn wrap_piece(doc: &Document, node: &Text, piece: &Piece, slot: Slot) -> Option<Vec<Node>> {
    let suffix = node.split_text(piece.end16 as u32).ok()?;
    let middle = node.split_text(piece.start16 as u32).ok()?;
    let mark: HtmlElement = doc.create_element("mark").ok()?.dyn_into().ok()?;
    mark.set_class_name("quotelens-mark");
    let (r, g, b) = rgb(slot);
    // Through the CSSOM, not a `style` attribute: a page CSP without
    // 'unsafe-inline' refuses the attribute but not this.
    let style = mark.style();
    style.set_css_text(&format!(
        "all: unset; {} display: inline;",
        background(tone(slot))
    ));
    let _ = mark.set_attribute("data-quotelens", &format!("{r},{g},{b}"));
    let parent = node.parent_node()?;
    parent.insert_before(&mark, Some(&middle)).ok()?;
    mark.append_child(&middle).ok()?;
    Some(vec![suffix.into(), mark.into()])
}
