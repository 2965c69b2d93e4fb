//! Checks an organisation's policy the way Harbour will read it, for IT staff trying one out:
//! `cargo run -p harbour-policy --example check_policy -- path/to/policy.toml`
//! (without a path: `HARBOUR_POLICY`, else the system place). On Windows it also reads
//! `HKLM\SOFTWARE\Policies\Harbour`, on macOS the managed preferences, and lays them over the
//! file as Harbour does. Prints each setting in force with where it came from, and every
//! problem; exits 1 if there were problems.
//!
//! The lines it prints are stable, because the Wine test (`tests/wine.rs`) reads them:
//! `registry: found` / `registry: none`, `set region = ie (from Group Policy (HKLM\...))`,
//! `problem: ...`.

use harbour_policy::{managed, registry, Loaded};

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(harbour_policy::policy_path);
    let file = harbour_policy::load(&path);
    if file.found {
        println!("policy file: {}", path.display());
    } else {
        println!("policy file: none at {}", path.display());
    }
    let registry = registry::read_registry();
    println!(
        "registry: {} ({})",
        if registry.is_some() { "found" } else { "none" },
        harbour_policy::REGISTRY_PATH
    );
    let managed = managed::read_managed_preferences();
    if cfg!(target_os = "macos") {
        println!(
            "managed preferences: {} ({})",
            if managed.is_some() { "found" } else { "none" },
            harbour_policy::MANAGED_PREFERENCES_PATH
        );
    }
    let loaded = [registry, managed]
        .into_iter()
        .flatten()
        .fold(file, |lower, higher: Loaded| higher.over(lower));

    let p = &loaded.policy;
    let shown = |key: &str, value: Option<String>| {
        if let (Some(value), Some(source)) = (value, loaded.sources.get(key)) {
            println!("set {key} = {value} (from {source})");
        }
    };
    shown("region", p.region.map(|v| v.to_string()));
    shown(
        "default_audience",
        p.default_audience.map(|v| v.to_string()),
    );
    shown("dont_save", p.dont_save.map(|v| v.to_string()));
    shown("escape_scope", p.escape_scope.map(|v| v.to_string()));
    shown("after_exit", p.after_exit.map(|v| v.to_string()));
    if let Some(contact) = &p.contact {
        shown("contact", Some(format!("{:?}", contact.name)));
        println!("  how_to_reach = {:?}", contact.how_to_reach);
        if let Some(hours) = &contact.hours {
            println!("  hours = {hours:?}");
        }
    }
    for problem in &loaded.problems {
        println!("problem: {problem}");
    }
    if !loaded.problems.is_empty() {
        std::process::exit(1);
    }
}
