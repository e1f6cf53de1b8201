//! The Python module `quotelens` (`pip install .` builds it with maturin).
//!
//! ```python
//! import quotelens
//! quotelens.analyze("“Very soon, we will see,” Blinken said.")
//! # {'quotes': [{'start': 1, 'end': 24, 'text': 'Very soon, we will see,',
//! #   'speaker': 'Blinken', ..., 'confidence': 0.95}], 'speakers': [...]}
//! quotelens.analyze(["first article", "second article"], jobs=4)  # a list of results
//! ```
//!
//! Each result has the fields of the CLI's JSON (`quotelens extract`) less
//! `id`: the quotes without the core's internal speaker index, and the
//! speakers. The analysis runs with the GIL released, so Python threads (and
//! Spark's Python workers) analyse in parallel; a list is analysed on `jobs`
//! threads (default: every core), in order.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use pythonize::pythonize;
use rayon::prelude::*;

use crate::record::{quote_records, ArticleRecord};
use crate::Analysis;

#[pymodule]
fn quotelens(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    Ok(())
}

/// The largest text analysed by default, as the CLI's `--max-size`: far
/// above any article, below what a worker analysing many at once can hold.
const MAX_SIZE: usize = 64 << 20;

/// analyze(text_or_texts, jobs=None, max_size=67108864)
/// --
///
/// The quotes and speakers of a text (a dict), or of each text of a list (a
/// list of dicts, in order). Offsets are Unicode code points into the text, as
/// Python's own str indices. A list is analysed on `jobs` threads (default:
/// every core; give 1 where the caller runs one process a core, as Spark does).
/// A text longer than `max_size` bytes (in UTF-8) raises ValueError, as does
/// one that is not valid Unicode (UnicodeEncodeError, for a lone surrogate).
#[pyfunction]
#[pyo3(signature = (texts, jobs = None, max_size = MAX_SIZE))]
fn analyze<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    jobs: Option<usize>,
    max_size: usize,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(text) = texts.cast::<PyString>() {
        let text = checked(text, max_size, "text")?;
        let analysis = py.detach(|| crate::analyze(&text));
        return to_dict(py, &analysis);
    }
    let Ok(list) = texts.cast::<PyList>() else {
        return Err(PyTypeError::new_err(
            "analyze() takes a str or a list of str",
        ));
    };
    let mut texts = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let Ok(text) = item.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "analyze() takes a str or a list of str, and texts[{i}] is a {}",
                item.get_type().name()?
            )));
        };
        texts.push(checked(text, max_size, &format!("texts[{i}]"))?);
    }
    let analyses = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(1) => py.detach(|| texts.iter().map(|t| crate::analyze(t)).collect()),
        None => py.detach(|| texts.par_iter().map(|t| crate::analyze(t)).collect()),
        Some(jobs) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            py.detach(|| pool.install(|| texts.par_iter().map(|t| crate::analyze(t)).collect()))
        }
    };
    let analyses: Vec<Analysis> = analyses;
    let results = analyses
        .iter()
        .map(|analysis| to_dict(py, analysis))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, results)?.into_any())
}

/// The text of a str, or a ValueError that names it (`what`): not valid
/// Unicode, or longer than `max_size` bytes.
fn checked(text: &Bound<'_, PyString>, max_size: usize, what: &str) -> PyResult<String> {
    // `to_cow`, not `to_str`: the stable ABI of Python 3.9 has no borrowed UTF-8.
    let text = text.to_cow()?.into_owned();
    if text.len() > max_size {
        return Err(PyValueError::new_err(format!(
            "{what} is {} bytes in UTF-8, over the limit of {max_size} (max_size)",
            text.len()
        )));
    }
    Ok(text)
}

/// The article record ([`crate::record::ArticleRecord`]) as a dict, the
/// quoted names of things left out as in the CLI's output.
fn to_dict<'py>(py: Python<'py>, analysis: &Analysis) -> PyResult<Bound<'py, PyAny>> {
    let record: ArticleRecord<()> = ArticleRecord {
        id: None,
        text: None,
        quotes: quote_records(&analysis.quotes),
        speakers: &analysis.speakers,
    };
    pythonize(py, &record).map_err(|e| PyValueError::new_err(e.to_string()))
}
