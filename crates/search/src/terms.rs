//! The content's stems, numbered: the one vocabulary that ranking (postings by term) and query
//! expansion (typed words to terms) must agree on, so it sits below both.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::text::{is_stop_word, words, Stems};

/// Index of a word stem in [`Terms`].
pub(crate) type TermId = u32;

/// Every stem the content uses, numbered in the order the content first uses it, with the
/// stemmer that made them (so a query is stemmed exactly as the content was).
pub(crate) struct Terms {
    stems: Stems,
    /// Each stem, by id.
    list: Vec<String>,
    ids: HashMap<String, TermId>,
}

impl std::fmt::Debug for Terms {
    /// `rust_stemmers` has no `Debug`, so the stemmer is only named.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terms")
            .field("stems", &"Stems(English)")
            .field("list", &self.list)
            .field("ids", &self.ids)
            .finish()
    }
}

impl Terms {
    /// No terms yet; the content's words are added with [`Terms::intern`].
    pub(crate) fn new() -> Terms {
        Terms {
            stems: Stems::new(),
            list: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// How many stems there are; every [`TermId`] is below this.
    pub(crate) fn count(&self) -> usize {
        self.list.len()
    }

    /// The stem of a (normalised) word.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.stems.stem(word)
    }

    /// The id of a content word's stem, numbering the stem if it is new.
    pub(crate) fn intern(&mut self, word: &str) -> TermId {
        let stem = self.stems.stem(word);
        if let Some(&id) = self.ids.get(stem.as_ref()) {
            return id;
        }
        let id = self.list.len() as TermId;
        self.list.push(stem.to_string());
        self.ids.insert(stem.into_owned(), id);
        id
    }

    /// The id of a stem, if the content uses it.
    pub(crate) fn get(&self, stem: &str) -> Option<TermId> {
        self.ids.get(stem).copied()
    }

    /// The id of a word's stem, if the content uses it.
    pub(crate) fn lookup(&self, word: &str) -> Option<TermId> {
        self.get(self.stems.stem(word).as_ref())
    }

    /// The terms of a phrase that the content has, leaving out stop words unless the phrase
    /// is nothing else. `None` if a needed word is missing from the content.
    pub(crate) fn phrase_terms(&self, phrase: &str) -> Option<Vec<TermId>> {
        let all: Vec<String> = words(phrase).into_iter().map(|w| w.text).collect();
        let kept: Vec<&String> = all.iter().filter(|w| !is_stop_word(w)).collect();
        let kept = if kept.is_empty() {
            all.iter().collect()
        } else {
            kept
        };
        kept.into_iter().map(|w| self.lookup(w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_one_term_and_phrases_drop_stop_words() {
        let mut terms = Terms::new();
        let threat = terms.intern("threatening");
        let police = terms.intern("police");
        assert_eq!(terms.intern("threatened"), threat);
        assert_eq!(terms.count(), 2);
        assert_eq!(terms.lookup("threatens"), Some(threat));
        assert_eq!(terms.lookup("sextortion"), None);
        assert_eq!(
            terms.phrase_terms("threatened by the police"),
            Some(vec![threat, police])
        );
        assert_eq!(terms.phrase_terms("police sextortion"), None);
    }
}
