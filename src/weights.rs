//! Learned weights as data: `name value` lines in the files of
//! `src/weights/`, each written by a training program in `examples/` and read
//! here without `str::parse::<f32>`, whose tables would add about 16 KB to
//! the WebAssembly.

/// `name value` lines; `#` starts a comment. A feature without a line weighs
/// nothing (each ranker's tests check that none is missing).
pub(crate) fn parse<const K: usize>(data: &str, names: &[&str; K]) -> [f32; K] {
    let mut weights = [0.0; K];
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        if let (Some(i), Some(value)) =
            (names.iter().position(|f| *f == name), decimal(value.trim()))
        {
            weights[i] = value;
        }
    }
    weights
}

/// `-1.2806`, `3`: a plain decimal.
pub(crate) fn decimal(text: &str) -> Option<f32> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 6 {
        return None;
    }
    let mut value = 0.0_f32;
    for b in whole.bytes() {
        value = value * 10.0 + f32::from(b - b'0');
    }
    let mut scale = 0.1_f32;
    for b in fraction.bytes() {
        value += f32::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(sign * value)
}

/// The weighted sum of `features`.
pub(crate) fn score<const K: usize>(features: &[f32; K], weights: &[f32; K]) -> f32 {
    features.iter().zip(weights).map(|(f, w)| f * w).sum()
}

/// Fails unless `data` has a line for every one of `names`.
#[cfg(test)]
pub(crate) fn assert_every_feature_weighed(data: &str, names: &[&str]) {
    for name in names {
        assert!(
            data.lines()
                .any(|l| l.split_whitespace().next() == Some(*name)),
            "no weight for {name}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_rust_reads_them() {
        for text in ["0", "3", "-1.2806", "0.7590", "12.5", "-0.0001"] {
            let ours = decimal(text).expect(text);
            let rust: f32 = text.parse().unwrap();
            assert!((ours - rust).abs() < 1e-5, "{text}: {ours} vs {rust}");
        }
        for text in ["", "-", "1e3", "1.2.3", "abc", ".5", "1.1234567"] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn weights_parse_by_name_in_any_order() {
        let w = parse("# a comment\nb 2.5\na -1\nunknown 9\n", &["a", "x", "b"]);
        assert_eq!(w, [-1.0, 0.0, 2.5]);
    }
}
