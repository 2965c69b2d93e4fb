//! The Windows quick-exit key (`src/windows.rs`), built for `x86_64-pc-windows-gnu` and run
//! under Wine on a private Xvfb, driven by XTest key presses. The program
//! (`examples/wine_hot_key.rs`) uses only the public API: `QuickExitKey::start` with
//! `System::Windows`, `arm`, `disarm` and `status`.
//!
//! What this proves, on Wine's implementation of the Win32 API: `RegisterHotKey(Escape,
//! MOD_NOREPEAT)` on the backend's own thread succeeds and `status()` says so; arming twice is
//! harmless; a second key trying to take Escape meanwhile gets `Error::AlreadyTaken`
//! (`ERROR_HOTKEY_ALREADY_REGISTERED`) and a status that claims nothing, and dropping it leaves
//! the first one held; a press of
//! Escape arrives as `WM_HOTKEY` on that thread and runs the callback (where the app hides its
//! window) instead of reaching the focused window; `disarm()` from inside that callback neither
//! deadlocks nor fails, and the status turns inactive; the next Escape reaches the window
//! again, so the key really was given back.
//!
//! What it does not prove: Wine's wineserver delivers a hot key only when the key press
//! reaches one of Wine's own X windows (the test focuses the program's window for that), so
//! this says nothing about a real Windows desktop delivering Escape while another, non-Wine,
//! app has focus, nor about elevated (administrator) windows, where Windows delivers no hot
//! key at all (`WINDOWS_ADMIN_LIMIT` tells the person). That needs a real Windows machine.
//!
//! Needs Wine, MinGW-w64, the Rust target and Xvfb (apt `wine wine64 gcc-mingw-w64-x86-64
//! xvfb`, `rustup target add x86_64-pc-windows-gnu`). When one is missing the test prints
//! `SKIPPED: <why>` and passes, except under CI (`CI` set), where it fails: a green CI run must
//! mean the Windows key was really tested.
//!
//! Wine 8.0 (Debian 12's) lacks `bcryptprimitives.dll`, which every Rust program for Windows
//! imports, so the test builds a one-function stand-in ([`BCRYPTPRIMITIVES_C`]) beside the
//! program. The Wine prefix lives in the target directory and is kept between runs (creating it
//! takes several seconds); the test stops that prefix's wineserver when it ends, so two runs of
//! this test at once would disturb each other.
#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use harbour_quick_exit::test_support::{find_window_by_name, press_escape, TestError, Xvfb};
use x11rb::protocol::xproto::{ConnectionExt as _, InputFocus};
use x11rb::CURRENT_TIME;

const TARGET: &str = "x86_64-pc-windows-gnu";
/// The test program's window title.
const TITLE: &str = "harbour-wine-test";
/// How long the program may take to show its window and arm (a new prefix starts slowly).
const START_WAIT: Duration = Duration::from_secs(90);
/// How long a key press may take to show in the program's output.
const PRESS_WAIT: Duration = Duration::from_secs(10);

/// A stand-in for Windows' `bcryptprimitives.dll`, for this test only; never shipped. Rust's
/// standard library on Windows gets random bytes from `ProcessPrng` in it (Windows 10 and
/// later), which Wine 8.0 does not have, so a Windows build of anything Rust fails to start
/// there with "Library bcryptprimitives.dll ... not found". This gives Wine the one function,
/// answered by `RtlGenRandom` (advapi32's `SystemFunction036`), which Wine does have. Wine 9.0
/// and later ship the real DLL. The source is shared with the policy crate's Wine test.
const BCRYPTPRIMITIVES_C: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tools/wine/bcryptprimitives.c"
);

/// The target directory this test was built in (respects `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory holds tmp/")
        .to_path_buf()
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Whether the Rust standard library for [`TARGET`] is installed beside the cargo running us.
fn target_installed(cargo: &str) -> bool {
    let beside_cargo = Path::new(cargo)
        .parent()
        .and_then(Path::parent)
        .map(|toolchain| toolchain.join("lib/rustlib").join(TARGET));
    if beside_cargo.is_some_and(|dir| dir.is_dir()) {
        return true;
    }
    Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .is_some_and(|sysroot| {
            Path::new(&sysroot)
                .join("lib/rustlib")
                .join(TARGET)
                .is_dir()
        })
}

/// Why the test cannot run here, if it cannot.
fn missing_tool(cargo: &str) -> Option<String> {
    for (tool, package) in [
        ("wine", "apt-get install wine wine64"),
        ("wineserver", "apt-get install wine"),
        (
            "x86_64-w64-mingw32-gcc",
            "apt-get install gcc-mingw-w64-x86-64",
        ),
    ] {
        if !found(tool) {
            return Some(format!("`{tool}` is missing (install it: {package})"));
        }
    }
    if !target_installed(cargo) {
        return Some(format!(
            "the Rust target {TARGET} is missing (install it: rustup target add {TARGET})"
        ));
    }
    None
}

/// Runs a command to its end with output in files (Wine's background processes inherit the
/// output and outlive the command, so reading a pipe to its end would wait for them).
fn run(what: &str, command: &mut Command, place: &Path) -> Result<(), TestError> {
    let (out, err) = (place.join("step.out"), place.join("step.err"));
    let status = command
        .stdin(Stdio::null())
        .stdout(File::create(&out)?)
        .stderr(File::create(&err)?)
        .status()
        .map_err(|e| TestError::new(format!("{what}: could not start: {e}")))?;
    if status.success() {
        return Ok(());
    }
    Err(TestError::new(format!(
        "{what}: failed ({status}); stdout:\n{}\nstderr:\n{}",
        read(&out),
        read(&err)
    )))
}

fn read(path: &Path) -> String {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
        .unwrap_or_default()
}

/// One Wine prefix, with every Wine command run in it quietly and without Mono or Gecko.
struct Wine {
    prefix: PathBuf,
}

impl Wine {
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=d")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        command
    }

    /// Stops this prefix's wineserver and everything running in it, and waits until it has.
    fn stop(&self) {
        let _ = self
            .command("wineserver")
            .arg("-k")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self
            .command("wineserver")
            .arg("-w")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Wine {
    /// Stops the prefix's wineserver and whatever still runs in it (the test program, if a
    /// check failed), so nothing outlives the test or its Xvfb.
    fn drop(&mut self) {
        self.stop();
    }
}

/// The test program running under Wine, its output going to files.
struct Program {
    child: Child,
    out: PathBuf,
    err: PathBuf,
}

impl Program {
    fn lines(&self) -> Vec<String> {
        read(&self.out).lines().map(str::to_owned).collect()
    }

    /// Its output so far, for a failure message.
    fn transcript(&self) -> String {
        format!(
            "program's stdout:\n{}\nprogram's stderr:\n{}",
            read(&self.out).trim_end(),
            read(&self.err).trim_end()
        )
    }

    fn fail(&self, why: impl std::fmt::Display) -> TestError {
        TestError::new(format!("{why}\n{}", self.transcript()))
    }

    /// Waits until the output has a line starting with `start`, and returns it.
    fn wait_for_line(&mut self, start: &str, timeout: Duration) -> Result<String, TestError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(line) = self.lines().into_iter().find(|l| l.starts_with(start)) {
                return Ok(line);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // One last look: the line may have been written just before it ended.
                if let Some(line) = self.lines().into_iter().find(|l| l.starts_with(start)) {
                    return Ok(line);
                }
                return Err(self.fail(format!("the program ended ({status}) before {start:?}")));
            }
            if Instant::now() >= deadline {
                return Err(self.fail(format!("no {start:?} line within {timeout:?}")));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the program to end and returns its exit code.
    fn wait_end(&mut self, timeout: Duration) -> Result<Option<i32>, TestError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status.code());
            }
            if Instant::now() >= deadline {
                return Err(self.fail(format!("the program did not end within {timeout:?}")));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

#[test]
fn escape_is_a_hot_key_under_wine_and_is_given_back_from_its_callback() -> Result<(), TestError> {
    const NAME: &str = "escape_is_a_hot_key_under_wine_and_is_given_back_from_its_callback";
    let started = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    if let Some(why) = missing_tool(&cargo) {
        if std::env::var_os("CI").is_some() {
            return Err(TestError::new(format!(
                "{NAME}: {why}, and CI must run this test"
            )));
        }
        // Straight to stderr, past the test harness's capture, so the skip is always visible.
        let _ = writeln!(std::io::stderr(), "SKIPPED: {NAME}: {why}");
        return Ok(());
    }
    let Some(xvfb) = Xvfb::start_or_skip(NAME)? else {
        return Ok(());
    };

    let target_dir = target_dir();
    let place = target_dir.join("harbour-quick-exit-wine");
    std::fs::create_dir_all(&place)?;
    run(
        &format!("cargo build --example wine_hot_key --target {TARGET}"),
        Command::new(&cargo)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "build",
                "--quiet",
                "-p",
                "harbour-quick-exit",
                "--example",
                "wine_hot_key",
                "--target",
                TARGET,
                "--target-dir",
            ])
            .arg(&target_dir),
        &place,
    )?;
    let exe = place.join("wine_hot_key.exe");
    std::fs::copy(
        target_dir
            .join(TARGET)
            .join("debug/examples/wine_hot_key.exe"),
        &exe,
    )?;
    let source = Path::new(BCRYPTPRIMITIVES_C);
    run(
        "x86_64-w64-mingw32-gcc (the bcryptprimitives.dll stand-in)",
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(place.join("bcryptprimitives.dll"))
            .arg(source)
            .arg("-ladvapi32"),
        &place,
    )?;
    let built = started.elapsed();

    let wine = Wine {
        prefix: place.join("prefix"),
    };
    if !wine.prefix.join("system.reg").is_file() {
        run("wineboot -i", wine.command("wineboot").arg("-i"), &place)?;
    }
    // A wineserver left from wineboot (or an earlier run) keeps its desktop process, started
    // without a display, and windows then fail to open: start afresh, on our Xvfb.
    wine.stop();
    let booted = started.elapsed();

    let (out, err) = (place.join("program.out"), place.join("program.err"));
    let child = wine
        .command("wine")
        .env("DISPLAY", xvfb.display())
        .arg(&exe)
        .arg("60")
        .stdin(Stdio::null())
        .stdout(File::create(&out)?)
        .stderr(File::create(&err)?)
        .spawn()
        .map_err(|e| TestError::new(format!("could not run wine: {e}")))?;
    let mut program = Program { child, out, err };

    let armed = program.wait_for_line("armed ", START_WAIT)?;
    if armed != "armed true" {
        return Err(program.fail(format!("expected \"armed true\", got {armed:?}")));
    }
    for expected in [
        "armed-again ok=true active=true",
        "says key=Escape admin-limit=true",
        "second-key taken=true active=false reason-is-taken=true",
        "still-armed true",
    ] {
        let start = &expected[..expected.find(' ').unwrap_or(expected.len())];
        let line = program.wait_for_line(start, PRESS_WAIT)?;
        if line != expected {
            return Err(program.fail(format!("expected {expected:?}, got {line:?}")));
        }
    }
    // Without a window manager nothing gives Wine's window the X focus, and Wine hears a key
    // only when it reaches one of its windows: focus it, as a click would.
    let conn = xvfb.connect()?;
    let window = find_window_by_name(&conn, TITLE, START_WAIT)
        .map_err(|e| program.fail(format!("the program's window: {e}")))?;
    conn.set_input_focus(InputFocus::PARENT, window, CURRENT_TIME)?
        .check()?;
    let ready = started.elapsed();

    press_escape(&conn)?;
    program.wait_for_line("hot-key", PRESS_WAIT)?;
    let disarmed = program.wait_for_line("disarmed ", PRESS_WAIT)?;
    if disarmed != "disarmed false" {
        return Err(program.fail(format!("expected \"disarmed false\", got {disarmed:?}")));
    }
    let lines = program.lines();
    if lines.iter().any(|line| line == "key-reached-window") {
        return Err(program.fail("the first Escape reached the window: it was no hot key"));
    }

    // Given back: the second Escape goes to the focused window like any key.
    press_escape(&conn)?;
    program.wait_for_line("key-reached-window", PRESS_WAIT)?;
    let code = program.wait_end(PRESS_WAIT)?;
    if code != Some(0) {
        return Err(program.fail(format!("the program ended with {code:?}, not 0")));
    }
    let lines = program.lines();
    let hot_keys = lines.iter().filter(|line| *line == "hot-key").count();
    if hot_keys != 1 {
        return Err(program.fail(format!("{hot_keys} hot-key lines, expected 1")));
    }
    println!("under Wine:\n{}", lines.join("\n"));
    println!(
        "build: {:.2} s; Wine prefix: {:.2} s; program up and armed: {:.2} s; two presses: {:.2} s",
        built.as_secs_f64(),
        (booted - built).as_secs_f64(),
        (ready - booted).as_secs_f64(),
        (started.elapsed() - ready).as_secs_f64()
    );
    Ok(())
}
