//! `quotelens`: the command-line tool over the core.
//!
//! ```text
//! quotelens extract story.txt page.html corpus.jsonl -   # JSON Lines on stdout
//! ```
//!
//! Prints one JSON object a line per article: `{"id", "quotes", "speakers"}`,
//! plus `"text"` for an HTML page (the extracted text the offsets count into).
//! A source that cannot be read, or a bad line in a JSON Lines file, is reported
//! on stderr with its file and line; the other articles are still processed and
//! the exit status is 1 at the end.

mod body;
mod html;
mod input;
mod output;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use input::Format;

#[derive(Parser)]
#[command(
    name = "quotelens",
    version,
    about = "Who said that? Finds attributed quotations in news text."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the quotes and speakers of each article as JSON Lines.
    ///
    /// FILE is a .txt article (id: the file stem), an .html page (its article
    /// text is extracted first and printed as "text"), a .jsonl file with one
    /// {"id", "text"} object a line, or - for stdin (JSON Lines when every
    /// non-empty line starts with `{`, else one text article).
    Extract {
        /// Input files; `-` reads stdin.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Read every input in this format instead of guessing from its extension.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Print the article text extracted from each saved HTML page, as JSON Lines
    /// of {"file", "text", "ms"}.
    Body {
        #[arg(required = true, value_name = "PAGE")]
        files: Vec<String>,
    },
}

fn main() -> ExitCode {
    let (files, format) = match Cli::parse().command {
        Command::Extract { files, format } => (files, format),
        Command::Body { files } => return body::run(&files),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &files {
        for article in input::read_source(path, format) {
            let article = match article {
                Ok(article) => article,
                Err(e) => {
                    eprintln!("quotelens: {e}");
                    failed = true;
                    continue;
                }
            };
            // The core is fuzzed not to panic; should it all the same, this
            // article is reported and the others are still processed.
            let analyzed = std::panic::catch_unwind(|| quotelens::analyze(&article.text));
            let Ok(analysis) = analyzed else {
                eprintln!(
                    "quotelens: {path}: article {}: internal error, please report it",
                    article.id
                );
                failed = true;
                continue;
            };
            let text = article.derived.then_some(article.text.as_str());
            let record = output::Record::new(&article.id, text, &analysis);
            let written = serde_json::to_writer(&mut out, &record)
                .map_err(io::Error::from)
                .and_then(|_| writeln!(out));
            if let Err(e) = written {
                return write_failed(e);
            }
        }
    }
    if let Err(e) = out.flush() {
        return write_failed(e);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A closed pipe (`quotelens extract … | head`) ends the run quietly.
fn write_failed(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("quotelens: cannot write output: {e}");
    ExitCode::FAILURE
}
