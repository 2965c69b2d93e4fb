//! Ranking: how well each document matches a query's groups, for this reader, best first.
//!
//! Scoring is BM25F, the usual formula for ranking text with fields: a word counts for more in
//! a title than in a body, for less the more often it is everywhere, and a long body gets no
//! advantage from being long. A result scores the best alternative of each of the query's
//! groups (see [`crate::query`]) times the group's rarity (idf, counted once for the whole
//! group), summed over groups; that is then scaled by the share of groups it matched, and by
//! whether it fits the reader's audience and region. Each hit gets the sentence that best
//! matches as its snippet.

use std::collections::{BTreeMap, HashMap};

use harbour_words::Region;

use crate::documents::{Doc, DocSource, FIELDS};
use crate::hit::{Context, Hit, HitKind};
use crate::query::Group;
use crate::terms::{TermId, Terms};
use crate::text::{cut_at_word, words};

/// How much a word counts in each field, in the order of [`crate::documents::Field`]. A
/// helpline's contact details count most: someone typing "0800 1111" or "ceop" wants that
/// service itself, not the articles that mention it.
const FIELD_WEIGHT: [f32; FIELDS] = [4.0, 3.0, 2.0, 1.5, 5.0, 1.0, 0.5];
/// How much a field's length counts against it (BM25's b): bodies vary a lot, titles little.
const FIELD_LENGTH_NORM: [f32; FIELDS] = [0.3, 0.3, 0.5, 0.5, 0.3, 0.75, 0.0];
/// BM25's k1: how quickly more mentions of a word stop adding to its score.
const K1: f32 = 1.2;
/// What a synonym's `kinds` add to every result of that kind: half of the most a word can score
/// (K1 + 1), so "talk to someone" lists every helpline, those that say "talk" first.
const KIND_BONUS: f32 = 1.1;

/// A result not written for the reader's region, or their audience, is scaled by this.
const REGION_MISS: f32 = 0.5;
const AUDIENCE_MISS: f32 = 0.7;
/// An article or helpline written for the reader's region alone is scaled by this, outside the
/// UK: "Reporting it to the Gardaí in Ireland" answers "police" for a reader in Ireland better
/// than general advice does. Harbour is written UK first, so half its articles are for the UK
/// alone and lifting them would only sink the general advice; for readers elsewhere, the few
/// pages and helplines for their own country are what they most need. Checklist steps get no
/// lift: their region is only inferred from the articles they link to.
const OWN_REGION: f32 = 1.2;

/// Snippets are cut to about this many characters.
const SNIPPET_CHARS: usize = 160;

/// The documents and, for each term, where it occurs and how much it counts there.
#[derive(Debug)]
pub(crate) struct Ranker {
    docs: Vec<Doc>,
    /// For each term, the documents that have it and its BM25F weight there (saturated term
    /// frequency; the idf is applied per query group, see [`Ranker::rank`]). One list per term
    /// of the content, so its length is the number of terms.
    postings: Vec<Vec<(u32, f32)>>,
}

impl Ranker {
    /// Weighs every word of every document, numbering their stems in `terms` and adding each
    /// word with its term to `content_words` (for the query's prefix and typo matching).
    pub(crate) fn build(
        sources: Vec<DocSource>,
        terms: &mut Terms,
        content_words: &mut BTreeMap<String, TermId>,
    ) -> Ranker {
        let mut docs = Vec::with_capacity(sources.len());

        // Term frequencies per document and field, and field lengths.
        let mut counts: Vec<HashMap<TermId, [f32; FIELDS]>> = Vec::with_capacity(sources.len());
        let mut lengths: Vec<[f32; FIELDS]> = Vec::with_capacity(sources.len());
        for source in sources {
            let mut tf: HashMap<TermId, [f32; FIELDS]> = HashMap::new();
            let mut len = [0.0; FIELDS];
            for (field, text) in &source.fields {
                for word in words(text) {
                    let term = terms.intern(&word.text);
                    content_words.insert(word.text, term);
                    tf.entry(term).or_default()[*field as usize] += 1.0;
                    len[*field as usize] += 1.0;
                }
            }

            let mut doc = source.doc;
            for (sentence, sentence_terms) in &mut doc.sentences {
                *sentence_terms = words(sentence)
                    .iter()
                    .filter_map(|w| terms.lookup(&w.text))
                    .collect();
                sentence_terms.sort_unstable();
                sentence_terms.dedup();
            }
            docs.push(doc);
            counts.push(tf);
            lengths.push(len);
        }

        // BM25F.
        let mut average = [0.0f32; FIELDS];
        for (f, avg) in average.iter_mut().enumerate() {
            let with: Vec<f32> = lengths.iter().map(|l| l[f]).filter(|&l| l > 0.0).collect();
            *avg = if with.is_empty() {
                1.0
            } else {
                with.iter().sum::<f32>() / with.len() as f32
            };
        }
        let mut postings = vec![Vec::new(); terms.count()];
        for (d, tf) in counts.iter().enumerate() {
            for (&term, per_field) in tf {
                let weighted: f32 = (0..FIELDS)
                    .map(|f| {
                        let norm = 1.0 - FIELD_LENGTH_NORM[f]
                            + FIELD_LENGTH_NORM[f] * lengths[d][f] / average[f];
                        FIELD_WEIGHT[f] * per_field[f] / norm
                    })
                    .sum();
                let saturated = weighted * (K1 + 1.0) / (weighted + K1);
                postings[term as usize].push((d as u32, saturated));
            }
        }
        for list in &mut postings {
            list.sort_unstable_by_key(|&(d, _)| d);
        }
        Ranker { docs, postings }
    }

    /// How many documents there are.
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are no documents.
    pub(crate) fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents that match any of `groups`, best first for the reader in `context`, at
    /// most `limit` of them, as hits with snippets.
    pub(crate) fn rank(&self, groups: &[Group], context: &Context, limit: usize) -> Vec<Hit> {
        let n = self.docs.len();
        let mut total = vec![0.0f32; n];
        let mut matched = vec![0u32; n];
        let mut best = vec![0.0f32; n];
        let mut phrase = vec![0.0f32; n];
        let mut seen = vec![0usize; n];
        // The best weight of each matched term, for choosing snippets.
        let mut term_weight = vec![0.0f32; self.postings.len()];
        for group in groups {
            best.fill(0.0);
            for (terms, weight) in &group.alts {
                for &t in terms {
                    let w = &mut term_weight[t as usize];
                    *w = w.max(*weight);
                }
                if let [term] = terms.as_slice() {
                    for &(d, score) in &self.postings[*term as usize] {
                        let s = weight * score;
                        if s > best[d as usize] {
                            best[d as usize] = s;
                        }
                    }
                } else {
                    // A phrase counts only where all its words are.
                    phrase.fill(0.0);
                    seen.fill(0);
                    for &t in terms {
                        for &(d, score) in &self.postings[t as usize] {
                            phrase[d as usize] += score;
                            seen[d as usize] += 1;
                        }
                    }
                    let scale = weight / terms.len() as f32;
                    for ((b, p), &c) in best.iter_mut().zip(&phrase).zip(&seen) {
                        if c == terms.len() {
                            *b = b.max(p * scale);
                        }
                    }
                }
            }
            for &(kind, weight) in &group.kinds {
                for (b, doc) in best.iter_mut().zip(&self.docs) {
                    if doc.target.kind() == kind {
                        *b += weight * KIND_BONUS;
                    }
                }
            }
            // The group's rarity (BM25's idf) counts once for all its alternatives, as if they
            // were one word: a synonym that happens to be rare must not outweigh the word typed.
            let df = best.iter().filter(|&&b| b > 0.0).count() as f32;
            let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
            for d in 0..n {
                if best[d] > 0.0 {
                    total[d] += best[d] * idf;
                    matched[d] += 1;
                }
            }
        }

        // A place named in the query ("police in canada") outranks the reader's own region.
        let region = groups
            .iter()
            .rev()
            .find_map(|g| g.region)
            .unwrap_or(context.region);
        let groups_len = groups.len() as f32;
        let mut ranked: Vec<(usize, f32)> = (0..n)
            .filter(|&d| matched[d] > 0)
            // Another region's wording of a step (its numbers) is never offered here.
            .filter(|&d| !self.docs[d].only_in_regions || self.docs[d].regions.contains(&region))
            .map(|d| {
                let doc = &self.docs[d];
                let coverage = matched[d] as f32 / groups_len;
                let mut score = total[d] * coverage;
                score *= fit(&doc.regions, Some(region), REGION_MISS);
                if region != Region::Uk
                    && doc.regions == [region]
                    && doc.target.kind() != HitKind::ChecklistItem
                {
                    score *= OWN_REGION;
                }
                score *= fit(&doc.audiences, context.audience, AUDIENCE_MISS);
                (d, score)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(d, score)| {
                let doc = &self.docs[d];
                Hit {
                    target: doc.target.clone(),
                    title: doc.title.clone(),
                    within: doc.within.clone(),
                    snippet: snippet(doc, &term_weight),
                    score,
                }
            })
            .collect()
    }
}

/// How well a result written for `list` (empty: everyone) fits the reader's `choice`: 1, or
/// `miss` when it was written for others. Written for the reader's region only earns nothing
/// more than written for everyone: most UK articles are UK-only, and general advice must not
/// sink below them.
fn fit<T: PartialEq>(list: &[T], choice: Option<T>, miss: f32) -> f32 {
    match choice {
        Some(c) if !list.is_empty() && !list.contains(&c) => miss,
        _ => 1.0,
    }
}

/// The sentence of a document that best matches the query, or its fallback.
fn snippet(doc: &Doc, term_weight: &[f32]) -> String {
    let mut best: Option<(&str, f32)> = None;
    for (sentence, terms) in &doc.sentences {
        let score: f32 = terms.iter().map(|&t| term_weight[t as usize]).sum();
        if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
            best = Some((sentence, score));
        }
    }
    cut_at_word(best.map_or(&doc.fallback, |(s, _)| s), SNIPPET_CHARS)
}

#[cfg(test)]
mod tests {
    use harbour_words::Audience;

    use super::*;
    use crate::hit::Target;

    #[test]
    fn fit_only_penalises_what_was_written_for_others() {
        assert_eq!(fit(&[], Some(Region::Ie), 0.5), 1.0);
        assert_eq!(fit(&[Region::Ie], Some(Region::Ie), 0.5), 1.0);
        assert_eq!(fit(&[Region::Uk], Some(Region::Ie), 0.5), 0.5);
        assert_eq!(fit(&[Audience::Adult], None, 0.7), 1.0);
    }

    #[test]
    fn the_snippet_is_the_sentence_with_the_most_matched_weight() {
        let doc = Doc {
            target: Target::Article { id: "x".into() },
            title: "X".into(),
            within: None,
            regions: Vec::new(),
            audiences: Vec::new(),
            sentences: vec![("First.".into(), vec![0]), ("Second.".into(), vec![1, 2])],
            fallback: "Fallback.".into(),
            only_in_regions: false,
        };
        assert_eq!(snippet(&doc, &[0.9, 0.5, 0.5]), "Second.");
        assert_eq!(snippet(&doc, &[0.9, 0.0, 0.0]), "First.");
        assert_eq!(snippet(&doc, &[0.0, 0.0, 0.0]), "Fallback.");
    }
}
