//! Settings both benchmarks share: short runs, so that `make bench` takes minutes.

use std::time::Duration;

use criterion::Criterion;

/// One second of warm-up, three of measurement, ten samples; flags on the
/// command line (`-- --measurement-time 10`) still win.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args()
}
