//! The home screen's answers to "What is happening?", each leading to its articles.

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoutesFile {
    pub routes: Vec<Route>,
}
