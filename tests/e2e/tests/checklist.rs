//! Checklists in the real app: ticks survive a restart, a damaged file is recovered from the
//! last-good copy, "don't save" writes nothing, "delete everything" leaves no Harbour file.

use std::fs;
use std::path::{Path, PathBuf};

use harbour_e2e::{data_dir, files_under, scratch_dir, Harbour, Options};

const SPACE: &str = "\u{E00D}";

fn launch(name: &str, home: &Path) -> Harbour {
    Harbour::launch_with(
        name,
        Options {
            home: Some(home.to_path_buf()),
            ..Options::default()
        },
    )
}

fn open_threatened_list(app: &Harbour) {
    app.click("[data-route='threatened']");
    app.wait_for_css("main[data-view='route']").unwrap();
    app.click("a[data-checklist='threatened']");
    app.wait_for_css("main[data-view='checklist']").unwrap();
}

fn ticked(app: &Harbour) -> Vec<String> {
    let value = app
        .session
        .execute(
            "return [...document.querySelectorAll('.checklist__item input:checked')]\
             .map(i => i.closest('[data-item]').dataset.item);",
        )
        .unwrap();
    serde_json::from_value(value).unwrap()
}

fn tick(app: &Harbour, item: &str) {
    let before = app.text("#checklist-progress");
    app.click(&format!("label[for='step-{item}']"));
    app.wait_until(&format!(
        "document.getElementById('checklist-progress').textContent !== {before:?}"
    ))
    .unwrap();
}

/// Every file under Harbour's own folders in this home.
fn harbour_files(home: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = [
        data_dir(home),
        home.join(".config/app.harbour.desktop"),
        home.join(".cache/app.harbour.desktop"),
    ]
    .iter()
    .flat_map(|dir| files_under(dir))
    .collect();
    found.sort();
    found
}

#[test]
fn ticks_survive_a_restart() {
    let home = scratch_dir("cl-restart");
    {
        let app = launch("cl-restart-1", &home);
        open_threatened_list(&app);
        let total = app.text("#checklist-progress");
        assert!(total.starts_with("0 of "), "{total}");
        tick(&app, "dont-pay");
        // Keyboard: Space on a focused checkbox ticks it too.
        app.session
            .execute("document.getElementById('step-stop-and-block').focus(); return true;")
            .unwrap();
        let before = app.text("#checklist-progress");
        app.session.press_keys(&[SPACE]).unwrap();
        app.wait_until(&format!(
            "document.getElementById('checklist-progress').textContent !== {before:?}"
        ))
        .unwrap();
        assert!(app.text("#checklist-progress").starts_with("2 of "));
        assert_eq!(
            app.text("#checklist-saving"),
            "Your ticks are saved only on this computer."
        );
        app.screenshot("ticked");
    }
    let app = launch("cl-restart-2", &home);
    open_threatened_list(&app);
    assert_eq!(ticked(&app), vec!["dont-pay", "stop-and-block"]);
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn a_damaged_file_is_recovered_from_the_last_good_copy_and_the_person_is_told() {
    let home = scratch_dir("cl-damaged");
    {
        let app = launch("cl-damaged-1", &home);
        open_threatened_list(&app);
        tick(&app, "dont-pay");
        tick(&app, "keep-evidence");
    }
    // Cut the saved file short, as a crash mid-write would.
    let file = data_dir(&home).join("checklist.json");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, &text[..text.len() / 2]).unwrap();

    let app = launch("cl-damaged-2", &home);
    open_threatened_list(&app);
    assert_eq!(ticked(&app), vec!["dont-pay", "keep-evidence"]);
    let notice = app.text("#checklist-notice");
    assert!(notice.contains("backup"), "the person is told: {notice}");
    app.screenshot("recovered");
    let kept: Vec<_> = fs::read_dir(data_dir(&home))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside, not deleted");
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn hand_edits_lose_only_what_makes_no_sense() {
    let home = scratch_dir("cl-hand-edit");
    fs::create_dir_all(data_dir(&home)).unwrap();
    fs::write(
        data_dir(&home).join("checklist.json"),
        r#"{"schema": 2, "progress": {"threatened": ["dont-pay", "no-such-step", 42],
            "no-such-list": ["x"]}, "colour": "blue"}"#,
    )
    .unwrap();
    let app = launch("cl-hand-edit", &home);
    open_threatened_list(&app);
    assert_eq!(ticked(&app), vec!["dont-pay"]);
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn starting_a_list_again_asks_first() {
    let app = Harbour::launch("cl-reset");
    open_threatened_list(&app);
    tick(&app, "dont-pay");
    app.click("#reset-list");
    app.click("#cancel-reset");
    assert_eq!(ticked(&app), vec!["dont-pay"]);
    app.click("#reset-list");
    app.click("#confirm-reset");
    app.wait_until("document.getElementById('checklist-progress').textContent.startsWith('0 of')")
        .unwrap();
    assert!(ticked(&app).is_empty());
}

#[test]
fn dont_save_writes_no_file_and_says_so() {
    let home = scratch_dir("cl-dont-save");
    let app = launch("cl-dont-save", &home);
    open_threatened_list(&app);
    tick(&app, "dont-pay");
    assert!(data_dir(&home).join("checklist.json").exists());
    app.click("#nav-settings");
    app.click("label[for='dont-save']");
    app.wait_until("document.getElementById('privacy-message').textContent.startsWith('On')")
        .unwrap();
    let leftovers: Vec<_> = harbour_files(&home)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("checklist")
        })
        .collect();
    assert!(leftovers.is_empty(), "saved ticks deleted: {leftovers:?}");
    app.click("#nav-home");
    open_threatened_list(&app);
    tick(&app, "keep-evidence");
    assert!(app.text("#checklist-saving").starts_with("Not saved"));
    app.screenshot("dont-save");
    let written: Vec<_> = harbour_files(&home)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("checklist")
        })
        .collect();
    assert!(written.is_empty(), "no checklist file written: {written:?}");
    drop(app);
    let _ = fs::remove_dir_all(home);
}

#[test]
fn delete_everything_leaves_no_harbour_file() {
    let home = scratch_dir("cl-delete");
    let app = launch("cl-delete", &home);
    open_threatened_list(&app);
    tick(&app, "dont-pay");
    app.click("#nav-settings");
    app.click("label[for='after_exit-close']");
    app.wait_until("document.querySelector('.saved').textContent.startsWith('Saved')")
        .unwrap();
    assert!(
        harbour_files(&home).len() >= 3,
        "settings, ticks and backup: {:?}",
        harbour_files(&home)
    );
    app.click("#delete-everything");
    app.click("#confirm-delete");
    app.wait_until("document.getElementById('privacy-message').textContent.startsWith('Deleted')")
        .unwrap();
    assert_eq!(harbour_files(&home), Vec::<PathBuf>::new());
    app.screenshot("deleted");
    drop(app);
    let _ = fs::remove_dir_all(home);
}
