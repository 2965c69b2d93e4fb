//! The in-memory model: which items of which checklists a person has ticked, and which lists and
//! items the content currently has.
//!
//! Ids are short slugs. Refusing anything else at the door means a hand-edited or damaged file
//! can never smuggle huge strings or odd characters into the app, and what is saved can always
//! be matched against the content.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Error;

/// Longest id accepted, in bytes: the one rule for ids, [`harbour_words::is_slug`].
pub const MAX_ID_LEN: usize = harbour_words::MAX_SLUG_LEN;

/// Whether `id` is a valid list or item id: the content's own id rule
/// ([`harbour_words::is_slug`]), so anything else cannot name a real checklist step.
pub fn is_valid_id(id: &str) -> bool {
    harbour_words::is_slug(id)
}

/// Checks an id: `Ok` if [`is_valid_id`], otherwise [`Error::InvalidId`] carrying a shortened
/// copy, so a huge string does not end up in logs.
pub fn check_id(id: &str) -> Result<(), Error> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(Error::InvalidId { id: shorten(id) })
    }
}

/// Shortens text taken from a file before it is put in a message, so a hand edit with a
/// megabyte-long key cannot flood a log or a dialog.
pub(crate) fn shorten(text: &str) -> String {
    harbour_words::shorten(text, MAX_ID_LEN)
}

/// What a person has ticked: for each checklist id, the set of ticked item ids.
///
/// Invariants, kept by every method: all ids are valid ([`is_valid_id`]) and no list is stored
/// with an empty set. The second one makes equality mean "the same ticks", so a round trip
/// through the file format gives back an equal value.
///
/// Serializes as `{"<list-id>": ["item-a", "item-b"]}` (lists and items sorted), which is also
/// what the shell can hand to the web view. It is deliberately not `Deserialize`: reading goes
/// through [`crate::decode`], which checks every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Progress {
    lists: BTreeMap<String, BTreeSet<String>>,
}

impl Progress {
    /// No ticks at all: what a first start, or a reset of everything, looks like.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ticks `item` in `list`. Returns `Ok(true)` if it was not ticked before. Refuses invalid
    /// ids so that nothing unsaveable gets into the model.
    pub fn tick(&mut self, list: &str, item: &str) -> Result<bool, Error> {
        check_id(list)?;
        check_id(item)?;
        Ok(self
            .lists
            .entry(list.to_owned())
            .or_default()
            .insert(item.to_owned()))
    }

    /// Unticks `item` in `list`. Returns `Ok(true)` if it was ticked. Invalid ids are refused
    /// (rather than ignored) so a bug in the caller shows up.
    pub fn untick(&mut self, list: &str, item: &str) -> Result<bool, Error> {
        check_id(list)?;
        check_id(item)?;
        let Some(items) = self.lists.get_mut(list) else {
            return Ok(false);
        };
        let removed = items.remove(item);
        if items.is_empty() {
            self.lists.remove(list);
        }
        Ok(removed)
    }

    /// Sets `item` in `list` to ticked or not, for a UI checkbox that reports its new state.
    pub fn set(&mut self, list: &str, item: &str, ticked: bool) -> Result<bool, Error> {
        if ticked {
            self.tick(list, item)
        } else {
            self.untick(list, item)
        }
    }

    /// Whether `item` in `list` is ticked.
    pub fn is_ticked(&self, list: &str, item: &str) -> bool {
        self.lists
            .get(list)
            .is_some_and(|items| items.contains(item))
    }

    /// Unticks every item of one list ("start this checklist again"). Returns how many ticks
    /// were removed, so the UI can say so or offer an undo.
    pub fn reset_list(&mut self, list: &str) -> usize {
        self.lists.remove(list).map_or(0, |items| items.len())
    }

    /// Removes every tick of every list.
    pub fn clear(&mut self) {
        self.lists.clear();
    }

    /// How many items of `list` are ticked, for "3 of 7 done".
    pub fn count(&self, list: &str) -> usize {
        self.lists.get(list).map_or(0, BTreeSet::len)
    }

    /// How many ticks there are in all lists.
    pub fn total(&self) -> usize {
        self.lists.values().map(BTreeSet::len).sum()
    }

    /// Whether nothing is ticked.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Every list with at least one tick, with its ticked items, sorted by id.
    pub fn lists(&self) -> &BTreeMap<String, BTreeSet<String>> {
        &self.lists
    }
}

/// What the content currently offers: for each checklist id, its item ids. Saved ticks are
/// matched against it, so a tick for a step that was renamed or removed in a content update is
/// set aside (and reported) instead of showing as a phantom step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    lists: BTreeMap<String, BTreeSet<String>>,
}

impl Known {
    /// An empty set of checklists.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or extends) one checklist and its item ids. Builder style, for tests and for
    /// building from the content in one expression.
    pub fn with_list<I, S>(mut self, list: &str, items: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.insert_list(list, items);
        self
    }

    /// Adds (or extends) one checklist and its item ids.
    pub fn insert_list<I, S>(&mut self, list: &str, items: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.lists
            .entry(list.to_owned())
            .or_default()
            .extend(items.into_iter().map(Into::into));
    }

    /// Whether the content has this item in this checklist.
    pub fn contains(&self, list: &str, item: &str) -> bool {
        self.lists
            .get(list)
            .is_some_and(|items| items.contains(item))
    }

    /// Every checklist and its items, sorted by id.
    pub fn lists(&self) -> &BTreeMap<String, BTreeSet<String>> {
        &self.lists
    }
}

impl<L, I, S> FromIterator<(L, I)> for Known
where
    L: AsRef<str>,
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    fn from_iter<T: IntoIterator<Item = (L, I)>>(iter: T) -> Self {
        let mut known = Known::new();
        for (list, items) in iter {
            known.insert_list(list.as_ref(), items);
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_slugs() {
        assert!(is_valid_id("keep-evidence"));
        assert!(is_valid_id("a"));
        assert!(is_valid_id("step-2"));
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Keep"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id("é"));
        assert!(!is_valid_id("a_b"));
    }

    #[test]
    fn tick_untick_count_reset() {
        let mut p = Progress::new();
        assert_eq!(p.tick("first-steps", "dont-pay").ok(), Some(true));
        assert_eq!(p.tick("first-steps", "dont-pay").ok(), Some(false));
        assert_eq!(p.tick("first-steps", "keep-evidence").ok(), Some(true));
        assert_eq!(p.tick("report", "tell-someone").ok(), Some(true));
        assert_eq!(p.count("first-steps"), 2);
        assert_eq!(p.total(), 3);
        assert!(p.is_ticked("report", "tell-someone"));
        assert_eq!(
            p.lists()["first-steps"].iter().collect::<Vec<_>>(),
            ["dont-pay", "keep-evidence"]
        );
        assert_eq!(p.untick("report", "tell-someone").ok(), Some(true));
        assert_eq!(p.untick("report", "tell-someone").ok(), Some(false));
        // No empty list is kept behind.
        assert!(!p.lists().contains_key("report"));
        assert_eq!(p.reset_list("first-steps"), 2);
        assert_eq!(p.reset_list("first-steps"), 0);
        assert!(p.is_empty());
        assert_eq!(p, Progress::new());
    }

    #[test]
    fn set_follows_a_checkbox() {
        let mut p = Progress::new();
        assert!(matches!(p.set("l", "i", true), Ok(true)));
        assert!(matches!(p.set("l", "i", false), Ok(true)));
        assert!(p.is_empty());
    }

    #[test]
    fn invalid_ids_are_refused_and_shortened() {
        let mut p = Progress::new();
        let long = "x".repeat(10_000);
        match p.tick(&long, "a") {
            Err(Error::InvalidId { id }) => assert!(id.chars().count() <= MAX_ID_LEN + 1),
            other => panic!("expected InvalidId, got {other:?}"),
        }
        assert!(p.tick("ok", "Not OK").is_err());
        assert!(p.untick("ok", "").is_err());
        assert!(p.is_empty());
    }

    #[test]
    fn shorten_respects_char_boundaries() {
        let s = "é".repeat(100);
        let short = shorten(&s);
        assert_eq!(short.chars().count(), MAX_ID_LEN + 1);
        assert_eq!(shorten("abc"), "abc");
    }

    #[test]
    fn progress_serializes_as_plain_map() {
        let mut p = Progress::new();
        p.tick("b", "y").ok();
        p.tick("a", "x").ok();
        let json = serde_json::to_string(&p).ok();
        assert_eq!(json.as_deref(), Some(r#"{"a":["x"],"b":["y"]}"#));
    }

    #[test]
    fn known_builds_from_content() {
        let k: Known = [("first-steps", vec!["a", "b"]), ("report", vec!["c"])]
            .into_iter()
            .collect();
        assert!(k.lists().contains_key("report"));
        assert!(k.contains("first-steps", "b"));
        assert!(!k.contains("first-steps", "c"));
        let k2 = Known::new()
            .with_list("first-steps", ["a"])
            .with_list("first-steps", ["b"])
            .with_list("report", ["c"]);
        assert_eq!(k, k2);
    }
}
