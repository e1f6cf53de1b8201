//! Does time grow linearly with hostile input? Each input of
//! tests/common/inputs.rs is analysed at 1 MB and at 4 MB; at the end the
//! 4 MB / 1 MB time ratio is printed for each (about 4 when linear, 16 when
//! quadratic).
//!
//! Before the measured runs, each input is timed once at 256 KB and 1 MB: a
//! ratio above 8 there means quadratic time, and the input's measured runs,
//! which could take hours, are skipped with a note.

mod common;
#[path = "../tests/common/inputs.rs"]
mod inputs;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::{black_box, BenchmarkId, SamplingMode, Throughput};
use inputs::{
    colliding_name, described_speakers, named_speakers, nested, repeated, shared_surname,
    speakers_named, PROSE, UNBALANCED,
};

const KB: usize = 1 << 10;
const MB: usize = 1 << 20;

/// Makes an input of (at least) a size in bytes.
type Make = fn(usize) -> String;

/// An input's name and size in bytes.
type Key = (&'static str, usize);

/// The hostile inputs, by name.
fn inputs() -> Vec<(&'static str, Make)> {
    vec![
        ("straight-marks", |size| repeated("\"", size)),
        ("open-curly-marks", |size| repeated("“", size)),
        ("unbalanced", |size| repeated(UNBALANCED, size)),
        ("one-paragraph", |size| repeated(PROSE, size)),
        // A line is about 48 bytes: 4 MB holds some 90,000 different speakers,
        // or 90,000 first names for one surname.
        ("distinct-speakers", |size| named_speakers(size / 48)),
        ("shared-surname", |size| shared_surname(size / 48)),
        // Names sharing their low 14 bits under unkeyed FNV-1a (SECURITY.md):
        // about 58 bytes a line.
        ("colliding-names", |size| {
            speakers_named(size / 58, |i| colliding_name(i, 14))
        }),
        // About 75 bytes a line: two quotes, a name and a description.
        ("descriptions", |size| described_speakers(size / 75)),
        // Six bytes a level: a 4 MB input nests 700,000 deep.
        ("nested", |size| nested(size / 6)),
    ]
}

fn time_once(text: &str) -> Duration {
    let start = Instant::now();
    black_box(quotelens::analyze(black_box(text)));
    start.elapsed()
}

fn main() {
    let mut c = common::criterion();
    // Total time and analyses, by input and size, over all of criterion's calls.
    let totals: RefCell<BTreeMap<Key, (Duration, u64)>> = RefCell::new(BTreeMap::new());
    let mut skipped = Vec::new();

    for (name, make) in inputs() {
        let (small, large) = (time_once(&make(256 * KB)), time_once(&make(MB)));
        let probe = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
        if probe > 8.0 {
            skipped.push(format!("{name}: NOT LINEAR, 256 KB {small:?}, 1 MB {large:?} (x{probe:.1}); measured runs skipped"));
            continue;
        }
        let mut group = c.benchmark_group(format!("linear/{name}"));
        group.sampling_mode(SamplingMode::Flat);
        for size in [MB, 4 * MB] {
            let text = make(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{}MB", size / MB)),
                &text,
                |b, text| {
                    b.iter_custom(|iterations| {
                        let start = Instant::now();
                        for _ in 0..iterations {
                            black_box(quotelens::analyze(black_box(text)));
                        }
                        let elapsed = start.elapsed();
                        let mut totals = totals.borrow_mut();
                        let total = totals.entry((name, size)).or_default();
                        *total = (total.0 + elapsed, total.1 + iterations);
                        elapsed
                    })
                },
            );
        }
        group.finish();
    }
    c.final_summary();

    println!("\n4 MB / 1 MB time (linear: about 4)");
    let totals = totals.borrow();
    let mean = |key| {
        totals
            .get(&key)
            .map(|&(time, n): &(Duration, u64)| time / n as u32)
    };
    for (name, _) in inputs() {
        if let (Some(one), Some(four)) = (mean((name, MB)), mean((name, 4 * MB))) {
            let ratio = four.as_secs_f64() / one.as_secs_f64();
            println!(
                "{name:>18}: 1 MB {:>9.2} ms, 4 MB {:>9.2} ms, ratio {ratio:.2}",
                ms(one),
                ms(four)
            );
        }
    }
    for line in skipped {
        println!("{line}");
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
