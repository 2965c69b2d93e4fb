//! Declares Harbour's own commands to Tauri so each gets a permission, and the capability file can
//! grant exactly these and nothing else (see `capabilities/main.json`).

/// Every command the UI may call. A command missing here cannot be invoked at all.
const COMMANDS: &[&str] = &[
    "quick_exit",
    "home",
    "route",
    "article",
    "settings",
    "set_setting",
    "finish_intro",
    "checklists_for",
    "checklist",
    "set_tick",
    "reset_checklist",
    "set_dont_save",
    "delete_everything",
    "search",
    "helplines",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
