//! Settings a person chooses: how the quick exit behaves, and whether the first-run
//! introduction is done. Saved with tauri-plugin-store in `settings.json` in Harbour's data
//! folder, written immediately (no delayed autosave) so a quick "close completely" loses nothing.

use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_store::{Store, StoreExt};

use harbour_guide::{Audience, Region};

use crate::error::UiError;
use crate::organisation::{Organisation, OrganisationView};
use crate::quick_exit;

/// The store file holding settings.
pub const SETTINGS_FILE: &str = "settings.json";

/// Where Escape hides Harbour from.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EscapeScope {
    /// From any app, while Harbour is on screen (the default: safest).
    #[default]
    AnyApp,
    /// Only while Harbour's window is in front, for people who need Escape in other apps.
    InFront,
}

/// What a quick exit does after hiding the window.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AfterExit {
    /// Stay running, hidden; launching Harbour again brings it back on the home screen.
    #[default]
    StayHidden,
    /// Quit completely: no Harbour process is left.
    Close,
}

/// Everything a person can set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Where Escape works from.
    pub escape_scope: EscapeScope,
    /// Hide or quit after a quick exit.
    pub after_exit: AfterExit,
    /// The first-run introduction was finished or skipped.
    pub intro_done: bool,
    /// "Don't save anything on this computer": ticks live only in memory. This choice itself is
    /// saved, so that it still holds next time.
    pub dont_save: bool,
    /// Where the person is: every helpline and reporting step shown is for this region.
    pub region: Region,
    /// Who is reading, if they said: what fits them is shown first (nothing is hidden).
    pub audience: Option<Audience>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            escape_scope: EscapeScope::default(),
            after_exit: AfterExit::default(),
            intro_done: false,
            dont_save: false,
            region: Region::Uk,
            audience: None,
        }
    }
}

impl Settings {
    /// Reads settings from the store's values, key by key: a value that is missing, of the wrong
    /// type or unknown (a hand edit, an older version) falls back to its safe default without
    /// touching the others. Returns the keys that were ignored.
    pub fn from_values(get: impl Fn(&str) -> Option<Value>) -> (Settings, Vec<&'static str>) {
        let mut ignored = Vec::new();
        let defaults = Settings::default();
        let settings = Settings {
            escape_scope: field(&get, "escape_scope", &mut ignored)
                .unwrap_or(defaults.escape_scope),
            after_exit: field(&get, "after_exit", &mut ignored).unwrap_or(defaults.after_exit),
            intro_done: field(&get, "intro_done", &mut ignored).unwrap_or(defaults.intro_done),
            dont_save: field(&get, "dont_save", &mut ignored).unwrap_or(defaults.dont_save),
            region: field(&get, "region", &mut ignored).unwrap_or(defaults.region),
            audience: field(&get, "audience", &mut ignored).unwrap_or(defaults.audience),
        };
        (settings, ignored)
    }
}

/// One saved value, if present and of the right type; a value that is not is noted in
/// `ignored` and left to its default.
fn field<T: serde::de::DeserializeOwned>(
    get: &impl Fn(&str) -> Option<Value>,
    key: &'static str,
    ignored: &mut Vec<&'static str>,
) -> Option<T> {
    let value = get(key)?;
    serde_json::from_value(value)
        .map_err(|_| ignored.push(key))
        .ok()
}

/// Settings in memory plus the store they are saved to (None if the store could not be opened:
/// Harbour then keeps settings for this session only and says so).
pub struct SettingsState<R: Runtime> {
    current: Mutex<Settings>,
    store: Option<Arc<Store<R>>>,
    /// A problem to tell the person about once (a damaged settings file, a failed save).
    pub notice: Mutex<Option<String>>,
    /// What the organisation's policy fixes, applied on top of the person's own choices.
    pub organisation: Organisation,
    /// The person chose an audience themselves (the policy's default is only a start).
    audience_chosen: std::sync::atomic::AtomicBool,
}

impl<R: Runtime> SettingsState<R> {
    /// The settings in force: the person's, with the organisation's on top.
    pub fn get(&self) -> Settings {
        let mine = self
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let chosen = self
            .audience_chosen
            .load(std::sync::atomic::Ordering::Acquire);
        self.organisation.apply(mine, chosen)
    }

    /// Refuses a change to something the organisation fixed.
    fn check_not_fixed(&self, key: &str) -> Result<(), UiError> {
        if self.organisation.fixes(key) {
            Err(UiError::fixed_by_organisation())
        } else {
            Ok(())
        }
    }

    fn update(&self, change: impl FnOnce(&mut Settings)) -> Settings {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut current);
        current.clone()
    }

    /// Saves one setting now. A failed save is reported, never silent.
    fn save(&self, key: &str, value: Value) -> Result<(), UiError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if self.organisation.forbids_saving() {
            // The organisation said nothing may be saved: not even settings.
            return Ok(());
        }
        store.set(key, value);
        store.save().map_err(|_| UiError::not_saved())
    }

    /// Switches "don't save anything" on or off, and saves that choice.
    pub fn set_dont_save(&self, on: bool) -> Result<(), UiError> {
        self.check_not_fixed("dont_save")?;
        self.update(|s| s.dont_save = on);
        self.save("dont_save", Value::Bool(on))
    }

    /// Empties the store in memory, for "delete everything" (the caller deletes the file).
    /// The settings in force stay as they are until Harbour closes.
    pub fn forget_file(&self) {
        if let Some(store) = &self.store {
            store.clear();
        }
    }

    /// Marks the introduction as done (finished, skipped, or practised).
    pub fn finish_intro(&self) -> Result<(), UiError> {
        self.update(|s| s.intro_done = true);
        self.save("intro_done", Value::Bool(true))
    }
}

/// Opens the settings store and reads it.
pub fn load<R: Runtime>(app: &AppHandle<R>, organisation: Organisation) -> SettingsState<R> {
    let store = app
        .store_builder(SETTINGS_FILE)
        .disable_auto_save()
        .build()
        .ok();
    let (settings, ignored) = match &store {
        Some(store) => Settings::from_values(|key| store.get(key)),
        None => (Settings::default(), Vec::new()),
    };
    let audience_chosen = store.as_ref().is_some_and(|s| s.has("audience"));
    let notice = if store.is_none() {
        Some(
            "Harbour could not open its settings file, so changes will last until Harbour closes."
                .into(),
        )
    } else if !ignored.is_empty() {
        Some("Some of Harbour's settings could not be read, so they are back to their safe defaults.".into())
    } else {
        None
    };
    SettingsState {
        current: Mutex::new(settings),
        store,
        notice: Mutex::new(notice),
        organisation,
        audience_chosen: std::sync::atomic::AtomicBool::new(audience_chosen),
    }
}

/// What the settings screen shows.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    #[serde(flatten)]
    settings: Settings,
    /// What the quick exit can do right now, in plain words.
    quick_exit: quick_exit::Status,
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
    let state = app.state::<SettingsState<R>>();
    let quick = app.state::<quick_exit::QuickExit>();
    let notice = state
        .notice
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    SettingsView {
        settings: state.get(),
        quick_exit: quick.status(),
        notice,
        just_practised: quick.take_just_practised(),
        organisation: state.organisation.view(),
    }
}

/// Changes one setting and saves it at once.
#[tauri::command]
pub fn set_setting<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SettingsState<R>>,
    key: String,
    value: Value,
) -> Result<Settings, UiError> {
    state.check_not_fixed(&key)?;
    match key.as_str() {
        "escape_scope" => {
            let scope: EscapeScope =
                serde_json::from_value(value.clone()).map_err(|_| UiError::bad_setting())?;
            state.update(|s| s.escape_scope = scope);
            state.save("escape_scope", value)?;
            quick_exit::apply_scope(&app);
        }
        "after_exit" => {
            let after: AfterExit =
                serde_json::from_value(value.clone()).map_err(|_| UiError::bad_setting())?;
            state.update(|s| s.after_exit = after);
            state.save("after_exit", value)?;
        }
        "region" => {
            let region: Region =
                serde_json::from_value(value.clone()).map_err(|_| UiError::bad_setting())?;
            state.update(|s| s.region = region);
            state.save("region", value)?;
        }
        "audience" => {
            let audience: Option<Audience> =
                serde_json::from_value(value.clone()).map_err(|_| UiError::bad_setting())?;
            state.update(|s| s.audience = audience);
            state
                .audience_chosen
                .store(true, std::sync::atomic::Ordering::Release);
            state.save("audience", value)?;
        }
        _ => return Err(UiError::bad_setting()),
    }
    Ok(state.get())
}

/// The introduction was finished or skipped: never show it again.
#[tauri::command]
pub fn finish_intro<R: Runtime>(app: AppHandle<R>) -> Result<(), UiError> {
    app.state::<SettingsState<R>>().finish_intro()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(values: Value) -> (Settings, Vec<&'static str>) {
        Settings::from_values(|key| values.get(key).cloned())
    }

    #[test]
    fn missing_settings_are_the_safe_defaults() {
        let (settings, ignored) = read(json!({}));
        assert_eq!(settings.escape_scope, EscapeScope::AnyApp);
        assert_eq!(settings.after_exit, AfterExit::StayHidden);
        assert!(!settings.intro_done);
        assert!(ignored.is_empty());
    }

    #[test]
    fn saved_settings_are_read_back() {
        let (settings, _) = read(json!({
            "escape_scope": "in-front", "after_exit": "close", "intro_done": true
        }));
        assert_eq!(settings.escape_scope, EscapeScope::InFront);
        assert_eq!(settings.after_exit, AfterExit::Close);
        assert!(settings.intro_done);
    }

    #[test]
    fn region_and_audience_are_read_back_and_bad_ones_fall_back() {
        let (settings, _) = read(json!({"region": "ie", "audience": "parent-carer"}));
        assert_eq!(settings.region, Region::Ie);
        assert_eq!(settings.audience, Some(Audience::ParentCarer));
        let (settings, ignored) = read(json!({"region": "mars", "audience": 3}));
        assert_eq!(settings.region, Region::Uk);
        assert_eq!(settings.audience, None);
        assert_eq!(ignored, vec!["region", "audience"]);
    }

    #[test]
    fn a_bad_value_falls_back_alone_without_losing_the_others() {
        let (settings, ignored) = read(json!({
            "escape_scope": 42, "after_exit": "close", "intro_done": "yes"
        }));
        assert_eq!(settings.escape_scope, EscapeScope::AnyApp);
        assert_eq!(settings.after_exit, AfterExit::Close);
        assert!(!settings.intro_done);
        assert_eq!(ignored, vec!["escape_scope", "intro_done"]);
    }
}
