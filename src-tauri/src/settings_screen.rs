//! The Settings screen: the person's choices, what the quick exit can do on this system right
//! now, and what their organisation fixes. It sits above [`crate::settings`] and
//! [`crate::quick_exit`] and only reads from them.

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use harbour_settings::{OrganisationView, Settings};

use crate::quick_exit::QuickExit;
use crate::settings::SettingsState;

/// What the settings screen shows.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    #[serde(flatten)]
    settings: Settings,
    /// What the quick exit can do right now, in plain words.
    quick_exit: harbour_quick_exit::Status,
    /// A one-time notice (damaged settings, failed save).
    notice: Option<String>,
    /// True once, right after the person practised the quick exit in the introduction.
    just_practised: bool,
    /// What the organisation fixed, problems with its policy file, its contact.
    organisation: OrganisationView,
}

/// The current settings and quick-exit status.
#[tauri::command]
pub fn settings<R: Runtime>(app: AppHandle<R>) -> SettingsView {
    let state = app.state::<SettingsState>();
    let quick = app.state::<QuickExit>();
    SettingsView {
        settings: state.get(),
        quick_exit: quick.status(),
        notice: state.take_notice(),
        just_practised: quick.take_just_practised(),
        organisation: state.organisation().view(),
    }
}
