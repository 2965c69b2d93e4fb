//! Ids and text from outside (content files, saved files, the page): the one rule for ids and
//! the one way to quote such text in a message.

/// Longest id accepted, in bytes (ids are ASCII, so also in characters).
pub const MAX_SLUG_LEN: usize = 64;

/// Whether `id` is a valid id for an article, route, checklist, step or helpline: 1 to
/// [`MAX_SLUG_LEN`] characters of `a-z`, `0-9` and `-`. Content and saved ticks use the same
/// rule, so an id that breaks it cannot name anything real.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_SLUG_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `url` is a web address Harbour may show (as text: it never opens one itself).
pub fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Text from outside, made safe to put in a message: control characters dropped and cut to
/// `max` characters with "…", so a hand edit with a megabyte-long key or an id sent by a broken
/// page cannot flood a log or a dialog.
pub fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars().filter(|c| !c.is_control());
    let kept: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{kept}…")
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lowercase_ascii_with_dashes() {
        assert!(is_slug("right-now"));
        assert!(is_slug("step-2"));
        assert!(is_slug(&"a".repeat(MAX_SLUG_LEN)));
        for bad in ["", "Right-now", "right now", "right_now", "café", "../etc"] {
            assert!(!is_slug(bad), "{bad:?} must not be an id");
        }
        assert!(!is_slug(&"a".repeat(MAX_SLUG_LEN + 1)));
    }

    #[test]
    fn only_web_addresses_are_web_addresses() {
        assert!(is_web_address("https://www.ceop.police.uk/"));
        assert!(is_web_address("http://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ceop.police.uk",
            "",
        ] {
            assert!(!is_web_address(bad));
        }
    }

    #[test]
    fn shortening_cuts_long_text_at_a_character_and_drops_controls() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("a\u{7}b\nc", 10), "abc");
        // Never cuts inside a character.
        assert_eq!(shorten("ééééé", 2), "éé…");
        assert_eq!(shorten(&"x".repeat(1_000_000), 64).chars().count(), 65);
    }
}
