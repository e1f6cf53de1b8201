//! Saved `.html` pages: their article text, by the one extraction the
//! extension also runs ([`quotelens::extract`]), so the CLI measures what ships.

pub use quotelens::extract::article_text;
