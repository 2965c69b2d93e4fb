//! What can be wrong with the content, said so that whoever edits `content/` can fix it.

use std::fmt;

/// One problem in one content file. The suite fails on any of these, and the message names the
/// file first so an editor can jump to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Path of the file relative to the repository, e.g. `content/articles/right-now.md`.
    pub file: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// The kinds of problem the content checks look for. Each one is a way a person could be shown
/// wrong, empty or unsafe advice, which is why they fail the build's tests rather than warn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file does not start with a `+++` line, or the closing `+++` is missing.
    MissingFrontMatter,
    /// The front matter is not valid TOML for an article (unknown key, wrong type...).
    MalformedFrontMatter(String),
    /// A required field is present but empty.
    EmptyField(&'static str),
    /// The `id` is not made of a-z, 0-9 and '-', or does not match the file name.
    BadId(String),
    /// Two files use the same id.
    DuplicateId(String),
    /// The `reviewed` date is not a real YYYY-MM-DD date.
    BadDate(String),
    /// The article names no source.
    NoSources,
    /// A source has no title or no http(s) URL.
    BadSource(String),
    /// The Markdown body contains raw HTML, which Harbour never renders.
    RawHtml(String),
    /// A link of the form `article:ID` points at an article that does not exist.
    UnknownArticleLink(String),
    /// A link that is neither `article:ID` nor http(s).
    UnsupportedLink(String),
    /// An image in the body: images would have to be bundled or fetched, and neither is set up.
    Image(String),
    /// A top-level `#` heading in the body: the title is the article's only top heading.
    TopHeading,
    /// A route in `routes.toml` names an article that does not exist.
    UnknownRouteArticle { route: String, article: String },
    /// Two routes share an id.
    DuplicateRoute(String),
    /// `routes.toml` is missing or is not valid.
    MalformedRoutes(String),
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingFrontMatter => write!(
                f,
                "front matter is missing: the file must start with a line `+++`, then TOML, then `+++`"
            ),
            Problem::MalformedFrontMatter(why) => write!(f, "front matter is malformed: {why}"),
            Problem::EmptyField(field) => write!(f, "required field `{field}` is empty"),
            Problem::BadId(why) => write!(f, "bad id: {why}"),
            Problem::DuplicateId(id) => write!(f, "id `{id}` is used by another article too"),
            Problem::BadDate(date) => {
                write!(f, "`reviewed` must be a real date as YYYY-MM-DD, not `{date}`")
            }
            Problem::NoSources => write!(f, "the article has no source: add at least one [[sources]]"),
            Problem::BadSource(why) => write!(f, "bad source: {why}"),
            Problem::RawHtml(html) => write!(f, "raw HTML is not allowed in articles: `{}`", html.trim()),
            Problem::UnknownArticleLink(id) => {
                write!(f, "link to `article:{id}`, but no article has that id")
            }
            Problem::UnsupportedLink(url) => write!(
                f,
                "link `{url}` is neither `article:ID` nor an http(s) address"
            ),
            Problem::Image(url) => write!(f, "images are not supported in articles: `{url}`"),
            Problem::TopHeading => write!(
                f,
                "the body uses a `#` heading: start body headings at `##` (the title is the `#`)"
            ),
            Problem::UnknownRouteArticle { route, article } => write!(
                f,
                "route `{route}` lists article `{article}`, which does not exist"
            ),
            Problem::DuplicateRoute(id) => write!(f, "route id `{id}` is used twice"),
            Problem::MalformedRoutes(why) => write!(f, "routes file is malformed: {why}"),
        }
    }
}

impl std::error::Error for ContentError {}

/// Every problem found in one pass, so an editor sees them all at once instead of one per run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in Harbour's content:", self.0.len())?;
        for error in &self.0 {
            writeln!(f, "- {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

/// A request for something the guide does not have. The UI shows it as a calm "not found" page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// No article has this id.
    UnknownArticle(String),
    /// No home route has this id.
    UnknownRoute(String),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::UnknownArticle(id) => {
                write!(f, "There is no article called \"{}\".", shorten(id))
            }
            LookupError::UnknownRoute(id) => {
                write!(f, "There is no topic called \"{}\".", shorten(id))
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// Ids come from the UI and could be anything; never echo more than a short, printable piece.
fn shorten(id: &str) -> String {
    let cleaned: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
    if cleaned.len() < id.len() {
        format!("{cleaned}…")
    } else {
        cleaned
    }
}
