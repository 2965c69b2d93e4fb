//! What can be wrong with the content, said so that whoever edits `content/` can fix it.

use std::fmt;

use harbour_words::Region;

use crate::kind::HelplineKind;

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
// Each variant's doc says what its fields hold; a line per field would only repeat their names.
#[allow(missing_docs)]
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
    /// A checklist, helplines or do-not-publish file is not valid TOML for its kind (unknown key,
    /// wrong type, unknown helpline kind...).
    MalformedFile(String),
    /// A file the guide needs does not exist (a region's helplines, the do-not-publish list).
    MissingFile,
    /// A required field of one entry (a checklist item, a helpline) is empty.
    EmptyEntryField { entry: String, field: &'static str },
    /// Two entries in one file (checklist items, helplines of a region) share an id.
    DuplicateEntry(String),
    /// An entry is unusable for the reason given (a helpline nobody can reach, a phone field
    /// that is not one number...).
    BadEntry { entry: String, why: String },
    /// A checklist with too few steps to be worth ticking.
    TooFewItems { found: usize, min: usize },
    /// A checklist item links to an article that does not exist.
    UnknownChecklistArticle { item: String, article: String },
    /// A checklist names a home route that does not exist.
    UnknownChecklistRoute(String),
    /// A helplines file says a different region from its file name.
    WrongRegion { region: String, file_stem: String },
    /// A phone number in the text is not in any helplines file, so nobody has checked it against
    /// the fact sheet.
    UnknownPhoneNumber(String),
    /// The article was last reviewed longer ago than the content checks allow.
    StaleReview {
        reviewed: String,
        oldest_allowed: String,
    },
    /// The review date is after today: most likely a typo.
    FutureReview { reviewed: String, today: String },
    /// A young-person article scores below the readability threshold (both in tenths, so the
    /// error can be compared exactly).
    HardToRead { score_tenths: i64, min_tenths: i64 },
    /// The text says something the fact sheet marks DO NOT PUBLISH.
    DoNotPublish { why: String, excerpt: String },
    /// The article asks for helplines of a kind its region has none of.
    ContactsUnavailable { kind: HelplineKind, region: Region },
    /// A phone number shown to readers in `region` belongs to another region's helplines only.
    PhoneNumberNotInRegion { number: String, region: Region },
    /// Another region's emergency number (999, 112, 911, 000) is shown to readers in `region`.
    WrongEmergencyNumber { number: String, region: Region },
    /// In `region`, the route's first article is `first` (`None`: it has none there), not a
    /// do-now page.
    RouteStartsWithoutDoNow {
        route: String,
        region: Region,
        first: Option<String>,
    },
    /// None of the first `steps` steps of a do-now page gives `region`'s emergency number or a
    /// crisis line of that region.
    NoCrisisHelpFirst { region: Region, steps: usize },
    /// In the list `list`, the step `step` says to block before any step says to keep evidence.
    BlockBeforeEvidence { list: String, step: String },
    /// A service is named by a name it no longer has.
    RetiredName { name: String, instead: String },
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
            Problem::DuplicateId(id) => write!(f, "id `{id}` is used by another file too"),
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
            Problem::MalformedFile(why) => write!(f, "the file is malformed: {why}"),
            Problem::MissingFile => write!(f, "this file is missing, and the guide needs it"),
            Problem::EmptyEntryField { entry, field } => {
                write!(f, "entry `{entry}`: required field `{field}` is empty")
            }
            Problem::DuplicateEntry(id) => write!(f, "entry id `{id}` is used twice in this file"),
            Problem::BadEntry { entry, why } => write!(f, "entry `{entry}`: {why}"),
            Problem::TooFewItems { found, min } => write!(
                f,
                "the checklist has {found} item(s); a checklist needs at least {min}"
            ),
            Problem::UnknownChecklistArticle { item, article } => write!(
                f,
                "item `{item}` links to article `{article}`, which does not exist"
            ),
            Problem::UnknownChecklistRoute(route) => write!(
                f,
                "the checklist names route `{route}`, which is not in content/routes.toml"
            ),
            Problem::WrongRegion { region, file_stem } => write!(
                f,
                "the file says `region = \"{region}\"` but is named `{file_stem}.toml`"
            ),
            Problem::UnknownPhoneNumber(number) => write!(
                f,
                "phone number `{number}` is not in any content/helplines file: check it against \
                 shared/reference/facts.md and add it to the helplines first (if it is not a \
                 phone number, see the detector's rules in crates/guide/src/phone.rs)"
            ),
            Problem::StaleReview {
                reviewed,
                oldest_allowed,
            } => write!(
                f,
                "last reviewed {reviewed}; check it against its sources again and update \
                 `reviewed` (the oldest date allowed today is {oldest_allowed})"
            ),
            Problem::FutureReview { reviewed, today } => write!(
                f,
                "`reviewed = \"{reviewed}\"` is after today ({today}): is it a typo?"
            ),
            Problem::HardToRead {
                score_tenths,
                min_tenths,
            } => write!(
                f,
                "Flesch reading ease is {:.1}, below the {:.1} young-person articles need: use \
                 shorter sentences and shorter, everyday words",
                *score_tenths as f64 / 10.0,
                *min_tenths as f64 / 10.0,
            ),
            Problem::DoNotPublish { why, excerpt } => write!(
                f,
                "says something marked DO NOT PUBLISH ({why}): \"{excerpt}\""
            ),
            Problem::ContactsUnavailable { kind, region } => write!(
                f,
                "`contacts` asks for `{}` helplines, but content/helplines/{}.toml has none",
                kind.code(),
                region.as_str()
            ),
            Problem::PhoneNumberNotInRegion { number, region } => write!(
                f,
                "shows `{number}` to readers in `{region}`, but content/helplines/{region}.toml \
                 does not have it: use that region's number, or keep the article to the regions \
                 whose number it is",
                region = region.as_str()
            ),
            Problem::WrongEmergencyNumber { number, region } => write!(
                f,
                "shows the emergency number `{number}` to readers in `{}`, where it is not \
                 theirs (999: UK and Ireland; 112: Ireland; 911: USA and Canada; 000: Australia)",
                region.as_str()
            ),
            Problem::RouteStartsWithoutDoNow {
                route,
                region,
                first,
            } => match first {
                Some(first) => write!(
                    f,
                    "route `{route}` starts with `{first}` for readers in `{}`: its first article \
                     there must be a do-now page (`kind = \"do-now\"`)",
                    region.as_str()
                ),
                None => write!(
                    f,
                    "route `{route}` has no article for readers in `{}`: add a do-now page for \
                     that region first",
                    region.as_str()
                ),
            },
            Problem::NoCrisisHelpFirst { region, steps } => write!(
                f,
                "none of the first {steps} steps gives readers in `{}` their emergency number \
                 or a crisis line from content/helplines/{}.toml: say early who to call now if \
                 they feel like hurting themselves",
                region.as_str(),
                region.as_str()
            ),
            Problem::BlockBeforeEvidence { list, step } => write!(
                f,
                "{list}: \"{step}\" says to block before any step says to save evidence \
                 (screenshots first: once blocked, the profile and its link may be gone)"
            ),
            Problem::RetiredName { name, instead } => {
                write!(f, "names \"{name}\", which no longer exists: say {instead}")
            }
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
    /// No checklist has this id.
    UnknownChecklist(String),
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
            LookupError::UnknownChecklist(id) => {
                write!(f, "There is no checklist called \"{}\".", shorten(id))
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// Ids come from the UI and could be anything; never echo more than a short, printable piece.
fn shorten(id: &str) -> String {
    harbour_words::shorten(id, 40)
}
