//! The index: every article, checklist step and helpline as weighted words, built once.
//!
//! Scoring is BM25F, the usual formula for ranking text with fields: a word counts for more in
//! a title than in a body, for less the more often it is everywhere, and a long body gets no
//! advantage from being long. Each word of the query is a *group* of alternatives (the word, its
//! word forms, words it is the start of, close spellings, synonyms), each with a weight below 1
//! for anything but the word itself. A result scores the best alternative of each group times
//! the group's rarity (idf, counted once for the whole group), summed over groups; that is then
//! scaled by the share of groups it matched, and by whether it fits the reader's audience and
//! region.

use std::collections::{BTreeMap, HashMap};

use harbour_guide::{Article, Audience, Guide, HelplineKind, Region};

use crate::synonyms;
use crate::text::{
    char_mask, html_to_text, is_stop_word, sentences, shorten, truncate_query, words, Stems,
    MAX_QUERY_WORDS,
};
use crate::{Context, Hit, HitKind, Target};

/// Index of a word stem in [`Index::terms`].
type TermId = u32;

/// The parts of a result, each with its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Article title, checklist step, helpline name.
    Title = 0,
    /// Article topics; a helpline's kinds ("crisis", "police").
    Topics,
    /// Article summary, a step's "why", a helpline's purpose.
    Summary,
    /// Article "do this now" steps; a step's checklist title and who it is for.
    Steps,
    /// A helpline's phone number, text number, web address, hours and ages.
    Contact,
    /// Article body.
    Body,
    /// Region names, so "ireland" finds that region's helplines and articles.
    Meta,
}

const FIELDS: usize = 7;
/// How much a word counts in each field, in the order of [`Field`]. A helpline's contact
/// details count most: someone typing "0800 1111" or "ceop" wants that service itself, not the
/// articles that mention it.
const FIELD_WEIGHT: [f32; FIELDS] = [4.0, 3.0, 2.0, 1.5, 5.0, 1.0, 0.5];
/// How much a field's length counts against it (BM25's b): bodies vary a lot, titles little.
const FIELD_LENGTH_NORM: [f32; FIELDS] = [0.3, 0.3, 0.5, 0.5, 0.3, 0.75, 0.0];
/// BM25's k1: how quickly more mentions of a word stop adding to its score.
const K1: f32 = 1.2;
/// What a synonym's `kinds` add to every result of that kind: half of the most a word can score
/// (K1 + 1), so "talk to someone" lists every helpline, those that say "talk" first.
const KIND_BONUS: f32 = 1.1;

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

/// Region names, so "ireland" or "canada" find that region's helplines and articles.
fn region_words(region: Region) -> &'static str {
    match region {
        Region::Uk => "uk united kingdom",
        Region::Ie => "ireland",
        Region::Us => "usa united states",
        Region::Ca => "canada",
        Region::Au => "australia",
    }
}

/// A searchable thing, and what is needed to show it as a hit.
#[derive(Debug)]
struct Doc {
    target: Target,
    title: String,
    within: Option<String>,
    /// Empty means every region.
    regions: Vec<Region>,
    /// Empty means every audience.
    audiences: Vec<Audience>,
    /// Sentences a snippet can be chosen from, with their terms (sorted, no repeats).
    sentences: Vec<(String, Vec<TermId>)>,
    /// The snippet when no sentence contains a matched word.
    fallback: String,
}

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

/// Everything needed to search, built once by [`Index::new`]. Immutable afterwards, so one
/// index can be shared between threads.
#[derive(Debug)]
pub struct Index {
    docs: Vec<Doc>,
    terms: Vec<String>,
    term_ids: HashMap<String, TermId>,
    /// For each term, the documents that have it and its BM25F weight there (saturated term
    /// frequency; the idf is applied per query group, see [`Index::search`]).
    postings: Vec<Vec<(u32, f32)>>,
    /// Sorted by text, so the words a prefix starts are one range.
    vocab: Vec<VocabWord>,
    /// Vocabulary indices by word length in characters, for typo matching.
    by_len: Vec<Vec<u32>>,
    /// Single-word synonym keys, by stem.
    single: HashMap<String, Vec<u32>>,
    /// Multi-word synonym keys (as stems), longest first.
    phrases: Vec<(Vec<String>, u32)>,
    expansions: Vec<Expansion>,
    stems: StemsDebug,
}

/// The stemmer, with a `Debug` that `rust_stemmers` doesn't provide.
struct StemsDebug(Stems);

impl std::fmt::Debug for StemsDebug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stems(English)")
    }
}

/// A document being built: the text of each field.
struct DocSource {
    doc: Doc,
    fields: Vec<(Field, String)>,
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
        self.docs.len()
    }

    /// Whether there is nothing to find.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Synonym phrases (`means`) with a word the content never uses, so they can never match.
    /// The tests require none.
    pub fn unused_synonyms(&self, synonyms_toml: &str) -> Result<Vec<String>, String> {
        let entries = synonyms::parse(synonyms_toml)?;
        Ok(entries
            .iter()
            .flat_map(|e| &e.means)
            .filter(|phrase| {
                words(phrase).iter().any(|w| {
                    !self
                        .term_ids
                        .contains_key(self.stems.0.stem(&w.text).as_ref())
                })
            })
            .cloned()
            .collect())
    }

    fn build(guide: &Guide, entries: &[synonyms::Entry]) -> Index {
        let sources = collect(guide);
        let stems = Stems::new();
        let mut index = Index {
            docs: Vec::with_capacity(sources.len()),
            terms: Vec::new(),
            term_ids: HashMap::new(),
            postings: Vec::new(),
            vocab: Vec::new(),
            by_len: Vec::new(),
            single: HashMap::new(),
            phrases: Vec::new(),
            expansions: Vec::new(),
            stems: StemsDebug(stems),
        };
        let mut vocab: BTreeMap<String, Option<TermId>> = BTreeMap::new();

        // Term frequencies per document and field, and field lengths.
        let mut counts: Vec<HashMap<TermId, [f32; FIELDS]>> = Vec::with_capacity(sources.len());
        let mut lengths: Vec<[f32; FIELDS]> = Vec::with_capacity(sources.len());
        for source in sources {
            let mut tf: HashMap<TermId, [f32; FIELDS]> = HashMap::new();
            let mut len = [0.0; FIELDS];
            for (field, text) in &source.fields {
                for word in words(text) {
                    let term = index.intern_word(&word.text, &mut vocab);
                    tf.entry(term).or_default()[*field as usize] += 1.0;
                    len[*field as usize] += 1.0;
                }
            }

            let mut doc = source.doc;
            for (sentence, terms) in &mut doc.sentences {
                *terms = words(sentence)
                    .iter()
                    .filter_map(|w| index.lookup(&w.text))
                    .collect();
                terms.sort_unstable();
                terms.dedup();
            }
            index.docs.push(doc);
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
        index.postings = vec![Vec::new(); index.terms.len()];
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
                index.postings[term as usize].push((d as u32, saturated));
            }
        }
        for list in &mut index.postings {
            list.sort_unstable_by_key(|&(d, _)| d);
        }

        index.add_synonyms(entries, &mut vocab);
        index.finish_vocab(vocab);
        index
    }

    fn intern(&mut self, stem: &str) -> TermId {
        if let Some(&id) = self.term_ids.get(stem) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(stem.to_string());
        self.term_ids.insert(stem.to_string(), id);
        id
    }

    fn intern_word(&mut self, word: &str, vocab: &mut BTreeMap<String, Option<TermId>>) -> TermId {
        let stem = self.stems.0.stem(word).into_owned();
        let term = self.intern(&stem);
        vocab.insert(word.to_string(), Some(term));
        term
    }

    fn lookup(&self, word: &str) -> Option<TermId> {
        self.term_ids.get(self.stems.0.stem(word).as_ref()).copied()
    }

    /// The terms of a phrase that the content has, leaving out stop words unless the phrase
    /// is nothing else. `None` if a needed word is missing from the content.
    fn phrase_terms(&self, phrase: &str) -> Option<Vec<TermId>> {
        let all: Vec<String> = words(phrase).into_iter().map(|w| w.text).collect();
        let kept: Vec<&String> = all.iter().filter(|w| !is_stop_word(w)).collect();
        let kept = if kept.is_empty() {
            all.iter().collect()
        } else {
            kept
        };
        kept.into_iter().map(|w| self.lookup(w)).collect()
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
                if let Some(terms) = self.phrase_terms(phrase) {
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
                    .map(|w| self.stems.0.stem(w).into_owned())
                    .collect();
                match key_words.as_slice() {
                    [] => {}
                    [word] => {
                        let list = self.single.entry(key_stems[0].clone()).or_default();
                        if !list.contains(&e) {
                            list.push(e);
                        }
                        let term = self.term_ids.get(&key_stems[0]).copied();
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
                .get(self.stems.0.stem(&text).as_ref())
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

    /// Searches for `query`, best first, at most `limit` hits. What fits `context` (the reader's
    /// audience and region) ranks higher, but nothing that matches is left out for not fitting.
    ///
    /// Never panics and never fails: an empty or meaningless query gives no hits, and a huge
    /// one is cut to [`crate::text::MAX_QUERY_CHARS`] characters first. Nothing about the query
    /// is kept or written anywhere.
    pub fn search(&self, query: &str, context: &Context, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.docs.is_empty() {
            return Vec::new();
        }
        let query = truncate_query(query);
        let mut typed = words(query);
        typed.truncate(MAX_QUERY_WORDS);
        if typed.is_empty() {
            return Vec::new();
        }
        // The last word is still being typed unless something follows it ("sext" vs "sext ").
        let typing_last = typed.last().is_some_and(|w| w.end == query.len());
        let groups = self.groups(&typed, typing_last);
        if groups.is_empty() {
            return Vec::new();
        }

        let n = self.docs.len();
        let mut total = vec![0.0f32; n];
        let mut matched = vec![0u32; n];
        let mut best = vec![0.0f32; n];
        let mut phrase = vec![0.0f32; n];
        let mut seen = vec![0usize; n];
        // The best weight of each matched term, for choosing snippets.
        let mut term_weight = vec![0.0f32; self.terms.len()];
        for group in &groups {
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

    /// Turns the typed words into groups of weighted alternatives.
    fn groups(&self, typed: &[crate::text::Word], typing_last: bool) -> Vec<Group> {
        let stems: Vec<String> = typed
            .iter()
            .map(|w| self.stems.0.stem(&w.text).into_owned())
            .collect();
        let only_stop_words = typed.iter().all(|w| is_stop_word(&w.text));
        let mut groups = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            if let Some((len, entry)) = self.phrase_at(&stems[i..]) {
                let mut group = Group::default();
                let text: Vec<&str> = typed[i..i + len].iter().map(|w| w.text.as_str()).collect();
                if let Some(terms) = self.phrase_terms(&text.join(" ")) {
                    group.add(terms, 1.0);
                }
                self.expand(&mut group, &[entry], 1.0, true);
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
    fn expand(&self, group: &mut Group, entries: &[u32], weight: f32, whole: bool) {
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
        let exact = self.term_ids.get(stem).copied();
        if let Some(term) = exact {
            group.add(vec![term], 1.0);
        }
        let synonyms = self.single.get(stem);
        if let Some(entries) = synonyms {
            self.expand(&mut group, entries, 1.0, true);
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
        self.expand(group, &v.synonyms, weight * INDIRECT, whole);
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

/// One query word (or synonym phrase) and its weighted alternatives.
#[derive(Debug, Default)]
struct Group {
    alts: Vec<(Vec<TermId>, f32)>,
    /// Kinds of result this group brings forward, with a weight.
    kinds: Vec<(HitKind, f32)>,
    /// A region the words name ("in canada"), which then ranks as the reader's region.
    region: Option<Region>,
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

/// The sentence of a document that best matches the query, or its fallback.
fn snippet(doc: &Doc, term_weight: &[f32]) -> String {
    let mut best: Option<(&str, f32)> = None;
    for (sentence, terms) in &doc.sentences {
        let score: f32 = terms.iter().map(|&t| term_weight[t as usize]).sum();
        if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
            best = Some((sentence, score));
        }
    }
    shorten(best.map_or(&doc.fallback, |(s, _)| s), SNIPPET_CHARS)
}

/// Every searchable thing in the guide, with the text of each field.
fn collect(guide: &Guide) -> Vec<DocSource> {
    let mut out = Vec::new();
    for article in guide.articles() {
        let body = html_to_text(&article.body_html);
        let mut sents = Vec::new();
        sents.extend(sentences(&article.summary));
        for step in &article.do_now {
            sents.extend(sentences(step));
        }
        sents.extend(sentences(&body));
        let regions = every_or(&article.regions, &Region::ALL);
        let mut fields = vec![
            (Field::Title, article.title.clone()),
            (Field::Topics, article.topics.join(" ; ")),
            (Field::Summary, article.summary.clone()),
            (Field::Steps, article.do_now.join(" ; ")),
            (Field::Body, body),
        ];
        if !regions.is_empty() {
            let names: Vec<&str> = regions.iter().map(|&r| region_words(r)).collect();
            fields.push((Field::Meta, names.join(" ")));
        }
        out.push(DocSource {
            doc: Doc {
                target: Target::Article {
                    id: article.id.clone(),
                },
                title: article.title.clone(),
                within: None,
                regions,
                audiences: every_or(&article.audiences, &ALL_AUDIENCES),
                sentences: sents.into_iter().map(|s| (s, Vec::new())).collect(),
                fallback: article.summary.clone(),
            },
            fields,
        });
    }

    for list in guide.checklists() {
        // A list fits whoever and wherever any of the articles its steps link to fits: a list
        // whose every article is UK-only says "call 101", and ranks lower elsewhere.
        let linked: Vec<&Article> = list
            .items
            .iter()
            .filter_map(|i| guide.article(&i.article).ok())
            .collect();
        let regions = union(&linked, |a| &a.regions, &Region::ALL);
        let audiences = union(&linked, |a| &a.audiences, &ALL_AUDIENCES);
        for item in &list.items {
            out.push(DocSource {
                doc: Doc {
                    target: Target::ChecklistItem {
                        checklist_id: list.id.clone(),
                        item_id: item.id.clone(),
                    },
                    title: item.text.clone(),
                    within: Some(list.title.clone()),
                    regions: regions.clone(),
                    audiences: audiences.clone(),
                    sentences: Vec::new(),
                    fallback: item.why.clone(),
                },
                fields: vec![
                    (Field::Title, item.text.clone()),
                    (Field::Summary, item.why.clone()),
                    (Field::Steps, format!("{} ; {}", list.title, list.for_whom)),
                ],
            });
        }
    }

    for &region in &Region::ALL {
        for helpline in guide.helplines(region) {
            let mut contact = Vec::new();
            let mut shown = Vec::new();
            if let Some(phone) = &helpline.phone {
                contact.push(phone.clone());
                // "0800 1111" can also be typed "08001111".
                contact.push(phone.chars().filter(char::is_ascii_digit).collect());
                shown.push(format!("Call {phone}"));
            }
            if let Some(text) = &helpline.text {
                contact.push(text.clone());
                shown.push(text.clone());
            }
            if let Some(web) = &helpline.web {
                contact.push(web.clone());
                shown.push(web.clone());
            }
            for extra in [&helpline.hours, &helpline.ages].into_iter().flatten() {
                contact.push(extra.clone());
            }
            let kinds: Vec<&str> = helpline.kinds.iter().map(|k| kind_words(*k)).collect();
            let how = shown.join(" · ");
            let fallback = if how.is_empty() {
                helpline.purpose.clone()
            } else {
                format!("{how}. {}", helpline.purpose)
            };
            out.push(DocSource {
                doc: Doc {
                    target: Target::Helpline {
                        region,
                        id: helpline.id.clone(),
                    },
                    title: helpline.name.clone(),
                    within: None,
                    regions: vec![region],
                    audiences: helpline_audiences(&helpline.kinds),
                    sentences: Vec::new(),
                    fallback,
                },
                fields: vec![
                    (Field::Title, helpline.name.clone()),
                    (Field::Topics, format!("helpline {}", kinds.join(" "))),
                    (Field::Summary, helpline.purpose.clone()),
                    (Field::Contact, contact.join(" ; ")),
                    (Field::Meta, region_words(region).to_string()),
                ],
            });
        }
    }
    out
}

const ALL_AUDIENCES: [Audience; 4] = [
    Audience::YoungPerson,
    Audience::Adult,
    Audience::ParentCarer,
    Audience::Professional,
];

/// Everything any of `articles` lists in one field, or empty (meaning "all") when that is all.
fn union<T: Copy + PartialEq>(
    articles: &[&Article],
    of: fn(&Article) -> &[T],
    all: &[T],
) -> Vec<T> {
    let mut found = Vec::new();
    for x in articles.iter().flat_map(|a| of(a)) {
        if !found.contains(x) {
            found.push(*x);
        }
    }
    every_or(&found, all)
}

/// The list, or empty (meaning "all") when it names every one of `all`.
fn every_or<T: Copy + PartialEq>(list: &[T], all: &[T]) -> Vec<T> {
    if all.iter().all(|x| list.contains(x)) {
        Vec::new()
    } else {
        list.to_vec()
    }
}

/// Words for a helpline's kinds, as a reader would say them.
fn kind_words(kind: HelplineKind) -> &'static str {
    match kind {
        HelplineKind::Emergency => "emergency",
        HelplineKind::Police => "police",
        HelplineKind::Report => "report",
        HelplineKind::Removal => "removal take down",
        HelplineKind::Crisis => "crisis talk",
        HelplineKind::YoungPeople => "young people",
        HelplineKind::Adults => "adults",
        HelplineKind::Fraud => "fraud",
    }
}

/// Who a helpline is for: a young people's line suits young people and the adults helping them;
/// an adults' line, adults and professionals; anything else, everyone.
fn helpline_audiences(kinds: &[HelplineKind]) -> Vec<Audience> {
    let young = kinds.contains(&HelplineKind::YoungPeople);
    let adults = kinds.contains(&HelplineKind::Adults);
    match (young, adults) {
        (true, false) => vec![
            Audience::YoungPerson,
            Audience::ParentCarer,
            Audience::Professional,
        ],
        (false, true) => vec![Audience::Adult, Audience::Professional],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

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
    fn fit_only_penalises_what_was_written_for_others() {
        assert_eq!(fit(&[], Some(Region::Ie), 0.5), 1.0);
        assert_eq!(fit(&[Region::Ie], Some(Region::Ie), 0.5), 1.0);
        assert_eq!(fit(&[Region::Uk], Some(Region::Ie), 0.5), 0.5);
        assert_eq!(fit(&[Audience::Adult], None, 0.7), 1.0);
    }

    #[test]
    fn a_list_of_everything_means_everyone() {
        assert!(every_or(&Region::ALL, &Region::ALL).is_empty());
        assert_eq!(every_or(&[Region::Uk], &Region::ALL), [Region::Uk]);
        assert!(helpline_audiences(&[HelplineKind::Crisis]).is_empty());
        assert!(!helpline_audiences(&[HelplineKind::YoungPeople]).contains(&Audience::Adult));
        assert!(!helpline_audiences(&[HelplineKind::Adults]).contains(&Audience::YoungPerson));
    }

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
        let typing = index().groups(&words("police i"), true);
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
