//! Bytes to text: which character encoding a page or article is in.
//!
//! News archives are full of pages in legacy encodings (`windows-1252`,
//! `ISO-8859-1`, `Shift_JIS`, `KOI8-R`). The encoding is taken, in order, from:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE), which nothing overrides;
//! 2. `--encoding`, the user's word against a page that declares the wrong one;
//! 3. the HTTP `Content-Type` charset (a WARC response record's header);
//! 4. an HTML page's `<meta charset>` or `<meta http-equiv="Content-Type">`;
//! 5. UTF-8 when the bytes are mostly UTF-8, else `windows-1252`, which decodes
//!    any byte, so a Latin-1 page is never rejected. "Mostly": more valid
//!    multi-byte characters (`é`, `“`) than invalid sequences. One stray byte
//!    in a UTF-8 file (a truncated copy, a concatenation) is then replaced by
//!    U+FFFD and warned about, rather than turning every `“` of the file into
//!    `â€œ`; a Latin-1 file has next to no valid multi-byte sequences.
//!
//! Decoding is `encoding_rs`'s (the WHATWG Encoding Standard, as browsers do it):
//! labels such as `latin1` or `iso-8859-1` mean `windows-1252`, and a byte the
//! encoding cannot map becomes U+FFFD rather than an error.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::{Html, Selector};

/// How far into a page to look for `<meta charset>`. The HTML standard's
/// prescan stops at 1024 bytes; real pages put long scripts and styles first.
const META_SCAN_BYTES: usize = 8 * 1024;

/// What is known about a source's encoding before its bytes are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// `--encoding`.
    pub forced: Option<&'static Encoding>,
    /// The charset of an HTTP `Content-Type` header.
    pub http: Option<&'static Encoding>,
    /// Whether to look for `<meta charset>`.
    pub html: bool,
}

/// An encoding from its label (`utf-8`, `latin1`, `Shift_JIS`), for `--encoding`.
pub fn encoding_from_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("unknown encoding {label:?} (try utf-8, windows-1252, iso-8859-2, shift_jis)")
    })
}

/// Text decoded from bytes, and what had to be mended on the way.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `3 invalid UTF-8 sequences replaced by U+FFFD (the first at byte 120)`:
    /// bytes the chosen encoding cannot read, for the user to hear about.
    pub warning: Option<String>,
}

/// The text of `bytes`, in the encoding the rules above choose.
pub fn decode(bytes: &[u8], hints: Hints) -> Decoded {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or(hints.forced)
        .or(hints.http)
        .or_else(|| hints.html.then(|| meta_charset(bytes)).flatten())
        .unwrap_or_else(|| {
            if mostly_utf8(bytes) {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    // `decode` strips the BOM of the encoding it finds (the BOM wins, as above).
    let (text, _, had_errors) = encoding.decode(bytes);
    let warning = had_errors.then(|| {
        if encoding == UTF_8 {
            let (count, first) = invalid_utf8(bytes);
            format!(
                "{count} invalid UTF-8 sequence{} replaced by U+FFFD (the first at byte {first})",
                if count == 1 { "" } else { "s" }
            )
        } else {
            format!("bytes that are not {} replaced by U+FFFD", encoding.name())
        }
    });
    Decoded {
        text: text.into_owned(),
        warning,
    }
}

/// Whether `bytes` read best as UTF-8: valid, or with more valid multi-byte
/// characters than invalid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid
}

/// How many invalid UTF-8 sequences `bytes` holds, and where the first starts.
fn invalid_utf8(bytes: &[u8]) -> (usize, usize) {
    let (mut count, mut first, mut at) = (0, None, 0);
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            count += 1;
            first.get_or_insert(at);
        }
        at += chunk.invalid().len();
    }
    (count, first.unwrap_or(0))
}

/// The charset parameter of a `Content-Type` value, as an encoding:
/// `text/html; charset="ISO-8859-1"` gives `windows-1252`.
pub fn content_type_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        Encoding::for_label(value.as_bytes())
    })
}

/// The encoding an HTML page declares in its first [`META_SCAN_BYTES`]. The
/// prefix is parsed as `windows-1252`, which keeps every ASCII byte as it is.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let (head, _, _) = WINDOWS_1252.decode(prefix);
    let document = Html::parse_document(&head);
    let meta = Selector::parse("meta").expect("a valid selector");
    let declared = document.select(&meta).find_map(|element| {
        let element = element.value();
        if let Some(label) = element.attr("charset") {
            return Encoding::for_label(label.trim().as_bytes());
        }
        let http_equiv = element.attr("http-equiv")?;
        if !http_equiv.trim().eq_ignore_ascii_case("content-type") {
            return None;
        }
        content_type_charset(element.attr("content")?)
    })?;
    // A page read as ASCII cannot be UTF-16; the standard reads it as UTF-8.
    Some(declared.output_encoding())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html() -> Hints {
        Hints {
            html: true,
            ..Hints::default()
        }
    }

    fn decode(bytes: &[u8], hints: Hints) -> String {
        super::decode(bytes, hints).text
    }

    #[test]
    fn latin1_text_without_a_declaration_is_read_as_windows_1252() {
        let text = decode(b"\xabBonjour\xbb, dit-il. \x93Quoted\x94", Hints::default());
        assert_eq!(text, "«Bonjour», dit-il. “Quoted”");
        // No valid multi-byte character outweighs the invalid bytes.
        assert!(super::decode(b"caf\xe9 \x93x\x94", Hints::default())
            .warning
            .is_none());
    }

    #[test]
    fn a_stray_byte_in_utf8_text_is_replaced_not_a_reason_to_switch_encoding() {
        let bytes = b"\xe2\x80\x9cYes,\xe2\x80\x9d he said.\xff \xe2\x80\x9cNo.\xe2\x80\x9d";
        let decoded = super::decode(bytes, Hints::default());
        assert_eq!(decoded.text, "“Yes,” he said.\u{fffd} “No.”");
        assert_eq!(
            decoded.warning.as_deref(),
            Some("1 invalid UTF-8 sequence replaced by U+FFFD (the first at byte 19)")
        );
        let two = super::decode(b"\xc3\xa9\xc3\xa9\xc3\xa9 \xff\xfe", Hints::default());
        assert_eq!(two.text, "ééé \u{fffd}\u{fffd}");
        assert_eq!(
            two.warning.as_deref(),
            Some("2 invalid UTF-8 sequences replaced by U+FFFD (the first at byte 7)")
        );
    }

    #[test]
    fn valid_utf8_stays_utf8() {
        let text = decode("«Bonjour», dit-il.".as_bytes(), Hints::default());
        assert_eq!(text, "«Bonjour», dit-il.");
    }

    #[test]
    fn the_bom_wins_over_every_declaration_and_is_stripped() {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice("<meta charset=koi8-r>«Oui»".as_bytes());
        let hints = Hints {
            forced: Some(WINDOWS_1252),
            http: Some(WINDOWS_1252),
            html: true,
        };
        assert_eq!(decode(&bytes, hints), "<meta charset=koi8-r>«Oui»");
        // UTF-16LE with its BOM: "«Ja»".
        let utf16: Vec<u8> = [0xfeff_u16, 0xab, b'J'.into(), b'a'.into(), 0xbb]
            .iter()
            .flat_map(|unit| unit.to_le_bytes())
            .collect();
        assert_eq!(decode(&utf16, Hints::default()), "«Ja»");
    }

    #[test]
    fn meta_charset_names_the_encoding_of_a_page() {
        // „Ja“ in windows-1252 is 0x84 Ja 0x93.
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><p>\x84Ja\x93, sagte er.</p>";
        assert!(decode(page, html()).ends_with("„Ja“, sagte er.</p>"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>na\xefve</p>";
        assert!(decode(page, html()).contains("naïve"));
        // Cyrillic in KOI8-R: "Да" is 0xe4 0xc1.
        let page = b"<meta charset=KOI8-R><p>\xe4\xc1</p>";
        assert!(decode(page, html()).contains("Да"));
    }

    #[test]
    fn http_charset_beats_meta_and_forced_beats_both() {
        let page = b"<meta charset=utf-8><p>\xe4\xc1</p>";
        let koi8 = Encoding::for_label(b"koi8-r");
        let from_http = decode(
            page,
            Hints {
                http: koi8,
                html: true,
                forced: None,
            },
        );
        assert!(from_http.contains("Да"));
        let forced = decode(
            page,
            Hints {
                forced: Some(WINDOWS_1252),
                http: koi8,
                html: true,
            },
        );
        assert!(forced.contains("äÁ"));
    }

    #[test]
    fn meta_declaring_utf16_is_read_as_utf8() {
        let page = "<meta charset=utf-16><p>«Oui»</p>".as_bytes();
        assert!(decode(page, html()).contains("«Oui»"));
    }

    #[test]
    fn content_type_parameters_are_parsed() {
        assert_eq!(
            content_type_charset("text/html; charset=\"ISO-8859-1\""),
            Some(WINDOWS_1252)
        );
        assert_eq!(
            content_type_charset("text/html;Charset=utf-8;q=1"),
            Some(UTF_8)
        );
        assert_eq!(content_type_charset("text/html"), None);
        assert_eq!(content_type_charset("text/html; charset=bogus"), None);
    }

    #[test]
    fn unknown_labels_are_refused_with_examples() {
        assert_eq!(encoding_from_label("Latin1"), Ok(WINDOWS_1252));
        let e = encoding_from_label("klingon").unwrap_err();
        assert!(e.contains("unknown encoding \"klingon\""), "{e}");
    }
}
