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

/// The colour slot of a quote: an index into [`PALETTE`], or `None` for unattributed.
pub type Slot = Option<usize>;

pub fn rgb(slot: Slot) -> (u8, u8, u8) {
    slot.map(|i| PALETTE[i % PALETTE.len()])
        .unwrap_or(UNATTRIBUTED)
}

pub fn highlight_name(slot: Slot) -> String {
    match slot {
        Some(i) => format!("quotelens-c{}", i % PALETTE.len()),
        None => "quotelens-none".to_string(),
    }
}

fn background(slot: Slot) -> String {
    let (r, g, b) = rgb(slot);
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

/// `CSS.highlights` entries, one per colour slot, created lazily.
pub struct Highlights {
    doc: Document,
    registry: JsValue,
    constructor: Function,
    made: Vec<(Slot, JsValue)>,
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
        let sheet = adopt_sheet(doc);
        Some(Highlights {
            doc: doc.clone(),
            registry,
            constructor,
            made: Vec::new(),
            sheet,
        })
    }

    fn highlight(&mut self, slot: Slot) -> Option<JsValue> {
        if let Some((_, h)) = self.made.iter().find(|(s, _)| *s == slot) {
            return Some(h.clone());
        }
        let h = Reflect::construct(&self.constructor, &Array::new()).ok()?;
        call(
            &self.registry,
            "set",
            &[highlight_name(slot).into(), h.clone()],
        );
        if let Some(sheet) = &self.sheet {
            let rule = format!(
                "::highlight({}) {{ {} }}",
                highlight_name(slot),
                background(slot)
            );
            let _ = sheet.insert_rule(&rule);
        }
        self.made.push((slot, h.clone()));
        Some(h)
    }

    /// Adds `range` to the highlight of `slot`.
    pub fn add(&mut self, slot: Slot, range: &Range) {
        if let Some(h) = self.highlight(slot) {
            call(&h, "add", &[range.into()]);
        }
    }

    pub fn clear(&mut self) {
        for (_, h) in &self.made {
            call(h, "clear", &[]);
        }
    }

    fn unregister(&mut self) {
        for (slot, _) in self.made.drain(..) {
            call(&self.registry, "delete", &[highlight_name(slot).into()]);
        }
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
/// highlights without a `<style>` element in the page.
pub fn adopt_sheet(doc: &Document) -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
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
        pieces.sort_by_key(|(p, _)| (p.node, std::cmp::Reverse(p.start16)));
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
    let style = format!("all: unset; {} display: inline;", background(slot));
    let _ = mark.set_attribute("style", &style);
    let _ = mark.set_attribute("data-quotelens", &format!("{r},{g},{b}"));
    let parent = node.parent_node()?;
    parent.insert_before(&mark, Some(&middle)).ok()?;
    mark.append_child(&middle).ok()?;
    Some(vec![suffix.into(), mark.into()])
}
