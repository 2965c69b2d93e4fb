//! A private X display (Xvfb) with a small window manager, so each test has a screen of its own.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running Xvfb (and openbox, when installed). Killed when dropped.
pub struct Display {
    number: u32,
    xvfb: Child,
    window_manager: Option<Child>,
}

impl Display {
    /// Starts Xvfb on a display number the X server picks itself (`-displayfd`, so parallel
    /// tests and other processes can never race for the same number), then openbox on it.
    pub fn start() -> Result<Display, String> {
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x900x24"])
            .args(["-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb could not be started (is it installed?): {e}"))?;
        // Xvfb writes the display number and a newline once it is ready for clients.
        let mut number = String::new();
        if let Some(mut out) = xvfb.stdout.take() {
            let mut byte = [0u8; 1];
            while matches!(out.read(&mut byte), Ok(1)) && byte[0] != b'\n' {
                number.push(char::from(byte[0]));
            }
        }
        let Ok(number) = number.trim().parse::<u32>() else {
            let _ = xvfb.kill();
            let _ = xvfb.wait();
            return Err("Xvfb did not report a display number".into());
        };
        let mut display = Display {
            number,
            xvfb,
            window_manager: None,
        };
        display.window_manager = Command::new("openbox")
            .env("DISPLAY", display.name())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        // Give openbox a moment to take over the root window before apps map windows.
        std::thread::sleep(Duration::from_millis(300));
        Ok(display)
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
