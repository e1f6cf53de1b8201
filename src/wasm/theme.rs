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

super::css::minified_css! {
    /// The panel, the card's copy button, and the forced-colours rules for all
    /// of our UI; added to the shadow root after the overlay's own styles.
    pub const PANEL_STYLE = "styles/panel.css";
}
