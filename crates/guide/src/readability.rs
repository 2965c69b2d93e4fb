//! How easy a text is to read, as the Flesch reading ease score.
//!
//! Many of Harbour's readers are frightened teenagers, reading in a hurry. Short sentences and
//! short words are the two things that most help them, and they are exactly what Flesch
//! measures:
//!
//! ```text
//! reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words)
//! ```
//!
//! Higher is easier: 90–100 is very easy (age 11), 70–80 fairly easy (ages 12–13), 60–70 plain
//! English (ages 13–15), below 50 hard. The score is a guide for editors, not a verdict: it knows
//! nothing of meaning, but it reliably catches long sentences and long words.
//!
//! How text is counted (on the body with Markdown already stripped, one block per line):
//!
//! - **Sentences** end at `.`, `!` or `?` closing a word (trailing quotes and brackets allowed),
//!   and at the end of every line, so a heading or list item without a full stop counts as one.
//! - **Words** are the whitespace-separated pieces that contain a letter or digit.
//! - **Syllables** are estimated per word by the heuristic in [`syllables`]; a number counts one
//!   syllable per digit (`999` is "nine nine nine").

/// Counts for one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStats {
    /// Number of sentences.
    pub sentences: usize,
    /// Number of words.
    pub words: usize,
    /// Estimated number of syllables.
    pub syllables: usize,
}

impl TextStats {
    /// The Flesch reading ease score, or `None` for a text without words.
    pub fn reading_ease(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(
            206.835
                - 1.015 * (words / self.sentences as f64)
                - 84.6 * (self.syllables as f64 / words),
        )
    }
}

/// The Flesch reading ease of plain text (Markdown already stripped); `None` if it has no words.
pub fn flesch_reading_ease(text: &str) -> Option<f64> {
    stats(text).reading_ease()
}

/// Counts the sentences, words and syllables of plain text.
pub fn stats(text: &str) -> TextStats {
    let mut stats = TextStats::default();
    for line in text.lines() {
        let mut open_sentence = false;
        for token in line.split_whitespace() {
            if !token.chars().any(char::is_alphanumeric) {
                continue;
            }
            stats.words += 1;
            stats.syllables += token_syllables(token);
            open_sentence = true;
            let end = token.trim_end_matches(['"', '\'', ')', ']', '”', '’', '*', '_']);
            if end.ends_with(['.', '!', '?']) {
                stats.sentences += 1;
                open_sentence = false;
            }
        }
        if open_sentence {
            stats.sentences += 1;
        }
    }
    stats
}

/// Syllables in one whitespace-separated token: letter parts by [`syllables`], one per digit.
fn token_syllables(token: &str) -> usize {
    let mut total = 0;
    let mut letters = String::new();
    for c in token.chars() {
        if c.is_ascii_digit() {
            total += 1;
        }
        if c.is_alphabetic() || c == '\'' || c == '’' {
            letters.push(c);
        } else if !letters.is_empty() {
            total += syllables(&letters);
            letters.clear();
        }
    }
    if !letters.is_empty() {
        total += syllables(&letters);
    }
    total.max(1)
}

/// Estimated syllables in one word. The heuristic, in order:
///
/// 1. Count groups of consecutive vowels (`a e i o u y`; a `y` starting the word is a
///    consonant). `blocked` has `o`, `e` → 2.
/// 2. A final `e` on its own is silent (`make`, `the`), except in a consonant + `le` or `re`
///    ending (`table`, `centre`).
/// 3. A final `ed` is silent unless it follows `t` or `d` (`blocked` → 1, `wanted` → 2) or a
///    consonant + `l` (`handled` → 2).
/// 4. A final `es` is silent unless it follows `c`, `g`, `s`, `x`, `z`, `ch`, `sh` or a
///    consonant + `l` (`makes` → 1, `places` → 2, `examples` → 3).
/// 5. Some vowel pairs are said as two syllables, so add one for each: `ua` not after `q` or
///    `g` (`sexual`, `situation`); `ia` not after `c`, `s` or `t` (`media`, but not `social`);
///    `io` not after `c`, `g`, `l`, `n`, `s`, `t` or `x` (`serious`, but not `action`,
///    `million`); and `ing` after a vowel (`being`, `paying`).
/// 6. A contraction `n't` after a consonant is a syllable of its own (`doesn't` → 2, but
///    `don't` → 1).
/// 7. Every word has at least one syllable.
///
/// Checked against a hyphenation dictionary (pyphen, en_US) on Harbour's own articles: the two
/// agree on most words, and where they differ the dictionary is usually the one that is wrong
/// (it gives `about`, `any` and `every` one syllable too few). Totals came out 2–8% above the
/// dictionary's, so scores are if anything a little strict.
pub fn syllables(word: &str) -> usize {
    let contraction = word.ends_with("n't") || word.ends_with("n’t");
    let word: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if word.is_empty() {
        return 0;
    }
    let is_vowel = |i: usize| match word[i] {
        'a' | 'e' | 'i' | 'o' | 'u' | 'à' | 'á' | 'â' | 'é' | 'è' | 'ê' | 'í' | 'ó' | 'ú' => {
            true
        }
        'y' => i > 0,
        _ => false,
    };
    let consonant_at = |i: usize| !is_vowel(i);
    let n = word.len();
    let ends_with = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        n >= s.len() && word[n - s.len()..] == s[..]
    };

    // 1. Vowel groups.
    let mut count: usize = 0;
    let mut in_group = false;
    for i in 0..n {
        let vowel = is_vowel(i);
        if vowel && !in_group {
            count += 1;
        }
        in_group = vowel;
    }

    // 2-4. Silent endings. The letter before a final "e"/"ed"/"es" must be a consonant for the
    // `e` to have been counted as a group of its own.
    let consonant_l =
        |at: usize| at >= 1 && word[at] == 'l' && consonant_at(at - 1) && word[at - 1] != 'l';
    if n >= 3 && ends_with("e") && consonant_at(n - 2) {
        let sounded = matches!(word[n - 2], 'l' | 'r') && consonant_at(n - 3);
        if !sounded {
            count = count.saturating_sub(1);
        }
    } else if n >= 4 && ends_with("ed") && consonant_at(n - 3) {
        if !(matches!(word[n - 3], 't' | 'd') || consonant_l(n - 3)) {
            count = count.saturating_sub(1);
        }
    } else if n >= 4 && ends_with("es") && consonant_at(n - 3) {
        let sounded = matches!(word[n - 3], 'c' | 'g' | 's' | 'x' | 'z')
            || ends_with("ches")
            || ends_with("shes")
            || consonant_l(n - 3);
        if !sounded {
            count = count.saturating_sub(1);
        }
    }

    // 5. Vowel pairs said as two syllables.
    for i in 1..n {
        let before = |set: &str| i >= 2 && set.contains(word[i - 2]);
        count += usize::from(match (word[i - 1], word[i]) {
            ('u', 'a') => !before("qg"),
            ('i', 'a') => !before("cst"),
            ('i', 'o') => !before("cglnstx"),
            _ => false,
        });
    }
    if n >= 5 && ends_with("ing") && is_vowel(n - 4) {
        count += 1;
    }

    // 6. "n't" after a consonant ("doesn't", "didn't").
    if contraction && n >= 3 && consonant_at(n - 3) {
        count += 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_syllables_of_everyday_words() {
        for (word, expected) in [
            ("the", 1),
            ("cat", 1),
            ("free", 1),
            ("make", 1),
            ("makes", 1),
            ("places", 2),
            ("images", 3),
            ("blocked", 1),
            ("wanted", 2),
            ("used", 1),
            ("table", 2),
            ("little", 2),
            ("happy", 2),
            ("you", 1),
            ("yes", 1),
            ("someone", 2),
            ("police", 2),
            ("evidence", 3),
            ("picture", 2),
            ("screenshot", 2),
            ("anything", 3),
            ("verification", 5),
            ("Don't", 1),
            ("be", 1),
            ("goes", 1),
            ("watches", 2),
            ("being", 2),
            ("paying", 2),
            ("replying", 3),
            ("taking", 2),
            ("sexual", 3),
            ("situation", 4),
            ("quality", 3),
            ("language", 2),
            ("media", 3),
            ("social", 2),
            ("serious", 3),
            ("action", 2),
            ("million", 2),
            ("region", 2),
            ("centre", 2),
            ("are", 1),
            ("more", 1),
            ("examples", 3),
            ("miles", 1),
            ("handled", 2),
            ("called", 1),
            ("doesn't", 2),
            ("didn’t", 2),
            ("don't", 1),
            ("can't", 1),
            ("haven't", 2),
            ("about", 2),
            ("every", 3),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn numbers_count_a_syllable_per_digit() {
        assert_eq!(token_syllables("999"), 3);
        assert_eq!(token_syllables("10am"), 3);
        assert_eq!(token_syllables("2-step"), 2);
        assert_eq!(token_syllables("—"), 1);
    }

    #[test]
    fn splits_sentences_at_full_stops_and_line_ends() {
        let s = stats("Don't pay. Stop replying!\nKeep evidence\n\nTell someone (today).");
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 9);
        // A web address is one word and does not end a sentence in the middle.
        assert_eq!(stats("Report it at ceop.police.uk today.").sentences, 1);
    }

    #[test]
    fn scores_known_sentences() {
        // 6 words, 6 syllables, 1 sentence: 206.835 - 1.015*6 - 84.6*1 = 116.145
        let easy = flesch_reading_ease("The cat sat on the mat.").unwrap();
        assert!((easy - 116.145).abs() < 1e-9, "{easy}");

        // 14 words, 1 sentence, 18 syllables (danger, police, number, below: 2 each):
        // 206.835 - 1.015*14 - 84.6*18/14 = 83.853571...
        let plain = flesch_reading_ease(
            "If you are in danger right now, call the police on the number below.",
        )
        .unwrap();
        let s = stats("If you are in danger right now, call the police on the number below.");
        assert_eq!((s.words, s.sentences, s.syllables), (14, 1, 18));
        assert!((plain - 83.853_571_428_571).abs() < 1e-9, "{plain}");

        // Legal prose is hard: far below 30 ("very difficult").
        let legal = flesch_reading_ease(
            "Notwithstanding the aforementioned provisions, the unauthorised dissemination of \
             intimate photographic material constitutes an offence under the applicable legislation.",
        )
        .unwrap();
        assert!(legal < 30.0, "{legal}");
    }

    #[test]
    fn empty_text_has_no_score() {
        assert_eq!(flesch_reading_ease(""), None);
        assert_eq!(flesch_reading_ease(" - \n\n"), None);
    }
}
