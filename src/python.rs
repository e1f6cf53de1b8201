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
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::{Analysis, Quote, QuoteKind, Speaker};

#[pymodule]
fn quotelens(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    Ok(())
}

/// analyze(text_or_texts, jobs=None)
/// --
///
/// The quotes and speakers of a text (a dict), or of each text of a list (a
/// list of dicts, in order). Offsets are Unicode code points into the text, as
/// Python's own str indices. A list is analysed on `jobs` threads (default:
/// every core; give 1 where the caller runs one process a core, as Spark does).
#[pyfunction]
#[pyo3(signature = (texts, jobs = None))]
fn analyze<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(text) = texts.extract::<String>() {
        let analysis = py.detach(|| crate::analyze(&text));
        return Ok(to_dict(py, &analysis)?.into_any());
    }
    let Ok(texts) = texts.extract::<Vec<String>>() else {
        return Err(PyTypeError::new_err(
            "analyze() takes a str or a list of str",
        ));
    };
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

fn to_dict<'py>(py: Python<'py>, analysis: &Analysis) -> PyResult<Bound<'py, PyDict>> {
    let quotes = analysis
        .quotes
        .iter()
        // Quoted names of things are no quotations, as in the CLI's output.
        .filter(|q| q.kind != QuoteKind::Term)
        .map(|q| quote_dict(py, q))
        .collect::<PyResult<Vec<_>>>()?;
    let speakers = analysis
        .speakers
        .iter()
        .map(|s| speaker_dict(py, s))
        .collect::<PyResult<Vec<_>>>()?;
    let dict = PyDict::new(py);
    dict.set_item("quotes", quotes)?;
    dict.set_item("speakers", speakers)?;
    Ok(dict)
}

/// A quote with the fields, and the order, of the CLI's JSON.
fn quote_dict<'py>(py: Python<'py>, q: &Quote) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("start", q.start)?;
    dict.set_item("end", q.end)?;
    dict.set_item("text", &q.text)?;
    dict.set_item("speaker", &q.speaker)?;
    dict.set_item("speaker_start", q.speaker_start)?;
    dict.set_item("speaker_end", q.speaker_end)?;
    dict.set_item("role", &q.role)?;
    dict.set_item("cue", &q.cue)?;
    // `Direct` → `direct`, as serde's `rename_all = "lowercase"` prints it.
    dict.set_item("kind", format!("{:?}", q.kind).to_lowercase())?;
    // Through the f32's shortest decimal form, so 0.95 stays 0.95 in Python
    // (a plain widening would give 0.949999988079071), as in the CLI's JSON.
    let confidence: f64 = q.confidence.to_string().parse().unwrap_or(0.0);
    dict.set_item("confidence", confidence)?;
    Ok(dict)
}

fn speaker_dict<'py>(py: Python<'py>, s: &Speaker) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("name", &s.name)?;
    dict.set_item("role", &s.role)?;
    dict.set_item("aliases", &s.aliases)?;
    dict.set_item("quote_count", s.quote_count)?;
    Ok(dict)
}
