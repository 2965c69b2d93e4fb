//! Settings in the real app are never lost silently: a torn `settings.json` (a crash in the
//! middle of a write by an older Harbour, a bad disk) gives back the last good settings, keeps
//! the damaged file aside, and tells the person once.

use std::fs;

use harbour_e2e::{data_dir, scratch_dir, Harbour, Options};

fn launch(name: &str, home: &std::path::Path) -> Harbour {
    Harbour::launch_with(
        name,
        Options {
            home: Some(home.to_path_buf()),
            ..Options::default()
        },
    )
}

#[test]
fn a_torn_settings_file_keeps_the_region_and_the_person_is_told_once() {
    let home = scratch_dir("settings-torn");
    {
        let app = launch("settings-torn-1", &home);
        app.choose_setting("region-au");
    }
    let file = data_dir(&home).join("settings.json");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"au\""), "the region was saved: {text}");
    fs::write(&file, &text[..text.len() / 2]).unwrap();

    let app = launch("settings-torn-2", &home);
    // The intro was finished before the damage: it is not shown again.
    app.wait_for_css("main[data-view='home']")
        .expect("Harbour opens on the home screen, not the intro");
    // Told on the first screen, before anything else.
    let notice = app.text("#notice");
    assert!(
        notice.contains("damaged") && notice.contains("put back"),
        "the person is told: {notice}"
    );
    app.screenshot("recovered");
    let kept: Vec<String> = fs::read_dir(data_dir(&home))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("settings.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside, not deleted");
    assert!(notice.contains(&kept[0]), "the notice names it: {notice}");

    app.click("#nav-settings");
    app.wait_for_css("main[data-view='settings']").unwrap();
    let region_kept = app
        .session
        .execute("return document.getElementById('region-au').checked;")
        .unwrap();
    assert_eq!(region_kept, true, "Australia is still the region");
    // Told once: the notice went with the first screen, and Settings does not repeat it.
    let shown = app
        .session
        .execute(
            "return !document.getElementById('notice').hidden \
             || document.querySelectorAll(\"main [role='alert']\").length > 0;",
        )
        .unwrap();
    assert_eq!(shown, false);
    drop(app);
    let _ = fs::remove_dir_all(home);
}
