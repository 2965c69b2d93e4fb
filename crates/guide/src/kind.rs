//! The kinds of helpline, below everything else in this crate: articles name the kinds they
//! list, helplines have them, errors mention them.

use serde::{Deserialize, Serialize};

/// What a helpline is for. Articles name the kinds they want listed below their body
/// (`contacts = [...]`), and the UI shows the reader's region's helplines of those kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HelplineKind {
    /// For someone in danger right now (999, 112, 911, 000).
    Emergency,
    /// The police, emergency or not.
    Police,
    /// A place to report abuse, blackmail or an image (CEOP, CyberTipline, eSafety...).
    Report,
    /// A tool that helps get an image taken down or blocked.
    Removal,
    /// Someone to talk to when it all feels too much.
    Crisis,
    /// Only or mainly for children and young people.
    YoungPeople,
    /// Only or mainly for adults.
    Adults,
    /// Reporting fraud and scams.
    Fraud,
}

impl HelplineKind {
    /// The name used in content files (`young-people`).
    pub fn code(self) -> &'static str {
        match self {
            HelplineKind::Emergency => "emergency",
            HelplineKind::Police => "police",
            HelplineKind::Report => "report",
            HelplineKind::Removal => "removal",
            HelplineKind::Crisis => "crisis",
            HelplineKind::YoungPeople => "young-people",
            HelplineKind::Adults => "adults",
            HelplineKind::Fraud => "fraud",
        }
    }
}

/// What a page (an article or a checklist) is for, written `kind = "..."` in its file.
///
/// A **do-now** page is where a frightened reader starts: its first steps say what to do right
/// now, for one region, with that region's emergency number or 24-hour line among them. Every
/// urgent home route must start with one in every region, and the content checks hold do-now
/// pages to that (see `content/README.md`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// Explains, in more depth (the default).
    #[default]
    Guide,
    /// What to do right now: the first page of a route.
    DoNow,
}

impl PageKind {
    /// The name used in content files (`do-now`).
    pub fn code(self) -> &'static str {
        match self {
            PageKind::Guide => "guide",
            PageKind::DoNow => "do-now",
        }
    }
}
