//! Harbour's guide: the advice articles, the home routes that lead to them, the checklists and
//! the helplines of each region.
//!
//! All content is compiled into the binary from `content/` (see `build.rs`), parsed and checked
//! here by plain Rust that knows nothing of windows or Tauri, so it is tested in milliseconds.
//! [`Guide::bundled`] is what the app uses; [`Guide::from_files`] and [`Guide::from_content`] let
//! tests feed broken content.
//!
//! Two levels of checking, on purpose:
//!
//! - **Loading** ([`Guide::from_content`]) rejects anything that would make the guide wrong or
//!   unsafe to show: bad front matter, raw HTML, links to nothing, helplines nobody can reach.
//! - **The content checks** ([`Guide::audit`]) are editorial: phone numbers match the helplines,
//!   reviews are recent, young-person articles are easy to read, nothing marked DO NOT PUBLISH is
//!   said. They depend on today's date and on thresholds, so they fail the test suite (and so
//!   block a release) but never stop an installed copy from showing its advice.

mod article;
mod audit;
mod checklist;
mod date;
mod do_not_publish;
mod error;
mod helpline;
mod kind;
mod load;
mod phone;
pub mod readability;
mod reader;
mod render;
mod route;

use std::collections::BTreeMap;

use harbour_words::Region;

pub use article::{Article, Source};
pub use audit::{
    CRISIS_STEPS, EMERGENCY_NUMBERS, MIN_READING_EASE_YOUNG_PERSON, RETIRED_NAMES,
    REVIEW_VALID_MONTHS,
};
pub use checklist::{Checklist, ChecklistItem, ItemVariant, MIN_ITEMS as MIN_CHECKLIST_ITEMS};
pub use date::Date;
pub use error::{ContentError, ContentErrors, LookupError, Problem};
pub use helpline::Helpline;
pub use kind::{HelplineKind, PageKind};
pub use reader::{fits, RouteArticles};
pub use render::ARTICLE_SCHEME;
pub use route::Route;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// One content file handed to [`Guide::from_files`]: where it came from and what it says.
#[derive(Debug, Clone, Copy)]
pub struct ContentFile<'a> {
    /// Path relative to the repository, used in error messages.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// Every content file, by kind, for [`Guide::from_content`]. `Default` gives no files at all.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContentFiles<'a> {
    /// `content/articles/*.md`.
    pub articles: &'a [ContentFile<'a>],
    /// `content/routes.toml`; required.
    pub routes: Option<ContentFile<'a>>,
    /// `content/checklists/*.toml`.
    pub checklists: &'a [ContentFile<'a>],
    /// `content/helplines/*.toml`, one per region.
    pub helplines: &'a [ContentFile<'a>],
    /// `content/do-not-publish.toml`; only the content checks need it.
    pub do_not_publish: Option<ContentFile<'a>>,
}

/// The whole guide, checked: every article parsed and rendered, every link resolved.
#[derive(Debug, Clone)]
pub struct Guide {
    articles: BTreeMap<String, Article>,
    routes: Vec<Route>,
    checklists: Vec<Checklist>,
    helplines: BTreeMap<Region, Vec<Helpline>>,
    /// What the content checks need besides the public data.
    extras: load::Extras,
}

impl Guide {
    /// The guide compiled into this binary. Fails only if the content has a problem that the
    /// test suite would also have reported, so a release never ships with one.
    pub fn bundled() -> Result<Guide, ContentErrors> {
        let files = |list: &'static [(&'static str, &'static str)]| -> Vec<ContentFile<'static>> {
            list.iter()
                .map(|&(path, text)| ContentFile { path, text })
                .collect()
        };
        let articles = files(bundled::ARTICLES);
        let checklists = files(bundled::CHECKLISTS);
        let helplines = files(bundled::HELPLINES);
        let one = |file: Option<(&'static str, &'static str)>| {
            file.map(|(path, text)| ContentFile { path, text })
        };
        Guide::from_content(ContentFiles {
            articles: &articles,
            routes: one(bundled::ROUTES),
            checklists: &checklists,
            helplines: &helplines,
            do_not_publish: one(bundled::DO_NOT_PUBLISH),
        })
    }

    /// Builds a guide from article files and the routes file only (no checklists, no helplines),
    /// reporting every problem found.
    pub fn from_files(
        article_files: &[ContentFile],
        routes_file: Option<ContentFile>,
    ) -> Result<Guide, ContentErrors> {
        Guide::from_content(ContentFiles {
            articles: article_files,
            routes: routes_file,
            ..ContentFiles::default()
        })
    }

    /// Builds a guide from every kind of content file, reporting every problem found.
    pub fn from_content(files: ContentFiles) -> Result<Guide, ContentErrors> {
        load::load(files).map_err(ContentErrors)
    }

    /// The home routes, in the order they are shown.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// One route by id.
    pub fn route(&self, id: &str) -> Result<&Route, LookupError> {
        self.routes
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| LookupError::UnknownRoute(id.to_string()))
    }

    /// One article by id; an unknown id is an error the UI can show, never a panic.
    pub fn article(&self, id: &str) -> Result<&Article, LookupError> {
        self.articles
            .get(id)
            .ok_or_else(|| LookupError::UnknownArticle(id.to_string()))
    }

    /// Every article, ordered by id.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.articles.values()
    }

    /// Every checklist, ordered by id.
    pub fn checklists(&self) -> &[Checklist] {
        &self.checklists
    }

    /// One checklist by id; an unknown id is an error the UI can show, never a panic.
    pub fn checklist(&self, id: &str) -> Result<&Checklist, LookupError> {
        self.checklists
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| LookupError::UnknownChecklist(id.to_string()))
    }

    /// One checklist as a reader in `region` sees it: each step's text, why and article for that
    /// region (see `[items.regions.*]` in `content/README.md`), with the same list and step ids
    /// as [`Guide::checklist`], so saved ticks still match.
    pub fn checklist_for(&self, id: &str, region: Region) -> Result<Checklist, LookupError> {
        Ok(self.checklist(id)?.for_region(region))
    }

    /// The checklists a home route offers, ordered by id. An unknown route has none.
    pub fn checklists_for_route(&self, route_id: &str) -> Vec<&Checklist> {
        self.checklists
            .iter()
            .filter(|c| c.routes.iter().any(|r| r == route_id))
            .collect()
    }

    /// The checklists with at least one step explained by this article, ordered by id, so the
    /// article view can offer "tick these off as you go". An unknown article has none.
    pub fn checklists_for_article(&self, article_id: &str) -> Vec<&Checklist> {
        self.checklists
            .iter()
            .filter(|c| {
                c.items
                    .iter()
                    .any(|i| i.articles().any(|a| a == article_id))
            })
            .collect()
    }

    /// A region's helplines, most important first (the order of its file). Empty if the region
    /// has no helplines file, which the content checks report.
    pub fn helplines(&self, region: Region) -> &[Helpline] {
        self.helplines.get(&region).map_or(&[], Vec::as_slice)
    }

    /// A region's helplines of any of these kinds, in file order.
    pub fn helplines_of_kinds(&self, region: Region, kinds: &[HelplineKind]) -> Vec<&Helpline> {
        self.helplines(region)
            .iter()
            .filter(|h| h.kinds.iter().any(|k| kinds.contains(k)))
            .collect()
    }

    /// Who to call first in `region`: its helplines of kind emergency or crisis, in file order
    /// (the emergency number first, then the 24-hour lines). For the home screen's emergency
    /// line; empty only for a region without a helplines file, which the content checks report.
    pub fn emergency_contacts(&self, region: Region) -> Vec<&Helpline> {
        self.helplines_of_kinds(region, &[HelplineKind::Emergency, HelplineKind::Crisis])
    }

    /// The helplines an article's view lists below its body for the reader's region: those of
    /// the kinds in its `contacts`, in file order. Empty when the article names no contacts.
    pub fn contacts_for_article(
        &self,
        article_id: &str,
        region: Region,
    ) -> Result<Vec<&Helpline>, LookupError> {
        let article = self.article(article_id)?;
        Ok(self.helplines_of_kinds(region, &article.contacts))
    }

    /// The Flesch reading ease of an article's body (Markdown stripped), for editors' tools and
    /// the content checks; `Ok(None)` when the body has no words. See [`readability`].
    pub fn reading_ease(&self, article_id: &str) -> Result<Option<f64>, LookupError> {
        self.article(article_id)?;
        Ok(self
            .extras
            .article_text(article_id)
            .and_then(readability::flesch_reading_ease))
    }
}
