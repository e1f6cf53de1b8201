//! Our style sheets minified while compiling: `styles/*.css` stay readable,
//! with their comments, and the WebAssembly carries them without comments or
//! layout white space (about 900 bytes of the two files).
//!
//! Only what cannot change what a rule means goes: comments, white space
//! around `{ } ; , >` and after `:` and `(`, before `)`, and the last `;` of
//! a block. A space before `:` stays (`.a :hover` is not `.a:hover`), so do
//! those around `+ - * /` (`calc(100vw - 16px)`), and strings are copied as
//! they are.

/// A byte that needs no white space after it.
const fn tight_after(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b';' | b',' | b'>' | b':' | b'(')
}

/// A byte that needs no white space before it.
const fn tight_before(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b';' | b',' | b'>' | b')')
}

/// Writes `css` minified into `out` when it is long enough (pass `&mut []`
/// to only count); returns the minified length.
const fn minify_into(css: &[u8], out: &mut [u8]) -> usize {
    let write = !out.is_empty();
    let (mut i, mut n) = (0, 0);
    // The byte written last, and whether white space came after it.
    let (mut last, mut space) = (0u8, false);
    while i < css.len() {
        let b = css[i];
        if b == b'/' && i + 1 < css.len() && css[i + 1] == b'*' {
            i += 2;
            while i + 1 < css.len() && !(css[i] == b'*' && css[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            space = true;
            continue;
        }
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space && n > 0 && !tight_after(last) && !tight_before(b) {
            if write {
                out[n] = b' ';
            }
            n += 1;
        }
        space = false;
        if b == b'}' && last == b';' {
            n -= 1;
        }
        // A string, its quotes included, as it is.
        let end = if b == b'"' || b == b'\'' {
            let mut j = i + 1;
            while j < css.len() && css[j] != b {
                j += if css[j] == b'\\' { 2 } else { 1 };
            }
            j + 1
        } else {
            i + 1
        };
        while i < end && i < css.len() {
            if write {
                out[n] = css[i];
            }
            n += 1;
            i += 1;
        }
        last = b;
    }
    n
}

/// How long `css` is once minified: the length of [`minify`]'s array.
pub const fn minified_len(css: &str) -> usize {
    minify_into(css.as_bytes(), &mut [])
}

/// `css` minified; `N` must be [`minified_len`]`(css)`.
pub const fn minify<const N: usize>(css: &str) -> [u8; N] {
    let mut out = [0u8; N];
    assert!(minify_into(css.as_bytes(), &mut out) == N);
    out
}

/// The minified bytes as text: only ASCII white space and comments went.
pub const fn text(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("minified CSS is not UTF-8"),
    }
}

/// `const NAME: &str = ` a style sheet in `styles/`, minified.
macro_rules! minified_css {
    ($(#[$attr:meta])* $vis:vis const $name:ident = $path:literal;) => {
        $(#[$attr])*
        $vis const $name: &str = {
            const SOURCE: &str = include_str!($path);
            const BYTES: [u8; $crate::wasm::css::minified_len(SOURCE)] =
                $crate::wasm::css::minify(SOURCE);
            $crate::wasm::css::text(&BYTES)
        };
    };
}
pub(crate) use minified_css;

#[cfg(test)]
mod tests {
    use super::*;

    fn min(css: &str) -> String {
        let mut out = vec![0; minified_len(css)];
        minify_into(css.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn drops_comments_layout_and_last_semicolons() {
        assert_eq!(
            min("/* why */\n.a { color: red;\n  margin: 0 1px; }\n.b, .c > .d { top: 0; }\n"),
            ".a{color:red;margin:0 1px}.b,.c>.d{top:0}"
        );
        assert_eq!(
            min("@media (prefers-color-scheme: dark) {\n  .a { color: #fff; }\n}\n"),
            "@media (prefers-color-scheme:dark){.a{color:#fff}}"
        );
    }

    #[test]
    fn keeps_what_changes_meaning() {
        // A descendant's pseudo-class, arithmetic, `!important`, strings.
        assert_eq!(min(".a :hover { x: 1; }"), ".a :hover{x:1}");
        assert_eq!(
            min(".a { width: calc(100vw - 16px) !important; }"),
            ".a{width:calc(100vw - 16px) !important}"
        );
        assert_eq!(
            min(".a[title=\"x ; y\"] { content: 'a  /* b */ }'; }"),
            ".a[title=\"x ; y\"]{content:'a  /* b */ }'}"
        );
    }

    #[test]
    fn our_sheets_lose_only_white_space_comments_and_semicolons() {
        for css in [
            include_str!("styles/overlay.css"),
            include_str!("styles/panel.css"),
        ] {
            let small = min(css);
            assert!(small.len() < css.len() * 9 / 10);
            let strip = |s: &str| {
                let mut out = String::new();
                let mut rest = s;
                while let Some(at) = rest.find("/*") {
                    out.push_str(&rest[..at]);
                    rest = &rest[at + rest[at..].find("*/").unwrap() + 2..];
                }
                out.push_str(rest);
                out.replace(|c: char| c.is_whitespace() || c == ';', "")
            };
            assert_eq!(strip(&small), strip(css));
        }
    }
}
