//! The home screen's answers to "What is happening?", each leading to its articles.

use harbour_words::Audience;
use serde::{Deserialize, Serialize};

/// One answer on the home screen, as written in `content/routes.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Stable id, used in the UI's address (`#/route/ID`).
    pub id: String,
    /// The answer as a person would say it ("Someone is threatening to share...").
    pub label: String,
    /// One calm line under the label.
    #[serde(default)]
    pub hint: String,
    /// Article ids, most urgent first.
    pub articles: Vec<String>,
    /// Whether the route must start, in every region, with a do-now page (the content checks
    /// hold it to that). True unless the file says `do_now_first = false`, which only a route
    /// for planning ahead, where nobody is in danger, may do.
    #[serde(default = "yes")]
    pub do_now_first: bool,
    /// Who the route is mainly for. A reader who said who they are sees these routes first
    /// (nothing is hidden). Written in the file because "what a parent needs first" is an
    /// editorial choice, not something a count of articles can tell.
    #[serde(default)]
    pub audiences: Vec<Audience>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoutesFile {
    pub routes: Vec<Route>,
}
