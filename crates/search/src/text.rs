//! Turning text into words, the same way for the content and for what a person types.
//!
//! A word is a run of letters and digits. Case and accents are ignored ("Gardaí" is "gardai"),
//! apostrophes inside a word are dropped ("don't" is "dont"), and everything else separates
//! words. Only plain ASCII letter words are stemmed; the stemmer never sees anything unusual.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// A query longer than this many characters is cut here. Nobody types more into a search box,
/// and it bounds the work one call can cause (a pasted megabyte costs no more than this).
pub const MAX_QUERY_CHARS: usize = 200;

/// At most this many words of a query are used; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 24;

/// Longer words are cut to this many characters (in the content and in queries alike).
pub const MAX_WORD_CHARS: usize = 32;

/// Words too common to tell one article from another. Phrases in the synonym table are matched
/// before these are dropped, so "talk to someone" still works.
const STOP_WORDS: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "go", "going", "had", "has",
    "have", "he", "her", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its",
    "ive", "just", "me", "my", "of", "on", "or", "our", "really", "she", "so", "some", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
    "very", "was", "we", "were", "what", "when", "where", "which", "who", "will", "with", "would",
    "you", "your", "youre",
];

/// Whether a (normalised) word is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// English Snowball (Porter2) stemming, for plain lowercase ASCII letter words only; anything
/// else (numbers, "2fa", other scripts) is its own stem.
pub(crate) struct Stems(Stemmer);

impl Stems {
    pub(crate) fn new() -> Stems {
        Stems(Stemmer::create(Algorithm::English))
    }

    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.len() > 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.0.stem(word)
        } else {
            Cow::Borrowed(word)
        }
    }
}

/// One word of a text, normalised, with where it ended in the original (a byte offset), so the
/// query can tell whether its last word is still being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word, lowercase, without accents or apostrophes.
    pub text: String,
    /// The byte offset just past its last character in the original text.
    pub end: usize,
}

/// Splits text into normalised words.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars_in_word = 0;
    let mut end = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if c.is_alphanumeric() {
            if chars_in_word < MAX_WORD_CHARS {
                push_folded(&mut current, c);
                chars_in_word += 1;
            }
            end = at + c.len_utf8();
        } else if is_apostrophe(c)
            && !current.is_empty()
            && iter.peek().is_some_and(|&(_, next)| next.is_alphanumeric())
        {
            // "don't" is one word.
        } else if !current.is_empty() {
            out.push(Word {
                text: std::mem::take(&mut current),
                end,
            });
            chars_in_word = 0;
        }
    }
    if !current.is_empty() {
        out.push(Word { text: current, end });
    }
    out
}

/// The normalised words of a text, without their offsets.
pub fn word_texts(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.text).collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

/// Lowercases a letter and removes its accent, for the Latin letters Harbour's languages use.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        let plain = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ß' => "ss",
            'ś' | 'š' | 'ş' => "s",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ł' => "l",
            'ð' => "d",
            'þ' => "th",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(plain);
    }
}

/// Cuts a query to [`MAX_QUERY_CHARS`] characters, on a character boundary.
pub fn truncate_query(query: &str) -> &str {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &query[..at],
        None => query,
    }
}

/// The text a reader sees in an article body, one block (paragraph, list item, heading, table
/// cell) per line. The HTML comes from Harbour's own Markdown renderer, so it is well formed and
/// only uses the five escapes below.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[1..close];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "p" | "li"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "td"
                | "th"
                | "tr"
                | "br"
                | "ul"
                | "ol"
                | "blockquote"
                | "table"
        ) {
            out.push('\n');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Splits plain text into sentences (and lines), trimmed, none empty.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let ends = matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|&n| n == b' ')
                // "ceop.police.uk" and "e.g." are not ends of sentences.
                && bytes.get(i + 2).is_none_or(|&n| n.is_ascii_uppercase() || n == b'*');
            if ends {
                push_trimmed(&mut out, &line[start..=i]);
                start = i + 1;
            }
        }
        push_trimmed(&mut out, &line[start..]);
    }
    out
}

fn push_trimmed(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// Cuts text to about `max` characters at a word boundary, adding "…" when cut: for snippets a
/// person reads. (Text from outside quoted in a message is cut by `harbour_words::shorten`.)
pub fn cut_at_word(text: &str, max: usize) -> String {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{head}…")
}

/// A 64-bit summary of which characters a word uses. Each edit changes at most two bits, so two
/// words whose masks differ in more than `2 × distance` bits cannot be that close: a cheap test
/// that skips most of the vocabulary before the real distance is computed.
pub fn char_mask(word: &str) -> u64 {
    word.chars().fold(0, |mask, c| mask | 1 << char_bit(c))
}

fn char_bit(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        other => 36 + (other as u32 % 28),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_without_accents_or_apostrophes() {
        assert_eq!(
            word_texts("Don't tell the Gardaí! It's 0800 1111."),
            ["dont", "tell", "the", "gardai", "its", "0800", "1111"]
        );
        assert_eq!(word_texts("ceop.police.uk"), ["ceop", "police", "uk"]);
        assert_eq!(word_texts("'quoted'"), ["quoted"]);
        assert!(word_texts("  ,.;  ").is_empty());
    }

    #[test]
    fn word_ends_are_byte_offsets_in_the_original() {
        let text = "Gardaí now";
        let found = words(text);
        assert_eq!(&text[..found[0].end], "Gardaí");
        assert_eq!(found[1].end, text.len());
    }

    #[test]
    fn very_long_words_are_cut() {
        let long = "a".repeat(1000);
        assert_eq!(word_texts(&long)[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("ai"));
        assert!(!is_stop_word("us"));
    }

    #[test]
    fn stemming_joins_word_forms_and_leaves_numbers_alone() {
        let stems = Stems::new();
        assert_eq!(stems.stem("threatening"), stems.stem("threatened"));
        assert_eq!(stems.stem("pictures"), stems.stem("picture"));
        assert_eq!(stems.stem("0800"), "0800");
        assert_eq!(stems.stem("2fa"), "2fa");
        assert_eq!(stems.stem("ai"), "ai");
    }

    #[test]
    fn queries_are_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_QUERY_CHARS * 3);
        assert_eq!(truncate_query(&long).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(truncate_query("short"), "short");
    }

    #[test]
    fn html_becomes_lines_of_text() {
        let text = html_to_text(
            "<h2>Report it</h2>\n<ul>\n<li><strong>Police:</strong> call 999 &amp; 101</li>\n</ul>\n<p>See <a href=\"#/article/x\">this</a> (<code>ceop.police.uk</code>).</p>",
        );
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "Report it",
                "Police: call 999 & 101",
                "See this (ceop.police.uk)."
            ]
        );
    }

    #[test]
    fn sentences_split_on_full_stops_but_not_inside_addresses() {
        assert_eq!(
            sentences("Call 999. Go to ceop.police.uk to report. Done!\nNext line"),
            [
                "Call 999.",
                "Go to ceop.police.uk to report.",
                "Done!",
                "Next line"
            ]
        );
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(cut_at_word("short", 10), "short");
        assert_eq!(cut_at_word("one two three four", 10), "one two…");
        assert_eq!(
            cut_at_word(&"é".repeat(30), 10),
            format!("{}…", "é".repeat(10))
        );
    }

    #[test]
    fn masks_differ_by_few_bits_for_close_words() {
        let bits = |a: &str, b: &str| (char_mask(a) ^ char_mask(b)).count_ones();
        assert!(bits("sextorsion", "sextortion") <= 2);
        assert!(bits("blakmail", "blackmail") <= 2);
        assert!(bits("police", "sextortion") > 4);
    }
}
