//! The settings model: what can be set, by which name, and how a saved map is read back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use harbour_words::{AfterExit, Audience, EscapeScope, Region};

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
    /// How big the page's text is (Ctrl+Plus, Ctrl+Minus, Ctrl+0 or Settings).
    pub text_size: TextSize,
    /// Wayland: the person asked their desktop to bind the quick exit, and it did, so Harbour
    /// binds it again whenever it is shown. Never true unasked: asking shows the desktop's own
    /// dialog, which must not pop up on a start the person did not expect.
    pub desktop_shortcut: bool,
}

/// How big the page's text is, in percent of the normal size: one of [`TextSize::STEPS`]. A
/// desktop webview does not always follow the system's text size, so Harbour has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct TextSize(u16);

impl TextSize {
    /// The sizes a person can choose, smallest first; Ctrl+Plus and Ctrl+Minus step through
    /// them. 200% is WCAG 1.4.4's "resize text".
    pub const STEPS: [u16; 5] = [100, 125, 150, 175, 200];
    /// The normal size (Ctrl+0).
    pub const NORMAL: TextSize = TextSize(100);

    /// The size in percent.
    pub fn percent(self) -> u16 {
        self.0
    }
}

impl Default for TextSize {
    fn default() -> Self {
        TextSize::NORMAL
    }
}

impl TryFrom<u16> for TextSize {
    type Error = String;

    fn try_from(percent: u16) -> Result<Self, Self::Error> {
        if TextSize::STEPS.contains(&percent) {
            Ok(TextSize(percent))
        } else {
            Err(format!("no text size of {percent}%"))
        }
    }
}

impl From<TextSize> for u16 {
    fn from(size: TextSize) -> u16 {
        size.0
    }
}

impl Default for Settings {
    /// The safe defaults: Escape from any app, stay hidden after it, the intro not yet seen,
    /// ticks saved, the UK, no audience chosen, normal text size.
    fn default() -> Self {
        Settings {
            escape_scope: EscapeScope::default(),
            after_exit: AfterExit::default(),
            intro_done: false,
            dont_save: false,
            region: Region::default(),
            audience: None,
            text_size: TextSize::NORMAL,
            desktop_shortcut: false,
        }
    }
}

/// The name of each setting, as the settings file and the page write it. A name that is not
/// here is refused by [`Key::from_name`]: a typo in the page is an error, never a new setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    /// [`Settings::escape_scope`].
    EscapeScope,
    /// [`Settings::after_exit`].
    AfterExit,
    /// [`Settings::intro_done`].
    IntroDone,
    /// [`Settings::dont_save`].
    DontSave,
    /// [`Settings::region`].
    Region,
    /// [`Settings::audience`].
    Audience,
    /// [`Settings::text_size`].
    TextSize,
    /// [`Settings::desktop_shortcut`].
    DesktopShortcut,
}

impl Key {
    /// Every key, in the order the file lists them.
    pub const ALL: [Key; 8] = [
        Key::EscapeScope,
        Key::AfterExit,
        Key::IntroDone,
        Key::DontSave,
        Key::Region,
        Key::Audience,
        Key::TextSize,
        Key::DesktopShortcut,
    ];

    /// The name in the file and the page (`escape_scope`).
    pub fn as_str(self) -> &'static str {
        match self {
            Key::EscapeScope => "escape_scope",
            Key::AfterExit => "after_exit",
            Key::IntroDone => "intro_done",
            Key::DontSave => "dont_save",
            Key::Region => "region",
            Key::Audience => "audience",
            Key::TextSize => "text_size",
            Key::DesktopShortcut => "desktop_shortcut",
        }
    }

    /// The key with this exact name, if there is one.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.as_str() == name)
    }
}

/// One change a person asked for, already checked: the page sends a key and a JSON value, and
/// [`Change::parse`] turns them into this or refuses them before anything is touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Where Escape works from.
    EscapeScope(EscapeScope),
    /// What happens after a quick exit.
    AfterExit(AfterExit),
    /// The first-run introduction is done.
    IntroDone,
    /// "Don't save anything on this computer", on or off.
    DontSave(bool),
    /// The reader's region.
    Region(Region),
    /// Who is reading (`None`: not said).
    Audience(Option<Audience>),
    /// How big the page's text is.
    TextSize(TextSize),
    /// The desktop bound the quick exit (true) or the person stopped using it (false).
    DesktopShortcut(bool),
}

/// Why a change from the page was refused: an unknown key, or a value that key cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadChange;

impl Change {
    /// Parses what the page sent. `intro_done`, `dont_save` and `desktop_shortcut` have
    /// commands of their own (finishing the intro; "don't save" also deletes files; the desktop
    /// shortcut is saved only once the desktop bound it), so they are refused here.
    pub fn parse(key: &str, value: Value) -> Result<Change, BadChange> {
        fn value_of<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, BadChange> {
            serde_json::from_value(value).map_err(|_| BadChange)
        }
        match Key::from_name(key).ok_or(BadChange)? {
            Key::EscapeScope => value_of(value).map(Change::EscapeScope),
            Key::AfterExit => value_of(value).map(Change::AfterExit),
            Key::Region => value_of(value).map(Change::Region),
            Key::Audience => value_of(value).map(Change::Audience),
            Key::TextSize => value_of(value).map(Change::TextSize),
            Key::IntroDone | Key::DontSave | Key::DesktopShortcut => Err(BadChange),
        }
    }

    /// Which setting this changes.
    pub fn key(self) -> Key {
        match self {
            Change::EscapeScope(_) => Key::EscapeScope,
            Change::AfterExit(_) => Key::AfterExit,
            Change::IntroDone => Key::IntroDone,
            Change::DontSave(_) => Key::DontSave,
            Change::Region(_) => Key::Region,
            Change::Audience(_) => Key::Audience,
            Change::TextSize(_) => Key::TextSize,
            Change::DesktopShortcut(_) => Key::DesktopShortcut,
        }
    }
}

impl Settings {
    /// Applies one change.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::EscapeScope(scope) => self.escape_scope = scope,
            Change::AfterExit(after) => self.after_exit = after,
            Change::IntroDone => self.intro_done = true,
            Change::DontSave(on) => self.dont_save = on,
            Change::Region(region) => self.region = region,
            Change::Audience(audience) => self.audience = audience,
            Change::TextSize(size) => self.text_size = size,
            Change::DesktopShortcut(on) => self.desktop_shortcut = on,
        }
    }

    /// Reads settings from a saved map, key by key: a value that is missing, of the wrong type
    /// or unknown (a hand edit, an older version) falls back to its safe default without
    /// touching the others. Returns the keys that were ignored.
    pub fn from_values(values: &Map<String, Value>) -> (Settings, Vec<Key>) {
        let mut settings = Settings::default();
        let mut ignored = Vec::new();
        for key in Key::ALL {
            let Some(value) = values.get(key.as_str()) else {
                continue;
            };
            // The keys the page may not send (they have commands of their own) are plain
            // booleans; every other key is read as the page's change would be.
            let read = match key {
                Key::IntroDone => value.as_bool().map(|done| settings.intro_done = done),
                Key::DontSave => value.as_bool().map(|on| settings.dont_save = on),
                Key::DesktopShortcut => value.as_bool().map(|on| settings.desktop_shortcut = on),
                _ => Change::parse(key.as_str(), value.clone())
                    .ok()
                    .map(|change| settings.apply(change)),
            };
            if read.is_none() {
                ignored.push(key);
            }
        }
        (settings, ignored)
    }

    /// The saved form: one entry per key.
    pub fn to_values(&self) -> Map<String, Value> {
        let mut map = Map::new();
        for key in Key::ALL {
            let value = match key {
                Key::EscapeScope => serde_json::to_value(self.escape_scope),
                Key::AfterExit => serde_json::to_value(self.after_exit),
                Key::IntroDone => Ok(Value::Bool(self.intro_done)),
                Key::DontSave => Ok(Value::Bool(self.dont_save)),
                Key::Region => serde_json::to_value(self.region),
                Key::Audience => serde_json::to_value(self.audience),
                Key::TextSize => serde_json::to_value(self.text_size),
                Key::DesktopShortcut => Ok(Value::Bool(self.desktop_shortcut)),
            };
            // Serialising these enums cannot fail; a value that somehow did is left out and
            // reads back as its safe default.
            if let Ok(value) = value {
                map.insert(key.as_str().to_string(), value);
            }
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(values: Value) -> (Settings, Vec<Key>) {
        Settings::from_values(values.as_object().expect("an object"))
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
        assert_eq!(ignored, vec![Key::Region, Key::Audience]);
    }

    #[test]
    fn a_bad_value_falls_back_alone_without_losing_the_others() {
        let (settings, ignored) = read(json!({
            "escape_scope": 42, "after_exit": "close", "intro_done": "yes"
        }));
        assert_eq!(settings.escape_scope, EscapeScope::AnyApp);
        assert_eq!(settings.after_exit, AfterExit::Close);
        assert!(!settings.intro_done);
        assert_eq!(ignored, vec![Key::EscapeScope, Key::IntroDone]);
    }

    #[test]
    fn what_is_saved_reads_back_the_same() {
        let settings = Settings {
            escape_scope: EscapeScope::InFront,
            after_exit: AfterExit::Close,
            intro_done: true,
            dont_save: true,
            region: Region::Au,
            audience: Some(Audience::YoungPerson),
            text_size: TextSize::try_from(175).unwrap(),
            desktop_shortcut: true,
        };
        let (back, ignored) = Settings::from_values(&settings.to_values());
        assert_eq!(back, settings);
        assert!(ignored.is_empty());
        let (back, _) = Settings::from_values(&Settings::default().to_values());
        assert_eq!(back, Settings::default());
    }

    #[test]
    fn the_desktop_shortcut_is_never_set_by_the_page_and_a_bad_one_reads_as_off() {
        // Only the desktop's own "yes" may turn it on (it decides whether a dialog pops up).
        assert_eq!(
            Change::parse("desktop_shortcut", json!(true)),
            Err(BadChange)
        );
        assert!(!Settings::default().desktop_shortcut);
        let (settings, ignored) = read(json!({"desktop_shortcut": "yes"}));
        assert!(!settings.desktop_shortcut);
        assert_eq!(ignored, vec![Key::DesktopShortcut]);
        let (settings, _) = read(json!({"desktop_shortcut": true}));
        assert!(settings.desktop_shortcut);
    }

    #[test]
    fn text_size_is_one_of_the_steps_and_a_bad_one_falls_back_to_normal() {
        assert_eq!(Settings::default().text_size.percent(), 100);
        assert_eq!(
            Change::parse("text_size", json!(150)),
            Ok(Change::TextSize(TextSize::try_from(150).unwrap()))
        );
        for bad in [
            json!(130),
            json!(0),
            json!(400),
            json!("150"),
            json!(null),
            json!(1.5),
        ] {
            assert_eq!(
                Change::parse("text_size", bad.clone()),
                Err(BadChange),
                "{bad}"
            );
        }
        let (settings, ignored) = read(json!({"text_size": 200, "region": "ie"}));
        assert_eq!(settings.text_size.percent(), 200);
        assert!(ignored.is_empty());
        let (settings, ignored) = read(json!({"text_size": 999, "region": "ie"}));
        assert_eq!(settings.text_size, TextSize::NORMAL);
        assert_eq!(settings.region, Region::Ie);
        assert_eq!(ignored, vec![Key::TextSize]);
        let mut settings = Settings::default();
        settings.apply(Change::TextSize(TextSize::try_from(125).unwrap()));
        assert_eq!(settings.to_values()["text_size"], json!(125));
    }

    #[test]
    fn the_page_can_only_name_real_settings_with_values_they_take() {
        assert_eq!(
            Change::parse("region", json!("au")),
            Ok(Change::Region(Region::Au))
        );
        assert_eq!(
            Change::parse("audience", json!(null)),
            Ok(Change::Audience(None))
        );
        assert_eq!(Change::parse("regoin", json!("au")), Err(BadChange));
        assert_eq!(Change::parse("region", json!("mars")), Err(BadChange));
        assert_eq!(Change::parse("escape_scope", json!(1)), Err(BadChange));
        // These have their own commands.
        assert_eq!(Change::parse("intro_done", json!(true)), Err(BadChange));
        assert_eq!(Change::parse("dont_save", json!(true)), Err(BadChange));
    }

    #[test]
    fn every_key_has_one_name_that_serde_agrees_with() {
        for key in Key::ALL {
            assert_eq!(Key::from_name(key.as_str()), Some(key));
            assert_eq!(serde_json::to_value(key).unwrap(), key.as_str());
        }
        // Settings serialise with the same field names the keys use, so the page sees one name.
        let fields = serde_json::to_value(Settings::default()).unwrap();
        let mut names: Vec<&str> = fields
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut keys: Vec<&str> = Key::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        keys.sort_unstable();
        assert_eq!(names, keys);
    }
}
