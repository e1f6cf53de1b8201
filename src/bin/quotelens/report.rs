//! Messages for the user on stderr, in a module of their own so that every
//! other module can report without depending on `main`.

use std::io::{self, Write};

/// A message on stderr. Unlike `eprintln!`, a closed stderr (`2>&1 | head -c1`)
/// is no reason to panic: the message is dropped and the run goes on.
pub fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "quotelens: {message}");
}
