//! The checks every place a policy can come from shares: a word from a closed set, and text for
//! the screen. The policy file (`parse`), the Windows registry (`registry`) and macOS managed
//! preferences (`managed`) differ only in how values are typed; what a valid value is, and the
//! message when it is not, is decided here once.

use harbour_words::names;

use crate::{ProblemKind, MAX_TEXT_CHARS};

/// The policy's keys, in the file's vocabulary: what [`crate::Policy::managed_keys`] names,
/// what [`crate::Loaded::sources`] is keyed by, and what the registry and managed preferences
/// are checked against.
pub const POLICY_KEYS: &[&str] = &[
    "region",
    "default_audience",
    "dont_save",
    "escape_scope",
    "after_exit",
    "contact",
];

/// The keys inside `contact`.
pub const CONTACT_KEYS: &[&str] = &["name", "how_to_reach", "hours"];

/// A key older versions accepted that no longer does anything. It is reported as having no
/// effect (not as unknown), so IT staff know the policy is fine and why the entry can go.
pub(crate) const RETIRED_EXTERNAL_LINKS: &str = "external_links";

/// A word from `all`, or the problem to report. `text` is `None` when the value was not text at
/// all (then the hint says to write it as text).
pub(crate) fn choice<T: Copy + std::fmt::Display>(
    key: &str,
    text: Option<&str>,
    all: &[T],
    from_name: fn(&str) -> Option<T>,
    not_text_hint: &'static str,
) -> Result<T, ProblemKind> {
    if let Some(found) = text.and_then(from_name) {
        return Ok(found);
    }
    let hint = match text {
        Some(text)
            if key == "region"
                && ["gb", "en", "england", "scotland", "wales", "ni"]
                    .iter()
                    .any(|gb| text.trim().eq_ignore_ascii_case(gb)) =>
        {
            Some("use uk for anywhere in the United Kingdom")
        }
        Some(_) => None,
        None => Some(not_text_hint),
    };
    Err(ProblemKind::BadValue {
        key: key.to_string(),
        allowed: names(all),
        hint,
    })
}

/// Text for the screen: trimmed, Windows line ends made plain, not empty, not over
/// [`MAX_TEXT_CHARS`], and free of control characters except line breaks and tabs.
pub(crate) fn text(key: &str, raw: &str) -> Result<String, ProblemKind> {
    let text = raw.replace("\r\n", "\n").trim().to_string();
    let key = key.to_string();
    let chars = text.chars().count();
    if text.is_empty() {
        Err(ProblemKind::EmptyText { key })
    } else if chars > MAX_TEXT_CHARS {
        Err(ProblemKind::TooLong { key, chars })
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Err(ProblemKind::ControlCharacter { key })
    } else {
        Ok(text)
    }
}

/// A known key that `name` is probably a misspelling of: the same but for case, `-` for `_`,
/// up to two letters wrong, or the end of a longer key (`audience` for `default_audience`).
pub(crate) fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let normal = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    known.iter().copied().find(|key| {
        normal == *key
            || edit_distance(&normal, key) <= 2
            || (normal.len() >= 4 && key.ends_with(&format!("_{normal}")))
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use harbour_words::Region;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("regoin", POLICY_KEYS), Some("region"));
        assert_eq!(suggest("Region", POLICY_KEYS), Some("region"));
        assert_eq!(suggest("dont-save", POLICY_KEYS), Some("dont_save"));
        assert_eq!(suggest("audience", POLICY_KEYS), Some("default_audience"));
        assert_eq!(suggest("how-to-reach", CONTACT_KEYS), Some("how_to_reach"));
        assert_eq!(suggest("email", CONTACT_KEYS), None);
        assert_eq!(suggest("colour", POLICY_KEYS), None);
    }

    #[test]
    fn choices_and_text() {
        let region = |text| choice("region", text, Region::ALL, Region::from_name, "in quotes");
        assert_eq!(region(Some(" IE ")), Ok(Region::Ie));
        assert!(
            matches!(region(Some("gb")), Err(ProblemKind::BadValue { hint: Some(h), .. }) if h.contains("uk"))
        );
        assert!(matches!(
            region(None),
            Err(ProblemKind::BadValue {
                hint: Some("in quotes"),
                ..
            })
        ));
        assert_eq!(text("k", "  a\r\nb "), Ok("a\nb".to_string()));
        assert!(matches!(text("k", " "), Err(ProblemKind::EmptyText { .. })));
        assert!(matches!(
            text("k", "a\u{7}"),
            Err(ProblemKind::ControlCharacter { .. })
        ));
    }
}
