//! `quotelens body PAGE.html…`: the article text the extraction keeps, for
//! scoring it against hand-marked bodies (`scripts/body-eval.sh`) and for
//! checking the browser reads the same text.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use crate::decode::{self, Hints};

/// Prints `{"file", "text", "ms"}` a line per page: the file's name, its
/// article text (paragraphs joined by `\n`) and the milliseconds extraction
/// took (parsing included). An unreadable page is reported on stderr.
pub fn run(files: &[String]) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in files {
        let html = match std::fs::read(path) {
            // Decoded as `extract` decodes a page (BOM, `<meta charset>`, UTF-8,
            // else windows-1252), so the text scored is the text analysed.
            Ok(bytes) => {
                let decoded = decode::decode(
                    &bytes,
                    Hints {
                        html: true,
                        ..Hints::default()
                    },
                );
                if let Some(warning) = decoded.warning {
                    crate::report::report(&format!("{path}: {warning}"));
                }
                decoded.text
            }
            Err(e) => {
                crate::report::report(&format!("{path}: {e}"));
                failed = true;
                continue;
            }
        };
        let started = Instant::now();
        let text = quotelens::extract::article_text(&html);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let file = Path::new(path)
            .file_name()
            .map_or_else(|| path.clone(), |f| f.to_string_lossy().into_owned());
        let line = json!({ "file": file, "text": text, "ms": (ms * 1000.0).round() / 1000.0 });
        if writeln!(out, "{line}").is_err() {
            return ExitCode::SUCCESS; // a closed pipe ends the run quietly
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
