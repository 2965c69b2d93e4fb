//! Reading the guide: the home routes and the articles. A thin layer over `harbour-guide`.

use serde::Serialize;
use tauri::State;

use harbour_guide::{Article, Guide, Route};

use crate::error::UiError;

/// The guide, loaded once at start. Kept as a `Result` so a damaged build still opens and
/// explains itself rather than crashing.
pub struct GuideState(pub Result<Guide, String>);

impl GuideState {
    /// Loads the guide compiled into the binary.
    pub fn bundled() -> Self {
        GuideState(Guide::bundled().map_err(|e| e.to_string()))
    }

    fn guide(&self) -> Result<&Guide, UiError> {
        self.0.as_ref().map_err(|_| UiError::damaged_content())
    }
}

/// An article as listed under a route: enough to choose it.
#[derive(Debug, Serialize)]
pub struct ArticleCard {
    id: String,
    title: String,
    summary: String,
}

impl From<&Article> for ArticleCard {
    fn from(article: &Article) -> Self {
        ArticleCard {
            id: article.id.clone(),
            title: article.title.clone(),
            summary: article.summary.clone(),
        }
    }
}

/// A route with its articles, in reading order.
#[derive(Debug, Serialize)]
pub struct RouteView {
    #[serde(flatten)]
    route: Route,
    cards: Vec<ArticleCard>,
}

/// The home screen's routes ("What is happening?").
#[tauri::command]
pub fn home(state: State<'_, GuideState>) -> Result<Vec<Route>, UiError> {
    Ok(state.guide()?.routes().to_vec())
}

/// One route and the articles it leads to.
#[tauri::command]
pub fn route(state: State<'_, GuideState>, id: String) -> Result<RouteView, UiError> {
    let guide = state.guide()?;
    let route = guide.route(&id)?.clone();
    let cards = route
        .articles
        .iter()
        .filter_map(|id| guide.article(id).ok())
        .map(ArticleCard::from)
        .collect();
    Ok(RouteView { route, cards })
}

/// One article, rendered.
#[tauri::command]
pub fn article(state: State<'_, GuideState>, id: String) -> Result<Article, UiError> {
    Ok(state.guide()?.article(&id)?.clone())
}
