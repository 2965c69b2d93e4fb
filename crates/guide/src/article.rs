//! One article: its front matter (who it is for, where, what it relies on) and its body.

use serde::{Deserialize, Serialize};

use harbour_words::{is_slug, is_web_address, Audience, Region};

use crate::date::Date;
use crate::error::Problem;
use crate::kind::{HelplineKind, PageKind};

/// A source the article relies on. Shown under every article so a reader (or a support worker)
/// can see where the advice comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The organisation and document, e.g. "Internet Watch Foundation: Report Remove".
    pub title: String,
    /// Its web address, shown as text; Harbour never opens it by itself.
    pub url: String,
    /// Which facts in the article this source backs.
    #[serde(default)]
    pub used_for: String,
}

/// The front matter of an article file, exactly as written between the `+++` lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub do_now: Vec<String>,
    pub audiences: Vec<Audience>,
    pub regions: Vec<Region>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub reviewed: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub contacts: Vec<HelplineKind>,
    #[serde(default)]
    pub kind: PageKind,
}

/// An article ready to show: checked front matter plus the body rendered to safe HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable id, also the file name; used in links (`article:ID`) and in the UI's address.
    pub id: String,
    /// The heading, from the reader's point of view.
    pub title: String,
    /// One or two sentences on what the article helps with.
    pub summary: String,
    /// The "Do this now" steps shown first, before the body.
    pub do_now: Vec<String>,
    /// Who it is written for.
    pub audiences: Vec<Audience>,
    /// Where it applies.
    pub regions: Vec<Region>,
    /// Words used to group and find it.
    pub topics: Vec<String>,
    /// When a person last checked it against its sources (YYYY-MM-DD).
    pub reviewed: String,
    /// What it relies on.
    pub sources: Vec<Source>,
    /// Which kinds of helpline the article view lists below the body, for the reader's chosen
    /// region (see `Guide::contacts_for_article`). Optional: an article about the quick exit, say,
    /// needs none. Kept as kinds rather than helpline ids so one article serves every region.
    pub contacts: Vec<HelplineKind>,
    /// What the page is for: `do-now` pages start the home routes (see [`PageKind`]). Optional
    /// in the file; the default is a guide page.
    pub kind: PageKind,
    /// The body as HTML produced by the Markdown renderer: no raw HTML from the file can reach it.
    pub body_html: String,
}

/// Splits `+++\nTOML\n+++\nbody` into its two parts.
pub(crate) fn split_front_matter(text: &str) -> Result<(&str, &str), Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or(Problem::MissingFrontMatter)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(Problem::MissingFrontMatter)
}

/// Parses front matter TOML, turning serde's message into one that names the problem.
pub(crate) fn parse_front_matter(toml_text: &str) -> Result<FrontMatter, Problem> {
    toml::from_str(toml_text).map_err(|e| Problem::MalformedFrontMatter(e.message().to_string()))
}

/// Checks the fields a reader depends on. Returns every problem, not just the first.
pub(crate) fn check_fields(front: &FrontMatter, file_stem: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let required: [(&'static str, bool); 6] = [
        ("id", front.id.trim().is_empty()),
        ("title", front.title.trim().is_empty()),
        ("summary", front.summary.trim().is_empty()),
        (
            "do_now",
            front.do_now.is_empty() || front.do_now.iter().any(|s| s.trim().is_empty()),
        ),
        ("audiences", front.audiences.is_empty()),
        ("regions", front.regions.is_empty()),
    ];
    problems.extend(
        required
            .into_iter()
            .filter(|(_, empty)| *empty)
            .map(|(field, _)| Problem::EmptyField(field)),
    );
    if front.reviewed.trim().is_empty() {
        problems.push(Problem::EmptyField("reviewed"));
    } else if !is_real_date(&front.reviewed) {
        problems.push(Problem::BadDate(front.reviewed.clone()));
    }
    if !front.id.is_empty() {
        if !is_slug(&front.id) {
            problems.push(Problem::BadId(format!(
                "`{}` may only use a-z, 0-9 and '-'",
                front.id
            )));
        } else if front.id != file_stem {
            problems.push(Problem::BadId(format!(
                "`{}` does not match the file name `{file_stem}.md`",
                front.id
            )));
        }
    }
    if front.sources.is_empty() {
        problems.push(Problem::NoSources);
    }
    for source in &front.sources {
        if source.title.trim().is_empty() {
            problems.push(Problem::BadSource(format!(
                "a source for `{}` has no title",
                source.url
            )));
        }
        if !is_web_address(&source.url) {
            problems.push(Problem::BadSource(format!(
                "`{}` needs an http(s) URL, not `{}`",
                source.title, source.url
            )));
        }
    }
    problems
}

/// `YYYY-MM-DD` with a month and day that exist (leap years included).
pub(crate) fn is_real_date(date: &str) -> bool {
    Date::parse(date).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let (front, body) = split_front_matter("+++\nid = \"a\"\n+++\nHello\n").unwrap();
        assert_eq!(front, "id = \"a\"\n");
        assert_eq!(body, "Hello\n");
    }

    #[test]
    fn missing_opening_or_closing_fence_is_reported() {
        assert_eq!(
            split_front_matter("Hello"),
            Err(Problem::MissingFrontMatter)
        );
        assert_eq!(
            split_front_matter("+++\nid = \"a\"\nHello"),
            Err(Problem::MissingFrontMatter)
        );
    }

    #[test]
    fn dates_must_exist() {
        assert!(is_real_date("2026-11-25"));
        assert!(is_real_date("2024-02-29"));
        assert!(!is_real_date("2026-02-29"));
        assert!(!is_real_date("2026-13-01"));
        assert!(!is_real_date("25/11/2026"));
        assert!(!is_real_date("2026-1-5"));
    }
}
