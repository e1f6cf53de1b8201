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

/// The state of unkeyed 64-bit FNV-1a after `bytes`, from `state`: the hash
/// src/lexicon.rs once filed page names with, whose low `k` bits depend only
/// on the low `k` bits of the state and of the bytes.
fn fnv(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state = (state ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    state
}

/// `word` and the first run of lower-case letters after it for which the
/// unkeyed FNV-1a of the lower-case word, then `tail`, then the 0xff byte
/// that `Hash for str` writes last, ends in `bits` zero bits: about
/// 2^`bits` tries, each a few multiplications.
fn steered(word: &str, tail: &str, bits: u32) -> String {
    let mask = (1u64 << bits) - 1;
    let start = fnv(0xcbf2_9ce4_8422_2325, word.to_lowercase().as_bytes());
    let n = (0u64..)
        .find(|&n| {
            let (d, len) = letters(n);
            fnv(fnv(fnv(start, &d[..len]), tail.as_bytes()), &[0xff]) & mask == 0
        })
        .unwrap_or_default();
    let (d, len) = letters(n);
    format!("{word}{}", String::from_utf8_lossy(&d[..len]))
}

/// The `n`th run of lower-case letters (`a`, `b`, … `z`, `ab`, `bb`…): `n` in
/// base 26, lowest digit first, as bytes and their count.
fn letters(mut n: u64) -> ([u8; 14], usize) {
    let (mut d, mut len) = ([0; 14], 0);
    loop {
        d[len] = b'a' + (n % 26) as u8;
        len += 1;
        n /= 26;
        if n == 0 {
            return (d, len);
        }
    }
}

/// The `i`th of a set of different names, `First Last`, crafted so that under
/// unkeyed FNV-1a both the lower-case full name and the lower-case surname
/// (the keys of the name registry in src/resolve.rs) end in `bits` zero
/// bits: all of them fall in one bucket of any table of up to 2^`bits`
/// buckets. The surname is steered first, then the first name's last letters
/// steer the full name.
pub fn colliding_name(i: usize, bits: u32) -> String {
    let last = steered(&word(i), "", bits);
    let first = steered(
        &word(i * 7 % 160_000),
        &format!(" {}", last.to_lowercase()),
        bits,
    );
    format!("{first} {last}")
}

/// `count` quotes, a line each, each said by a different person named by
/// `name(i)`.
pub fn speakers_named(count: usize, name: impl Fn(usize) -> String) -> String {
    (0..count)
        .map(|i| format!("“Number {i} agrees,” said {}.\n", name(i)))
        .collect()
}
