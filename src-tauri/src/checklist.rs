//! Checklists: ticking off protective steps, kept only on this computer and never lost.
//!
//! The ticks live in a tauri-plugin-store file (`checklist.json`) in Harbour's data folder.
//! `harbour-checklist` guards it: before the plugin reads the file it is checked, and a damaged
//! one is moved aside and replaced by the last-good copy, which is written atomically after every
//! save. So a crash or a kill loses at most the last tick, and a hand-edited file loses only the
//! entries that make no sense.
//!
//! "Don't save anything on this computer" and "Delete everything Harbour saved" are in
//! [`crate::saved`], which uses [`ChecklistState::stop_saving`], [`ChecklistState::resume_saving`]
//! and [`ChecklistState::forget`].

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use harbour_checklist::{
    check_before_load, delete_all, encode, last_good_path, main_path, write_last_good, Known,
    Progress, MAIN_FILE_NAME,
};
use harbour_guide::Checklist;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_store::{Store, StoreExt};

use crate::error::UiError;
use crate::guide::{reader, GuideState};
use crate::settings::SettingsState;

/// The ticks and where they are saved.
pub struct ChecklistState<R: Runtime> {
    inner: Mutex<Inner<R>>,
}

struct Inner<R: Runtime> {
    progress: Progress,
    /// Harbour's data folder (None: unknown, nothing is saved).
    dir: Option<PathBuf>,
    /// The open store; None while nothing may be written (don't-save mode, or the saved file
    /// could not be checked and must not be overwritten).
    store: Option<Arc<Store<R>>>,
    /// Why saving is off though the person did not ask for that.
    save_problem: Option<String>,
    /// Said once: what happened to a damaged file.
    notice: Option<String>,
}

impl<R: Runtime> ChecklistState<R> {
    fn lock(&self) -> MutexGuard<'_, Inner<R>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// "Don't save anything": ticks stay in memory only, and every checklist file is deleted.
    pub fn stop_saving(&self) -> Result<(), UiError> {
        let mut inner = self.lock();
        if let Some(store) = inner.store.take() {
            store.clear();
            store.close_resource();
        }
        if let Some(dir) = &inner.dir {
            delete_all(dir).map_err(|_| UiError::not_deleted())?;
        }
        Ok(())
    }

    /// Saving is allowed again: the ticks made so far are saved now.
    pub fn resume_saving(&self, app: &AppHandle<R>) -> Result<(), UiError> {
        let mut inner = self.lock();
        if inner.store.is_none() && inner.save_problem.is_none() {
            inner.store = open_store(app);
            persist(&inner)?;
        }
        Ok(())
    }

    /// "Delete everything": every tick goes at once, with every checklist file. A tick made
    /// afterwards is saved again, as usual. Returns false if a file could not be deleted.
    pub fn forget(&self) -> bool {
        let mut inner = self.lock();
        inner.progress.clear();
        if let Some(store) = &inner.store {
            store.clear();
        }
        match &inner.dir {
            Some(dir) => delete_all(dir).is_ok(),
            None => true,
        }
    }

    /// Harbour's data folder, where the ticks are saved.
    pub fn dir(&self) -> Option<PathBuf> {
        self.lock().dir.clone()
    }
}

fn known(guide: &GuideState) -> Known {
    guide
        .checklists()
        .iter()
        .map(|list| (list.id.clone(), list.items.iter().map(|i| i.id.clone())))
        .collect()
}

/// Checks the saved file, recovers it if needed, then opens the store. In don't-save mode
/// nothing is read or written.
pub fn load<R: Runtime>(app: &AppHandle<R>, dont_save: bool) -> ChecklistState<R> {
    let dir = app.path().app_data_dir().ok();
    let mut inner = Inner {
        progress: Progress::new(),
        dir: dir.clone(),
        store: None,
        save_problem: None,
        notice: None,
    };
    if let (Some(dir), false) = (dir, dont_save) {
        let known = known(&app.state::<GuideState>());
        match check_before_load(&main_path(&dir), &last_good_path(&dir), &known) {
            Ok(checked) => {
                inner.notice = checked.message();
                inner.progress = checked.progress;
                inner.store = open_store(app);
                if inner.store.is_none() {
                    inner.save_problem = Some(NOT_SAVING.into());
                }
            }
            Err(_) => {
                // The file could not even be checked (unreadable folder...). Never let the
                // plugin write over it: this session keeps ticks in memory only.
                inner.save_problem = Some(NOT_SAVING.into());
            }
        }
    }
    ChecklistState {
        inner: Mutex::new(inner),
    }
}

const NOT_SAVING: &str = "Harbour can't save ticks on this computer right now, so they will \
    last until Harbour closes. Nothing that was saved before has been deleted.";

fn open_store<R: Runtime>(app: &AppHandle<R>) -> Option<Arc<Store<R>>> {
    app.store_builder(MAIN_FILE_NAME)
        .disable_auto_save()
        .build()
        .ok()
}

/// Writes the ticks: the store file, then the last-good copy. A failure is reported.
fn persist<R: Runtime>(inner: &Inner<R>) -> Result<(), UiError> {
    let (Some(store), Some(dir)) = (&inner.store, &inner.dir) else {
        return Ok(());
    };
    if let Some(entries) = encode(&inner.progress).as_object() {
        for (key, value) in entries {
            store.set(key.clone(), value.clone());
        }
    }
    store.save().map_err(|_| UiError::not_saved())?;
    write_last_good(&last_good_path(dir), &inner.progress).map_err(|_| UiError::not_saved())
}

/// A checklist with its ticks, as the checklist screen shows it.
#[derive(Debug, Serialize)]
pub struct ChecklistView {
    #[serde(flatten)]
    list: Checklist,
    ticked: Vec<String>,
    done: usize,
    total: usize,
    /// Ticks are kept only in memory (the person chose it, or saving is not possible).
    saving: Saving,
    notice: Option<String>,
}

/// How ticks are kept, said on the checklist screen so a support worker can show it.
#[derive(Debug, Serialize)]
pub struct Saving {
    /// Ticks are written to this computer.
    on: bool,
    /// The person chose "don't save anything".
    dont_save: bool,
    /// Why saving is off when they did not choose it.
    problem: Option<String>,
}

/// The list's steps that are ticked, in the list's order.
fn ticked(progress: &Progress, list: &Checklist) -> Vec<String> {
    list.items
        .iter()
        .filter(|item| progress.is_ticked(&list.id, &item.id))
        .map(|item| item.id.clone())
        .collect()
}

fn view<R: Runtime>(app: &AppHandle<R>, list: &Checklist, inner: &mut Inner<R>) -> ChecklistView {
    let dont_save = app.state::<SettingsState>().get().dont_save;
    let ticked = ticked(&inner.progress, list);
    ChecklistView {
        done: ticked.len(),
        total: list.items.len(),
        ticked,
        list: list.clone(),
        saving: Saving {
            on: inner.store.is_some() && !dont_save,
            dont_save,
            problem: inner.save_problem.clone(),
        },
        notice: inner.notice.take(),
    }
}

/// Short listing used on routes and articles: which checklists go with them.
#[derive(Debug, Serialize)]
pub struct ChecklistLink {
    id: String,
    title: String,
    done: usize,
    total: usize,
}

/// One checklist as the reader's region sees it: the same steps (so ticks match), each step's
/// text, numbers and linked article for their country.
fn regional<R: Runtime>(
    app: &AppHandle<R>,
    guide: &GuideState,
    id: &str,
) -> Result<Checklist, UiError> {
    let (region, _) = reader(app);
    Ok(guide.guide()?.checklist_for(id, region)?)
}

/// The checklists offered on a route or an article.
#[tauri::command]
pub fn checklists_for<R: Runtime>(
    app: AppHandle<R>,
    guide: State<'_, GuideState>,
    route: Option<String>,
    article: Option<String>,
) -> Result<Vec<ChecklistLink>, UiError> {
    let lists = match (route, article) {
        (Some(route), _) => guide.guide()?.checklists_for_route(&route),
        (_, Some(article)) => guide.guide()?.checklists_for_article(&article),
        _ => Vec::new(),
    };
    let state = app.state::<ChecklistState<R>>();
    let inner = state.lock();
    Ok(lists
        .into_iter()
        .map(|list| ChecklistLink {
            id: list.id.clone(),
            title: list.title.clone(),
            done: ticked(&inner.progress, list).len(),
            total: list.items.len(),
        })
        .collect())
}

/// One checklist with its ticks.
#[tauri::command]
pub fn checklist<R: Runtime>(
    app: AppHandle<R>,
    guide: State<'_, GuideState>,
    id: String,
) -> Result<ChecklistView, UiError> {
    let list = regional(&app, &guide, &id)?;
    let state = app.state::<ChecklistState<R>>();
    let mut inner = state.lock();
    Ok(view(&app, &list, &mut inner))
}

/// Ticks or unticks one step, and saves at once.
#[tauri::command]
pub fn set_tick<R: Runtime>(
    app: AppHandle<R>,
    guide: State<'_, GuideState>,
    list: String,
    item: String,
    ticked: bool,
) -> Result<ChecklistView, UiError> {
    let checklist = regional(&app, &guide, &list)?;
    if !checklist.items.iter().any(|i| i.id == item) {
        return Err(UiError::unknown_step());
    }
    let state = app.state::<ChecklistState<R>>();
    let mut inner = state.lock();
    inner
        .progress
        .set(&list, &item, ticked)
        .map_err(|_| UiError::unknown_step())?;
    let saved = persist(&inner);
    let view = view(&app, &checklist, &mut inner);
    saved.map(|()| view)
}

/// Unticks every step of one list ("start this list again"), after the page's confirm step.
#[tauri::command]
pub fn reset_checklist<R: Runtime>(
    app: AppHandle<R>,
    guide: State<'_, GuideState>,
    id: String,
) -> Result<ChecklistView, UiError> {
    let checklist = regional(&app, &guide, &id)?;
    let state = app.state::<ChecklistState<R>>();
    let mut inner = state.lock();
    inner.progress.reset_list(&id);
    let saved = persist(&inner);
    let view = view(&app, &checklist, &mut inner);
    saved.map(|()| view)
}
