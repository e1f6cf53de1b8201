//! Prints a text of `COUNT` quotes, each said by a different person whose
//! name is crafted to collide under unkeyed FNV-1a in its low `BITS` bits
//! (`crafted`), or of the same names with their letters rotated (`rotated`,
//! the control): the hash-flooding input of SECURITY.md ("Hash collisions in
//! names"), for timing `quotelens extract` on it.
//!
//! `cargo run --release --example collisions -- crafted 20000 16 > crafted.txt`

#[allow(dead_code)] // Only the names are used here.
#[path = "../tests/common/inputs.rs"]
mod inputs;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: collisions crafted|rotated COUNT BITS";
    let [kind, count, bits] = args.as_slice() else {
        panic!("{usage}");
    };
    let count: usize = count.parse().expect(usage);
    let bits: u32 = bits.parse().expect(usage);
    let text = match kind.as_str() {
        "crafted" => inputs::speakers_named(count, |i| inputs::colliding_name(i, bits)),
        "rotated" => inputs::speakers_named(count, |i| rotated(&inputs::colliding_name(i, bits))),
        _ => panic!("{usage}"),
    };
    print!("{text}");
}

/// `name` with its letters rotated (ROT13, capitals kept): as long, as
/// different from the others, and with a hash as good as random.
fn rotated(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'a'..='z' => char::from((c as u8 - b'a' + 13) % 26 + b'a'),
            'A'..='Z' => char::from((c as u8 - b'A' + 13) % 26 + b'A'),
            _ => c,
        })
        .collect()
}
