//! Declares Harbour's own commands to Tauri so each gets a permission, and the capability file can
//! grant exactly these and nothing else (see `capabilities/main.json`).

include!("src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_names.rs");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
