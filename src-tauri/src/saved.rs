//! What Harbour keeps on this computer, and the two ways a person controls it:
//!
//! - **"Don't save anything on this computer"**: ticks live in memory only and every checklist
//!   file is deleted. Only that choice itself is saved (in `settings.json`), so it still holds
//!   next time; an organisation that forces it gets nothing written at all.
//! - **"Delete everything Harbour saved"**: every file Harbour wrote goes (ticks, settings, their
//!   last-good, damaged and temporary copies). What was chosen in this session stays in force
//!   until Harbour closes; anything changed afterwards is saved again, as usual.
//!
//! Every file is written through one safe layer (`harbour-checklist`'s file layer, also used by
//! `harbour-settings`): a temporary file renamed over the old one, a last-good copy beside it,
//! damaged files set aside and never deleted except here, when the person asks.

use harbour_settings::Change;
use tauri::{AppHandle, Manager, Runtime};

use crate::checklist::ChecklistState;
use crate::error::UiError;
use crate::settings::SettingsState;

/// Turns "don't save anything on this computer" on (deleting the saved ticks) or off (saving
/// the ticks made so far).
#[tauri::command]
pub fn set_dont_save<R: Runtime>(app: AppHandle<R>, on: bool) -> Result<(), UiError> {
    app.state::<SettingsState>().change(Change::DontSave(on))?;
    let ticks = app.state::<ChecklistState<R>>();
    if on {
        ticks.stop_saving()
    } else {
        ticks.resume_saving(&app)
    }
}

/// Deletes every file Harbour wrote on this computer: ticks, settings, and all their copies.
#[tauri::command]
pub fn delete_everything<R: Runtime>(app: AppHandle<R>) -> Result<(), UiError> {
    let ticks = app.state::<ChecklistState<R>>();
    let mut deleted = ticks.forget();
    if let Some(file) = app.state::<SettingsState>().file() {
        deleted &= file.delete().is_ok();
    }
    if let Some(dir) = ticks.dir() {
        // The folder itself, if nothing else is in it.
        let _ = std::fs::remove_dir(dir);
    }
    if deleted {
        Ok(())
    } else {
        Err(UiError::not_deleted())
    }
}
