//! How our marks read on any page: the *Who said what* panel's styles, and
//! dark and forced-colours variants of our UI (the tints' own rules, with
//! their dimming and flash, are in `paint`).
//!
//! Our UI lives in the shadow root and follows `prefers-color-scheme`; on a
//! dark site with a light browser it keeps its own light surfaces, so its
//! text contrast never depends on the page. Under `forced-colors` (Windows
//! high contrast) the browser replaces our colours with system colours, so
//! every surface gets a border and every quote an underline in `Mark`: a
//! quote stays visibly marked when background tints are gone.

/// The panel, the card's copy button, and the forced-colours rules for all
/// of our UI; added to the shadow root after the overlay's own styles.
pub const PANEL_STYLE: &str = r#"
.ql-panel { position: fixed; inset: auto; margin: 0; padding: 0; overflow: hidden;
  top: 8px; bottom: 8px; right: 8px; width: min(22rem, calc(100vw - 16px)); height: auto;
  box-sizing: border-box; display: flex; flex-direction: column; pointer-events: auto;
  background: #fffdf8; color: #1c1917; border: 1px solid #d6d3d1; border-radius: 10px;
  box-shadow: 0 8px 32px rgba(0,0,0,.3); font: 13px/1.4 system-ui, sans-serif; text-align: left; }
.ql-panel[hidden] { display: none; }
.ql-panel.ql-left { right: auto; left: 8px; }
.ql-panel.ql-bottom { top: auto; left: 8px; right: 8px; width: auto; height: 40vh; }
.ql-panel header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 4px; }
.ql-panel h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
.ql-panel h2:focus { outline: none; }
.ql-panel h2:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.ql-panel .ql-summary { margin: 0; padding: 0 12px 8px; color: #44403c; border-bottom: 1px solid #e7e5e4; }
.ql-panel .ql-groups { flex: 1; overflow: auto; padding: 4px 8px 8px; overscroll-behavior: contain; }
.ql-panel h3 { margin: 8px 0 2px; font: inherit; }
.ql-panel ol { margin: 0; padding: 0 0 0 22px; }
.ql-panel li { margin: 1px 0; }
.ql-panel button { font: inherit; color: inherit; cursor: pointer; }
.ql-panel .ql-speaker { display: flex; width: 100%; align-items: baseline; gap: 6px; padding: 4px 6px;
  border: 1px solid transparent; border-radius: 6px; background: none; text-align: left; }
.ql-panel .ql-speaker[aria-pressed="true"] { border-color: #78716c; background: #f5f5f4; }
.ql-panel .ql-who { font-weight: 700; }
.ql-panel .ql-role { color: #57534e; flex: 1; }
.ql-panel .ql-n { color: #44403c; white-space: nowrap; }
.ql-panel .ql-dot { width: 10px; height: 10px; border-radius: 50%; flex: none; align-self: center; }
.ql-panel .ql-quote { display: block; width: 100%; padding: 2px 6px; border: 0; border-radius: 4px;
  background: none; text-align: left; }
.ql-panel .ql-quote:hover, .ql-panel .ql-speaker:hover { background: #f5f5f4; }
.ql-panel .ql-group.ql-dimmed { opacity: .6; }
.ql-panel footer { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 12px; border-top: 1px solid #e7e5e4; }
.ql-panel footer span { flex: 1; color: #44403c; }
.ql-panel footer button, .ql-panel .ql-close, .ql-card .ql-copy { padding: 2px 8px; border: 1px solid #a8a29e;
  border-radius: 5px; background: #f5f5f4; }
.ql-panel .ql-close { width: 26px; height: 24px; padding: 0; }
.ql-panel button:focus-visible, .ql-card button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.ql-card .ql-copy { width: auto; margin-left: 4px; }
.ql-card .ql-said { margin-top: 4px; font-style: italic; }
.ql-label.ql-dimmed { opacity: .35; }
/* A see-through badge's grey text vanishes on a dark page: an opaque light pill reads on any. */
.ql-label.ql-quiet:not(.ql-compact) { background: #fafaf9; color: #44403c; }
@media (prefers-color-scheme: dark) {
  .ql-panel { background: #1c1917; color: #f5f5f4; border-color: #57534e; }
  .ql-panel .ql-summary, .ql-panel .ql-role, .ql-panel .ql-n, .ql-panel footer span { color: #d6d3d1; }
  .ql-panel .ql-summary, .ql-panel footer { border-color: #44403c; }
  .ql-panel .ql-speaker[aria-pressed="true"], .ql-panel .ql-quote:hover, .ql-panel .ql-speaker:hover { background: #292524; }
  .ql-panel footer button, .ql-panel .ql-close, .ql-card .ql-copy { background: #292524; border-color: #78716c; }
  .ql-panel button:focus-visible, .ql-card button:focus-visible, .ql-panel h2:focus-visible { outline-color: #93c5fd; }
}
@media (forced-colors: active) {
  .ql-label { border: 1px solid CanvasText; forced-color-adjust: none; background: Mark !important; color: MarkText; }
  .ql-card, .ql-panel { border: 2px solid CanvasText; }
  .ql-panel .ql-speaker[aria-pressed="true"] { border-color: Highlight; }
  .ql-card button, .ql-panel button { border: 1px solid ButtonText; }
}
"#;
