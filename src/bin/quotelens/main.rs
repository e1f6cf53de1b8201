//! `quotelens extract FILE...`: quotes and speakers as JSON Lines.
use std::io::{self, BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("extract") {
        eprintln!("usage: quotelens extract FILE...");
        std::process::exit(2);
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for path in &args[1..] {
        let file = std::fs::File::open(path).expect("open");
        for line in io::BufReader::new(file).lines() {
            let line = line.unwrap();
            if line.trim().is_empty() {
                continue;
            }
            let record: serde_json::Value = serde_json::from_str(&line).unwrap();
            let text = record["text"].as_str().unwrap_or("");
            let analysis = quotelens::analyze(text);
            let quotes: Vec<serde_json::Value> = analysis
                .quotes
                .iter()
                .map(|q| serde_json::json!({"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                    "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "role": q.role, "cue": q.cue,
                    "kind": q.kind, "confidence": q.confidence}))
                .collect();
            writeln!(out, "{}", serde_json::json!({"id": record["id"], "quotes": quotes})).unwrap();
        }
    }
}
