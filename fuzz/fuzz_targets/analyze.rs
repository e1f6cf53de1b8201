//! Arbitrary bytes, read as (lossy) UTF-8, through the whole analysis; then
//! the promises every analysis keeps (tests/common/mod.rs) must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysis = quotelens::analyze(&text);
    if let Err(broken) = invariants::check(&text, &analysis) {
        panic!("{broken}\ntext: {text:?}");
    }
});
