//! Harbour's desktop shell. Each module is one thing a person meets and is a thin command layer
//! over a plain-Rust crate in `crates/`, which holds the logic and its tests:
//!
//! - [`quick_exit`]: Escape and the Quick exit button hide Harbour at once (`crates/quick-exit`);
//! - [`guide`]: the home routes, the articles, who can help (`crates/guide`);
//! - [`checklist`]: ticking off protective steps, never lost (`crates/checklist`);
//! - [`search`]: finding advice by typing, misspelt or in everyday words (`crates/search`);
//! - [`settings`]: what a person chooses and what their organisation fixes (`crates/settings`);
//! - [`settings_screen`]: the Settings screen, which also says what the quick exit can do;
//! - [`saved`]: what Harbour keeps on this computer: "don't save" and "delete everything";
//! - [`window`]: the one window and where its web engine keeps its files;
//! - [`error`]: turns every error into what the page shows.
//!
//! Modules depend downward only: `error` and `window` at the bottom; `guide` and `settings`
//! above them; `checklist`, `search` and `quick_exit` read settings; `saved` and
//! `settings_screen` sit on top. Where a lower module must cause something in a higher one (a
//! new Escape setting re-applies the quick exit), this file wires a listener.

pub mod checklist;
mod command_names;
pub mod error;
pub mod guide;
pub mod quick_exit;
pub mod saved;
pub mod search;
pub mod settings;
pub mod settings_screen;
pub mod window;

pub use command_names::COMMANDS;

use harbour_settings::Key;
use tauri::{Builder, Manager, Runtime};

/// Harbour with all its plugins, state and commands, on any runtime: the real one in [`run`],
/// the mock one in tests.
pub fn app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    let builder = builder
        // First: a second launch must reach this instance before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            quick_exit::show(app);
        }))
        .plugin(tauri_plugin_store::Builder::new().build());
    // The latency benchmark's baseline only (docs/benchmarks.md); never in builds for people.
    #[cfg(feature = "bench-stock-shortcut")]
    let builder = builder.plugin(quick_exit::stock_plugin::plugin());
    let guide = guide::GuideState::bundled();
    let search = search::SearchState::new(&guide);
    builder
        .manage(guide)
        .manage(search)
        .manage(quick_exit::QuickExit::new())
        .setup(|app| {
            window::open(app.handle())?;
            let settings = settings::load(app.handle());
            let dont_save = settings.get().dont_save;
            let handle = app.handle().clone();
            settings.on_change(move |change| {
                if change.key() == Key::EscapeScope {
                    quick_exit::apply_scope(&handle);
                }
            });
            app.manage(settings);
            app.manage(checklist::load(app.handle(), dont_save));
            quick_exit::start(app.handle());
            Ok(())
        })
        // The same commands, in the same order, as `command_names.rs` (checked by a test).
        .invoke_handler(tauri::generate_handler![
            quick_exit::quick_exit,
            quick_exit::ask_desktop_shortcut,
            guide::home,
            guide::route,
            guide::article,
            guide::helplines,
            settings_screen::settings,
            settings::set_setting,
            settings::finish_intro,
            checklist::checklists_for,
            checklist::checklist,
            checklist::set_tick,
            checklist::reset_checklist,
            saved::set_dont_save,
            saved::delete_everything,
            search::search,
        ])
}

/// Where a portable Harbour keeps its data: `harbour-data` beside the binary, when Harbour was
/// started with `--portable` or a file named `harbour-portable` sits beside the binary (for a
/// USB stick). None for a normal install.
pub fn portable_data_dir() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    let asked = std::env::args().skip(1).any(|a| a == "--portable");
    (asked || dir.join("harbour-portable").exists()).then(|| dir.join("harbour-data"))
}

/// Starts Harbour.
pub fn run() {
    let mut context = tauri::generate_context!();
    if let Some(dir) = portable_data_dir() {
        // Every app folder (data, config, cache) resolves inside this one.
        context.config_mut().app.app_directories_override =
            Some(tauri::utils::config::AppDirectoriesOverride::Root(dir));
    }
    let result = app(Builder::default()).build(context).map(|app| {
        app.run(|handle, event| match event {
            tauri::RunEvent::Exit => window::forget_webview_data(handle),
            // macOS: a click on the Dock icon (or Launchpad) while Harbour hides after a quick
            // exit brings it back on the neutral home screen, as a second launch does elsewhere.
            #[cfg(target_os = "macos")]
            tauri::RunEvent::Reopen { .. } => quick_exit::show(handle),
            _ => {}
        })
    });
    if let Err(error) = result {
        eprintln!("Harbour could not start: {error}");
        std::process::exit(1);
    }
}
