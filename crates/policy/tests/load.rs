//! The policy file as administrators will write it: every valid key, and every way it can be
//! wrong, read from real files.

use std::fs;
use std::path::{Path, PathBuf};

use harbour_policy::{
    load, parse, AfterExit, Audience, EscapeScope, Loaded, OrgContact, Policy, ProblemKind, Region,
    MAX_FILE_BYTES,
};

/// A fresh folder under the target directory's temp space, one per test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("harbour-policy-tests")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = temp_dir(name).join("policy.toml");
    fs::write(&path, bytes).unwrap();
    path
}

fn check(text: &str) -> Loaded {
    parse(Path::new("/etc/harbour/policy.toml"), text)
}

fn messages(loaded: &Loaded) -> Vec<String> {
    loaded.problems.iter().map(ToString::to_string).collect()
}

const UK_SCHOOL: &str = r#"
# Harbour policy for Example Academy
region = "uk"
default_audience = "young-person"
dont_save = true
escape_scope = "any-app"
after_exit = "stay-hidden"

[contact]
name = "Ms Patel, Designated Safeguarding Lead"
how_to_reach = "Room B12, or email safeguarding@example-academy.sch.uk"
hours = "Monday to Friday, 8:30 to 16:00, term time"
"#;

#[test]
fn a_missing_file_is_no_policy_and_no_problem() {
    let path = temp_dir("missing").join("policy.toml");
    let loaded = load(&path);
    assert!(!loaded.found);
    assert!(loaded.policy.is_empty());
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.path, path);
}

#[test]
fn a_missing_folder_is_no_policy_and_no_problem() {
    let path = temp_dir("missing-folder").join("nope").join("policy.toml");
    let loaded = load(&path);
    assert!(!loaded.found && loaded.policy.is_empty() && loaded.problems.is_empty());
}

#[test]
fn the_full_example_applies_every_key() {
    let path = write("full", UK_SCHOOL);
    let loaded = load(&path);
    assert!(loaded.found);
    assert_eq!(messages(&loaded), Vec::<String>::new());
    assert_eq!(
        loaded.policy,
        Policy {
            region: Some(Region::Uk),
            default_audience: Some(Audience::YoungPerson),
            dont_save: Some(true),
            escape_scope: Some(EscapeScope::AnyApp),
            after_exit: Some(AfterExit::StayHidden),
            contact: Some(OrgContact {
                name: "Ms Patel, Designated Safeguarding Lead".into(),
                how_to_reach: "Room B12, or email safeguarding@example-academy.sch.uk".into(),
                hours: Some("Monday to Friday, 8:30 to 16:00, term time".into()),
            }),
        }
    );
    assert!(loaded.policy.forces_dont_save());
    assert_eq!(
        loaded.policy.managed_keys(),
        vec![
            "region",
            "default_audience",
            "dont_save",
            "escape_scope",
            "after_exit",
            "contact"
        ]
    );
}

#[test]
fn docs_deploying_example_is_valid() {
    // The example in docs/deploying.md is copied by administrators: it must be exactly right.
    let doc = include_str!("../../../docs/deploying.md");
    let start = doc
        .find("```toml\n")
        .expect("docs/deploying.md has a ```toml example")
        + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let loaded = check(&doc[start..end]);
    assert_eq!(messages(&loaded), Vec::<String>::new());
    assert_eq!(
        loaded.policy.managed_keys(),
        vec![
            "region",
            "default_audience",
            "dont_save",
            "escape_scope",
            "contact"
        ]
    );
    assert!(loaded.policy.contact.unwrap().hours.is_some());
}

#[test]
fn each_valid_key_alone() {
    let one = |text: &str| {
        let loaded = check(text);
        assert!(
            loaded.problems.is_empty(),
            "{text}: {:?}",
            messages(&loaded)
        );
        loaded.policy
    };
    for region in Region::ALL {
        assert_eq!(one(&format!("region = \"{region}\"")).region, Some(*region));
    }
    for audience in Audience::ALL {
        assert_eq!(
            one(&format!("default_audience = '{audience}'")).default_audience,
            Some(*audience)
        );
    }
    assert_eq!(one("dont_save = true").dont_save, Some(true));
    assert_eq!(one("dont_save = false").dont_save, Some(false));
    assert!(!one("dont_save = false").forces_dont_save());
    assert_eq!(
        one("escape_scope = \"in-front\"").escape_scope,
        Some(EscapeScope::InFront)
    );
    assert_eq!(
        one("escape_scope = \"any-app\"").escape_scope,
        Some(EscapeScope::AnyApp)
    );
    assert_eq!(
        one("after_exit = \"close\"").after_exit,
        Some(AfterExit::Close)
    );
    assert_eq!(
        one("after_exit = \"stay-hidden\"").after_exit,
        Some(AfterExit::StayHidden)
    );
    assert_eq!(
        one("region = \"UK\"").region,
        Some(Region::Uk),
        "case forgiven"
    );
    assert_eq!(
        one("contact = { name = \"Office\", how_to_reach = \"Ext 200\" }").contact,
        Some(OrgContact {
            name: "Office".into(),
            how_to_reach: "Ext 200".into(),
            hours: None
        })
    );
    assert_eq!(
        one("contact.name = \"Office\"\ncontact.how_to_reach = \"\"\"\nRoom 1\r\nExt 2\n\"\"\"")
            .contact
            .unwrap()
            .how_to_reach,
        "Room 1\nExt 2"
    );
}

#[test]
fn an_empty_or_comment_only_file_sets_nothing() {
    for text in ["", "\n\n", "# nothing yet\n"] {
        let loaded = check(text);
        assert!(loaded.found && loaded.policy.is_empty() && loaded.problems.is_empty());
    }
}

#[test]
fn malformed_toml_applies_nothing_and_names_line_and_column() {
    let loaded = check("region = \"uk\"\ndont_save = true\nescape_scope = any-app\n");
    assert!(
        loaded.policy.is_empty(),
        "nothing from a broken file applies"
    );
    assert_eq!(loaded.problems.len(), 1);
    let problem = &loaded.problems[0];
    assert!(matches!(problem.kind, ProblemKind::Malformed { .. }));
    assert!(problem.kind.ignores_whole_file());
    assert_eq!((problem.line, problem.column), (Some(3), Some(16)));
    let message = problem.to_string();
    assert!(
        message.starts_with("/etc/harbour/policy.toml line 3, column 16: is not valid TOML ("),
        "{message}"
    );
    assert!(
        message.ends_with("); no organisation settings were applied"),
        "{message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
}

#[test]
fn other_syntax_errors_are_reported_too() {
    for (text, line) in [
        ("[contact\nname = \"x\"", 1),
        ("region = \"uk\"\nregion = \"ie\"", 2),
        ("a = \"unterminated\nb = 1", 1),
        ("\n\n= 3", 3),
    ] {
        let loaded = check(text);
        assert!(loaded.policy.is_empty(), "{text}");
        assert_eq!(loaded.problems.len(), 1, "{text}");
        assert_eq!(
            loaded.problems[0].line,
            Some(line),
            "{text}: {}",
            loaded.problems[0]
        );
        assert!(!loaded.problems[0].to_string().contains('\n'));
    }
}

#[test]
fn unknown_keys_are_ignored_by_name_and_line_and_the_rest_applies() {
    let loaded = check("regoin = \"uk\"\ndont_save = true\ncolour = \"blue\"\n[contact]\nname = \"A\"\nhow_to_reach = \"B\"\nemail = \"c@d.e\"\n");
    assert_eq!(loaded.policy.dont_save, Some(true));
    assert_eq!(loaded.policy.region, None);
    assert!(
        loaded.policy.contact.is_some(),
        "an extra contact key loses nothing"
    );
    assert_eq!(
        messages(&loaded),
        vec![
            "/etc/harbour/policy.toml line 1: unknown key `regoin` (did you mean `region`?); ignored",
            "/etc/harbour/policy.toml line 3: unknown key `colour`; ignored",
            "/etc/harbour/policy.toml line 7: unknown key `contact.email`; ignored",
        ]
    );
}

#[test]
fn wrong_types_are_ignored_key_by_key() {
    let loaded = check(
        "region = 44\ndont_save = \"true\"\nhours = 0\nescape_scope = [\"any-app\"]\nafter_exit = \"close\"\ncontact = \"Ms Patel\"\n",
    );
    assert_eq!(
        loaded.policy.after_exit,
        Some(AfterExit::Close),
        "the good key applies"
    );
    assert_eq!(
        Policy {
            after_exit: None,
            ..loaded.policy.clone()
        },
        Policy::default()
    );
    assert_eq!(
        messages(&loaded),
        vec![
            "/etc/harbour/policy.toml line 1: `region` must be one of uk, ie, us, ca, au (in quotes); ignored",
            "/etc/harbour/policy.toml line 2: `dont_save` must be true or false (without quotes), not text; ignored",
            "/etc/harbour/policy.toml line 3: unknown key `hours`; ignored",
            "/etc/harbour/policy.toml line 4: `escape_scope` must be one of any-app, in-front (in quotes); ignored",
            "/etc/harbour/policy.toml line 6: `contact` must be a table (a [contact] section), not text; ignored",
        ]
    );
}

#[test]
fn bad_values_are_ignored_with_the_allowed_values() {
    let loaded = check(
        "region = \"gb\"\ndefault_audience = \"pupil\"\nescape_scope = \"everywhere\"\nafter_exit = \"quit\"\n",
    );
    assert!(loaded.policy.is_empty());
    assert_eq!(
        messages(&loaded),
        vec![
            "/etc/harbour/policy.toml line 1: `region` must be one of uk, ie, us, ca, au (use uk for anywhere in the United Kingdom); ignored",
            "/etc/harbour/policy.toml line 2: `default_audience` must be one of young-person, adult, parent-carer, professional; ignored",
            "/etc/harbour/policy.toml line 3: `escape_scope` must be one of any-app, in-front; ignored",
            "/etc/harbour/policy.toml line 4: `after_exit` must be one of stay-hidden, close; ignored",
        ]
    );
    let fr = check("\n\n\nregion = \"fr\"");
    assert_eq!(
        messages(&fr),
        vec![
            "/etc/harbour/policy.toml line 4: `region` must be one of uk, ie, us, ca, au; ignored"
        ]
    );
}

#[test]
fn contact_text_is_checked() {
    let long = "x".repeat(201);
    let loaded = check(&format!(
        "[contact]\nname = \"Office\"\nhow_to_reach = \"Ext 200\"\nhours = \"{long}\"\n"
    ));
    let contact = loaded
        .policy
        .contact
        .as_ref()
        .expect("only hours is dropped");
    assert_eq!(contact.hours, None);
    assert_eq!(
        messages(&loaded),
        vec!["/etc/harbour/policy.toml line 4: `contact.hours` is 201 characters long, more than 200; ignored"]
    );

    // Exactly 200 characters (not bytes) is allowed.
    let max = "é".repeat(200);
    let loaded = check(&format!(
        "[contact]\nname = \"{max}\"\nhow_to_reach = \"Ext 200\"\n"
    ));
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.policy.contact.unwrap().name, max);
}

#[test]
fn a_contact_without_a_usable_name_or_way_to_reach_is_left_out() {
    let long = "y".repeat(300);
    let loaded = check(&format!(
        "dont_save = true\n[contact]\nname = \"{long}\"\nhow_to_reach = \"Room 4\"\n"
    ));
    assert_eq!(loaded.policy.contact, None);
    assert_eq!(loaded.policy.dont_save, Some(true));
    assert_eq!(
        messages(&loaded),
        vec![
            "/etc/harbour/policy.toml line 2: `contact` needs both `name` and `how_to_reach` to be shown; ignored",
            "/etc/harbour/policy.toml line 3: `contact.name` is 300 characters long, more than 200; ignored",
        ]
    );

    let missing = check("[contact]\nname = \"Ms Patel\"\nhowtoreach = \"Room 4\"\n");
    assert_eq!(missing.policy.contact, None);
    assert_eq!(
        messages(&missing),
        vec![
            "/etc/harbour/policy.toml line 1: `contact` needs both `name` and `how_to_reach` to be shown; ignored",
            "/etc/harbour/policy.toml line 3: unknown key `contact.howtoreach` (did you mean `contact.how_to_reach`?); ignored",
        ]
    );

    let odd = check("[contact]\nname = \"   \"\nhow_to_reach = \"Room\\u0007 4\"\nhours = 9\n");
    assert_eq!(odd.policy.contact, None);
    assert_eq!(
        messages(&odd),
        vec![
            "/etc/harbour/policy.toml line 1: `contact` needs both `name` and `how_to_reach` to be shown; ignored",
            "/etc/harbour/policy.toml line 2: `contact.name` is empty; ignored",
            "/etc/harbour/policy.toml line 3: `contact.how_to_reach` contains a control character; ignored",
            "/etc/harbour/policy.toml line 4: `contact.hours` must be text in quotes, not a number; ignored",
        ]
    );
}

#[test]
fn a_huge_file_is_not_parsed() {
    let mut text = String::from("region = \"uk\"\n");
    while text.len() as u64 <= MAX_FILE_BYTES {
        text.push_str("# padding padding padding padding padding padding padding\n");
    }
    let path = write("huge", &text);
    let loaded = load(&path);
    assert!(loaded.found);
    assert!(
        loaded.policy.is_empty(),
        "not parsed, so region does not apply"
    );
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        loaded.problems[0].kind,
        ProblemKind::TooLarge {
            bytes: text.len() as u64
        }
    );
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "{}: is {} bytes, more than the 65536 (64 KiB) a policy file may be; not read, so no organisation settings were applied",
            path.display(),
            text.len()
        )
    );
}

#[test]
fn a_file_of_exactly_the_limit_is_read() {
    let mut text = String::from("region = \"ie\"\n");
    text.push_str(&"#".repeat(MAX_FILE_BYTES as usize - text.len()));
    assert_eq!(text.len() as u64, MAX_FILE_BYTES);
    let loaded = load(&write("limit", &text));
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.policy.region, Some(Region::Ie));
}

#[test]
fn a_folder_in_place_of_the_file_is_reported() {
    let dir = temp_dir("folder").join("policy.toml");
    fs::create_dir_all(&dir).unwrap();
    let loaded = load(&dir);
    assert!(loaded.found && loaded.policy.is_empty());
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "{}: could not be read (it is a folder, not a file); no organisation settings were applied",
            dir.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let path = write("unreadable", UK_SCHOOL);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so this case cannot be made here.
        // A path through a regular file (ENOTDIR) is unreadable for everyone.
        let through_file = path.join("policy.toml");
        let loaded = load(&through_file);
        assert!(loaded.found && loaded.policy.is_empty());
        assert!(matches!(
            loaded.problems[0].kind,
            ProblemKind::Unreadable { .. }
        ));
        return;
    }
    let loaded = load(&path);
    assert!(loaded.found && loaded.policy.is_empty());
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "{}: could not be read (permission denied: every user must be able to read it); no organisation settings were applied",
            path.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_file_anyone_can_change_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let path = write("writable", UK_SCHOOL);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let loaded = load(&path);
    assert!(loaded.found && loaded.policy.is_empty());
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "{}: can be changed by every user of this computer, so it is not trusted; no organisation settings were applied (make it and its folder writable only by administrators)",
            path.display()
        )
    );

    // The same for a folder anyone can write to (without the sticky bit)...
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let folder = path.parent().unwrap();
    fs::set_permissions(folder, fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(
        load(&path).problems[0].kind,
        ProblemKind::WritableByEveryone
    );

    // ...but a sticky folder such as /tmp only lets people replace their own files.
    fs::set_permissions(folder, fs::Permissions::from_mode(0o1777)).unwrap();
    let loaded = load(&path);
    assert!(loaded.problems.is_empty(), "{:?}", messages(&loaded));
    assert_eq!(loaded.policy.region, Some(Region::Uk));
    fs::set_permissions(folder, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn text_that_is_not_utf8_is_reported() {
    let path = write(
        "latin1",
        b"[contact]\nname = \"Mme L\xE9a\"\nhow_to_reach = \"x\"\n",
    );
    let loaded = load(&path);
    assert!(loaded.policy.is_empty());
    assert_eq!(loaded.problems[0].kind, ProblemKind::NotText);
    assert_eq!(
        loaded.problems[0].to_string(),
        format!(
            "{}: is not UTF-8 text (save it as UTF-8); no organisation settings were applied",
            path.display()
        )
    );
}

#[test]
fn files_saved_by_windows_tools_are_read() {
    // Notepad's "UTF-8 with BOM", and PowerShell 5's default UTF-16 with Windows line ends.
    let bom = load(&write("bom", format!("\u{FEFF}{UK_SCHOOL}")));
    assert!(bom.problems.is_empty(), "{:?}", messages(&bom));
    assert_eq!(bom.policy.region, Some(Region::Uk));

    let crlf = UK_SCHOOL.replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let loaded = load(&write("utf16", utf16));
    assert!(loaded.problems.is_empty(), "{:?}", messages(&loaded));
    assert_eq!(loaded.policy.managed_keys().len(), 6);

    // Lines are still right after a BOM and with CRLF.
    let bad = load(&write(
        "bom-bad",
        "\u{FEFF}region = \"uk\"\r\n\r\nregion2 = 1\r\n",
    ));
    assert_eq!(bad.problems[0].line, Some(3));
}

#[test]
fn problems_can_be_shown_without_the_file_name() {
    let loaded = check("\nregion = \"fr\"");
    assert_eq!(
        loaded.problems[0].message(),
        "`region` must be one of uk, ie, us, ca, au; ignored"
    );
}

#[test]
fn the_retired_external_links_key_says_it_does_nothing_and_the_rest_applies() {
    // Older deployment guides set `external_links`; Harbour never opens web pages at all, so
    // the key controls nothing. It must not be reported as applied ("set by your
    // organisation"), and the message must tell IT staff it can simply go.
    let loaded = check("region = \"ie\"\nexternal_links = false\n");
    assert_eq!(loaded.policy.region, Some(Region::Ie));
    assert_eq!(loaded.policy.managed_keys(), vec!["region"]);
    assert_eq!(
        messages(&loaded),
        vec![
            "/etc/harbour/policy.toml line 2: `external_links` is no longer needed: Harbour never \
             opens web pages, whatever it says; it can be removed"
        ]
    );
}
