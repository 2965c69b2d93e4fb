//! The index: the one public type that ties the other modules together. Building it collects
//! the guide's documents ([`crate::documents`]), weighs their words for ranking
//! ([`crate::rank`]) and prepares query expansion over the same terms ([`crate::query`]);
//! searching expands the query into groups of alternatives, then ranks the documents that match
//! them.

use std::collections::BTreeMap;

use harbour_guide::Guide;

use crate::documents;
use crate::hit::{Context, Hit};
use crate::query::Expander;
use crate::rank::Ranker;
use crate::synonyms;
use crate::terms::Terms;
use crate::text::words;

/// Everything needed to search, built once by [`Index::new`]. Immutable afterwards, so one
/// index can be shared between threads.
#[derive(Debug)]
pub struct Index {
    /// The documents and their weighted terms.
    ranker: Ranker,
    /// The content's terms, words and synonyms, for turning a query into terms.
    expander: Expander,
}

impl Index {
    /// Builds the index of a guide with the bundled synonym table. Takes about 20 ms in a
    /// release build: do it once and keep the index.
    pub fn new(guide: &Guide) -> Index {
        // The bundled table is checked by the tests; should it ever fail to parse anyway, search
        // still works, only without synonyms.
        let entries = synonyms::parse(synonyms::BUNDLED).unwrap_or_default();
        Index::build(guide, &entries)
    }

    /// Builds the index with another synonym table (TOML, the format of `src/synonyms.toml`).
    pub fn with_synonyms(guide: &Guide, synonyms_toml: &str) -> Result<Index, String> {
        Ok(Index::build(guide, &synonyms::parse(synonyms_toml)?))
    }

    /// How many things can be found: articles, checklist steps and helplines.
    pub fn len(&self) -> usize {
        self.ranker.len()
    }

    /// Whether there is nothing to find.
    pub fn is_empty(&self) -> bool {
        self.ranker.is_empty()
    }

    /// Synonym phrases (`means`) with a word the content never uses, so they can never match.
    /// The tests require none.
    pub fn unused_synonyms(&self, synonyms_toml: &str) -> Result<Vec<String>, String> {
        let entries = synonyms::parse(synonyms_toml)?;
        let terms = self.expander.terms();
        Ok(entries
            .iter()
            .flat_map(|e| &e.means)
            .filter(|phrase| {
                words(phrase)
                    .iter()
                    .any(|w| terms.lookup(&w.text).is_none())
            })
            .cloned()
            .collect())
    }

    fn build(guide: &Guide, entries: &[synonyms::Entry]) -> Index {
        let mut terms = Terms::new();
        let mut content_words = BTreeMap::new();
        let ranker = Ranker::build(documents::collect(guide), &mut terms, &mut content_words);
        let expander = Expander::new(terms, content_words, entries);
        Index { ranker, expander }
    }

    /// Searches for `query`, best first, at most `limit` hits. What fits `context` (the reader's
    /// audience and region) ranks higher, but nothing that matches is left out for not fitting.
    ///
    /// Never panics and never fails: an empty or meaningless query gives no hits, and a huge
    /// one is cut to [`crate::text::MAX_QUERY_CHARS`] characters first. Nothing about the query
    /// is kept or written anywhere.
    pub fn search(&self, query: &str, context: &Context, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.ranker.is_empty() {
            return Vec::new();
        }
        let groups = self.expander.expand(query);
        if groups.is_empty() {
            return Vec::new();
        }
        self.ranker.rank(&groups, context, limit)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::hit::{HitKind, Target};

    fn index() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| Index::new(&Guide::bundled().unwrap()))
    }

    fn first_article(query: &str, context: &Context) -> Option<String> {
        index()
            .search(query, context, 50)
            .into_iter()
            .find_map(|h| match h.target {
                Target::Article { id } => Some(id),
                _ => None,
            })
    }

    #[test]
    fn a_finished_word_is_still_matched_as_a_start_when_unknown() {
        let context = Context::default();
        assert!(!index().search("sextort", &context, 5).is_empty());
        assert!(!index().search("sextort ", &context, 5).is_empty());
        assert!(!index().search("sextort police", &context, 5).is_empty());
    }

    #[test]
    fn a_place_named_in_the_query_ranks_as_the_readers_region() {
        let uk = Context::default();
        assert_eq!(
            first_article("police in canada", &uk).as_deref(),
            Some("reporting-to-police-ca")
        );
        assert_eq!(
            first_article("report in australia", &uk).as_deref(),
            Some("reporting-to-police-au")
        );
        // Only a whole word names a place: "i" is not yet "ireland".
        let typing = index().expander.groups(&words("police i"), true);
        assert!(typing.iter().all(|g| g.region.is_none()));
    }

    #[test]
    fn a_query_of_only_common_words_still_finds_something() {
        assert!(!index()
            .search("what do i do", &Context::default(), 5)
            .is_empty());
        assert!(!index().search("the", &Context::default(), 5).is_empty());
    }

    #[test]
    fn a_word_found_nowhere_lowers_but_does_not_hide() {
        let context = Context::default();
        let plain = index().search("police", &context, 1);
        let noisy = index().search("police qqqqqq", &context, 1);
        assert_eq!(plain[0].target, noisy[0].target);
        assert!(noisy[0].score < plain[0].score);
        assert!(index().search("qqqqqq", &context, 5).is_empty());
    }

    #[test]
    fn snippets_are_plain_text_from_the_best_sentence() {
        let hits = index().search("deactivate", &Context::default(), 10);
        let article = hits
            .iter()
            .find(|h| h.target.kind() == HitKind::Article)
            .unwrap();
        assert!(
            article.snippet.to_lowercase().contains("deactivat"),
            "{}",
            article.snippet
        );
        let helpline = index().search("samaritans", &Context::default(), 1);
        assert!(helpline[0].snippet.starts_with("Call 116 123"));
    }
}
