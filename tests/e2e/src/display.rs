//! A private X display (Xvfb) with a small window manager, so each test has a screen of its own.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// A running Xvfb (and openbox, when installed). Killed when dropped.
pub struct Display {
    number: u32,
    xvfb: Child,
    window_manager: Option<Child>,
}

impl Display {
    /// Starts Xvfb on a free display number and openbox on it.
    pub fn start() -> Result<Display, String> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = 100 + (std::process::id() % 400) * 10;
        for _ in 0..50 {
            let number = base + NEXT.fetch_add(1, Ordering::Relaxed) % 2000;
            if Path::new(&format!("/tmp/.X{number}-lock")).exists()
                || Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
            {
                continue;
            }
            let xvfb = Command::new("Xvfb")
                .arg(format!(":{number}"))
                .args([
                    "-screen",
                    "0",
                    "1280x900x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("Xvfb could not be started (is it installed?): {e}"))?;
            let mut display = Display {
                number,
                xvfb,
                window_manager: None,
            };
            if display.wait_ready() {
                display.window_manager = Command::new("openbox")
                    .env("DISPLAY", display.name())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .ok();
                // Give openbox a moment to take over the root window before apps map windows.
                std::thread::sleep(Duration::from_millis(300));
                return Ok(display);
            }
        }
        Err("no free X display number found".into())
    }

    /// Waits for the X socket; false if Xvfb exited (display taken meanwhile).
    fn wait_ready(&mut self) -> bool {
        let socket = format!("/tmp/.X11-unix/X{}", self.number);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.xvfb.try_wait() {
                return false;
            }
            if Path::new(&socket).exists() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// The `DISPLAY` value, e.g. `:107`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(wm) = self.window_manager.as_mut() {
            let _ = wm.kill();
            let _ = wm.wait();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}
