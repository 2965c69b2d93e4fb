//! `HARBOUR_POLICY` points Harbour at another file. This is its own test binary with a single
//! test, because it changes the process environment, which other tests' threads might read.

use std::fs;
use std::path::PathBuf;

use harbour_policy::{load_default, policy_path, Region, POLICY_ENV_VAR};

#[test]
fn the_environment_variable_overrides_the_system_path() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("harbour-policy-env");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("trial-policy.toml");
    fs::write(&path, "region = \"au\"\n").unwrap();

    std::env::set_var(POLICY_ENV_VAR, &path);
    assert_eq!(policy_path(), path);
    let loaded = load_default();
    assert_eq!(loaded.path, path);
    assert_eq!(loaded.policy.region, Some(Region::Au));

    std::env::set_var(POLICY_ENV_VAR, "");
    assert_ne!(policy_path(), path, "an empty variable is ignored");
    std::env::remove_var(POLICY_ENV_VAR);
    assert_ne!(policy_path(), path);
}
