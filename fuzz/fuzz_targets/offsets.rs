//! Code-point ↔ UTF-16 offsets on arbitrary text: every code point survives
//! the round trip, and any UTF-16 offset maps to the code point holding it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens::offsets::{utf16_to_code_point, CodePointToUtf16};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let map = CodePointToUtf16::new(&text);
    let chars = text.chars().count();
    let units = text.encode_utf16().count();
    assert_eq!(map.utf16(chars), units);
    assert_eq!(map.utf16(chars + 7), units, "past the end clamps");
    for i in 0..=chars {
        assert_eq!(utf16_to_code_point(&text, map.utf16(i)), i);
    }
    for unit in 0..=units + 1 {
        let i = utf16_to_code_point(&text, unit);
        assert!(i <= chars);
        // The code point at `i` starts at or before `unit`, and the next one after it.
        assert!(map.utf16(i) <= unit, "unit {unit} -> code point {i}");
        assert!(
            i == chars || map.utf16(i + 1) > unit,
            "unit {unit} -> code point {i}"
        );
    }
});
