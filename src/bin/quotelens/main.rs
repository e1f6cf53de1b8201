//! `quotelens`: the command-line tool over the core.
//!
//! ```text
//! quotelens extract story.txt page.html corpus.jsonl crawl.warc.gz -   # JSON Lines on stdout
//! quotelens extract --jobs 8 --output csv --speaker 'Blinken' corpus.jsonl
//! quotelens extract --output annotation --url https://example.com/story page.html
//! ```
//!
//! Prints one JSON object a line per article: `{"id", "quotes", "speakers"}`,
//! plus `"text"` for an HTML page (the extracted text the offsets count into);
//! or one CSV/TSV row a quote. Articles are analysed on every core and printed
//! in input order, byte for byte what one thread prints. A source that cannot
//! be read, or a bad line in a JSON Lines file, is reported on stderr with its
//! file and line; the other articles are still processed and the exit status
//! is 1 at the end.

mod archive;
mod body;
mod decode;
mod filter;
mod html;
mod input;
mod output;
mod parallel;

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use encoding_rs::Encoding;
use regex::Regex;

use filter::Filters;
use input::{Format, Options};
use output::OutputFormat;

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
    /// Print the quotes and speakers of each article.
    ///
    /// FILE is a .txt article (id: the file stem), an .html page (its article
    /// text is extracted first and printed as "text"), a .jsonl file with one
    /// {"id", "text"} object a line, a .warc web archive (each HTML response is
    /// an article; id: URL and record id), or - for stdin (WARC when it starts
    /// like one, JSON Lines when its first non-blank line is a JSON object, else
    /// one text article). Any of them may be gzipped.
    Extract(Extract),
    /// Print the article text extracted from each saved HTML page, as JSON Lines
    /// of {"file", "text", "ms"}.
    Body {
        #[arg(required = true, value_name = "PAGE")]
        files: Vec<String>,
    },
}

#[derive(Args)]
struct Extract {
    /// Input files; `-` reads stdin.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Read every input in this format instead of guessing from its extension.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Read text in this encoding (e.g. windows-1252, iso-8859-2, shift_jis)
    /// whatever a page declares; a byte order mark still wins. Default: the
    /// page's HTTP or <meta> charset, else UTF-8 when valid, else windows-1252.
    #[arg(long, value_name = "LABEL", value_parser = decode::encoding_from_label)]
    encoding: Option<&'static Encoding>,
    /// What to print: one JSON object an article, or one row a quote.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Jsonl)]
    output: OutputFormat,
    /// Keep only quotes whose speaker's name matches this regex (e.g. `(?i)blinken`).
    #[arg(long, value_name = "REGEX", value_parser = filter::parse_pattern)]
    speaker: Option<Regex>,
    /// Keep only quotes whose text matches this regex.
    #[arg(long = "match", value_name = "REGEX", value_parser = filter::parse_pattern)]
    text: Option<Regex>,
    /// Keep only quotes attributed with at least this confidence, in [0, 1].
    #[arg(long, value_name = "X", value_parser = filter::parse_confidence)]
    min_confidence: Option<f32>,
    /// The page the annotations of `--output annotation` point at. Default: a
    /// file's `file:` URL, a web archive record's URL, a JSON Lines object's "url".
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Threads analysing articles; default: every core.
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,
}

fn main() -> ExitCode {
    let args = match Cli::parse().command {
        Command::Extract(args) => args,
        Command::Body { files } => return body::run(&files),
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let options = Options {
        format: args.format,
        encoding: args.encoding,
    };
    let filters = Filters {
        speaker: args.speaker,
        text: args.text,
        min_confidence: args.min_confidence,
    };
    let files = args.files;
    let url = args.url;
    let sources = files
        .into_iter()
        .flat_map(move |path| input::read_source(&path, options))
        .map(move |item| {
            item.map(|mut article| {
                article.url = url.clone().or(article.url);
                article
            })
        });
    match parallel::run(sources, jobs, args.output, &filters) {
        Ok(run) if run.failed => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        // A closed pipe (`quotelens extract … | head`) ends the run quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// A message on stderr. Unlike `eprintln!`, a closed stderr (`2>&1 | head -c1`)
/// is no reason to panic: the message is dropped and the run goes on.
pub fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "quotelens: {message}");
}
