//! Every core, output in input order: the analysis loop of `extract`.
//!
//! A reader thread reads articles in batches (up to [`BATCH_ARTICLES`]
//! articles or [`BATCH_BYTES`] of text) and hands them over a channel that
//! holds two, so reading overlaps analysis and memory stays bounded. Each batch
//! is analysed by `jobs` rayon threads into one buffer of output per article;
//! the buffers are then written in input order. What is printed does not
//! depend on the number of threads, byte for byte, and an error or a warning
//! is reported on stderr after the output of the articles before it.

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::article::{Article, InputError};
use crate::filter::Filters;
use crate::output::{self, OutputFormat};
use crate::report::report;

/// Enough articles to keep every thread busy while the next batch is read.
const BATCH_ARTICLES: usize = 1024;
/// And few enough bytes that a batch of long pages stays small in memory.
const BATCH_BYTES: usize = 8 << 20;

type Item = Result<Article, InputError>;

/// What a run did besides printing.
pub struct Outcome {
    /// Whether an article could not be read or analysed.
    pub failed: bool,
}

/// Analyses every article of `sources` on `jobs` threads and prints them in
/// order on stdout; an error writing stdout ends the run.
pub fn run(
    sources: impl Iterator<Item = Item> + Send,
    jobs: usize,
    format: OutputFormat,
    filters: &Filters,
) -> io::Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(io::Error::other)?;
    let mut out = io::stdout().lock();
    let mut header = Vec::new();
    output::write_header(format, &mut header);
    out.write_all(&header)?;
    let mut failed = false;
    std::thread::scope(|scope| {
        let (sender, batches) = mpsc::sync_channel(2);
        scope.spawn(move || {
            for batch in in_batches(sources) {
                // The receiver is gone when writing failed: stop reading.
                if sender.send(batch).is_err() {
                    break;
                }
            }
        });
        for batch in batches {
            let printed: Vec<Printed> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|item| analyse(item, format, filters))
                    .collect()
            });
            let mut pending = Vec::new();
            for article in printed {
                if let Some(message) = &article.message {
                    out.write_all(&pending)?;
                    pending.clear();
                    out.flush()?;
                    report(message);
                }
                failed |= article.failed;
                pending.extend_from_slice(&article.output);
            }
            out.write_all(&pending)?;
        }
        out.flush()
    })?;
    Ok(Outcome { failed })
}

/// The items of `sources` in batches of bounded size, in order.
fn in_batches(sources: impl Iterator<Item = Item>) -> impl Iterator<Item = Vec<Item>> {
    let mut sources = sources.peekable();
    std::iter::from_fn(move || {
        sources.peek()?;
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_ARTICLES && bytes < BATCH_BYTES {
            let Some(item) = sources.next() else { break };
            bytes += item.as_ref().map_or(0, |article| article.text.len());
            batch.push(item);
        }
        Some(batch)
    })
}

/// What one article prints: its output, and a message for stderr before it.
struct Printed {
    output: Vec<u8>,
    message: Option<String>,
    /// Whether the message is an error (no output, exit status 1), not a warning.
    failed: bool,
}

impl Printed {
    fn error(message: String) -> Self {
        Printed {
            output: Vec::new(),
            message: Some(message),
            failed: true,
        }
    }
}

/// One article's output, or the message that says why there is none.
fn analyse(item: Item, format: OutputFormat, filters: &Filters) -> Printed {
    let article = match item {
        Ok(article) => article,
        Err(e) => return Printed::error(e.to_string()),
    };
    // The core is fuzzed not to panic; should it all the same, this article is
    // reported and the others are still processed.
    let Ok(analysis) = panic::catch_unwind(AssertUnwindSafe(|| quotelens::analyze(&article.text)))
    else {
        return Printed::error(format!(
            "article {}: internal error, please report it",
            article.id
        ));
    };
    let text = article.derived.then_some(article.text.as_str());
    let record = output::record(&article.id, text, &analysis, |q| filters.keeps(q));
    let page = output::Page {
        text: &article.text,
        url: article.url.as_deref(),
    };
    let mut output = Vec::new();
    if let Err(e) = output::write_record(format, &record, page, &mut output) {
        return Printed::error(e.to_string());
    }
    Printed {
        output,
        message: article
            .warning
            .map(|warning| format!("article {}: {warning}", article.id)),
        failed: false,
    }
}
