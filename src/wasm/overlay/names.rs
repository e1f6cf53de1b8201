//! The badges' accessible names: `Antony Blinken, US Secretary of State:
//! “What I think…”, quote 4 of 8`.
//!
//! A name counts the badge's place among all badges, so quotes arriving
//! above a badge rename it. Every pass lists the badges whose quote, place or
//! total changed (on a live page's update, usually only the new ones) and
//! they are named a few milliseconds an animation frame: ten thousand names
//! and DOM writes at once would stall the page. Never while a layout is under
//! way, whose reads would pay for restyling every renamed badge.

use web_sys::HtmlElement;

use super::super::ui::short_name;
use super::page::Page;
use super::painting::Painting;
use crate::export;

/// Time a frame may spend naming badges.
const NAMING_MS: f64 = 4.0;

/// A badge and its quote's start and speaker, as named.
type Labelled = (HtmlElement, usize, Option<String>);

#[derive(Default)]
pub(super) struct BadgeNames {
    /// Each badge as it was last named, in order.
    labelled: Vec<Labelled>,
    /// Badges still to name (index among the drawn quotes, place among the
    /// badges), the first last. Every pass makes the list again, so the
    /// indices always refer to the current quotes.
    unnamed: Vec<(usize, usize)>,
}

impl BadgeNames {
    /// After a pass: lists the badges to name again. One attribute write a
    /// badge, and none when its quote, place and total are what they were.
    pub fn renew(&mut self, painting: &Painting) {
        let badges: Vec<_> = painting
            .drawn
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((d.badge.as_ref()?, &d.quote, i)))
            .collect();
        let labelled: Vec<Labelled> = badges
            .iter()
            .map(|(b, q, _)| ((*b).clone(), q.start, q.speaker.clone()))
            .collect();
        let same_total = self.labelled.len() == labelled.len();
        let mut unnamed = Vec::new();
        for (nth, (_, _, i)) in badges.iter().enumerate().rev() {
            if !(same_total && self.labelled.get(nth) == labelled.get(nth)) {
                unnamed.push((*i, nth));
            }
        }
        self.labelled = labelled;
        self.unnamed = unnamed;
    }

    /// Writes badge names for a few milliseconds, then leaves the rest to the
    /// next animation frame.
    pub fn name_some(&mut self, page: &Page, painting: &Painting) {
        if painting.layout_busy() {
            if !self.unnamed.is_empty() {
                page.schedule_frame();
            }
            return;
        }
        let started = page.now();
        let mut written = 0;
        let of = self.labelled.len();
        while let Some((i, nth)) = self.unnamed.pop() {
            let Some((badge, quote)) = painting
                .drawn
                .get(i)
                .and_then(|d| Some((d.badge.as_ref()?, &d.quote)))
            else {
                continue;
            };
            let shown = quote.speaker.as_deref().map_or("?".to_string(), short_name);
            let label = export::badge_label(quote, &shown, nth + 1, of);
            let _ = badge.set_attribute("aria-label", &label);
            written += 1;
            if written % 64 == 0 && page.now() - started > NAMING_MS {
                break;
            }
        }
        if !self.unnamed.is_empty() {
            page.schedule_frame();
        }
    }

    pub fn clear(&mut self) {
        self.unnamed.clear();
        self.labelled.clear();
    }
}
