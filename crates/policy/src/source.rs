//! Where a policy setting came from, so Settings can say "Set by your organisation (Group
//! Policy)" and IT staff can tell which of their tools to change.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// The key under HKEY_LOCAL_MACHINE that holds Harbour's policy values: the ADMX template's `key`.
pub const REGISTRY_KEY: &str = r"SOFTWARE\Policies\Harbour";

/// The whole path, for messages and the documentation.
pub const REGISTRY_PATH: &str = r"HKLM\SOFTWARE\Policies\Harbour";

/// One of the places an organisation's settings can come from, in the order they win when two
/// set the same key: the Windows registry and macOS managed preferences (written by the
/// organisation's management tools) win over the policy file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "location", rename_all = "kebab-case")]
pub enum Source {
    /// `HKLM\SOFTWARE\Policies\Harbour` on Windows, as Group Policy and Intune (with the ADMX
    /// template in `deploy/windows/`) write it.
    Registry,
    /// A configuration profile's managed preferences on macOS (Jamf, Intune, Apple School
    /// Manager), at this path.
    ManagedPreferences(PathBuf),
    /// The policy file (`policy.toml`) at this path.
    File(PathBuf),
}

impl Source {
    /// A short name for the settings screen: "Set by your organisation (Group Policy)".
    pub fn label(&self) -> &'static str {
        match self {
            Source::Registry => "Group Policy",
            Source::ManagedPreferences(_) => "configuration profile",
            Source::File(_) => "policy file",
        }
    }

    /// Where exactly, for messages to IT staff: the registry key or the file's path.
    pub fn location(&self) -> String {
        match self {
            Source::Registry => REGISTRY_PATH.to_string(),
            Source::ManagedPreferences(path) | Source::File(path) => path.display().to_string(),
        }
    }
}

impl fmt::Display for Source {
    /// `Group Policy (HKLM\SOFTWARE\Policies\Harbour)`, `policy file (/etc/harbour/policy.toml)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label(), self.location())
    }
}
