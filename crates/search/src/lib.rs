//! Harbour's search: finds articles, checklist steps and helplines as a person types.
//!
//! The people searching are frightened, in a hurry, and often on a phone keyboard, so the search
//! forgives what they type:
//!
//! - **As you type.** The last word is matched as the start of a word: "sext" already finds
//!   "sextortion", "0800 11" already finds Childline.
//! - **Typos.** A word Harbour doesn't know is compared with every word it does, allowing one
//!   mistake in words of four to six letters and two in longer ones ("sextorsion", "blakmail").
//!   Swapped letters count as one mistake.
//! - **Word forms.** Words are stemmed with Snowball English, so "threatened", "threatening" and
//!   "threats" meet.
//! - **Everyday words.** A synonym table (`src/synonyms.toml`, see [`synonyms`]) maps what people
//!   say ("nudes", "deepfake", "hacked", "talk to someone") to what the content says ("sexual
//!   picture", "fake images", "securing accounts", helplines).
//! - **The reader first.** Results written for the chosen [`Context`]'s audience and region come
//!   first; the rest are still there, lower down. Nothing is ever hidden. Outside the UK, the
//!   few pages and helplines for the reader's own country are lifted further. A place named in
//!   the query ("police in canada", "gardai") counts as the reader's region for that search.
//! - **Phone numbers.** A helpline's number can be typed with or without spaces ("0800 1111",
//!   "08001111"), or only its start.
//!
//! [`Index::new`] builds everything once from the [`Guide`] (about 20 ms); [`Index::search`]
//! then takes microseconds (see `docs/benchmarks.md`, "Search speed"). The index is immutable,
//! `Send` and `Sync`, so the app can keep one in its state. The crate knows nothing of Tauri.
//!
//! ```
//! use harbour_guide::Guide;
//! use harbour_words::Region;
//! use harbour_search::{Context, Index, Target};
//!
//! let index = Index::new(&Guide::bundled().unwrap());
//! let hits = index.search("childlin", &Context { audience: None, region: Region::Uk }, 10);
//! assert_eq!(hits[0].target, Target::Helpline { region: Region::Uk, id: "childline".into() });
//! ```
//!
//! # Layout
//!
//! Each module has one job, and they depend one way only (a module uses only those listed
//! before it; `lib.rs` only declares them and re-exports the public types):
//!
//! - `hit`: the public types a search takes and gives back ([`Context`], [`Hit`], [`Target`],
//!   [`HitKind`]).
//! - [`text`]: splitting text into normalised words, stemming, stop words, sentences.
//! - [`synonyms`]: parsing the synonym table.
//! - `terms`: the content's stems, numbered; shared by query expansion and ranking.
//! - `documents`: collecting what can be found from the [`Guide`], field by field.
//! - `query`: expanding what was typed into groups of weighted alternatives (word forms,
//!   starts of words, typos, synonyms).
//! - `rank`: BM25F scores, the reader's audience and region, sorting and snippets.
//! - `index`: [`Index`], which builds the others from a guide and runs a search through them.
//!
//! # Privacy
//!
//! What a person searches for can reveal what is happening to them. This crate never writes a
//! query anywhere: it does no logging at all, touches no files, keeps no history and no cache of
//! past queries. A query lives only in memory for the length of one [`Index::search`] call.
//! Keep it that way: don't add `log`, `tracing` or `eprintln!` here, and don't log queries in
//! the caller either.
//!
//! # Dependencies
//!
//! - `strsim` for typo tolerance: its optimal-string-alignment distance is Levenshtein with
//!   swapped letters counting as one edit. The vocabulary is a few thousand words, so comparing
//!   against all of them (after a cheap character-set filter, [`text::char_mask`]) is fast
//!   enough that an automaton library (`fst` with `levenshtein_automata`) would only add code and
//!   crates. `strsim` has no dependencies and is already in the app through Tauri's build tools.
//! - `rust-stemmers` for Snowball English stemming, the stemmer tantivy uses.
//! - `serde` and `toml` (already used by the guide) for the synonym table and JSON results.

mod documents;
mod hit;
mod index;
mod query;
mod rank;
pub mod synonyms;
mod terms;
pub mod text;

pub use harbour_guide::Guide;
pub use harbour_words::{Audience, Region};
pub use hit::{Context, Hit, HitKind, Target};
pub use index::Index;
