//! Organisations and USB sticks: a policy file fixes settings and adds the organisation's own
//! contact; a broken policy never stops Harbour; portable mode keeps data beside the binary.

use std::fs;
use std::path::{Path, PathBuf};

use harbour_e2e::{
    app_binary, data_dir, files_under, policy_env, scratch_dir, Harbour, Options, SCHOOL_POLICY,
};

fn with_policy(name: &str, home: &Path, policy: &str) -> Harbour {
    Harbour::launch_with(
        name,
        Options {
            home: Some(home.to_path_buf()),
            env: vec![policy_env(home, policy)],
            ..Options::default()
        },
    )
}

#[test]
fn a_policy_fixes_settings_and_its_contact_comes_first() {
    let home = scratch_dir("org-policy");
    let app = with_policy("org-policy", &home, SCHOOL_POLICY);
    app.click("#nav-settings");
    app.wait_for_css("main[data-view='settings']").unwrap();
    let region = app
        .session
        .execute("const i = document.getElementById('region-ie'); return [i.checked, i.disabled];")
        .unwrap();
    assert_eq!(region, serde_json::json!([true, true]), "Ireland, fixed");
    assert!(app.text("main").contains("Set by your organisation."));
    app.screenshot("settings");
    // A change the page tries anyway is refused by Rust.
    let refused = app
        .session
        .execute(
            "return window.__TAURI__.core.invoke('set_setting', {key: 'region', value: 'uk'})\
             .then(() => 'changed', e => e.kind);",
        )
        .unwrap();
    assert_eq!(refused, "fixed");

    app.session
        .execute("location.replace('#/article/telling-someone-and-coping'); return true;")
        .unwrap();
    app.wait_for_css("main[data-view='article']").unwrap();
    let first = app.text(".helplines li:first-child .helpline__name");
    assert_eq!(first, "Ms Byrne, Designated Liaison Person");
    assert!(app.text(".helplines h2").contains("Ireland"));
    app.screenshot("contact");
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn a_broken_policy_never_stops_harbour_and_settings_name_the_line() {
    let home = scratch_dir("org-broken");
    let app = with_policy(
        "org-broken",
        &home,
        "region = 5\ncolour = \"blue\"\nafter_exit = \"close\"\n",
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    app.click("#nav-settings");
    let problems = app.text("#policy-problems");
    assert!(problems.contains("line 1"), "{problems}");
    assert!(problems.contains("line 2"), "{problems}");
    // The valid part still applies.
    let after = app
        .session
        .execute("return document.getElementById('after_exit-close').disabled;")
        .unwrap();
    assert_eq!(after, true);
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn a_policy_that_forbids_saving_leaves_no_file_at_all() {
    let home = scratch_dir("org-dont-save");
    let app = with_policy("org-dont-save", &home, "dont_save = true\n");
    let before = files_under(&data_dir(&home));
    app.click("[data-route='threatened']");
    app.click("a[data-checklist='threatened']");
    app.click("label[for='step-dont-pay']");
    app.wait_until("document.getElementById('checklist-progress').textContent.startsWith('1 of')")
        .unwrap();
    app.click("#nav-settings");
    app.click("label[for='audience-adult']");
    app.wait_until("document.querySelector('.saved').textContent !== ''")
        .unwrap();
    assert!(
        app.text(".saved")
            .starts_with("Changed until Harbour closes"),
        "never claims to have saved: {}",
        app.text(".saved")
    );
    let after = files_under(&data_dir(&home));
    // The harness itself wrote settings.json before launch (to skip the introduction); Harbour
    // must not have added or changed anything.
    assert_eq!(before, after);
    for file in &after {
        assert_eq!(fs::read_to_string(file).unwrap(), r#"{"intro_done":true}"#);
    }
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn portable_mode_keeps_data_beside_the_binary() {
    let home = scratch_dir("portable-home");
    let stick = scratch_dir("portable-stick");
    let binary = stick.join("harbour");
    fs::copy(app_binary(), &binary).unwrap();
    fs::write(stick.join("harbour-portable"), "").unwrap();
    // The introduction is already done on this stick.
    fs::create_dir_all(stick.join("harbour-data")).unwrap();
    fs::write(
        stick.join("harbour-data/settings.json"),
        r#"{"intro_done":true}"#,
    )
    .unwrap();
    let app = Harbour::launch_with(
        "portable",
        Options {
            home: Some(home.clone()),
            binary: Some(binary.clone()),
            first_run: true,
            ..Options::default()
        },
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    app.click("[data-route='threatened']");
    app.click("a[data-checklist='threatened']");
    app.click("label[for='step-dont-pay']");
    app.wait_until("document.getElementById('checklist-progress').textContent.startsWith('1 of')")
        .unwrap();
    assert!(stick.join("harbour-data/checklist.json").exists());
    assert_eq!(
        files_under(&home.join(".local/share")),
        Vec::<PathBuf>::new(),
        "nothing in the computer's own data folders"
    );
    drop(app);
    let _ = fs::remove_dir_all(home);
    let _ = fs::remove_dir_all(stick);
}
