//! The page states no phone number and names no service: every number and helpline a reader
//! can see comes from `content/`, where the content checks make sure each region sees only its
//! own. (The home screen once said "call 999" to every reader, in every country.)

use std::path::{Path, PathBuf};

use harbour_guide::Guide;
use harbour_words::Region;

fn page_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("ui/ is readable") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            page_files(&path, found);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "html" | "css")
        ) {
            found.push(path);
        }
    }
}

/// Whether `number` appears in `text` as a whole number (not inside a longer one).
fn shows(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        // A digit next to it makes it part of a longer number; `#000` is a colour.
        !before.is_some_and(|c| c.is_ascii_digit() || c == '#')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn the_page_states_no_phone_number_and_names_no_service() {
    let guide = Guide::bundled().expect("the bundled guide loads");
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui");
    let mut files = Vec::new();
    page_files(&ui, &mut files);
    assert!(files.len() > 10, "the page's files are found: {files:?}");
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for &region in Region::ALL {
            for helpline in guide.helplines(region) {
                let phones = [&helpline.phone, &helpline.text];
                for number in phones.into_iter().flatten() {
                    // Only the digits matter: "116 123" and "Text 85258" alike.
                    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
                    if digits.len() >= 3 && (shows(&text, number) || shows(&text, &digits)) {
                        problems.push(format!("{}: {number} ({region})", file.display()));
                    }
                }
                if helpline.name.len() > 4 && text.contains(&helpline.name) {
                    problems.push(format!("{}: {} ({region})", file.display(), helpline.name));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "numbers and services belong in content/: {problems:#?}"
    );
}
