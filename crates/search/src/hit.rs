//! What a search is asked and what it answers: the reader's [`Context`] and the [`Hit`]s, each
//! with the [`Target`] the UI opens. Kept apart from the search itself so every other module can
//! use these types without depending on the index; `lib.rs` re-exports them.

use harbour_words::{Audience, Region};
use serde::{Deserialize, Serialize};

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
