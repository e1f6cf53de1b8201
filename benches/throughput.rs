//! What a reader or a researcher waits for: `analyze` over one news article
//! (the seed), and over all 840 articles of PolNeAR train, in bytes per second.
//!
//! `cargo bench --bench throughput`; `make bench` runs it with short settings
//! and `scripts/bench-summary.py` turns the result into MB/s and ms per article.
//! PolNeAR is read from `${SHARED:-../shared}/data/polnear-train.jsonl` and
//! skipped, with a note on stderr, when it is not there.

mod common;

use std::path::PathBuf;

use criterion::{black_box, SamplingMode, Throughput};

const SEED: &str = include_str!("../tests/fixtures/seed-article.txt");

/// The article texts of PolNeAR train, or why there are none.
fn polnear_train() -> Result<Vec<String>, String> {
    let shared = std::env::var("SHARED").unwrap_or_else(|_| "../shared".to_string());
    let path = PathBuf::from(shared).join("data/polnear-train.jsonl");
    let data = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    data.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let record: serde_json::Value =
                serde_json::from_str(line).map_err(|e| e.to_string())?;
            record["text"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| "a record without text".to_string())
        })
        .collect()
}

fn main() {
    let mut c = common::criterion();

    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("seed-article", |b| {
        b.iter(|| quotelens::analyze(black_box(SEED)))
    });

    match polnear_train() {
        Ok(articles) => {
            let bytes: usize = articles.iter().map(String::len).sum();
            // One iteration is the whole corpus (~0.2 s), so no need for many.
            group.sampling_mode(SamplingMode::Flat);
            group.throughput(Throughput::Bytes(bytes as u64));
            group.bench_function(format!("polnear-train-{}-articles", articles.len()), |b| {
                b.iter(|| {
                    for text in &articles {
                        black_box(quotelens::analyze(black_box(text)));
                    }
                })
            });
        }
        Err(why) => eprintln!("throughput: SKIPPED polnear-train ({why})"),
    }
    group.finish();
    c.final_summary();
}
