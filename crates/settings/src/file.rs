//! `settings.json`: the person's choices, kept on this computer so they never get lost.
//!
//! Written through the same file layer as the ticks (`harbour-checklist`): a temporary file
//! renamed over the old one (so a crash or power cut leaves the old file or the new one, never
//! half of each), then a last-good copy beside it. On reading, a file that is not a JSON object
//! is set aside under a new name (never deleted), the last-good copy is put back, and the person
//! is told once what happened.

use std::io;
use std::path::{Path, PathBuf};

use harbour_checklist::{
    atomic_write, copies_in, delete_copies, read_capped, set_aside, Contents, ASIDE_DAMAGED,
};
use serde_json::{Map, Value};

use crate::model::{Key, Settings};

/// The settings file's name in Harbour's data folder.
pub const FILE_NAME: &str = "settings.json";

/// The last-good copy, rewritten after every successful save.
pub const LAST_GOOD_FILE_NAME: &str = "settings.last-good.json";

/// Every name this file may have, for [`SettingsFile::delete`] and [`SettingsFile::files`].
const BASE_NAMES: [&str; 2] = [FILE_NAME, LAST_GOOD_FILE_NAME];

/// The settings file in one folder (Harbour's data folder).
#[derive(Debug, Clone)]
pub struct SettingsFile {
    dir: PathBuf,
}

/// What [`SettingsFile::load`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The person's saved choices (the safe defaults where nothing usable was saved).
    pub settings: Settings,
    /// The person chose an audience themselves (the organisation's is then only a default).
    pub audience_chosen: bool,
    /// Something to tell the person once: a damaged file recovered, settings that could not
    /// be read, a file that cannot be read at all.
    pub notice: Option<String>,
    /// False when the file could not even be read (a permissions problem, a folder in its
    /// place): Harbour must then not write over it, and keeps changes until it closes.
    pub writable: bool,
}

impl SettingsFile {
    /// The settings file in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> SettingsFile {
        SettingsFile { dir: dir.into() }
    }

    /// Where the settings are saved.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn last_good_path(&self) -> PathBuf {
        self.dir.join(LAST_GOOD_FILE_NAME)
    }

    /// Reads the settings, recovering from damage: never fails, never deletes.
    pub fn load(&self) -> Loaded {
        let main = self.path();
        let (values, notice, writable) = match read_object(&main) {
            Ok(Some(values)) => (values, None, true),
            Ok(None) => match read_object(&self.last_good_path()) {
                // No settings file but a last-good copy: put it back quietly (a file removed
                // by hand, or a crash between the two writes of the very first save).
                Ok(Some(values)) => {
                    let _ = atomic_write(&main, &to_bytes(&values));
                    (values, None, true)
                }
                _ => (Map::new(), None, true),
            },
            Err(Unusable::Damaged) => self.recover(&main),
            Err(Unusable::Unreadable) => (
                Map::new(),
                Some(
                    "Harbour could not open its settings file, so changes will last until \
                     Harbour closes. Nothing saved before has been deleted."
                        .to_string(),
                ),
                false,
            ),
        };
        let (settings, ignored) = Settings::from_values(&values);
        let notice = notice.or_else(|| {
            (!ignored.is_empty()).then(|| {
                "Some of Harbour's settings could not be read, so they are back to their safe \
                 defaults."
                    .to_string()
            })
        });
        Loaded {
            audience_chosen: values.contains_key(Key::Audience.as_str())
                && !ignored.contains(&Key::Audience),
            settings,
            notice,
            writable,
        }
    }

    /// A damaged settings file: set it aside, then put the last good copy in its place.
    fn recover(&self, main: &Path) -> (Map<String, Value>, Option<String>, bool) {
        let kept = match set_aside(main, ASIDE_DAMAGED) {
            Ok(path) => path,
            Err(_) => {
                // It could not even be moved: leave it exactly as it is and write nothing.
                return (
                    Map::new(),
                    Some(
                        "Harbour's settings file is damaged and could not be moved aside, so \
                         settings are back to their safe defaults until Harbour closes. The \
                         file has not been changed."
                            .to_string(),
                    ),
                    false,
                );
            }
        };
        let kept_name = kept
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match read_object(&self.last_good_path()) {
            Ok(Some(values)) => {
                let restored = atomic_write(main, &to_bytes(&values)).is_ok();
                let notice = format!(
                    "Harbour's settings file was damaged, so the settings it saved last were \
                     put back. The damaged file was kept as {kept_name}."
                );
                (values, Some(notice), restored)
            }
            _ => (
                Map::new(),
                Some(format!(
                    "Harbour's settings file was damaged and no earlier copy could be read, so \
                     settings are back to their safe defaults. The damaged file was kept as \
                     {kept_name}."
                )),
                true,
            ),
        }
    }

    /// Saves the settings: the file, then its last-good copy, each written whole or not at all.
    pub fn save(&self, settings: &Settings) -> Result<(), harbour_checklist::Error> {
        // The first save on a new computer: Harbour's data folder may not exist yet.
        std::fs::create_dir_all(&self.dir).map_err(|source| harbour_checklist::Error::Io {
            action: "create",
            path: self.dir.clone(),
            source,
        })?;
        let bytes = to_bytes(&settings.to_values());
        atomic_write(&self.path(), &bytes)?;
        atomic_write(&self.last_good_path(), &bytes)
    }

    /// Every settings file in the folder: the file, its last-good copy, damaged copies set
    /// aside, temporary files left by a crash.
    pub fn files(&self) -> io::Result<Vec<PathBuf>> {
        copies_in(&self.dir, &BASE_NAMES)
    }

    /// Deletes every file [`SettingsFile::files`] lists ("Delete everything Harbour saved").
    pub fn delete(&self) -> io::Result<Vec<PathBuf>> {
        delete_copies(&self.dir, &BASE_NAMES)
    }
}

/// Why a file could not be used.
enum Unusable {
    /// It is there but is not a JSON object (a torn write, a hand edit, another file).
    Damaged,
    /// It could not be read at all.
    Unreadable,
}

/// Reads a JSON object from `path`: `Ok(None)` if there is no file.
fn read_object(path: &Path) -> Result<Option<Map<String, Value>>, Unusable> {
    match read_capped(path) {
        Ok(Contents::Missing) => Ok(None),
        Ok(Contents::TooLarge(_)) => Err(Unusable::Damaged),
        Ok(Contents::Bytes(bytes)) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            match serde_json::from_slice::<Value>(bytes) {
                Ok(Value::Object(map)) => Ok(Some(map)),
                _ => Err(Unusable::Damaged),
            }
        }
        Err(_) => Err(Unusable::Unreadable),
    }
}

fn to_bytes(values: &Map<String, Value>) -> Vec<u8> {
    // A map of plain values always serialises.
    serde_json::to_vec_pretty(values).unwrap_or_else(|_| b"{}".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use harbour_words::{AfterExit, Audience, Region};
    use std::fs;

    /// A fresh folder, removed when the returned guard is dropped at the end of the test.
    fn folder(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::Builder::new()
            .prefix(&format!("harbour-settings-{name}-"))
            .tempdir()
            .unwrap();
        let path = dir.path().to_path_buf();
        (dir, path)
    }

    fn australia() -> Settings {
        Settings {
            region: Region::Au,
            audience: Some(Audience::Adult),
            after_exit: AfterExit::Close,
            intro_done: true,
            ..Settings::default()
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn saved_settings_come_back() {
        let (_guard, dir) = folder("round-trip");
        let file = SettingsFile::new(&dir);
        file.save(&australia()).unwrap();
        let loaded = file.load();
        assert_eq!(loaded.settings, australia());
        assert!(loaded.audience_chosen && loaded.writable);
        assert_eq!(loaded.notice, None);
        assert_eq!(names(&dir), [FILE_NAME, LAST_GOOD_FILE_NAME]);
    }

    #[test]
    fn the_first_save_makes_the_folder() {
        let (_guard, dir) = folder("first-save");
        let dir = dir.join("not-yet").join("made");
        let file = SettingsFile::new(&dir);
        file.save(&australia()).expect("the folder is made");
        assert_eq!(file.load().settings, australia());
    }

    #[test]
    fn no_file_is_the_defaults_without_a_notice() {
        let (_guard, dir) = folder("none");
        let loaded = SettingsFile::new(dir).load();
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(loaded.notice, None);
        assert!(!loaded.audience_chosen);
    }

    #[test]
    fn a_torn_file_is_kept_aside_and_the_last_good_settings_come_back() {
        // The defect this fixes: region Australia saved, the file then torn; Harbour used to
        // start with defaults and overwrite the file at the first save.
        let (_guard, dir) = folder("torn");
        let file = SettingsFile::new(&dir);
        file.save(&australia()).unwrap();
        let whole = fs::read(file.path()).unwrap();
        fs::write(file.path(), &whole[..whole.len() / 2]).unwrap();

        let loaded = file.load();
        assert_eq!(
            loaded.settings,
            australia(),
            "nothing the person chose is lost"
        );
        let notice = loaded.notice.expect("the person is told");
        assert!(
            notice.contains("damaged") && notice.contains("put back"),
            "{notice}"
        );
        let damaged: Vec<String> = names(&dir)
            .into_iter()
            .filter(|n| n.starts_with("settings.damaged-"))
            .collect();
        assert_eq!(damaged.len(), 1, "the damaged file is kept, not deleted");
        assert!(notice.contains(&damaged[0]));
        assert_eq!(
            fs::read(dir.join(&damaged[0])).unwrap(),
            &whole[..whole.len() / 2]
        );
        // The restored file is whole again: the next start says nothing.
        assert_eq!(file.load().notice, None);
        assert_eq!(file.load().settings, australia());
    }

    #[test]
    fn a_damaged_file_without_a_good_copy_falls_back_and_says_so() {
        let (_guard, dir) = folder("no-copy");
        let file = SettingsFile::new(&dir);
        fs::write(file.path(), b"\x00\x01 not json").unwrap();
        let loaded = file.load();
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.notice.unwrap().contains("safe defaults"));
        assert!(loaded.writable);
        assert!(names(&dir)
            .iter()
            .any(|n| n.starts_with("settings.damaged-")));
    }

    #[test]
    fn a_hand_edited_value_falls_back_alone_and_is_reported() {
        let (_guard, dir) = folder("hand-edit");
        let file = SettingsFile::new(&dir);
        fs::write(
            file.path(),
            br#"{"region": "au", "escape_scope": "sometimes", "extra": 1}"#,
        )
        .unwrap();
        let loaded = file.load();
        assert_eq!(loaded.settings.region, Region::Au);
        assert_eq!(
            loaded.settings.escape_scope,
            Settings::default().escape_scope
        );
        assert!(loaded.notice.unwrap().contains("could not be read"));
    }

    #[test]
    fn a_huge_file_is_damage_not_a_memory_problem() {
        let (_guard, dir) = folder("huge");
        let file = SettingsFile::new(&dir);
        fs::write(file.path(), vec![b' '; 2 * 1024 * 1024]).unwrap();
        let loaded = file.load();
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.notice.is_some());
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_never_written_over() {
        let (_guard, dir) = folder("unreadable");
        let file = SettingsFile::new(&dir);
        fs::create_dir(file.path()).unwrap(); // a folder where the file should be
        let loaded = file.load();
        assert!(!loaded.writable);
        assert!(loaded.notice.unwrap().contains("until Harbour closes"));
        assert!(file.path().is_dir(), "left exactly as it was");
    }

    #[test]
    fn delete_removes_every_settings_file_and_nothing_else() {
        let (_guard, dir) = folder("delete");
        let file = SettingsFile::new(&dir);
        file.save(&australia()).unwrap();
        fs::write(dir.join("settings.damaged-1764100000.json"), b"x").unwrap();
        fs::write(dir.join("checklist.json"), b"{}").unwrap();
        fs::write(dir.join("notes.txt"), b"mine").unwrap();
        assert_eq!(file.files().unwrap().len(), 3);
        assert_eq!(file.delete().unwrap().len(), 3);
        assert_eq!(names(&dir), ["checklist.json", "notes.txt"]);
    }
}
