//! The Linux package as people get it: the `.deb` built by `./dev package` (tauri-cli), unpacked
//! into a scratch root, checked (binary, desktop entry, icons, size) and launched under Xvfb.
//!
//! Without a built `.deb` this test says so and passes on a developer's machine; under CI
//! (`CI=true`, where `./dev test` builds the package first) a missing `.deb` fails it.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use harbour_e2e::{scratch_dir, workspace_root, Harbour, Options};

/// The published ceiling for Harbour's `.deb`.
const MAX_DEB_BYTES: u64 = 5 * 1024 * 1024;

fn built_deb() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("release/bundle/deb");
    fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
}

#[test]
fn the_deb_installs_a_neutral_desktop_entry_icons_and_a_binary_that_opens_home() {
    let Some(deb) = built_deb() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "no .deb was built: ./dev test runs ./dev package first"
        );
        eprintln!("SKIPPED: no .deb built yet (run ./dev package)");
        return;
    };
    let size = fs::metadata(&deb).unwrap().len();
    println!("{}: {size} bytes", deb.display());
    assert!(size <= MAX_DEB_BYTES, "the .deb is {size} bytes, over 5 MB");

    let root = scratch_dir("deb-root");
    let status = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(&root)
        .status()
        .expect("dpkg-deb runs");
    assert!(status.success());

    let binary = root.join("usr/bin/harbour");
    assert!(binary.is_file(), "the binary is installed in /usr/bin");
    let desktop = fs::read_dir(root.join("usr/share/applications"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "desktop"))
        .expect("a desktop entry");
    let entry = fs::read_to_string(&desktop).unwrap();
    assert!(entry.contains("Name=Harbour"), "{entry}");
    assert!(entry.contains("Exec=harbour"), "{entry}");
    assert!(entry.contains("Icon=harbour"), "{entry}");
    for word in ["sextortion", "abuse", "blackmail", "nude", "sexual"] {
        assert!(
            !entry.to_lowercase().contains(word),
            "a glance at the menu must not reveal the topic: {word}"
        );
    }
    for size in ["32x32", "128x128", "256x256@2"] {
        let icon = root.join(format!("usr/share/icons/hicolor/{size}/apps/harbour.png"));
        assert!(icon.is_file(), "icon {}", icon.display());
    }
    let control = Command::new("dpkg-deb")
        .arg("-f")
        .arg(&deb)
        .arg("Depends")
        .output()
        .unwrap();
    let depends = String::from_utf8_lossy(&control.stdout);
    assert!(depends.contains("libwebkit2gtk-4.1"), "{depends}");

    let app = Harbour::launch_with(
        "deb",
        Options {
            binary: Some(binary),
            ..Options::default()
        },
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    assert_eq!(app.text("h1"), "What is happening?");
    app.screenshot("installed");
    drop(app);
    let _ = fs::remove_dir_all(root);
}
