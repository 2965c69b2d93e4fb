//! Reading a policy's text key by key, keeping each key's line for the messages.
//!
//! The file is parsed by the `toml` crate into a map of `toml::Spanned` keys to values: the
//! spans are byte ranges in the text, turned into lines here. A plain `#[derive(Deserialize)]`
//! struct would stop at the first bad key; reading key by key lets each bad key be left out on
//! its own while the rest of the policy still applies.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Value};

use harbour_words::{AfterExit, Audience, EscapeScope, Region};

use crate::check::{self, CONTACT_KEYS, POLICY_KEYS, RETIRED_EXTERNAL_LINKS};
use crate::source::Source;
use crate::{Loaded, OrgContact, Policy, PolicyProblem, ProblemKind};

/// A TOML table with the position of every key. Values carry no position: a table made by
/// dotted keys (`contact.name = ...`) has none, and asking for one makes the parse fail. A
/// problem with a value is reported on its key's line, which is where people look anyway.
type Entries = BTreeMap<Spanned<String>, Value>;

/// Only `[contact]`, parsed a second time to get the positions of the keys inside it (a
/// `toml::Value` keeps no positions). Other top-level keys are skipped by serde.
#[derive(Deserialize)]
struct ContactOnly {
    contact: Entries,
}

/// Checks a policy's text. `path` is only used to name the file in problems; the returned
/// [`Loaded`] says `found: true`. Public so the shell and tests can check text that did not
/// come from a file; never fails.
pub fn parse(path: &Path, text: &str) -> Loaded {
    let mut reader = Reader {
        path,
        text,
        problems: Vec::new(),
    };
    let policy = reader.policy();
    let mut problems = reader.problems;
    // BTreeMap order is alphabetical; people read a file top to bottom.
    problems.sort_by_key(|problem| problem.line);
    let sources = Loaded::sources_for(&policy, &Source::File(path.to_path_buf()));
    Loaded {
        path: path.to_path_buf(),
        found: true,
        policy,
        problems,
        sources,
    }
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<PolicyProblem>,
}

impl Reader<'_> {
    fn policy(&mut self) -> Policy {
        let entries: Entries = match toml::from_str(self.text) {
            Ok(entries) => entries,
            Err(error) => {
                let (line, column) = match error.span() {
                    Some(span) => {
                        let (line, column) = line_column(self.text, span.start);
                        (Some(line), Some(column))
                    }
                    None => (None, None),
                };
                self.problems.push(PolicyProblem {
                    path: self.path.to_path_buf(),
                    line,
                    column,
                    kind: ProblemKind::Malformed {
                        message: one_line(error.message()),
                    },
                });
                return Policy::default();
            }
        };

        let mut policy = Policy::default();
        for (key, value) in &entries {
            let name = key.get_ref().as_str();
            let span = key.span();
            match name {
                "region" => {
                    policy.region = self.choice(name, span, value, Region::ALL, Region::from_name)
                }
                "default_audience" => {
                    policy.default_audience =
                        self.choice(name, span, value, Audience::ALL, Audience::from_name)
                }
                "dont_save" => policy.dont_save = self.boolean(name, span, value),
                // Retired: Harbour never opens web pages, whatever this says (addresses are
                // shown as text to copy), so a key that claims to control it would mislead.
                RETIRED_EXTERNAL_LINKS => {
                    self.problem(span, ProblemKind::Retired { key: name.into() })
                }
                "escape_scope" => {
                    policy.escape_scope =
                        self.choice(name, span, value, EscapeScope::ALL, EscapeScope::from_name)
                }
                "after_exit" => {
                    policy.after_exit =
                        self.choice(name, span, value, AfterExit::ALL, AfterExit::from_name)
                }
                "contact" => policy.contact = self.contact(key, value),
                _ => self.unknown(name, name, span, POLICY_KEYS, ""),
            }
        }
        policy
    }

    /// Records a problem on the line where `span` (a key's) starts.
    fn problem(&mut self, span: Range<usize>, kind: ProblemKind) {
        let (line, _) = line_column(self.text, span.start);
        self.problems.push(PolicyProblem {
            path: self.path.to_path_buf(),
            line: Some(line),
            column: None,
            kind,
        });
    }

    /// `shown` is the key as messages name it, `prefix` what goes before a suggested key.
    fn unknown(
        &mut self,
        shown: &str,
        name: &str,
        span: Range<usize>,
        known: &[&str],
        prefix: &str,
    ) {
        let suggestion = check::suggest(name, known).map(|key| format!("{prefix}{key}"));
        self.problem(
            span,
            ProblemKind::UnknownKey {
                key: shown.to_string(),
                suggestion,
            },
        );
    }

    fn boolean(&mut self, key: &str, span: Range<usize>, value: &Value) -> Option<bool> {
        match value {
            Value::Boolean(on) => Some(*on),
            other => {
                let expected = if matches!(other, Value::String(s) if is_bool_word(s)) {
                    "true or false (without quotes)"
                } else {
                    "true or false"
                };
                self.problem(
                    span.clone(),
                    ProblemKind::WrongType {
                        key: key.to_string(),
                        expected,
                        found: kind_of(other),
                    },
                );
                None
            }
        }
    }

    fn choice<T: Copy + std::fmt::Display>(
        &mut self,
        key: &str,
        span: Range<usize>,
        value: &Value,
        all: &[T],
        from_name: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = match value {
            Value::String(text) => Some(text.as_str()),
            _ => None,
        };
        match check::choice(key, text, all, from_name, "in quotes") {
            Ok(found) => Some(found),
            Err(kind) => {
                self.problem(span, kind);
                None
            }
        }
    }

    fn contact(&mut self, key: &Spanned<String>, value: &Value) -> Option<OrgContact> {
        if !matches!(value, Value::Table(_)) {
            self.problem(
                key.span(),
                ProblemKind::WrongType {
                    key: "contact".into(),
                    expected: "a table (a [contact] section)",
                    found: kind_of(value),
                },
            );
            return None;
        }
        // The first parse succeeded, so this one does too; if it somehow did not, the contact
        // is left out rather than risking a panic.
        let entries = match toml::from_str::<ContactOnly>(self.text) {
            Ok(only) => only.contact,
            Err(_) => {
                self.problem(key.span(), ProblemKind::IncompleteContact);
                return None;
            }
        };

        let (mut name, mut how_to_reach, mut hours) = (None, None, None);
        for (inner_key, inner_value) in &entries {
            let inner = inner_key.get_ref().as_str();
            let shown = format!("contact.{inner}");
            let span = inner_key.span();
            match inner {
                "name" => name = self.text_value(&shown, span.clone(), inner_value),
                "how_to_reach" => how_to_reach = self.text_value(&shown, span.clone(), inner_value),
                "hours" => hours = self.text_value(&shown, span.clone(), inner_value),
                _ => self.unknown(&shown, inner, span, CONTACT_KEYS, "contact."),
            }
        }
        match (name, how_to_reach) {
            (Some(name), Some(how_to_reach)) => Some(OrgContact {
                name,
                how_to_reach,
                hours,
            }),
            _ => {
                self.problem(key.span(), ProblemKind::IncompleteContact);
                None
            }
        }
    }

    /// Text for the screen, checked by [`check::text`].
    fn text_value(&mut self, key: &str, span: Range<usize>, value: &Value) -> Option<String> {
        let Value::String(raw) = value else {
            self.problem(
                span.clone(),
                ProblemKind::WrongType {
                    key: key.to_string(),
                    expected: "text in quotes",
                    found: kind_of(value),
                },
            );
            return None;
        };
        match check::text(key, raw) {
            Ok(text) => Some(text),
            Err(kind) => {
                self.problem(span, kind);
                None
            }
        }
    }
}

/// The parser's message on one line ("invalid string; expected `"`, `'`"), because each problem
/// is one line on stderr and in the settings screen.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn is_bool_word(text: &str) -> bool {
    ["true", "false", "yes", "no", "on", "off"]
        .iter()
        .any(|word| text.trim().eq_ignore_ascii_case(word))
}

/// What kind of TOML value this is, in words for a message.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "text",
        Value::Integer(_) | Value::Float(_) => "a number",
        Value::Boolean(_) => "true/false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "a = 1\né = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3)); // after "é " (é is 2 bytes)
        assert_eq!(line_column(text, 999), (3, 1));
        assert_eq!(
            line_column(text, 7),
            (2, 1),
            "inside a character: its start"
        );
    }
}
