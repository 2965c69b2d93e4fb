//! Reading the guide: the home routes and the articles. A thin layer over `harbour-guide`.

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use harbour_guide::{fits, Article, Guide, Helpline, Route};
use harbour_policy::OrgContact;
use harbour_words::{Audience, Region};

use crate::error::UiError;
use crate::settings::SettingsState;

/// The guide, loaded once at start. Kept as a `Result` so a damaged build still opens and
/// explains itself rather than crashing.
pub struct GuideState(pub Result<Guide, String>);

impl GuideState {
    /// Loads the guide compiled into the binary.
    pub fn bundled() -> Self {
        GuideState(Guide::bundled().map_err(|e| e.to_string()))
    }

    /// The guide, or the error the page shows if the bundled content is damaged.
    pub fn guide(&self) -> Result<&Guide, UiError> {
        self.0.as_ref().map_err(|_| UiError::damaged_content())
    }

    /// Every checklist (none if the content is damaged).
    pub fn checklists(&self) -> &[harbour_guide::Checklist] {
        self.0.as_ref().map(Guide::checklists).unwrap_or(&[])
    }
}

/// The reader's region and audience, from settings.
pub fn reader<R: Runtime>(app: &AppHandle<R>) -> (Region, Option<Audience>) {
    app.try_state::<SettingsState>()
        .map(|s| {
            let s = s.get();
            (s.region, s.audience)
        })
        .unwrap_or_default()
}

/// The organisation's own contact (a school's safeguarding lead), shown before helplines.
fn organisation_contact<R: Runtime>(app: &AppHandle<R>) -> Option<OrgContact> {
    app.try_state::<SettingsState>()
        .and_then(|s| s.organisation().contact().cloned())
}

/// An article as listed under a route: enough to choose it.
#[derive(Debug, Serialize)]
pub struct ArticleCard {
    id: String,
    title: String,
    summary: String,
    /// Written for the chosen audience (always true when none is chosen).
    fits: bool,
}

fn card(article: &Article, audience: Option<Audience>) -> ArticleCard {
    ArticleCard {
        id: article.id.clone(),
        title: article.title.clone(),
        summary: article.summary.clone(),
        fits: fits(article, audience),
    }
}

/// A route with its articles: those for the reader's region, what fits their audience first;
/// then those written for other countries, so nothing is hidden.
#[derive(Debug, Serialize)]
pub struct RouteView {
    #[serde(flatten)]
    route: Route,
    cards: Vec<ArticleCard>,
    other_regions: Vec<ArticleCard>,
}

/// The home screen: "What is happening?" and, below the answers, who to call right now.
#[derive(Debug, Serialize)]
pub struct HomeView {
    /// The answers to "What is happening?", those with most articles for the chosen audience
    /// first (order otherwise as written; see `Guide::routes_for`).
    routes: Vec<Route>,
    /// The reader's region, whose numbers these are.
    region: Region,
    /// Who to call right now in the reader's region: the emergency number, then the 24-hour
    /// crisis lines, from the region's helplines file (never written into the page).
    helplines: Vec<Helpline>,
    /// The organisation's own contact, shown first when a policy sets one.
    organisation_contact: Option<OrgContact>,
}

/// The home screen, for the reader's region and audience.
#[tauri::command]
pub fn home<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, GuideState>,
) -> Result<HomeView, UiError> {
    let guide = state.guide()?;
    let (region, audience) = reader(&app);
    Ok(HomeView {
        routes: guide.routes_for(audience).into_iter().cloned().collect(),
        region,
        helplines: guide
            .emergency_contacts(region)
            .into_iter()
            .cloned()
            .collect(),
        organisation_contact: organisation_contact(&app),
    })
}

/// One route and the articles it leads to, for the reader's region and audience (see
/// `Guide::route_for`).
#[tauri::command]
pub fn route<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, GuideState>,
    id: String,
) -> Result<RouteView, UiError> {
    let (region, audience) = reader(&app);
    let found = state.guide()?.route_for(&id, region, audience)?;
    let cards = |articles: Vec<&Article>| articles.into_iter().map(|a| card(a, audience)).collect();
    Ok(RouteView {
        route: found.route.clone(),
        cards: cards(found.here),
        other_regions: cards(found.elsewhere),
    })
}

/// An article with the helplines for the reader's region.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    #[serde(flatten)]
    article: Article,
    /// Who to contact, for the chosen region.
    helplines: Vec<Helpline>,
    /// The chosen region's code, and whether the article is written for it.
    region: Region,
    for_this_region: bool,
    /// The organisation's own safeguarding contact, shown before the helplines.
    organisation_contact: Option<OrgContact>,
}

/// One article, rendered, with the region's helplines.
#[tauri::command]
pub fn article<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, GuideState>,
    id: String,
) -> Result<ArticleView, UiError> {
    let guide = state.guide()?;
    let (region, _) = reader(&app);
    let article = guide.article(&id)?.clone();
    let helplines = guide
        .contacts_for_article(&id, region)?
        .into_iter()
        .cloned()
        .collect();
    let organisation_contact = organisation_contact(&app);
    Ok(ArticleView {
        organisation_contact,
        for_this_region: article.regions.contains(&region),
        article,
        helplines,
        region,
    })
}

/// Every helpline for the reader's region, with the organisation's contact first.
#[derive(Debug, Serialize)]
pub struct HelplinesView {
    region: Region,
    helplines: Vec<Helpline>,
    organisation_contact: Option<OrgContact>,
}

/// The "Who can help" screen.
#[tauri::command]
pub fn helplines<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, GuideState>,
) -> Result<HelplinesView, UiError> {
    let guide = state.guide()?;
    let (region, _) = reader(&app);
    Ok(HelplinesView {
        region,
        helplines: guide.helplines(region).to_vec(),
        organisation_contact: organisation_contact(&app),
    })
}
