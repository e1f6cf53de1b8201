//! What HTML's own tags say about text: never prose, a block of its own, or
//! a kind of container the scorer treats specially.

/// The role of an element's tag in extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Text laid out inline (`span`, `em`, `b`…), or an unknown element.
    Inline,
    /// A link: its text counts towards link density.
    Link,
    /// `<br>`: a line break, no content.
    LineBreak,
    /// `p`, `pre`: a paragraph, never dropped as furniture.
    Paragraph,
    /// A block that is not one of the kinds below (`section`, `tr`…).
    Block,
    /// `hr`: a thematic break, no content.
    Rule,
    /// `div`: Readability's favourite article container.
    Div,
    /// `article`, `main`: HTML's own word for the story.
    Article,
    /// `ul`, `ol`, `dl`.
    List,
    /// `li`, `dt`, `dd`.
    ListItem,
    /// `h1` … `h6`.
    Heading,
    /// `blockquote`: quotations, never dropped.
    Quotation,
    /// `table`.
    Table,
    /// `td`, `th`.
    Cell,
    /// `figure`, `figcaption`, `picture`: pictures and their captions.
    Figure,
    /// `aside`: a box beside the story. Read only when it is a pull quote
    /// (a quotation set large in the story's column); it never counts
    /// towards choosing the story.
    Aside,
    /// `form`, `fieldset`: usually a search box or a sign-up, sometimes (old
    /// ASP.NET sites) the whole page.
    Form,
    /// `img`: counted, no text.
    Image,
    /// `iframe`, `video`, `audio`, `embed`, `object`: counted, never read.
    Embed,
    /// Never prose: scripts, navigation, site header and footer, forms.
    Skipped,
}

impl Tag {
    pub fn of(local_name: &str) -> Tag {
        match local_name {
            "a" => Tag::Link,
            "br" => Tag::LineBreak,
            "div" => Tag::Div,
            "article" | "main" => Tag::Article,
            "ul" | "ol" | "dl" | "menu" => Tag::List,
            "li" | "dt" | "dd" => Tag::ListItem,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "blockquote" => Tag::Quotation,
            "table" => Tag::Table,
            "td" | "th" => Tag::Cell,
            "figure" | "figcaption" | "picture" => Tag::Figure,
            "form" | "fieldset" => Tag::Form,
            "aside" => Tag::Aside,
            "img" => Tag::Image,
            "iframe" | "video" | "audio" | "embed" | "object" => Tag::Embed,
            "p" | "pre" => Tag::Paragraph,
            "hr" => Tag::Rule,
            "section" | "address" | "details" | "summary" | "center" | "thead" | "tbody"
            | "tfoot" | "tr" | "caption" | "body" | "html" | "hgroup" => Tag::Block,
            "script" | "style" | "noscript" | "template" | "svg" | "math" | "canvas" | "nav"
            | "header" | "footer" | "button" | "input" | "select" | "textarea" | "dialog"
            | "head" | "title" | "label" | "option" | "quotelens-root" => Tag::Skipped,
            _ => Tag::Inline,
        }
    }

    /// Whether the browser lays the element out as a block by default: a
    /// paragraph break before and after it.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Inline | Tag::Link | Tag::LineBreak | Tag::Image | Tag::Embed
        )
    }
}

/// ARIA landmarks that hold site chrome rather than the story.
pub const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
    "menubar",
];

/// Whether a `class` attribute holds a class the web's CSS frameworks define
/// as `display: none`: Bootstrap's `hidden`, `hide` and `d-none`, Tailwind's
/// `hidden`, Bulma's `is-hidden`, SUIT's `u-hidden`; the same on every site
/// built with them. A browser hides them by the page's style sheet, which a
/// saved page is read without, so the CLI and the browser skip them alike.
/// Whole class names only: `hidden-xs` hides on a phone and shows elsewhere.
pub fn has_hiding_class(class: &str) -> bool {
    class.split_whitespace().any(|name| {
        matches!(
            name,
            "hidden" | "hide" | "d-none" | "is-hidden" | "u-hidden"
        )
    })
}

/// Whether an element with this local name and `role` is page chrome
/// (`nav`, `footer`, `aside`, `role="navigation"`…): never read, but for an
/// `aside` that is a pull quote inside the story.
pub fn is_page_chrome(local_name: &str, role: Option<&str>) -> bool {
    matches!(Tag::of(local_name), Tag::Skipped | Tag::Aside) || role.is_some_and(is_chrome_role)
}

/// Whether an ARIA `role` names a landmark of site chrome.
pub fn is_chrome_role(role: &str) -> bool {
    SKIPPED_ROLES.contains(&role.trim().to_ascii_lowercase().as_str())
}
