//! Harbour's desktop shell. Each module is one thing a person meets (the guide, and later the
//! quick exit, the checklist, settings) and is a thin command layer over a plain-Rust crate in
//! `crates/`, which holds the logic and its tests. `error.rs` turns their errors into what the
//! page shows.

pub mod error;
pub mod guide;

use tauri::{Builder, Runtime};

/// Harbour with all its state and commands, on any runtime: the real one in [`run`], the mock one
/// in tests.
pub fn app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(guide::GuideState::bundled())
        .invoke_handler(tauri::generate_handler![
            guide::home,
            guide::route,
            guide::article
        ])
}

/// Starts Harbour.
pub fn run() {
    let result = app(Builder::default()).run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("Harbour could not start: {error}");
        std::process::exit(1);
    }
}
