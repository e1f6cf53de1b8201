//! What every analysis must satisfy, whatever the text: shared by the property
//! tests, the adversarial tests and the fuzz target (which includes this file
//! by path), so the three check one definition.

#[allow(dead_code)] // Used by the adversarial tests, not the property tests.
pub mod inputs;

use quotelens::Analysis;

/// Checks the structural promises of [`quotelens::analyze`] on `text`:
/// spans inside the text with `text` equal to the slice, trimmed, in order and
/// never overlapping; speaker mentions inside the text and outside their quote;
/// speaker ids, names and counts consistent; confidence in [0, 1] and 0 without
/// a speaker. Returns the first broken promise.
#[allow(dead_code)] // Not every test file that includes this module uses it.
pub fn check(text: &str, analysis: &Analysis) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let mut previous_end = 0;
    let mut counts = vec![0; analysis.speakers.len()];
    for (i, q) in analysis.quotes.iter().enumerate() {
        let at = format!("quote {i} ({}..{})", q.start, q.end);
        if !(q.start < q.end && q.end <= len) {
            return Err(format!("{at}: empty or outside the text of {len} chars"));
        }
        if q.start < previous_end {
            return Err(format!(
                "{at}: overlaps or precedes the quote ending at {previous_end}"
            ));
        }
        previous_end = q.end;
        let slice: String = chars[q.start..q.end].iter().collect();
        if q.text != slice {
            return Err(format!(
                "{at}: text {:?} is not the slice {slice:?}",
                q.text
            ));
        }
        if chars[q.start].is_whitespace() || chars[q.end - 1].is_whitespace() {
            return Err(format!("{at}: {slice:?} is not trimmed"));
        }
        match (q.speaker_start, q.speaker_end) {
            (None, None) => {}
            (Some(s), Some(e)) => {
                if !(s < e && e <= len) {
                    return Err(format!(
                        "{at}: speaker mention {s}..{e} empty or outside the text"
                    ));
                }
                if s < q.end && q.start < e {
                    return Err(format!("{at}: speaker mention {s}..{e} inside the quote"));
                }
                if q.speaker.is_none() {
                    return Err(format!("{at}: a speaker mention but no speaker"));
                }
            }
            (s, e) => return Err(format!("{at}: speaker mention half given: {s:?}..{e:?}")),
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            return Err(format!("{at}: confidence {} outside [0, 1]", q.confidence));
        }
        if q.speaker.is_none() && q.confidence != 0.0 {
            return Err(format!(
                "{at}: confidence {} without a speaker",
                q.confidence
            ));
        }
        match (q.speaker_id, &q.speaker) {
            (None, None) => {}
            (Some(id), Some(name)) => {
                let Some(speaker) = analysis.speakers.get(id) else {
                    return Err(format!(
                        "{at}: speaker id {id} past the {} speakers",
                        analysis.speakers.len()
                    ));
                };
                if &speaker.name != name {
                    return Err(format!(
                        "{at}: speaker {name:?} but id {id} is {:?}",
                        speaker.name
                    ));
                }
                counts[id] += 1;
            }
            (id, name) => {
                return Err(format!(
                    "{at}: speaker id {id:?} and name {name:?} disagree"
                ))
            }
        }
    }
    for (id, speaker) in analysis.speakers.iter().enumerate() {
        if speaker.quote_count != counts[id] {
            return Err(format!(
                "speaker {id} {:?}: quote_count {} but {} quotes name it",
                speaker.name, speaker.quote_count, counts[id]
            ));
        }
    }
    Ok(())
}
