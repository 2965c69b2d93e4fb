//! Query expansion: what a person typed, turned into groups of weighted alternatives.
//!
//! Each word of the query (or synonym phrase in it) becomes a [`Group`]: the word itself, its
//! word forms (stemming), words it is the start of (it may still be being typed), close
//! spellings (typos), and what the synonym table says it means, each with a weight below 1 for
//! anything but the word itself. A group can also bring forward whole kinds of result ("talk to
//! someone": helplines) and name a region ("in canada"). This module knows nothing of
//! documents or scores: ranking, which sits above it, decides what the groups are worth.

use std::collections::{BTreeMap, HashMap};

use harbour_words::Region;

use crate::hit::HitKind;
use crate::synonyms;
use crate::terms::{TermId, Terms};
use crate::text::{char_mask, is_stop_word, truncate_query, words, Word, MAX_QUERY_WORDS};

/// Weights of the alternatives in a group; the word as typed (or another form of it) is 1.
const SYNONYM: f32 = 0.8;
/// A word the typed one is the start of: more the more of it is typed ("sext" → "sextortion"
/// 0.72, "sextortio" → 0.87).
const PREFIX_MIN: f32 = 0.6;
const PREFIX_RANGE: f32 = 0.3;
const FUZZY_ONE: f32 = 0.75;
const FUZZY_TWO: f32 = 0.55;
const FUZZY_PREFIX: f32 = 0.55;
/// Synonyms of a word reached by prefix or typo, not typed in full, count for this much less:
/// what a half-typed word might mean must not outweigh the words it plainly starts.
const INDIRECT: f32 = 0.7;

/// A word found in the content (or in the synonym table), for prefix and typo matching.
#[derive(Debug)]
struct VocabWord {
    text: String,
    chars: usize,
    mask: u64,
    /// Its stem, if the content uses it.
    term: Option<TermId>,
    /// Synonym entries it is a key of.
    synonyms: Vec<u32>,
}

/// What a synonym entry adds to a query: alternatives, each a phrase of terms, and kinds of
/// result to bring forward.
#[derive(Debug, Default)]
struct Expansion {
    alts: Vec<Vec<TermId>>,
    kinds: Vec<HitKind>,
    region: Option<Region>,
}

/// Everything needed to expand a query, built once with the index: the content's terms, every
/// word it uses, and the synonym table resolved to those terms.
#[derive(Debug)]
pub(crate) struct Expander {
    terms: Terms,
    /// Sorted by text, so the words a prefix starts are one range.
    vocab: Vec<VocabWord>,
    /// Vocabulary indices by word length in characters, for typo matching.
    by_len: Vec<Vec<u32>>,
    /// Single-word synonym keys, by stem.
    single: HashMap<String, Vec<u32>>,
    /// Multi-word synonym keys (as stems), longest first.
    phrases: Vec<(Vec<String>, u32)>,
    expansions: Vec<Expansion>,
}

impl Expander {
    /// Builds the expander from the content's `terms`, every word the content uses
    /// (`content_words`, with its term) and the synonym table's `entries`.
    pub(crate) fn new(
        terms: Terms,
        content_words: BTreeMap<String, TermId>,
        entries: &[synonyms::Entry],
    ) -> Expander {
        let mut expander = Expander {
            terms,
            vocab: Vec::new(),
            by_len: Vec::new(),
            single: HashMap::new(),
            phrases: Vec::new(),
            expansions: Vec::new(),
        };
        let mut vocab: BTreeMap<String, Option<TermId>> = content_words
            .into_iter()
            .map(|(word, term)| (word, Some(term)))
            .collect();
        expander.add_synonyms(entries, &mut vocab);
        expander.finish_vocab(vocab);
        expander
    }

    /// The content's terms, shared with ranking through the term ids.
    pub(crate) fn terms(&self) -> &Terms {
        &self.terms
    }

    fn add_synonyms(
        &mut self,
        entries: &[synonyms::Entry],
        vocab: &mut BTreeMap<String, Option<TermId>>,
    ) {
        for (e, entry) in entries.iter().enumerate() {
            let e = e as u32;
            let mut expansion = Expansion::default();
            for phrase in &entry.means {
                if let Some(terms) = self.terms.phrase_terms(phrase) {
                    if !terms.is_empty() && !expansion.alts.contains(&terms) {
                        expansion.alts.push(terms);
                    }
                }
            }
            expansion.kinds.clone_from(&entry.kinds);
            expansion.region = entry.region;
            self.expansions.push(expansion);

            for key in &entry.words {
                let key_words: Vec<String> = words(key).into_iter().map(|w| w.text).collect();
                let key_stems: Vec<String> = key_words
                    .iter()
                    .map(|w| self.terms.stem(w).into_owned())
                    .collect();
                match key_words.as_slice() {
                    [] => {}
                    [word] => {
                        let list = self.single.entry(key_stems[0].clone()).or_default();
                        if !list.contains(&e) {
                            list.push(e);
                        }
                        let term = self.terms.get(&key_stems[0]);
                        vocab.entry(word.clone()).or_insert(term);
                    }
                    _ => self.phrases.push((key_stems, e)),
                }
            }
        }
        self.phrases
            .sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
    }

    fn finish_vocab(&mut self, vocab: BTreeMap<String, Option<TermId>>) {
        for (text, term) in vocab {
            let chars = text.chars().count();
            let synonyms = self
                .single
                .get(self.terms.stem(&text).as_ref())
                .cloned()
                .unwrap_or_default();
            if self.by_len.len() <= chars {
                self.by_len.resize(chars + 1, Vec::new());
            }
            self.by_len[chars].push(self.vocab.len() as u32);
            self.vocab.push(VocabWord {
                mask: char_mask(&text),
                text,
                chars,
                term,
                synonyms,
            });
        }
    }

    /// The groups of a query as typed: cut to [`crate::text::MAX_QUERY_CHARS`] characters and
    /// [`MAX_QUERY_WORDS`] words. Empty when nothing in it can match anything.
    pub(crate) fn expand(&self, query: &str) -> Vec<Group> {
        let query = truncate_query(query);
        let mut typed = words(query);
        typed.truncate(MAX_QUERY_WORDS);
        if typed.is_empty() {
            return Vec::new();
        }
        // The last word is still being typed unless something follows it ("sext" vs "sext ").
        let typing_last = typed.last().is_some_and(|w| w.end == query.len());
        self.groups(&typed, typing_last)
    }

    /// Turns the typed words into groups of weighted alternatives.
    pub(crate) fn groups(&self, typed: &[Word], typing_last: bool) -> Vec<Group> {
        let stems: Vec<String> = typed
            .iter()
            .map(|w| self.terms.stem(&w.text).into_owned())
            .collect();
        let only_stop_words = typed.iter().all(|w| is_stop_word(&w.text));
        let mut groups = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            if let Some((len, entry)) = self.phrase_at(&stems[i..]) {
                let mut group = Group::default();
                let text: Vec<&str> = typed[i..i + len].iter().map(|w| w.text.as_str()).collect();
                if let Some(terms) = self.terms.phrase_terms(&text.join(" ")) {
                    group.add(terms, 1.0);
                }
                self.expand_synonyms(&mut group, &[entry], 1.0, true);
                groups.push(group.finish());
                i += len;
                continue;
            }
            let word = &typed[i].text;
            let last = i + 1 == typed.len();
            if !is_stop_word(word) || only_stop_words {
                // A word found nowhere stays as an empty group: it still counts against every
                // result's coverage, so nothing is a full match for "police xyzzy".
                groups.push(self.word_group(word, &stems[i], last && typing_last));
            }
            i += 1;
        }
        // Groups matching nothing at all say nothing when they are all there is.
        if groups.iter().all(Group::is_empty) {
            groups.clear();
        }
        groups
    }

    /// The longest multi-word synonym key starting here: its length and its entry.
    fn phrase_at(&self, stems: &[String]) -> Option<(usize, u32)> {
        self.phrases
            .iter()
            .find(|(key, _)| stems.len() >= key.len() && stems[..key.len()] == key[..])
            .map(|(key, entry)| (key.len(), *entry))
    }

    /// Adds what synonym entries mean. A place they name becomes the group's region, unless
    /// the word was only the start of the synonym ("ir" is not yet "ireland").
    fn expand_synonyms(&self, group: &mut Group, entries: &[u32], weight: f32, whole: bool) {
        for &e in entries {
            let expansion = &self.expansions[e as usize];
            if whole && expansion.region.is_some() {
                group.region = expansion.region;
            }
            for alt in &expansion.alts {
                group.add(alt.clone(), weight * SYNONYM);
            }
            for &kind in &expansion.kinds {
                match group.kinds.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, w)) => *w = w.max(weight),
                    None => group.kinds.push((kind, weight)),
                }
            }
        }
    }

    /// The alternatives for one typed word.
    fn word_group(&self, word: &str, stem: &str, typing: bool) -> Group {
        let mut group = Group::default();
        let chars = word.chars().count();
        let exact = self.terms.get(stem);
        if let Some(term) = exact {
            group.add(vec![term], 1.0);
        }
        let synonyms = self.single.get(stem);
        if let Some(entries) = synonyms {
            self.expand_synonyms(&mut group, entries, 1.0, true);
        }
        let known = exact.is_some() || synonyms.is_some();

        // Words this one is the start of.
        if typing || (!known && chars >= 3) {
            let start = self.vocab.partition_point(|v| v.text.as_str() < word);
            for v in self.vocab[start..]
                .iter()
                .take_while(|v| v.text.starts_with(word))
            {
                if v.text == word {
                    continue;
                }
                let weight = PREFIX_MIN + PREFIX_RANGE * chars as f32 / v.chars as f32;
                self.add_vocab(&mut group, v, weight, false);
            }
        }

        // Close spellings, for words Harbour doesn't know and that start no word it knows.
        if !known && group.alts.is_empty() && chars >= 4 && word.chars().all(char::is_alphabetic) {
            let max = if chars >= 7 { 2 } else { 1 };
            let mask = char_mask(word);
            for len in chars.saturating_sub(max)..=chars + max {
                for &v in self.by_len.get(len).map_or(&[][..], Vec::as_slice) {
                    let v = &self.vocab[v as usize];
                    if (v.mask ^ mask).count_ones() > 2 * max as u32 {
                        continue;
                    }
                    let distance = strsim::osa_distance(word, &v.text);
                    if (1..=max).contains(&distance) {
                        let weight = if distance == 1 { FUZZY_ONE } else { FUZZY_TWO };
                        self.add_vocab(&mut group, v, weight, true);
                    }
                }
            }
            // Being typed and already misspelt: "blakm" is the start of "blackmail".
            if typing {
                for v in self.vocab.iter().filter(|v| v.chars > chars + 1) {
                    for cut in [chars, chars + 1] {
                        let end = v
                            .text
                            .char_indices()
                            .nth(cut)
                            .map_or(v.text.len(), |(i, _)| i);
                        let head = &v.text[..end];
                        if (char_mask(head) ^ mask).count_ones() <= 2
                            && strsim::osa_distance(word, head) == 1
                        {
                            self.add_vocab(&mut group, v, FUZZY_PREFIX, false);
                            break;
                        }
                    }
                }
            }
        }
        group.finish()
    }

    /// Adds a word of the vocabulary that the typed one starts (`whole` false) or is a
    /// misspelling of (`whole` true), with its synonyms.
    fn add_vocab(&self, group: &mut Group, v: &VocabWord, weight: f32, whole: bool) {
        if let Some(term) = v.term {
            group.add(vec![term], weight);
        }
        self.expand_synonyms(group, &v.synonyms, weight * INDIRECT, whole);
    }
}

/// One query word (or synonym phrase) and its weighted alternatives.
#[derive(Debug, Default)]
pub(crate) struct Group {
    /// Each alternative: a word (one term) or phrase (several, all needed), with its weight.
    pub(crate) alts: Vec<(Vec<TermId>, f32)>,
    /// Kinds of result this group brings forward, with a weight.
    pub(crate) kinds: Vec<(HitKind, f32)>,
    /// A region the words name ("in canada"), which then ranks as the reader's region.
    pub(crate) region: Option<Region>,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.alts.is_empty() && self.kinds.is_empty()
    }

    /// Adds an alternative; [`Group::finish`] removes repeats.
    fn add(&mut self, terms: Vec<TermId>, weight: f32) {
        if !terms.is_empty() {
            self.alts.push((terms, weight));
        }
    }

    /// Keeps one of each alternative, with its best weight. (A half-typed word can start
    /// hundreds of words, so repeats are removed once, by sorting, not on every addition.)
    fn finish(mut self) -> Group {
        self.alts
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        self.alts.dedup_by(|later, first| later.0 == first.0);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_one_of_each_alternative_with_its_best_weight() {
        let mut group = Group::default();
        group.add(vec![3], 0.5);
        group.add(vec![1, 2], 0.8);
        group.add(vec![3], 0.9);
        group.add(vec![], 1.0);
        let group = group.finish();
        assert_eq!(group.alts, [(vec![1, 2], 0.8), (vec![3], 0.9)]);
    }

    #[test]
    fn the_more_of_a_word_is_typed_the_more_it_counts() {
        let weight = |typed: f32, whole: f32| PREFIX_MIN + PREFIX_RANGE * typed / whole;
        assert!(weight(4.0, 10.0) < weight(8.0, 10.0));
        assert!(weight(9.0, 10.0) < 1.0);
        const { assert!(FUZZY_TWO < FUZZY_ONE && FUZZY_ONE < 1.0) };
    }

    /// An expander over a content of only `content` words, with the bundled synonyms.
    fn expander(content: &[&str]) -> Expander {
        let mut terms = Terms::new();
        let mut content_words = BTreeMap::new();
        for &word in content {
            let term = terms.intern(word);
            content_words.insert(word.to_string(), term);
        }
        let entries = synonyms::parse(synonyms::BUNDLED).unwrap();
        Expander::new(terms, content_words, &entries)
    }

    #[test]
    fn typed_starts_typos_and_places_become_weighted_alternatives() {
        let expander = expander(&["police", "ireland", "sextortion"]);
        let police = expander.terms().lookup("police").unwrap();
        let sextortion = expander.terms().lookup("sextortion").unwrap();

        let typed = expander.expand("police");
        assert_eq!(typed.len(), 1);
        assert!(typed[0].alts.contains(&(vec![police], 1.0)));

        let typo = expander.expand("polise ");
        assert!(typo[0].alts.contains(&(vec![police], FUZZY_ONE)));

        let start = expander.expand("sext");
        let (_, weight) = start[0]
            .alts
            .iter()
            .find(|(t, _)| *t == [sextortion])
            .unwrap();
        assert!((PREFIX_MIN..1.0).contains(weight));

        // Only a whole word names a place: "i" is not yet "ireland".
        assert!(expander
            .expand("police i")
            .iter()
            .all(|g| g.region.is_none()));
        assert_eq!(
            expander.expand("police ireland")[1].region,
            Some(Region::Ie)
        );
        assert!(expander.expand("  ...  ").is_empty());
    }
}
