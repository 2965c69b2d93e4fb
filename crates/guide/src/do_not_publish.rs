//! Facts that must stay out of Harbour (`content/do-not-publish.toml`).
//!
//! The fact sheet marks some facts DO NOT PUBLISH because its sources disagree: telling a
//! frightened person a wrong text number or a wrong prison term is worse than saying nothing. An
//! editor working from memory could still write one in, so the rules are checked against every
//! text a reader sees. They are plain words, not regular expressions, so anyone can read and
//! extend them:
//!
//! - a **phrase** must not appear anywhere (ASCII letters compared case-insensitively);
//! - a **sentence** rule names what a sentence is `about`; such a sentence must not also mention
//!   any of `must_not_mention` (whole words or phrases) and, with `any_date = true`, no year
//!   (1900–2099) or month name. Names in `ignore` (an Act's own title with its year) are blanked
//!   out first, so "Data (Use and Access) Act 2025" alone is not taken for a date.

use serde::Deserialize;

use crate::error::Problem;

/// The rules file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rules {
    #[serde(default)]
    pub phrase: Vec<PhraseRule>,
    #[serde(default)]
    pub sentence: Vec<SentenceRule>,
}

/// Words that must never appear.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseRule {
    pub text: String,
    pub why: String,
}

/// A topic whose sentences must not carry certain details.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SentenceRule {
    pub about: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub must_not_mention: Vec<String>,
    #[serde(default)]
    pub any_date: bool,
    pub why: String,
}

/// One place where the content says something it must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Breach {
    /// The rule's `why`.
    pub why: String,
    /// The sentence (shortened) that breaks it.
    pub excerpt: String,
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Parses and checks the rules file: every rule needs its words and a reason.
pub(crate) fn parse(text: &str) -> Result<Rules, Vec<Problem>> {
    let rules: Rules =
        toml::from_str(text).map_err(|e| vec![Problem::MalformedFile(e.message().to_string())])?;
    let mut problems = Vec::new();
    let mut bad = |why: String| problems.push(Problem::MalformedFile(why));
    for (i, rule) in rules.phrase.iter().enumerate() {
        if rule.text.trim().is_empty() || rule.why.trim().is_empty() {
            bad(format!(
                "[[phrase]] number {} needs a `text` and a `why`",
                i + 1
            ));
        }
    }
    for (i, rule) in rules.sentence.iter().enumerate() {
        let n = i + 1;
        if rule.about.is_empty() || rule.about.iter().any(|a| a.trim().is_empty()) {
            bad(format!(
                "[[sentence]] number {n} needs non-empty `about` words"
            ));
        }
        if rule.must_not_mention.iter().any(|w| w.trim().is_empty()) {
            bad(format!(
                "[[sentence]] number {n} has an empty word in `must_not_mention`"
            ));
        }
        if rule.must_not_mention.is_empty() && !rule.any_date {
            bad(format!(
                "[[sentence]] number {n} forbids nothing: add `must_not_mention` or `any_date = true`"
            ));
        }
        if rule.why.trim().is_empty() {
            bad(format!("[[sentence]] number {n} needs a `why`"));
        }
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

impl Rules {
    /// Every breach in one piece of text a reader sees.
    pub(crate) fn check(&self, text: &str) -> Vec<Breach> {
        let mut breaches = Vec::new();
        let lower = text.to_ascii_lowercase();
        for rule in &self.phrase {
            if let Some(at) = lower.find(&rule.text.to_ascii_lowercase()) {
                breaches.push(Breach {
                    why: rule.why.clone(),
                    excerpt: excerpt(text, at),
                });
            }
        }
        for sentence in sentences(text) {
            for rule in &self.sentence {
                if rule.breached_by(sentence) {
                    breaches.push(Breach {
                        why: rule.why.clone(),
                        excerpt: excerpt(sentence, 0),
                    });
                }
            }
        }
        breaches
    }
}

impl SentenceRule {
    fn breached_by(&self, sentence: &str) -> bool {
        // ASCII lowercasing keeps byte offsets, so ranges found in `lower` fit `sentence`.
        let lower = sentence.to_ascii_lowercase();
        if !self
            .about
            .iter()
            .any(|a| !find_words(&lower, &a.to_ascii_lowercase()).is_empty())
        {
            return false;
        }
        let mut masked: Vec<u8> = sentence.as_bytes().to_vec();
        for name in &self.ignore {
            for (start, end) in find_words(&lower, &name.to_ascii_lowercase()) {
                masked[start..end].iter_mut().for_each(|b| *b = b' ');
            }
        }
        // Only ASCII bytes were replaced by spaces inside whole matches, so this stays UTF-8.
        let masked = String::from_utf8_lossy(&masked).into_owned();
        let masked_lower = masked.to_ascii_lowercase();
        let mentions = self
            .must_not_mention
            .iter()
            .any(|w| !find_words(&masked_lower, &w.to_ascii_lowercase()).is_empty());
        mentions || (self.any_date && mentions_date(&masked))
    }
}

/// A year from 1900 to 2099 standing alone, or a capitalised month name.
fn mentions_date(text: &str) -> bool {
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
        let year = word.len() == 4
            && word
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2099).contains(&y));
        if year || MONTHS.contains(&word) {
            return true;
        }
    }
    false
}

/// Byte ranges where `needle` occurs in `haystack` as whole words: not touching another letter or
/// digit on either side. Both are expected already lowercased.
fn find_words(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(offset) = haystack[from..].find(needle) {
        let start = from + offset;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        if edge(before) && edge(after) {
            found.push((start, end));
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Sentences: split at line ends and at `.`, `!`, `?` followed by a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(|line| {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_some_and(|n| *n == b' ') {
                out.push(&line[start..=i]);
                start = i + 1;
            }
        }
        out.push(&line[start..]);
        out.into_iter().filter(|s| !s.trim().is_empty())
    })
}

/// Up to 80 characters from `at`, so a message shows where the breach is without the whole text.
fn excerpt(text: &str, at: usize) -> String {
    let start = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let piece: String = text[start..].trim().chars().take(80).collect();
    if piece.len() < text[start..].trim().len() {
        format!("{piece}…")
    } else {
        piece
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[phrase]]
text = "HOPELINE247 text"
why = "Papyrus text number: sources conflict."

[[sentence]]
about = ["Papyrus", "HOPELINE247"]
must_not_mention = ["text", "texting", "SMS"]
why = "Papyrus text number: sources conflict."

[[sentence]]
about = ["66E", "Data (Use and Access) Act"]
ignore = ["Data (Use and Access) Act 2025", "Sexual Offences Act 2003"]
must_not_mention = ["years", "prison", "fine", "in force"]
any_date = true
why = "Creation offence: in-force date and penalty conflict."
"#;

    fn breaches(text: &str) -> Vec<String> {
        parse(RULES)
            .unwrap()
            .check(text)
            .into_iter()
            .map(|b| b.excerpt)
            .collect()
    }

    #[test]
    fn forbidden_phrases_are_found_in_any_case() {
        assert_eq!(breaches("You can hopeline247 TEXT them.").len(), 2);
    }

    #[test]
    fn a_topic_sentence_with_a_forbidden_detail_is_caught() {
        assert!(breaches("Papyrus HOPELINE247: call 0800 068 4141.").is_empty());
        assert_eq!(breaches("Papyrus: or text them on a number.").len(), 1);
        assert_eq!(
            breaches("Papyrus HOPELINE247; phone 0800 068 4141; text 07000 000000; For under 35s.")
                .len(),
            1
        );
        // A different sentence may mention texting.
        assert!(breaches("Call Papyrus. Or text SHOUT to 85258.").is_empty());
    }

    #[test]
    fn the_creation_offence_may_be_named_but_not_dated_or_priced() {
        assert!(breaches(
            "A newer law, the Data (Use and Access) Act 2025, added an offence of creating a fake intimate picture."
        )
        .is_empty());
        assert!(breaches("Data (Use and Access) Act 2025 s.138 (inserting s.66E into the Sexual Offences Act 2003)").is_empty());
        for bad in [
            "The s.66E offence came in on 1 March 2026.",
            "The Data (Use and Access) Act 2025 offence has been in force since June.",
            "Under s.66E you can go to prison.",
            "Section 66E carries up to 2 years.",
            "It is in the Data (Use and Access) Act 2025, from 2026.",
            "An unlimited fine applies under 66E.",
        ] {
            assert_eq!(breaches(bad).len(), 1, "{bad}");
        }
        // Words inside other words do not count: "define" is not "fine".
        assert!(breaches("Section 66E helps define the offence.").is_empty());
    }

    #[test]
    fn rules_need_words_and_reasons() {
        assert!(parse("[[phrase]]\ntext = \"\"\nwhy = \"x\"\n").is_err());
        assert!(parse("[[sentence]]\nabout = [\"x\"]\nwhy = \"y\"\n").is_err());
        assert!(parse("[[sentence]]\nabout = []\nany_date = true\nwhy = \"y\"\n").is_err());
        assert!(parse("[[phrases]]\ntext = \"x\"\nwhy = \"y\"\n").is_err());
    }

    #[test]
    fn odd_text_never_panics() {
        let rules = parse(RULES).unwrap();
        for text in ["", "é66E é", "66E\u{0}2025", "ﬁne 66E", "66E İstanbul 2025"] {
            let _ = rules.check(text);
        }
    }
}
