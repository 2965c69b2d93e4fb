//! The Windows build of the policy reader, run for real under Wine: values written with
//! `wine reg add` into Wine's `HKLM\SOFTWARE\Policies\Harbour` (including two of the wrong type
//! and one unknown name) are read by the `check_policy` example built for
//! `x86_64-pc-windows-gnu`, laid over a policy file, and reported exactly.
//!
//! What this proves: the registry read (`windows-registry`, `RegEnumValueW`), the mapping of
//! registry types, and the merge with the file, in a real Windows program. What it cannot: that
//! Group Policy or Intune write the same values (the ADMX test checks the template instead).
//!
//! Needs Wine, MinGW-w64 and the Rust target (`./dev test` installs them: apt `wine wine64
//! gcc-mingw-w64-x86-64`, `rustup target add x86_64-pc-windows-gnu`). On Linux a missing tool
//! fails the test, so CI can never skip it silently; elsewhere it is skipped with a message.
//!
//! Wine 8.0 (Debian 12's) lacks `bcryptprimitives.dll`, which every Rust program for Windows
//! imports, so the test builds a one-function stand-in (`tools/wine/bcryptprimitives.c`, shared with the quick-exit crate's Wine test) and
//! puts it beside the program.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TARGET: &str = "x86_64-pc-windows-gnu";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The target directory this test was built in (respects `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory holds tmp/")
        .to_path_buf()
}

/// Runs a command with its output in files, not pipes: Wine's background processes (the
/// wineserver, services) inherit the output and live on for seconds after a command ends, so
/// reading a pipe to its end would wait for them. Returns standard output and the exit code.
fn run_to_files(what: &str, command: &mut Command) -> (String, Option<i32>) {
    let place = tempfile::tempdir().unwrap();
    let (out, err) = (place.path().join("out"), place.path().join("err"));
    let status = command
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .status()
        .unwrap_or_else(|error| panic!("{what}: could not start: {error}"));
    let read = |path: &Path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let stderr = read(&err);
    if !stderr.trim().is_empty() {
        eprintln!("{what}: stderr: {}", stderr.trim());
    }
    (read(&out).replace("\r\n", "\n"), status.code())
}

/// [`run_to_files`], failing the test unless the command succeeds.
fn run(what: &str, command: &mut Command) -> String {
    let (out, code) = run_to_files(what, command);
    assert_eq!(code, Some(0), "{what}: failed; stdout:\n{out}");
    out
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

struct Wine {
    prefix: tempfile::TempDir,
}

impl Wine {
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("WINEPREFIX", self.prefix.path())
            .env("WINEDEBUG", "-all")
            // No Mono or Gecko install prompts, and no window: a console program needs neither.
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=d")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        command
    }

    fn reg_add(&self, name: &str, kind: &str, data: &str) {
        run(
            &format!("wine reg add {name}"),
            self.command("wine").args([
                "reg",
                "add",
                r"HKLM\SOFTWARE\Policies\Harbour",
                "/v",
                name,
                "/t",
                kind,
                "/d",
                data,
                "/f",
            ]),
        );
    }

    /// Runs the program and returns its standard output, whatever its exit code.
    fn check(&self, exe: &Path, policy_file: &str) -> (String, Option<i32>) {
        run_to_files(
            "wine check_policy.exe",
            self.command("wine").arg(exe).arg(policy_file),
        )
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        // The wineserver lingers a few seconds after the last program; stop it so the prefix
        // can be removed now.
        let _ = self
            .command("wineserver")
            .arg("-k")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

#[test]
fn the_windows_build_reads_group_policy_from_the_registry_under_wine() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: the Wine test runs on Linux only (this is not Linux)");
        return;
    }
    for (tool, package) in [
        ("wine", "wine wine64"),
        ("wineserver", "wine"),
        ("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"),
    ] {
        assert!(
            found(tool),
            "`{tool}` is missing: install it with `apt-get install {package}` (./dev test does)"
        );
    }

    let started = std::time::Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target_dir = target_dir();
    run(
        &format!("cargo build --example check_policy --target {TARGET} (needs `rustup target add {TARGET}`)"),
        Command::new(cargo)
            .current_dir(workspace_root())
            .args([
                "build",
                "--quiet",
                "-p",
                "harbour-policy",
                "--example",
                "check_policy",
                "--target",
                TARGET,
                "--target-dir",
            ])
            .arg(&target_dir),
    );
    let built = target_dir
        .join(TARGET)
        .join("debug/examples/check_policy.exe");
    let build_time = started.elapsed();

    let place = tempfile::Builder::new()
        .prefix("harbour-wine-")
        .tempdir()
        .unwrap();
    let exe = place.path().join("check_policy.exe");
    std::fs::copy(&built, &exe).unwrap();
    run(
        "x86_64-w64-mingw32-gcc (the bcryptprimitives.dll stand-in)",
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(place.path().join("bcryptprimitives.dll"))
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/wine/bcryptprimitives.c"))
            .arg("-ladvapi32"),
    );
    // A policy file too, to see the registry win over it key by key. Wine shows the Linux root
    // as drive Z:.
    let file = place.path().join("policy.toml");
    std::fs::write(&file, "region = \"uk\"\nafter_exit = \"close\"\n").unwrap();
    let file_in_wine = format!("Z:{}", file.display()).replace('/', "\\");

    let wine = Wine {
        prefix: tempfile::Builder::new()
            .prefix("harbour-wineprefix-")
            .tempdir()
            .unwrap(),
    };
    // One wineserver for the whole test (`-p`: it stays until `wineserver -k` in `drop`),
    // instead of one started and stopped around each command.
    run("wineserver -p", wine.command("wineserver").arg("-p"));
    run("wineboot -i", wine.command("wineboot").arg("-i"));
    let booted = started.elapsed();

    wine.reg_add("region", "REG_SZ", "ie");
    wine.reg_add("escape_scope", "REG_SZ", "in-front");
    wine.reg_add("dont_save", "REG_SZ", "1"); // the wrong type: must be a REG_DWORD
    wine.reg_add(
        "contact_name",
        "REG_SZ",
        "Ms Patel, Designated Safeguarding Lead",
    );
    wine.reg_add("contact_how_to_reach", "REG_SZ", "Room B12");
    wine.reg_add("Regoin", "REG_SZ", "uk"); // a typo
    wine.reg_add("contact_hours", "REG_MULTI_SZ", "Mornings\\0Afternoons"); // another type

    let (out, code) = wine.check(&exe, &file_in_wine);
    println!("under Wine, first run (exit {code:?}):\n{out}");
    let key = r"Group Policy (HKLM\SOFTWARE\Policies\Harbour)";
    let expected_first = [
        format!("policy file: {file_in_wine}"),
        r"registry: found (HKLM\SOFTWARE\Policies\Harbour)".to_string(),
        format!("set region = ie (from {key})"),
        format!("set escape_scope = in-front (from {key})"),
        format!("set after_exit = close (from policy file ({file_in_wine}))"),
        format!("set contact = \"Ms Patel, Designated Safeguarding Lead\" (from {key})"),
        "  how_to_reach = \"Room B12\"".to_string(),
    ];
    let lines: Vec<&str> = out.lines().collect();
    for line in &expected_first {
        assert!(
            lines.contains(&line.as_str()),
            "missing {line:?} in:\n{out}"
        );
    }
    let problems: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| line.starts_with("problem: "))
        .collect();
    let mut problems_sorted = problems.clone();
    problems_sorted.sort();
    assert_eq!(
        problems_sorted,
        vec![
            r"problem: HKLM\SOFTWARE\Policies\Harbour: `contact_hours` must be text (REG_SZ), not a REG_MULTI_SZ; ignored",
            r"problem: HKLM\SOFTWARE\Policies\Harbour: `dont_save` must be a REG_DWORD of 1 or 0, not text (REG_SZ); ignored",
            r"problem: HKLM\SOFTWARE\Policies\Harbour: unknown key `Regoin` (did you mean `region`?); ignored",
        ],
        "{out}"
    );
    assert!(!out.contains("set dont_save"), "{out}");
    assert_eq!(code, Some(1), "problems make the check exit 1");

    // Corrected: a REG_DWORD 1 turns "don't save" on for everyone, the typo is gone and the
    // hours are a REG_SZ.
    wine.reg_add("dont_save", "REG_DWORD", "1");
    wine.reg_add("contact_hours", "REG_SZ", "Mornings");
    run(
        "wine reg delete Regoin",
        wine.command("wine").args([
            "reg",
            "delete",
            r"HKLM\SOFTWARE\Policies\Harbour",
            "/v",
            "Regoin",
            "/f",
        ]),
    );
    let (out, code) = wine.check(&exe, &file_in_wine);
    println!("under Wine, second run (exit {code:?}):\n{out}");
    assert!(
        out.lines()
            .any(|line| line == format!("set dont_save = true (from {key})")),
        "{out}"
    );
    assert!(
        out.lines().any(|line| line == "  hours = \"Mornings\""),
        "{out}"
    );
    assert!(!out.contains("problem:"), "{out}");
    assert_eq!(code, Some(0));
    println!(
        "Windows build: {:.1} s; a new Wine prefix: {:.1} s; registry and two runs: {:.1} s",
        build_time.as_secs_f64(),
        (booted - build_time).as_secs_f64(),
        (started.elapsed() - booted).as_secs_f64()
    );
}
