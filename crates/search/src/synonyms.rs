//! The synonym table: everyday words and what Harbour's content calls the same thing.
//!
//! It is content-like data, kept in `src/synonyms.toml` (which documents its own format) so an
//! editor can extend it without reading Rust, and compiled in with `include_str!`. It is parsed
//! once when the index is built; a mistake in it fails `cargo test -p harbour-search`.

use harbour_words::Region;
use serde::Deserialize;

use crate::hit::HitKind;
use crate::text::word_texts;

/// The table as shipped.
pub const BUNDLED: &str = include_str!("synonyms.toml");

/// One entry of the table, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What a reader might type: words or short phrases.
    pub words: Vec<String>,
    /// What the content says instead: words or phrases.
    pub means: Vec<String>,
    /// Kinds of result to bring forward.
    #[serde(default)]
    pub kinds: Vec<HitKind>,
    /// The region these words name: a query naming it ranks as if the reader lived there.
    #[serde(default)]
    pub region: Option<Region>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    synonyms: Vec<Entry>,
}

/// Parses a synonym table. Entries with no words or no meaning are errors, and so is a word or
/// phrase with nothing searchable in it (only punctuation).
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
    for (n, entry) in file.synonyms.iter().enumerate() {
        if entry.words.is_empty()
            || (entry.means.is_empty() && entry.kinds.is_empty() && entry.region.is_none())
        {
            return Err(format!(
                "entry {} needs `words` and `means` (or `kinds` or `region`)",
                n + 1
            ));
        }
        for phrase in entry.words.iter().chain(&entry.means) {
            if word_texts(phrase).is_empty() {
                return Err(format!("entry {}: `{phrase}` has no words in it", n + 1));
            }
        }
    }
    Ok(file.synonyms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_parses() {
        let entries = parse(BUNDLED).unwrap();
        assert!(entries.len() > 20);
        assert!(entries
            .iter()
            .any(|e| e.words.iter().any(|w| w == "blackmail")));
    }

    #[test]
    fn broken_tables_are_rejected() {
        assert!(parse("synonyms = 3").is_err());
        assert!(parse("[[synonyms]]\nwords = []\nmeans = [\"x\"]\n").is_err());
        assert!(parse("[[synonyms]]\nwords = [\"x\"]\nmeans = []\n").is_err());
        assert!(parse("[[synonyms]]\nwords = [\"...\"]\nmeans = [\"x\"]\n").is_err());
        assert!(parse("[[synonyms]]\nwords = [\"x\"]\nmeans = [\"y\"]\ncolour = 1\n").is_err());
        assert!(
            parse("[[synonyms]]\nwords = [\"x\"]\nmeans = []\nkinds = [\"helpline\"]\n").is_ok()
        );
        assert!(
            parse("[[synonyms]]\nwords = [\"x\"]\nmeans = [\"y\"]\nkinds = [\"page\"]\n").is_err()
        );
    }
}
