//! Search: finds articles, checklist steps and helplines as the person types, misspelt or in
//! everyday words, with what fits their audience and region first (`harbour-search`).
//!
//! What someone searches for is never written anywhere: not to disk, not to a log. The query
//! lives only for the length of this call.

use harbour_search::{Context, Hit, Index};
use tauri::{AppHandle, Runtime, State};

use crate::guide::{reader, GuideState};

/// How many results the page shows.
const LIMIT: usize = 8;

/// The search index, built once from the bundled guide at start (a few milliseconds).
pub struct SearchState(Option<Index>);

impl SearchState {
    /// Builds the index; without a guide (damaged content) search finds nothing.
    pub fn new(guide: &GuideState) -> Self {
        SearchState(guide.guide().ok().map(Index::new))
    }
}

/// Results for what has been typed so far.
#[tauri::command]
pub fn search<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SearchState>,
    query: String,
) -> Vec<Hit> {
    let Some(index) = &state.0 else {
        return Vec::new();
    };
    let (region, audience) = reader(&app);
    let context = Context { audience, region };
    index.search(&query, &context, LIMIT)
}
