//! Rectangles in host coordinates and the few questions the overlay asks of
//! them: do two overlap, is a point inside one, which line is at a height,
//! has a line moved.
//!
//! The host sits at the document's origin, so a rectangle read from the page
//! (client coordinates) minus the host's client position stays put when the
//! page scrolls: badges and tints placed in these coordinates scroll with
//! their quotes for free. Plain numbers, no DOM: `cargo test` runs the tests
//! on the host.

/// A rectangle: left, top, right, bottom.
pub type Rect = [f64; 4];

/// How far a line may shift before it counts as moved: sub-pixel rounding
/// between two reads of the same layout is not a move.
const MOVE_TOLERANCE: f64 = 0.5;

/// `client` (a client rectangle's edges) in host coordinates, the host's
/// client position being `hx`, `hy`.
pub fn from_client(client: Rect, hx: f64, hy: f64) -> Rect {
    let [left, top, right, bottom] = client;
    [left - hx, top - hy, right - hx, bottom - hy]
}

/// Whether `a` and `b` share any area: boxes that only touch do not.
pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether the point `x`, `y` is inside `r`, edges included: a pointer on
/// the last pixel of a quote's line is on the quote.
pub fn contains(r: &Rect, x: f64, y: f64) -> bool {
    x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]
}

/// The first of `lines` that spans the height `y`, else the first line: the
/// line beside which a card for a tap at `y` goes.
pub fn line_at(lines: &[Rect], y: f64) -> Option<&Rect> {
    lines
        .iter()
        .find(|r| r[1] <= y && y <= r[3])
        .or(lines.first())
}

/// Whether a line now at `now` has moved from where it was measured, `then`;
/// a line that appeared or vanished has moved too.
pub fn moved(now: Option<&Rect>, then: Option<&Rect>) -> bool {
    match (now, then) {
        (Some(a), Some(b)) => a.iter().zip(b).any(|(x, y)| (x - y).abs() > MOVE_TOLERANCE),
        (None, None) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_coordinates_subtract_the_hosts_client_position() {
        // The page scrolled 300 px down: the host's top is at -300 in client coordinates.
        assert_eq!(
            from_client([20.0, 100.0, 220.0, 118.0], 0.0, -300.0),
            [20.0, 400.0, 220.0, 418.0]
        );
    }

    #[test]
    fn badges_side_by_side_that_touch_do_not_overlap() {
        let left = [0.0, 0.0, 50.0, 15.0];
        let right = [50.0, 0.0, 90.0, 15.0];
        assert!(!overlaps(&left, &right));
        assert!(!overlaps(&right, &left));
    }

    #[test]
    fn a_badge_one_pixel_into_another_overlaps_it() {
        let placed = [100.0, 40.0, 160.0, 55.0];
        let next = [159.0, 54.0, 200.0, 69.0];
        assert!(overlaps(&placed, &next));
        assert!(overlaps(&next, &placed));
    }

    #[test]
    fn a_badge_stacked_under_another_does_not_overlap_it() {
        let placed = [100.0, 40.0, 160.0, 55.0];
        let below = [100.0, 55.0, 160.0, 70.0];
        assert!(!overlaps(&placed, &below));
    }

    #[test]
    fn a_pointer_on_a_lines_edge_is_on_the_quote() {
        let line = [10.0, 20.0, 110.0, 38.0];
        assert!(contains(&line, 10.0, 20.0));
        assert!(contains(&line, 110.0, 38.0));
        assert!(!contains(&line, 110.5, 30.0));
        assert!(!contains(&line, 50.0, 19.9));
    }

    #[test]
    fn a_tap_on_the_third_line_of_a_wrapped_quote_finds_that_line() {
        let lines = [
            [300.0, 100.0, 700.0, 118.0],
            [40.0, 118.0, 700.0, 136.0],
            [40.0, 136.0, 280.0, 154.0],
        ];
        assert_eq!(line_at(&lines, 150.0), Some(&lines[2]));
        // On the border between two lines, the upper one.
        assert_eq!(line_at(&lines, 118.0), Some(&lines[0]));
    }

    #[test]
    fn a_height_beside_every_line_falls_back_to_the_first() {
        let lines = [[300.0, 100.0, 700.0, 118.0], [40.0, 118.0, 700.0, 136.0]];
        assert_eq!(line_at(&lines, f64::NAN), Some(&lines[0]));
        assert_eq!(line_at(&lines, 500.0), Some(&lines[0]));
        assert_eq!(line_at(&[], 110.0), None);
    }

    #[test]
    fn sub_pixel_rounding_is_no_move_but_a_pixel_is() {
        let then = [40.0, 118.0, 700.0, 136.0];
        assert!(!moved(Some(&[40.3, 118.4, 700.0, 136.2]), Some(&then)));
        assert!(moved(Some(&[40.0, 119.0, 700.0, 137.0]), Some(&then)));
    }

    #[test]
    fn a_line_that_appears_or_vanishes_has_moved() {
        let line = [40.0, 118.0, 700.0, 136.0];
        assert!(moved(Some(&line), None));
        assert!(moved(None, Some(&line)));
        assert!(!moved(None, None));
    }
}
