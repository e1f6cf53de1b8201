//! Hostile inputs, made to a size: shared by tests/adversarial.rs (do they stay
//! sane?) and benches/linear.rs (does time grow linearly?).

/// `unit` repeated to at least `size` bytes.
pub fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()))
}

/// Three openers to one closer: each unclosed quote ends where the next opens.
pub const UNBALANCED: &str = "Lammy said “we will “see what “they say” today. ";

/// News prose with two quotes; repeated, it makes one endless paragraph.
pub const PROSE: &str =
    "“We will see what they say,” Blinken said. Lammy added that the deal was “on the table”. \
                         Talks resume on Monday in Cairo, officials said. ";

/// A capitalised word for every `n` below 20⁴: `Bababababa`, `Kobababa`…
fn word(mut n: usize) -> String {
    const SYLLABLES: [&str; 20] = [
        "ba", "ko", "mi", "re", "du", "sa", "ne", "to", "li", "ga", "ve", "pu", "ra", "zo", "hi",
        "fe", "mo", "ju", "ce", "wy",
    ];
    let mut word = String::new();
    for _ in 0..4 {
        word.push_str(SYLLABLES[n % 20]);
        n /= 20;
    }
    word[..1].to_uppercase() + &word[1..]
}

/// A name for every `i` below 20⁴, first names and surnames all different.
pub fn name(i: usize) -> String {
    // 7 is prime to 20⁴, so `i * 7` runs through every first name once.
    format!("{} {}", word(i * 7 % 160_000), word(i))
}

/// `count` quotes, a line each, each said by a different person.
pub fn named_speakers(count: usize) -> String {
    (0..count)
        .map(|i| format!("“Number {i} agrees,” said {}.\n", name(i)))
        .collect()
}

/// `count` quotes, a line each, said by `Firstname Smith` with a different
/// first name every time: one surname, written `count` ways.
pub fn shared_surname(count: usize) -> String {
    (0..count)
        .map(|i| format!("“Number {i} agrees,” said {} Smith.\n", word(i)))
        .collect()
}

/// `count` lines, each quoting a different named person and then "the
/// minister", a description that no named person's role matches.
pub fn described_speakers(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "“Yes {i},” said {}. “No {i},” the minister said.\n",
                name(i)
            )
        })
        .collect()
}

/// `He said “‘“‘…yes…’”’” today.` with `depth` pairs of `“‘`.
pub fn nested(depth: usize) -> String {
    format!(
        "He said {}yes{} today.",
        "“‘".repeat(depth),
        "’”".repeat(depth)
    )
}
