//! A private Xvfb for one test: started on a free display, stopped when dropped, even when the
//! test panics.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rustix::process::{kill_process, Pid, Signal};
use x11rb::rust_connection::RustConnection;

use super::TestError;

/// How long Xvfb may take to come up on a slow, busy CI machine.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long Xvfb gets to exit cleanly (and remove its lock file) before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(3);

/// A running Xvfb, one per test, so tests that grab Escape can run in parallel without
/// fighting over one screen.
pub struct Xvfb {
    child: Child,
    display: String,
    // Kept open so Xvfb never writes into a closed pipe.
    _stdout: BufReader<ChildStdout>,
}

impl Xvfb {
    /// Whether an `Xvfb` executable is on `PATH`.
    pub fn is_installed() -> bool {
        find_on_path("Xvfb").is_some()
    }

    /// Starts Xvfb on the first free display and waits until it accepts connections.
    ///
    /// Uses `-displayfd`: Xvfb picks a free display itself (no race between tests over lock
    /// files) and writes its number once it is listening, so no sleep-and-retry is needed.
    pub fn start() -> Result<Self, TestError> {
        let program =
            find_on_path("Xvfb").ok_or_else(|| TestError::new("Xvfb is not installed"))?;
        let mut child = Command::new(program)
            .args(["-displayfd", "1", "-screen", "0", "1024x768x24"])
            // -noreset: don't reset the server (and lose its state) when the last client leaves.
            .args(["-nolisten", "tcp", "-noreset"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| TestError::new(format!("could not run Xvfb: {e}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| TestError::new("Xvfb's stdout was not captured"))?;

        // Read the display number on another thread, so a stuck Xvfb cannot hang the test.
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let read = reader.read_line(&mut line);
            let _ = sender.send(read.map(|_| (line, reader)));
        });
        let started = receiver.recv_timeout(START_TIMEOUT);
        let (line, reader) = match started {
            Ok(Ok(found)) => found,
            Ok(Err(e)) => return Err(stop_after(child, format!("reading Xvfb's display: {e}"))),
            Err(_) => {
                return Err(stop_after(
                    child,
                    format!("Xvfb did not start within {START_TIMEOUT:?}"),
                ))
            }
        };
        let number = line.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(stop_after(
                child,
                "Xvfb exited without a display (run it by hand to see why)".to_owned(),
            ));
        }
        Ok(Self {
            child,
            display: format!(":{number}"),
            _stdout: reader,
        })
    }

    /// Starts Xvfb, or returns `Ok(None)` after printing why the test is skipped when Xvfb is
    /// not installed, so `cargo test` passes on a developer's machine without X.
    ///
    /// Under CI (`CI` set) a missing Xvfb is an error instead: a green run must mean the
    /// quick exit was really tested.
    pub fn start_or_skip(test_name: &str) -> Result<Option<Self>, TestError> {
        if Self::is_installed() {
            return Self::start().map(Some);
        }
        if std::env::var_os("CI").is_some() {
            return Err(TestError::new(format!(
                "{test_name}: Xvfb is not installed, and CI must run this test"
            )));
        }
        // Straight to stderr, past the test harness's capture, so the skip is always visible.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test_name}: Xvfb is not installed (Debian/Ubuntu: apt-get install xvfb)"
        );
        Ok(None)
    }

    /// The display name, such as `":3"`.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// A new client connection to this server.
    pub fn connect(&self) -> Result<RustConnection, TestError> {
        let (conn, _screen) = RustConnection::connect(Some(&self.display))?;
        Ok(conn)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Stops `child` and returns an error saying `why`.
fn stop_after(mut child: Child, why: String) -> TestError {
    stop(&mut child);
    TestError::new(why)
}

/// SIGTERM first, so Xvfb removes its lock file and socket; SIGKILL if it lingers.
fn stop(child: &mut Child) {
    let _ = kill_process(Pid::from_child(child), Signal::TERM);
    let deadline = Instant::now() + STOP_TIMEOUT;
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => return,
            Ok(None) => thread::sleep(Duration::from_millis(10)),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
