//! Where a badge goes: next to its quote, never over page text.
//!
//! A badge lifted above the quote covers the line above on dense news layouts
//! (a third of all badges did). Lines in a paragraph have no gap worth the
//! name, but paragraphs and margins do, so a badge goes, in this order:
//!
//! 1. in the gap above its paragraph, over the quote's first words, when the
//!    quote starts on the paragraph's first line (news quotes mostly do);
//! 2. in the left margin beside the quote's first line, or the right margin,
//!    where the whole name fits;
//! 3. in the gap below the paragraph when the quote starts on its last line;
//! 4. in the nearer paragraph gap, above the quote's first words;
//! 5. in a margin where part of the name fits (cut with an ellipsis);
//! 6. else a compact bar in the left margin beside the line (or, with no
//!    margin at all, on the quote's own first letters), which grows into the
//!    name on hover or focus.
//!
//! The card always has the full name. A badge never crosses the viewport edge,
//! and a badge is kept off the one placed before it.
//!
//! The card goes below the line it is for, or above it near the bottom of
//! the view, always wholly inside what the reader sees.
//!
//! Everything here is arithmetic on rectangles in host coordinates
//! ([`geometry`](super::geometry)), so `cargo test` runs it on the host; the
//! reading of rectangles and the moving of badges happen in
//! [`layout`](super::layout), all reads before all writes.

use super::geometry::{overlaps, Rect};

/// Space between the text and a badge in the margin.
const GAP: f64 = 6.0;
/// Height of a badge (its CSS `height`).
const BADGE_H: f64 = 15.0;
/// Narrowest margin badge worth showing: about four letters.
const MIN_W: f64 = 40.0;
/// Keep this far from the viewport edge.
const EDGE: f64 = 2.0;

/// Where one badge goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    /// Its left edge at `left`, at most `max_w` wide (a paragraph gap or the
    /// right margin).
    From { left: f64, top: f64, max_w: f64 },
    /// In the left margin: its right edge at `right`.
    Before { right: f64, top: f64, max_w: f64 },
    /// A compact bar, the name shown on hover.
    Compact { left: f64, top: f64 },
}

const COMPACT_W: f64 = 4.0;
const COMPACT_H: f64 = 14.0;

impl Spot {
    /// The box the badge will take (a compact bar's collapsed box).
    fn box_for(&self, width: f64) -> Rect {
        match *self {
            Spot::Before { right, top, max_w } => {
                [right - width.min(max_w), top, right, top + BADGE_H]
            }
            Spot::From { left, top, max_w } => [left, top, left + width.min(max_w), top + BADGE_H],
            Spot::Compact { left, top } => [left, top, left + COMPACT_W, top + COMPACT_H],
        }
    }
}

/// The visible horizontal extent, in host coordinates.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub min_x: f64,
    pub max_x: f64,
}

/// What layout knows about a quote's surroundings.
#[derive(Clone, Copy, Debug)]
pub struct Around {
    /// The quote's first line (its first client rectangle).
    pub line: Rect,
    /// The paragraph the quote starts in.
    pub block: Rect,
    /// The bottom of what comes before the paragraph and the top of what
    /// comes after it: the paragraph gaps.
    pub above: f64,
    pub below: f64,
}

/// Picks the spot of a badge `width` wide; `taken` is the box of the badge
/// placed just before, which this one must not overlap.
pub fn spot(around: Around, width: f64, view: View, taken: Option<Rect>) -> (Spot, Rect) {
    let Around {
        line,
        block,
        above,
        below,
    } = around;
    let line_h = line[3] - line[1];
    let free = |r: &Rect| {
        r[0] >= view.min_x + EDGE - 0.5
            && r[2] <= view.max_x - EDGE + 0.5
            && taken.is_none_or(|t| !overlaps(r, &t))
    };
    let middle = (line[1] + line[3] - BADGE_H) / 2.0;
    let first_line = line[1] - block[1] < line_h * 0.75;
    let last_line = block[3] - line[3] < line_h * 0.75;
    // Over the quote's first words, pulled left to stay in the paragraph and the view.
    let gap_left = (line[0] - 2.0)
        .min(block[2].min(view.max_x - EDGE) - width)
        .max(block[0].max(view.min_x + EDGE));
    let gap_w = view.max_x - EDGE - gap_left;
    let over = line[1].min(block[1]) - 1.0 - BADGE_H;
    let under = line[3].max(block[3]) + 1.0;
    let gap_above = (over >= above).then_some(Spot::From {
        left: gap_left,
        top: over,
        max_w: gap_w,
    });
    let gap_below = (under + BADGE_H <= below).then_some(Spot::From {
        left: gap_left,
        top: under,
        max_w: gap_w,
    });
    let left_room = block[0] - GAP - (view.min_x + EDGE);
    let margin_left = Spot::Before {
        right: block[0] - GAP,
        top: middle,
        max_w: left_room,
    };
    let right_room = view.max_x - EDGE - (block[2] + GAP);
    let margin_right = Spot::From {
        left: block[2] + GAP,
        top: middle,
        max_w: right_room,
    };
    let nearer_gap = if line[1] - block[1] <= block[3] - line[3] {
        gap_above.or(gap_below)
    } else {
        gap_below.or(gap_above)
    };
    let candidates = [
        gap_above.filter(|_| first_line),
        (left_room >= width).then_some(margin_left),
        (right_room >= width).then_some(margin_right),
        gap_below.filter(|_| last_line),
        nearer_gap,
        (left_room >= MIN_W).then_some(margin_left),
        (right_room >= MIN_W).then_some(margin_right),
    ];
    for spot in candidates.into_iter().flatten() {
        let b = spot.box_for(width);
        if free(&b) {
            return (spot, b);
        }
    }
    let top = line[1] + (line_h - COMPACT_H) / 2.0;
    let spot = if block[0] - (view.min_x + EDGE) >= COMPACT_W + 1.0 {
        Spot::Compact {
            left: block[0] - COMPACT_W - 1.0,
            top,
        }
    } else {
        Spot::Compact { left: line[0], top }
    };
    (spot, spot.box_for(width))
}

/// The width a badge's text will take, from its length: 10 px semibold
/// system-ui averages under 6.2 px a character, plus 10 px of padding. An
/// estimate is enough: the badge's own edge is anchored at the text side and
/// its width is capped by the room, so a wrong guess never covers text.
pub fn estimate_width(label: &str) -> f64 {
    10.0 + 6.2 * label.chars().count() as f64
}

/// Space the card keeps from the edges of the view.
const CARD_MARGIN: f64 = 8.0;

/// Where the card (`size`: width, height) goes, its left and top: at `x`,
/// its top at `y_below` (under the line it is for), or its bottom at
/// `y_above` when it would cross the bottom of `view` and fits above; then
/// pulled wholly inside `view` (the visible area) with a margin.
pub fn card_spot(x: f64, y_below: f64, y_above: f64, size: (f64, f64), view: Rect) -> (f64, f64) {
    let [min_x, min_y, max_x, max_y] = view;
    let (width, height) = size;
    let left = x.min(max_x - width - CARD_MARGIN).max(min_x + CARD_MARGIN);
    let room_below = y_below + height <= max_y - CARD_MARGIN;
    let room_above = y_above - height > min_y + CARD_MARGIN;
    let top = if !room_below && room_above {
        y_above - height
    } else {
        y_below
    };
    let top = top
        .min(max_y - height - CARD_MARGIN)
        .max(min_y + CARD_MARGIN);
    (left, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A desktop page 1,100 px wide, its article column from 200 to 900.
    const DESKTOP: View = View {
        min_x: 0.0,
        max_x: 1100.0,
    };
    /// A phone 360 px wide, the text 8 px from either edge.
    const PHONE: View = View {
        min_x: 0.0,
        max_x: 360.0,
    };
    const LINE_H: f64 = 18.0;

    /// Line `n` (from 0) of a paragraph whose first line's top is at `top`.
    fn line(left: f64, right: f64, top: f64, n: usize) -> Rect {
        let y = top + LINE_H * n as f64;
        [left, y, right, y + LINE_H]
    }

    /// A quote's first `line` in its paragraph `block`, the paragraph before
    /// ending at `above` and the one after starting at `below`.
    fn around(line: Rect, block: Rect, above: f64, below: f64) -> Around {
        Around {
            line,
            block,
            above,
            below,
        }
    }

    /// “…,” Blinken said: the badge of a speaker named `Blinken`.
    fn blinken() -> f64 {
        estimate_width("Blinken")
    }

    #[test]
    fn a_quote_opening_its_paragraph_gets_the_gap_above_over_its_first_words() {
        // Three lines from 100 to 154; the paragraph before ends at 80.
        let around = around(
            line(300.0, 900.0, 100.0, 0),
            [200.0, 100.0, 900.0, 154.0],
            80.0,
            174.0,
        );
        let (spot, took) = spot(around, blinken(), DESKTOP, None);
        assert_eq!(
            spot,
            Spot::From {
                left: 298.0,
                top: 84.0,
                max_w: 800.0
            }
        );
        // Over the quote's first words, clear of the paragraph's first line.
        assert!(took[3] <= 100.0 && took[1] >= 80.0);
        assert_eq!(took[2], 298.0 + blinken());
    }

    #[test]
    fn tight_paragraphs_send_the_badge_to_the_left_margin_beside_the_line() {
        // A 5 px gap above: no room for a 15 px badge.
        let around = around(
            line(300.0, 900.0, 100.0, 0),
            [200.0, 100.0, 900.0, 154.0],
            95.0,
            159.0,
        );
        let (spot, took) = spot(around, blinken(), DESKTOP, None);
        assert_eq!(
            spot,
            Spot::Before {
                right: 194.0,
                top: 101.5,
                max_w: 192.0
            }
        );
        // Beside the text, not over it.
        assert!(took[2] <= 200.0);
        assert!((took[1] - 101.5).abs() < 1e-9 && (took[3] - 116.5).abs() < 1e-9);
    }

    #[test]
    fn a_second_quote_on_the_same_first_line_keeps_off_the_first_badge() {
        // “…,” said Blinken. “…,” said Lammy: two quotes open one paragraph.
        let block = [200.0, 100.0, 900.0, 154.0];
        let first = around(line(300.0, 900.0, 100.0, 0), block, 80.0, 174.0);
        let (_, taken) = spot(first, blinken(), DESKTOP, None);
        let second = Around {
            line: [320.0, 100.0, 900.0, 118.0],
            ..first
        };
        let (spot_two, took) = spot(second, estimate_width("Lammy"), DESKTOP, Some(taken));
        assert!(!overlaps(&took, &taken));
        // The gap above is taken there, the left margin is free.
        assert!(matches!(spot_two, Spot::Before { .. }));
    }

    #[test]
    fn a_quote_at_the_right_edge_of_a_phone_keeps_its_badge_inside_the_view() {
        let around = around(
            [330.0, 100.0, 352.0, 118.0],
            [8.0, 100.0, 352.0, 154.0],
            80.0,
            174.0,
        );
        let (spot, took) = spot(around, blinken(), PHONE, None);
        assert!(matches!(spot, Spot::From { top, .. } if top == 84.0));
        // Pulled left to end at the paragraph's right edge, inside the screen.
        assert!((took[2] - 352.0).abs() < 1e-9);
        assert!(took[0] >= PHONE.min_x + EDGE && took[2] <= PHONE.max_x - EDGE);
    }

    #[test]
    fn a_quote_starting_on_the_last_wrapped_line_gets_the_gap_below() {
        // The paragraph fills the view: no margins; no gap above either.
        let block = [4.0, 100.0, 1096.0, 154.0];
        let around = around(line(250.0, 1096.0, 100.0, 2), block, 99.0, 174.0);
        let (spot, took) = spot(around, blinken(), DESKTOP, None);
        assert_eq!(
            spot,
            Spot::From {
                left: 248.0,
                top: 155.0,
                max_w: 850.0
            }
        );
        assert!(took[1] >= block[3] && took[3] <= 174.0);
    }

    #[test]
    fn a_quote_low_in_a_long_paragraph_takes_the_nearer_gap_below() {
        // Five lines from 100 to 190; the quote starts on the fourth.
        let block = [4.0, 100.0, 1096.0, 190.0];
        let around = around(line(500.0, 1096.0, 100.0, 3), block, 80.0, 210.0);
        let (spot, _) = spot(around, blinken(), DESKTOP, None);
        assert!(matches!(spot, Spot::From { top, .. } if top == 191.0));
    }

    #[test]
    fn a_margin_too_narrow_for_the_name_holds_part_of_it() {
        // 52 px of left margin, a 90 px name, no gaps, no right margin.
        let width = estimate_width("Ocasio-Cortez");
        let around = around(
            line(300.0, 1096.0, 100.0, 1),
            [60.0, 100.0, 1096.0, 154.0],
            99.0,
            155.0,
        );
        let (spot, took) = spot(around, width, DESKTOP, None);
        assert_eq!(
            spot,
            Spot::Before {
                right: 54.0,
                top: 119.5,
                max_w: 52.0
            }
        );
        assert!(took[2] - took[0] < width);
        assert!(took[0] >= DESKTOP.min_x + EDGE);
    }

    #[test]
    fn with_no_room_anywhere_a_compact_bar_waits_in_the_sliver_of_margin() {
        let around = around(
            line(100.0, 352.0, 100.0, 1),
            [8.0, 100.0, 352.0, 154.0],
            99.0,
            155.0,
        );
        let (spot, took) = spot(around, blinken(), PHONE, None);
        assert_eq!(
            spot,
            Spot::Compact {
                left: 3.0,
                top: 120.0
            }
        );
        assert_eq!(took, [3.0, 120.0, 7.0, 134.0]);
    }

    #[test]
    fn with_no_margin_at_all_the_compact_bar_sits_on_the_quotes_first_letters() {
        let around = around(
            line(100.0, 360.0, 100.0, 1),
            [0.0, 100.0, 360.0, 154.0],
            99.0,
            155.0,
        );
        let (spot, _) = spot(around, blinken(), PHONE, None);
        assert_eq!(
            spot,
            Spot::Compact {
                left: 100.0,
                top: 120.0
            }
        );
    }

    #[test]
    fn a_page_scrolled_sideways_keeps_badges_inside_what_is_seen() {
        // The host is 150 px left of the view: the view starts at 150.
        let view = View {
            min_x: 150.0,
            max_x: 1250.0,
        };
        let around = around(
            line(160.0, 900.0, 100.0, 1),
            [160.0, 100.0, 900.0, 154.0],
            99.0,
            155.0,
        );
        let (_, took) = spot(around, blinken(), view, None);
        assert!(took[0] >= view.min_x + EDGE - 0.5, "{took:?}");
        assert!(took[2] <= view.max_x - EDGE + 0.5, "{took:?}");
    }

    #[test]
    fn a_longer_name_is_estimated_wider() {
        assert_eq!(estimate_width(""), 10.0);
        assert!((blinken() - 53.4).abs() < 1e-9);
        assert!(estimate_width("Blinken & Lammy") > blinken());
        // Characters, not bytes: accented names are no wider than plain ones.
        assert_eq!(estimate_width("Zelenskyy"), estimate_width("Zélenskyy"));
    }

    const SCREEN: Rect = [0.0, 0.0, 1100.0, 800.0];
    const CARD: (f64, f64) = (336.0, 120.0);

    #[test]
    fn the_card_opens_below_the_line_it_is_for() {
        assert_eq!(card_spot(300.0, 122.0, 86.0, CARD, SCREEN), (300.0, 122.0));
    }

    #[test]
    fn a_card_for_a_quote_at_the_right_edge_is_pulled_into_the_view() {
        let (left, _) = card_spot(1000.0, 122.0, 86.0, CARD, SCREEN);
        assert_eq!(left, 1100.0 - 336.0 - CARD_MARGIN);
    }

    #[test]
    fn a_card_near_the_bottom_opens_above_the_line() {
        // The line ends at 756: below it the card would end at 880.
        let (_, top) = card_spot(300.0, 760.0, 724.0, CARD, SCREEN);
        assert_eq!(top, 724.0 - 120.0);
    }

    #[test]
    fn a_card_with_no_room_above_or_below_stays_inside_the_bottom() {
        // A short view (a phone with its keyboard up): 200 px tall.
        let short = [0.0, 0.0, 360.0, 200.0];
        let (_, top) = card_spot(40.0, 150.0, 114.0, CARD, short);
        assert_eq!(top, 200.0 - 120.0 - CARD_MARGIN);
    }

    #[test]
    fn a_card_wider_than_the_view_keeps_its_left_edge_in_it() {
        let narrow = [0.0, 0.0, 360.0, 640.0];
        let (left, _) = card_spot(40.0, 150.0, 114.0, (400.0, 120.0), narrow);
        assert_eq!(left, CARD_MARGIN);
    }

    #[test]
    fn a_pinch_zoomed_view_keeps_the_card_where_the_reader_looks() {
        // The reader sees 360 x 640 px from (200, 1000) of the layout.
        let seen = [200.0, 1000.0, 560.0, 1640.0];
        let (left, top) = card_spot(220.0, 1022.0, 986.0, (300.0, 120.0), seen);
        assert_eq!((left, top), (220.0, 1022.0));
        let (left, _) = card_spot(500.0, 1022.0, 986.0, (300.0, 120.0), seen);
        assert_eq!(left, 560.0 - 300.0 - CARD_MARGIN);
    }
}
