//! Reading every content file into a [`Guide`], collecting every problem with its file name
//! rather than stopping at the first, so an editor sees them all in one run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use harbour_words::{is_slug, Region};

use crate::article::{self, Article};
use crate::checklist::{self, Checklist};
use crate::do_not_publish::{self, Rules};
use crate::error::{ContentError, Problem};
use crate::helpline::{self, Helpline};
use crate::render;
use crate::route;
use crate::{ContentFile, ContentFiles, Guide};

/// What the content checks need besides the public data: where each thing came from (for
/// error messages) and the plain text of each article body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras {
    /// Article id → file path.
    pub article_paths: BTreeMap<String, String>,
    /// Article id → body as plain text, one block per line.
    pub article_texts: BTreeMap<String, String>,
    /// Article id → the lists in its body, each as its items' plain text.
    pub article_lists: BTreeMap<String, Vec<Vec<String>>>,
    /// Path of the routes file.
    pub routes_path: String,
    /// Checklist id → file path.
    pub checklist_paths: BTreeMap<String, String>,
    /// Region → path of its helplines file.
    pub helpline_paths: BTreeMap<Region, String>,
    /// The do-not-publish rules and their file's path, if the file was given.
    pub do_not_publish: Option<(String, Rules)>,
}

impl Extras {
    pub(crate) fn article_text(&self, id: &str) -> Option<&str> {
        self.article_texts.get(id).map(String::as_str)
    }
}

/// Collects problems for one file.
struct Report<'e> {
    errors: &'e mut Vec<ContentError>,
}

impl Report<'_> {
    fn add(&mut self, file: &str, problem: Problem) {
        self.errors.push(ContentError {
            file: file.to_string(),
            problem,
        });
    }
}

fn stem(path: &str) -> &str {
    Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

pub(crate) fn load(files: ContentFiles) -> Result<Guide, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut extras = Extras::default();
    let mut report = Report {
        errors: &mut errors,
    };

    let articles = load_articles(files.articles, &mut extras, &mut report);
    let known: BTreeSet<&str> = files.articles.iter().map(|f| stem(f.path)).collect();

    let routes = match files.routes {
        None => {
            report.add(
                "content/routes.toml",
                Problem::MalformedRoutes("the file is missing".into()),
            );
            Vec::new()
        }
        Some(file) => {
            extras.routes_path = file.path.to_string();
            load_routes(file, &known, &mut report)
        }
    };
    let route_ids: BTreeSet<&str> = routes.iter().map(|r| r.id.as_str()).collect();

    let checklists = load_checklists(
        files.checklists,
        &known,
        &route_ids,
        &mut extras,
        &mut report,
    );
    let helplines = load_helplines(files.helplines, &mut extras, &mut report);

    if let Some(file) = files.do_not_publish {
        match do_not_publish::parse(file.text) {
            Ok(rules) => extras.do_not_publish = Some((file.path.to_string(), rules)),
            Err(problems) => problems.into_iter().for_each(|p| report.add(file.path, p)),
        }
    }

    if errors.is_empty() {
        Ok(Guide {
            articles,
            routes,
            checklists,
            helplines,
            extras,
        })
    } else {
        Err(errors)
    }
}

fn load_articles(
    files: &[ContentFile],
    extras: &mut Extras,
    report: &mut Report,
) -> BTreeMap<String, Article> {
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    let mut links: Vec<(String, String)> = Vec::new(); // (file, target id)

    for file in files {
        let (front_text, body) = match article::split_front_matter(file.text) {
            Ok(parts) => parts,
            Err(problem) => {
                report.add(file.path, problem);
                continue;
            }
        };
        let front = match article::parse_front_matter(front_text) {
            Ok(front) => front,
            Err(problem) => {
                report.add(file.path, problem);
                continue;
            }
        };
        let mut problems = article::check_fields(&front, stem(file.path));
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
            problems.into_iter().for_each(|p| report.add(file.path, p));
            continue;
        }
        extras
            .article_paths
            .insert(front.id.clone(), file.path.to_string());
        extras
            .article_texts
            .insert(front.id.clone(), rendered.plain);
        extras
            .article_lists
            .insert(front.id.clone(), rendered.lists);
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
                contacts: front.contacts,
                kind: front.kind,
                body_html: rendered.html,
            },
        );
    }

    let known: BTreeSet<&str> = files.iter().map(|f| stem(f.path)).collect();
    for (file, target) in links {
        if !known.contains(target.as_str()) {
            report.add(&file, Problem::UnknownArticleLink(target));
        }
    }
    articles
}

fn load_routes(
    file: ContentFile,
    known: &BTreeSet<&str>,
    report: &mut Report,
) -> Vec<route::Route> {
    let mut fail = |problem| report.add(file.path, problem);
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
        if !is_slug(&route.id) {
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

fn load_checklists(
    files: &[ContentFile],
    articles: &BTreeSet<&str>,
    routes: &BTreeSet<&str>,
    extras: &mut Extras,
    report: &mut Report,
) -> Vec<Checklist> {
    let mut lists: Vec<Checklist> = Vec::new();
    for file in files {
        let list = match checklist::parse(file.text, stem(file.path)) {
            Ok(list) => list,
            Err(problems) => {
                problems.into_iter().for_each(|p| report.add(file.path, p));
                continue;
            }
        };
        let mut problems = Vec::new();
        if lists.iter().any(|l| l.id == list.id) {
            problems.push(Problem::DuplicateId(list.id.clone()));
        }
        for route in &list.routes {
            if !routes.contains(route.as_str()) {
                problems.push(Problem::UnknownChecklistRoute(route.clone()));
            }
        }
        for item in &list.items {
            for article in item.articles() {
                if !articles.contains(article) {
                    problems.push(Problem::UnknownChecklistArticle {
                        item: item.id.clone(),
                        article: article.to_string(),
                    });
                }
            }
        }
        if problems.is_empty() {
            extras
                .checklist_paths
                .insert(list.id.clone(), file.path.to_string());
            lists.push(list);
        } else {
            problems.into_iter().for_each(|p| report.add(file.path, p));
        }
    }
    lists.sort_by(|a, b| a.id.cmp(&b.id));
    lists
}

fn load_helplines(
    files: &[ContentFile],
    extras: &mut Extras,
    report: &mut Report,
) -> BTreeMap<Region, Vec<Helpline>> {
    let mut by_region: BTreeMap<Region, Vec<Helpline>> = BTreeMap::new();
    for file in files {
        match helpline::parse(file.text, stem(file.path)) {
            Ok(parsed) if by_region.contains_key(&parsed.region) => {
                report.add(
                    file.path,
                    Problem::DuplicateId(parsed.region.as_str().to_string()),
                );
            }
            Ok(parsed) => {
                extras
                    .helpline_paths
                    .insert(parsed.region, file.path.to_string());
                by_region.insert(parsed.region, parsed.helplines);
            }
            Err(problems) => problems.into_iter().for_each(|p| report.add(file.path, p)),
        }
    }
    by_region
}
