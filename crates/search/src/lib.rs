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
//! use harbour_guide::{Guide, Region};
//! use harbour_search::{Context, Index, Target};
//!
//! let index = Index::new(&Guide::bundled().unwrap());
//! let hits = index.search("childlin", &Context { audience: None, region: Region::Uk }, 10);
//! assert_eq!(hits[0].target, Target::Helpline { region: Region::Uk, id: "childline".into() });
//! ```
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

mod index;
pub mod synonyms;
pub mod text;

use serde::{Deserialize, Serialize};

pub use harbour_guide::{Audience, Guide, Region};
pub use index::Index;

/// Who is searching and where they live, as chosen in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The reader, if they said; `None` ranks every audience alike.
    pub audience: Option<Audience>,
    /// The reader's region: its helplines and reporting routes come first.
    pub region: Region,
}

impl Default for Context {
    /// No audience chosen, in the UK (Harbour's default region).
    fn default() -> Context {
        Context {
            audience: None,
            region: Region::Uk,
        }
    }
}

/// What kind of thing a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    /// An article.
    Article,
    /// One step of a checklist.
    ChecklistItem,
    /// A helpline or service of one region.
    Helpline,
}

impl HitKind {
    /// The name used in JSON and in the synonym table (`checklist-item`).
    pub fn code(self) -> &'static str {
        match self {
            HitKind::Article => "article",
            HitKind::ChecklistItem => "checklist-item",
            HitKind::Helpline => "helpline",
        }
    }
}

/// What the UI needs to open a result. Serialised with a `kind` tag beside the ids:
/// `{"kind":"article","id":"right-now"}`,
/// `{"kind":"checklist-item","checklist_id":"threatened","item_id":"dont-pay"}`,
/// `{"kind":"helpline","region":"uk","id":"childline"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Target {
    /// An article, by id (`Guide::article`).
    Article {
        /// The article's id.
        id: String,
    },
    /// A step of a checklist (`Guide::checklist`, then the item).
    ChecklistItem {
        /// The checklist's id.
        checklist_id: String,
        /// The step's id within that list.
        item_id: String,
    },
    /// A helpline (`Guide::helplines(region)`, then the id).
    Helpline {
        /// The region whose list it is in.
        region: Region,
        /// Its id within that region's list.
        id: String,
    },
}

impl Target {
    /// The kind of thing this opens.
    pub fn kind(&self) -> HitKind {
        match self {
            Target::Article { .. } => HitKind::Article,
            Target::ChecklistItem { .. } => HitKind::ChecklistItem,
            Target::Helpline { .. } => HitKind::Helpline,
        }
    }
}

/// One search result. The target's fields are flattened into it, so the JSON reads
/// `{"kind":"article","id":"right-now","title":"…","within":null,"snippet":"…","score":3.2}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// What to open.
    #[serde(flatten)]
    pub target: Target,
    /// The article's title, the checklist step's text, or the helpline's name.
    pub title: String,
    /// For a checklist step, the title of its checklist (steps in different lists can read the
    /// same); `None` otherwise.
    pub within: Option<String>,
    /// A short piece of plain text (no HTML) to show under the title: for an article, the
    /// sentence that best matches the query; for a step, why it matters; for a helpline, how to
    /// reach it and what it is for.
    pub snippet: String,
    /// How well it matches, higher first. Only meaningful within one search.
    pub score: f32,
}

impl Hit {
    /// The kind of thing this result opens.
    pub fn kind(&self) -> HitKind {
        self.target.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_serialise_with_a_kind_tag_and_ids() {
        let hit = Hit {
            target: Target::ChecklistItem {
                checklist_id: "threatened".into(),
                item_id: "dont-pay".into(),
            },
            title: "Don't pay them anything.".into(),
            within: Some("Someone is threatening to share my pictures".into()),
            snippet: "Paying does not make it stop.".into(),
            score: 1.5,
        };
        let json = serde_json::to_value(&hit).unwrap();
        assert_eq!(json["kind"], "checklist-item");
        assert_eq!(json["checklist_id"], "threatened");
        assert_eq!(json["item_id"], "dont-pay");
        assert_eq!(json["score"], 1.5);
        let back: Hit = serde_json::from_value(json).unwrap();
        assert_eq!(back, hit);

        let helpline = Target::Helpline {
            region: Region::Ie,
            id: "hotline-ie".into(),
        };
        assert_eq!(
            serde_json::to_string(&helpline).unwrap(),
            r#"{"kind":"helpline","region":"ie","id":"hotline-ie"}"#
        );
        assert_eq!(helpline.kind().code(), "helpline");
    }

    #[test]
    fn the_default_context_is_the_uk_with_no_audience() {
        assert_eq!(
            Context::default(),
            Context {
                audience: None,
                region: Region::Uk
            }
        );
    }
}
