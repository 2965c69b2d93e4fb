//! Settings a person chooses, with what their organisation fixes on top: a thin command layer
//! over `harbour-settings`, which holds the model, the policy rules and the file.
//!
//! Saved in `settings.json` in Harbour's data folder, written at once (no delayed autosave) so
//! a quick "close completely" loses nothing, and whole or not at all. Other parts of the shell
//! that must react to a change (the quick exit, to a new Escape scope) register a listener with
//! [`SettingsState::on_change`]; `lib.rs` wires them, so this module depends on none of them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use serde_json::Value;
use tauri::{AppHandle, Manager, Runtime, State};

use harbour_settings::{Change, Key, Organisation, Settings, SettingsFile};

use crate::error::UiError;

/// Something to do after a setting changed.
type Listener = Box<dyn Fn(Change) + Send + Sync>;

/// Settings in memory, where they are saved, and who listens for changes.
pub struct SettingsState {
    /// The person's own choices (the organisation's are applied on top in [`Self::get`]).
    mine: Mutex<Settings>,
    /// The person chose an audience themselves (the policy's default is only a start).
    audience_chosen: AtomicBool,
    /// Where settings are saved (None: Harbour has no data folder).
    file: Option<SettingsFile>,
    /// Whether anything may be written there: not when the file could not be read (it must not
    /// be written over) or when the organisation forbids saving.
    may_write: bool,
    /// A problem to tell the person about once (a damaged settings file, a failed save).
    notice: Mutex<Option<String>>,
    /// What the organisation's policy fixes.
    organisation: Organisation,
    listeners: Mutex<Vec<Listener>>,
}

impl SettingsState {
    /// Reads the settings file in `dir` (None: Harbour has no data folder) under the
    /// organisation's policy.
    pub fn load(dir: Option<PathBuf>, organisation: Organisation) -> SettingsState {
        let file = dir.map(SettingsFile::new);
        let loaded = file.as_ref().map(SettingsFile::load);
        let writable = loaded.as_ref().is_some_and(|l| l.writable);
        let (mine, audience_chosen, notice) = match loaded {
            Some(l) => (l.settings, l.audience_chosen, l.notice),
            None => (
                Settings::default(),
                false,
                Some(
                    "Harbour could not find a folder for its settings, so changes will last \
                     until Harbour closes."
                        .into(),
                ),
            ),
        };
        let may_write = writable && !organisation.forbids_saving();
        SettingsState {
            mine: Mutex::new(mine),
            audience_chosen: AtomicBool::new(audience_chosen),
            file,
            may_write,
            notice: Mutex::new(notice),
            organisation,
            listeners: Mutex::new(Vec::new()),
        }
    }

    /// The settings in force: the person's, with the organisation's on top.
    pub fn get(&self) -> Settings {
        let mine = self
            .mine
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        self.organisation
            .apply(mine, self.audience_chosen.load(Ordering::Acquire))
    }

    /// What the organisation fixes.
    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    /// The one-time notice, taken (the next call returns None).
    pub fn take_notice(&self) -> Option<String> {
        self.notice
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Calls `listener` after every change that was applied.
    pub fn on_change(&self, listener: impl Fn(Change) + Send + Sync + 'static) {
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Box::new(listener));
    }

    /// Applies a change the person asked for, saves it at once, and tells the listeners.
    /// Refused if the organisation fixes that setting. A failed save is reported, never silent;
    /// the change still applies until Harbour closes.
    pub fn change(&self, change: Change) -> Result<Settings, UiError> {
        if self.organisation.fixes(change.key()) {
            return Err(UiError::fixed_by_organisation());
        }
        let saved = {
            let mut mine = self.mine.lock().unwrap_or_else(PoisonError::into_inner);
            mine.apply(change);
            if change.key() == Key::Audience {
                self.audience_chosen.store(true, Ordering::Release);
            }
            self.save(&mine)
        };
        for listener in self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            listener(change);
        }
        saved.map(|()| self.get())
    }

    fn save(&self, mine: &Settings) -> Result<(), UiError> {
        match &self.file {
            Some(file) if self.may_write => file.save(mine).map_err(|_| UiError::not_saved()),
            _ => Ok(()),
        }
    }

    /// The settings file, for "delete everything" (None: Harbour has no data folder).
    pub fn file(&self) -> Option<&SettingsFile> {
        self.file.as_ref()
    }
}

/// Reads the organisation's policy (Group Policy or Intune in the Windows registry, a macOS
/// configuration profile, and the policy file: `/etc/harbour/policy.toml` or `HARBOUR_POLICY`),
/// and says on stderr what it set, from where, and what was wrong, for IT staff. Nothing the
/// person does is ever written to stderr.
pub fn load_organisation() -> Organisation {
    let loaded = harbour_policy::load_default();
    let organisation = Organisation::from_loaded(&loaded);
    for problem in organisation.problems() {
        eprintln!("Harbour policy: {problem}");
    }
    for (key, source) in &loaded.sources {
        eprintln!("Harbour policy: {source} sets {key}");
    }
    organisation
}

/// Opens the settings for this app: Harbour's data folder, the machine's policy.
pub fn load<R: Runtime>(app: &AppHandle<R>) -> SettingsState {
    SettingsState::load(app.path().app_data_dir().ok(), load_organisation())
}

/// Changes one setting and saves it at once.
#[tauri::command]
pub fn set_setting(
    state: State<'_, SettingsState>,
    key: String,
    value: Value,
) -> Result<Settings, UiError> {
    let change = Change::parse(&key, value).map_err(|_| {
        // An unknown key is a bad setting; a fixed one says so, whatever the value.
        match Key::from_name(&key) {
            Some(key) if state.organisation().fixes(key) => UiError::fixed_by_organisation(),
            _ => UiError::bad_setting(),
        }
    })?;
    state.change(change)
}

/// The introduction was finished or skipped: never show it again.
#[tauri::command]
pub fn finish_intro(state: State<'_, SettingsState>) -> Result<(), UiError> {
    state.change(Change::IntroDone).map(drop)
}
