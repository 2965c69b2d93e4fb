//! Harbour's guide: the advice articles and the home routes that lead to them.
//!
//! All content is compiled into the binary from `content/` (see `build.rs`), parsed and checked
//! here by plain Rust that knows nothing of windows or Tauri, so it is tested in milliseconds.
//! [`Guide::bundled`] is what the app uses; [`Guide::from_files`] lets tests feed broken content.

mod article;
mod error;
mod render;
mod route;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use article::{Article, Audience, Region, Source};
pub use error::{ContentError, ContentErrors, LookupError, Problem};
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

/// The whole guide, checked: every article parsed and rendered, every link resolved.
#[derive(Debug, Clone)]
pub struct Guide {
    articles: BTreeMap<String, Article>,
    routes: Vec<Route>,
}

impl Guide {
    /// The guide compiled into this binary. Fails only if the content has a problem that the
    /// test suite would also have reported, so a release never ships with one.
    pub fn bundled() -> Result<Guide, ContentErrors> {
        let articles: Vec<ContentFile> = bundled::ARTICLES
            .iter()
            .map(|&(path, text)| ContentFile { path, text })
            .collect();
        let routes = bundled::ROUTES.map(|(path, text)| ContentFile { path, text });
        Guide::from_files(&articles, routes)
    }

    /// Builds a guide from article files and the routes file, reporting every problem found.
    pub fn from_files(
        article_files: &[ContentFile],
        routes_file: Option<ContentFile>,
    ) -> Result<Guide, ContentErrors> {
        let mut errors = Vec::new();
        let mut articles: BTreeMap<String, Article> = BTreeMap::new();
        let mut links: Vec<(String, String)> = Vec::new(); // (file, target id)

        for file in article_files {
            let mut fail = |problem| {
                errors.push(ContentError {
                    file: file.path.to_string(),
                    problem,
                })
            };
            let (front_text, body) = match article::split_front_matter(file.text) {
                Ok(parts) => parts,
                Err(problem) => {
                    fail(problem);
                    continue;
                }
            };
            let front = match article::parse_front_matter(front_text) {
                Ok(front) => front,
                Err(problem) => {
                    fail(problem);
                    continue;
                }
            };
            let stem = Path::new(file.path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let mut problems = article::check_fields(&front, stem);
            let rendered = render::render_body(body);
            problems.extend(rendered.problems);
            if articles.contains_key(&front.id) {
                problems.push(Problem::DuplicateId(front.id.clone()));
            }
            links.extend(
                rendered
                    .article_links
                    .into_iter()
                    .map(|target| (file.path.to_string(), target)),
            );
            if !problems.is_empty() {
                problems.into_iter().for_each(&mut fail);
                continue;
            }
            articles.insert(
                front.id.clone(),
                Article {
                    id: front.id,
                    title: front.title,
                    summary: front.summary,
                    do_now: front.do_now,
                    audiences: front.audiences,
                    regions: front.regions,
                    topics: front.topics,
                    reviewed: front.reviewed,
                    sources: front.sources,
                    body_html: rendered.html,
                },
            );
        }

        let known: BTreeSet<&str> = article_files
            .iter()
            .filter_map(|f| Path::new(f.path).file_stem().and_then(|s| s.to_str()))
            .collect();
        for (file, target) in links {
            if !known.contains(target.as_str()) {
                errors.push(ContentError {
                    file,
                    problem: Problem::UnknownArticleLink(target),
                });
            }
        }

        let routes = match routes_file {
            None => {
                errors.push(ContentError {
                    file: "content/routes.toml".into(),
                    problem: Problem::MalformedRoutes("the file is missing".into()),
                });
                Vec::new()
            }
            Some(file) => parse_routes(file, &known, &mut errors),
        };

        if errors.is_empty() {
            Ok(Guide { articles, routes })
        } else {
            Err(ContentErrors(errors))
        }
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
}

fn parse_routes(
    file: ContentFile,
    known: &BTreeSet<&str>,
    errors: &mut Vec<ContentError>,
) -> Vec<Route> {
    let mut fail = |problem| {
        errors.push(ContentError {
            file: file.path.to_string(),
            problem,
        })
    };
    let parsed: route::RoutesFile = match toml::from_str(file.text) {
        Ok(parsed) => parsed,
        Err(e) => {
            fail(Problem::MalformedRoutes(e.message().to_string()));
            return Vec::new();
        }
    };
    let mut seen = BTreeSet::new();
    for route in &parsed.routes {
        if !seen.insert(route.id.as_str()) {
            fail(Problem::DuplicateRoute(route.id.clone()));
        }
        if !article::is_slug(&route.id) {
            fail(Problem::MalformedRoutes(format!(
                "route id `{}` may only use a-z, 0-9 and '-'",
                route.id
            )));
        }
        if route.label.trim().is_empty() {
            fail(Problem::EmptyField("label"));
        }
        if route.articles.is_empty() {
            fail(Problem::EmptyField("articles"));
        }
        for article in &route.articles {
            if !known.contains(article.as_str()) {
                fail(Problem::UnknownRouteArticle {
                    route: route.id.clone(),
                    article: article.clone(),
                });
            }
        }
    }
    parsed.routes
}
