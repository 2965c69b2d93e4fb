//! Finding phone numbers in prose, so that every number a reader is told to call or text can be
//! checked against the helplines data (itself copied exactly from the fact sheet).
//!
//! A wrong digit in a helpline number sends a frightened person to a stranger, so the detector
//! leans towards flagging: anything that could be dialled is reported unless it is clearly
//! something else. A number wrongly flagged costs an editor a rewording; a number wrongly
//! missed could cost a reader the help they called for.
//!
//! How a piece of text is read:
//!
//! 1. It is cut into *atoms*: runs of letters and digits. `0800`, `1111`, `CALL`, `66B`, `10am`.
//! 2. A digit atom is *not* a phone part when it is glued to something that makes it another kind
//!    of number: `,` `.` or `/` joined to another letter or digit (`26,718`, `62.1`, `s.188`,
//!    `24/7`, `25/11/2026`), a `%` after it, a currency sign before it, or a word before it that
//!    introduces a reference (`section 188`, `page 101`).
//! 3. Digit atoms joined by exactly one space or hyphen form a *run* (`0800 1111`,
//!    `1-800-843-5678`); capital-letter atoms joined by a hyphen continue it (`1-800-CALL-FBI`).
//! 4. A run is a phone number when it has letters after two or more digit groups, or
//!    - five or more digits in all (`0800 1111`, `116 123`, `85258`), except a hyphenated pair
//!      of years (`2018-2023`), a hyphenated pair of small numbers (`16-17`, `5-25`) and a
//!      written date (`2026-11-25`);
//!    - a single group of three digits (`999`, `101`, `000`, `911`, `988`, `112`), unless the
//!      word after says what it counts (`100 people`, `500 reports`) or the word before makes it
//!      an amount (`over 100`, `more than 300`);
//!    - a single group of four digits that starts with 0 (no year or count does).
//!
//!    One- and two-digit numbers (ages, hours, `Outcome 21`) and other four-digit numbers (years)
//!    are never phone numbers. Nor are runs written with dots (`800.843.5678`): nobody in
//!    Harbour's regions writes numbers that way.
//!
//! If a count is flagged, add the word after it to [`COUNT_WORDS`] rather than rewording
//! around the detector.

/// A phone number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhoneNumber {
    /// As written, e.g. `0800 1111`.
    pub written: String,
    /// Digits and capital letters only (with a leading `+` if written), e.g. `08001111`: two
    /// spellings of the same number have the same key.
    pub key: String,
}

/// Words that say what a three-digit number counts, so it is an amount, not a short code.
pub(crate) const COUNT_WORDS: &[&str] = &[
    "accounts",
    "adults",
    "apps",
    "boys",
    "calls",
    "cases",
    "children",
    "companies",
    "countries",
    "days",
    "dollars",
    "euros",
    "girls",
    "hours",
    "images",
    "kids",
    "men",
    "messages",
    "miles",
    "minutes",
    "months",
    "offenders",
    "pages",
    "parents",
    "people",
    "per",
    "percent",
    "photos",
    "pictures",
    "platforms",
    "police",
    "pounds",
    "pupils",
    "reports",
    "schools",
    "seconds",
    "sites",
    "steps",
    "students",
    "teenagers",
    "teens",
    "times",
    "users",
    "victims",
    "videos",
    "websites",
    "weeks",
    "women",
    "words",
    "years",
    "young",
];

/// Words before a three-digit number that make it an amount (`over 100`, `more than 300`).
const AMOUNT_WORDS: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "least",
    "nearly",
    "over",
    "roughly",
    "than",
];

/// Words before a number that make it a reference, not something to dial.
const REFERENCE_WORDS: &[&str] = &[
    "article",
    "chapter",
    "clause",
    "page",
    "pages",
    "para",
    "paragraph",
    "part",
    "regulation",
    "rule",
    "s",
    "schedule",
    "section",
    "sections",
    "ss",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Digits,
    Capitals,
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Every phone number in `text`, in order.
pub(crate) fn find(text: &str) -> Vec<PhoneNumber> {
    let atoms = atoms(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let first = atoms[i];
        if first.kind != Kind::Digits
            || glued(text, first)
            || word_before(text, &atoms, i).is_some_and(|w| REFERENCE_WORDS.contains(&w.as_str()))
        {
            i += 1;
            continue;
        }
        // Grow the run: digit groups joined by one space or hyphen; capitals only by a hyphen.
        let mut last = i;
        let mut hyphens_only = true;
        while let Some(&next) = atoms.get(last + 1) {
            let between = &text[atoms[last].end..next.start];
            let Some(joiner) = single_joiner(between) else {
                break;
            };
            let joins = match next.kind {
                Kind::Digits => !glued(text, next),
                Kind::Capitals => joiner == Joiner::Hyphen,
                Kind::Word => false,
            };
            if !joins {
                break;
            }
            hyphens_only &= joiner == Joiner::Hyphen;
            last += 1;
        }
        let run = &atoms[i..=last];
        if is_phone(text, run, hyphens_only, &atoms, i, last) {
            let plus = text[..first.start].ends_with('+');
            let start = if plus { first.start - 1 } else { first.start };
            let written = text[start..atoms[last].end].to_string();
            found.push(PhoneNumber {
                key: key(&written),
                written,
            });
        }
        i = last + 1;
    }
    found
}

/// Digits and capital letters of a number, plus a leading `+`: the form numbers are compared in.
pub(crate) fn key(written: &str) -> String {
    let plus = written.trim_start().starts_with('+');
    let mut key = String::from(if plus { "+" } else { "" });
    key.extend(
        written
            .chars()
            .filter(|c| c.is_ascii_digit() || c.is_ascii_uppercase()),
    );
    key
}

fn is_phone(
    text: &str,
    run: &[Atom],
    hyphens_only: bool,
    atoms: &[Atom],
    i: usize,
    last: usize,
) -> bool {
    let groups: Vec<&str> = run
        .iter()
        .filter(|a| a.kind == Kind::Digits)
        .map(|a| &text[a.start..a.end])
        .collect();
    // A vanity number has at least two digit groups before its letters (`1-800-CALL-FBI`); a
    // single number with capitals after it (`2024-UK`) is judged on its digits alone.
    if groups.len() >= 2 && run.iter().any(|a| a.kind == Kind::Capitals) {
        return true;
    }
    let total: usize = groups.iter().map(|g| g.len()).sum();
    match groups.as_slice() {
        [single] => match single.len() {
            0..=2 => false,
            3 => {
                let counted = word_after(text, atoms, last)
                    .is_some_and(|w| COUNT_WORDS.contains(&w.as_str()));
                let amount =
                    word_before(text, atoms, i).is_some_and(|w| AMOUNT_WORDS.contains(&w.as_str()));
                !(counted || amount)
            }
            4 => single.starts_with('0'),
            _ => true,
        },
        [a, b] if hyphens_only && is_year(a) && is_year(b) => false,
        [a, b] if hyphens_only && a.len() <= 3 && b.len() <= 3 && !a.starts_with('0') => false,
        [a, b, c] if hyphens_only && is_written_date(a, b, c) => false,
        _ => total >= 5,
    }
}

fn is_year(group: &str) -> bool {
    group.len() == 4
        && group
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2099).contains(&y))
}

/// `2026-11-25` or `25-11-2026`.
fn is_written_date(a: &str, b: &str, c: &str) -> bool {
    let iso =
        |y: &str, m: &str, d: &str| crate::date::Date::parse(&format!("{y}-{m}-{d}")).is_some();
    let pad = |s: &str| format!("{s:0>2}");
    (a.len() == 4 && iso(a, b, c))
        || (c.len() == 4 && a.len() <= 2 && b.len() <= 2 && iso(c, &pad(b), &pad(a)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joiner {
    Space,
    Hyphen,
}

/// The text between two atoms joins them into one number only if it is one space or hyphen.
fn single_joiner(between: &str) -> Option<Joiner> {
    let mut chars = between.chars();
    let joiner = match chars.next()? {
        ' ' | '\u{a0}' | '\u{202f}' => Joiner::Space,
        '-' | '\u{2011}' => Joiner::Hyphen,
        _ => return None,
    };
    chars.next().is_none().then_some(joiner)
}

/// True when a digit atom is part of another kind of number (see the module docs, step 2).
fn glued(text: &str, atom: Atom) -> bool {
    let mut before = text[..atom.start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = text[atom.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let glue = |c: Option<char>| matches!(c, Some('.' | ',' | '/'));
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (glue(b1) && alnum(b2))
        || (glue(a1) && alnum(a2))
        || matches!(a1, Some('%'))
        || matches!(b1, Some('£' | '$' | '€' | '#'))
}

/// The word right before atom `i`, lowercased, when only spaces separate them.
fn word_before(text: &str, atoms: &[Atom], i: usize) -> Option<String> {
    let prev = atoms.get(i.checked_sub(1)?)?;
    let between = &text[prev.end..atoms[i].start];
    (prev.kind != Kind::Digits && between.chars().all(char::is_whitespace))
        .then(|| text[prev.start..prev.end].to_lowercase())
}

/// The word right after atom `i`, lowercased, when only spaces separate them.
fn word_after(text: &str, atoms: &[Atom], i: usize) -> Option<String> {
    let next = atoms.get(i + 1)?;
    let between = &text[atoms[i].end..next.start];
    (next.kind != Kind::Digits && between.chars().all(char::is_whitespace))
        .then(|| text[next.start..next.end].to_lowercase())
}

fn atoms(text: &str) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                atoms.push(atom(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        atoms.push(atom(text, s, text.len()));
    }
    atoms
}

fn atom(text: &str, start: usize, end: usize) -> Atom {
    let word = &text[start..end];
    let kind = if word.bytes().all(|b| b.is_ascii_digit()) {
        Kind::Digits
    } else if word.bytes().all(|b| b.is_ascii_uppercase()) {
        Kind::Capitals
    } else {
        Kind::Word
    };
    Atom { start, end, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Vec<String> {
        find(text).into_iter().map(|p| p.written).collect()
    }

    #[test]
    fn finds_helpline_numbers_in_every_regions_style() {
        for (text, number) in [
            ("Call Childline on 0800 1111, any time.", "0800 1111"),
            ("Samaritans: 116 123.", "116 123"),
            ("CyberTipline: 1-800-843-5678", "1-800-843-5678"),
            ("Victim Support: 08 08 16 89 111 (free)", "08 08 16 89 111"),
            (
                "Revenge Porn Helpline 0345 6000 459, Monday to Friday",
                "0345 6000 459",
            ),
            ("Lifeline: 13 11 14", "13 11 14"),
            ("Kids Helpline on 1800 55 1800.", "1800 55 1800"),
            ("text 0477 13 11 14", "0477 13 11 14"),
            ("Text SHOUT to 85258, any time.", "85258"),
            ("Text CONNECT to 686868", "686868"),
            ("or ring 1-800-CALL-FBI today", "1-800-CALL-FBI"),
            ("from abroad +44 800 1111", "+44 800 1111"),
            ("Call 0800 1111.", "0800 1111"),
            ("(0800 1111)", "0800 1111"),
        ] {
            assert_eq!(written(text), vec![number], "in {text:?}");
        }
    }

    #[test]
    fn finds_emergency_and_short_numbers() {
        for (text, number) in [
            ("call 999 if you are in danger", "999"),
            ("otherwise 101.", "101"),
            ("In Australia, call 000.", "000"),
            ("Call 911 now", "911"),
            ("Call or text 988", "988"),
            ("Emergency: 112 or 999.", "112"),
            ("Call 111", "111"),
            ("0800 on its own", "0800"),
        ] {
            assert_eq!(
                written(text).first().map(String::as_str),
                Some(number),
                "in {text:?}"
            );
        }
        assert_eq!(written("Emergency: 112 or 999."), vec!["112", "999"]);
    }

    #[test]
    fn leaves_dates_ages_durations_and_amounts_alone() {
        for text in [
            "since 31 January 2024",
            "In 2023, 91% of reports were boys.",
            "62.1% of them",
            "boys and young men aged 14 to 18",
            "remove it within 48 hours",
            "people aged 16-17 and ages 5-25",
            "Aug 2018 to Jun 2023, or 2018-2023",
            "26,718 reports in 2023, up from 10,731",
            "over 13,000 reports, at least 12,600 victims",
            "Online Safety Act 2023 s.188 inserting ss.66B-66D",
            "section 188 of the Act, page 101",
            "Mon-Fri 10am-4pm, 24/7",
            "turn on 2-step verification",
            "Outcome 21",
            "reviewed 2026-11-25 or 25-11-2026 or 25/11/2026",
            "up to 7 years",
            "ID may be asked for 13-17s",
            "more than 100 people and 500 reports",
            "over 300",
            "it cost £100",
            "19.05.2025",
            "the 2024-UK figures",
        ] {
            assert_eq!(written(text), Vec::<String>::new(), "in {text:?}");
        }
    }

    #[test]
    fn keys_ignore_spacing_and_hyphens() {
        assert_eq!(key("0800 1111"), "08001111");
        assert_eq!(key("0800-1111"), "08001111");
        assert_eq!(key("1-800-CALL-FBI"), "1800CALLFBI");
        assert_eq!(key("+44 800 1111"), "+448001111");
        assert_eq!(find("0800-1111")[0].key, find("0800 1111")[0].key);
    }

    #[test]
    fn odd_text_never_panics() {
        for text in [
            "",
            "-",
            "+",
            "£",
            "٣٣٣ ٣٣٣",
            "0\u{a0}8\u{2011}00",
            "é999é",
            "999-",
            "-999",
            "+-+1",
        ] {
            let _ = find(text);
        }
    }
}
