//! `quotelens`: the command-line tool over the core.
//!
//! ```text
//! quotelens extract story.txt page.html corpus.jsonl crawl.warc.gz -   # JSON Lines on stdout
//! quotelens extract --jobs 8 --output csv --speaker 'Blinken' corpus.jsonl
//! quotelens extract --output annotation --url https://example.com/story page.html
//! quotelens score gold.jsonl <(quotelens extract gold.jsonl)            # P/R/F1
//! ```
//!
//! Prints one JSON object a line per article: `{"id", "quotes", "speakers"}`,
//! plus `"text"` for an HTML page (the extracted text the offsets count into);
//! or one CSV/TSV row a quote; or one W3C Web Annotation a quote, a JSON-LD
//! object a line, on the page's URL (`--url`, else the file's `file:` URL, a
//! WARC record's URL, a JSON Lines object's `"url"`; an article without one is
//! an error). Articles are analysed on every core and printed in input order,
//! byte for byte what one thread prints. A source that cannot be read, or a
//! bad line in a JSON Lines file, is reported on stderr with its file and
//! line; the other articles are still processed and the exit status is 1 at
//! the end. So is an article over the size limit (`--max-size`, 64 MiB by
//! default: a file, a JSON line, a WARC record, after decompression), which is
//! never read into memory beyond the limit.
//!
//! The modules form no cycle: `main` uses them all; readers ([`input`],
//! [`archive`], [`warc`]) yield the types of [`article`], which the analysis
//! loop ([`parallel`]) consumes; [`report`] is the one way to stderr.

mod archive;
mod article;
mod body;
mod decode;
mod filter;
mod html;
mod input;
mod limit;
mod output;
mod parallel;
mod report;
mod score;
mod warc;

use std::io;
use std::num::NonZeroUsize;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use encoding_rs::Encoding;
use regex::Regex;

use filter::Filters;
use input::{Format, Options};
use output::OutputFormat;
use report::report;

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
    /// Score predicted quotes against hand-marked ones: quote detection, and
    /// speakers end to end by mention and by name (precision, recall, F1).
    ///
    /// GOLD and PRED are JSON Lines of {"id", "quotes"} (GOLD also "text";
    /// PRED as `quotelens extract` prints it), matched by id. Prints one JSON
    /// object; the matching rules are documented in src/bin/quotelens/score.rs.
    Score {
        #[arg(value_name = "GOLD")]
        gold: String,
        #[arg(value_name = "PRED")]
        pred: String,
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
    /// What to print: one JSON object an article, one row a quote, or one
    /// W3C Web Annotation a quote (JSON-LD, a line each).
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
    /// The largest article read: a text or HTML file, one JSON line, one WARC
    /// record, each after decompression (e.g. 512K, 64M, 1G). A larger one is
    /// reported and skipped, without being held in memory. The default is far
    /// above any news article (a long one is 100 KB of HTML) and far below
    /// what a machine analysing one article a core can hold.
    #[arg(long, value_name = "SIZE", value_parser = limit::parse_size, default_value = "64M")]
    max_size: u64,
    /// Threads analysing articles; default: every core.
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,
}

fn main() -> ExitCode {
    let args = match Cli::parse().command {
        Command::Extract(args) => args,
        Command::Body { files } => return body::run(&files),
        Command::Score { gold, pred } => return score::run(&gold, &pred),
    };
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let options = Options {
        format: args.format,
        encoding: args.encoding,
        limit: args.max_size,
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
