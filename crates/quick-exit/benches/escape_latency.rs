//! How long a person waits between pressing Escape and Harbour's window leaving the screen.
//!
//! Under a private Xvfb, in each round: map a window, take Escape, press it through XTest, and
//! let the callback unmap the window over its own X connection; the time is from just before
//! the press to the UnmapNotify. The same rounds run twice:
//!
//! - `harbour-quick-exit`: [`GlobalEscape`], a thread blocked in `wait_for_event`;
//! - `global-hotkey 0.8`: the crate tauri-plugin-global-shortcut 2.x registers Escape with,
//!   used as-is. On Linux it needs no GTK or winit loop: its own thread grabs the key and calls
//!   the handler set with `GlobalHotKeyEvent::set_event_handler`, which is what the plugin does.
//!   That thread polls the X connection and sleeps 50 ms between polls.
//!
//! Presses land at spread-out moments (a golden-ratio sequence over 0-50 ms after the grab),
//! because a person's press is not in step with anybody's polling loop.
//!
//! `cargo bench -p harbour-quick-exit --bench escape_latency` runs 300 rounds each
//! (`QUICK_EXIT_BENCH_ROUNDS` overrides); run without `--bench` (as `cargo test --benches`
//! does) it only checks that both paths work, with 5 rounds each.

#[cfg(target_os = "linux")]
fn main() {
    if let Err(error) = linux::run() {
        eprintln!("escape_latency: {error}");
        std::process::exit(1);
    }
}

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("escape_latency: X11 only; nothing to measure on this system");
}

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::Arc;
    use std::thread;
    use std::time::{Duration, Instant};

    use global_hotkey::hotkey::{Code, HotKey};
    use global_hotkey::{GlobalHotKeyEvent, GlobalHotKeyManager, HotKeyState};
    use harbour_quick_exit::test_support::{
        drain_events, escape_keycode, TestError, TestWindow, Xvfb,
    };
    use harbour_quick_exit::GlobalEscape;
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{ConnectionExt as _, Keycode, Window};
    use x11rb::protocol::xtest::ConnectionExt as _;
    use x11rb::rust_connection::RustConnection;

    /// A round that takes longer than this failed: the press was lost.
    const ROUND_TIMEOUT: Duration = Duration::from_secs(2);
    /// Presses are spread over one polling period of global-hotkey.
    const PHASE_SPAN_MS: f64 = 50.0;

    pub fn run() -> Result<(), TestError> {
        let measuring = std::env::args().any(|arg| arg == "--bench");
        let rounds = match std::env::var("QUICK_EXIT_BENCH_ROUNDS") {
            Ok(n) => n
                .parse()
                .map_err(|_| TestError::new("QUICK_EXIT_BENCH_ROUNDS is not a number"))?,
            Err(_) if measuring => 300,
            Err(_) => 5,
        };
        let Some(xvfb) = Xvfb::start_or_skip("escape_latency benchmark")? else {
            return Ok(());
        };
        // global-hotkey connects to $DISPLAY and offers no other way. Set it while this is the
        // only thread that reads the environment.
        std::env::set_var("DISPLAY", xvfb.display());

        let watcher = xvfb.connect()?;
        let keycode = escape_keycode(&watcher)?;
        let window = TestWindow::create(&watcher, "Harbour (benchmark stand-in)")?;
        let hider = Arc::new(xvfb.connect()?);

        let ours = {
            let (hider, target) = (Arc::clone(&hider), window.id());
            let escape = GlobalEscape::start_on_display(xvfb.display(), move || {
                unmap(&hider, target);
            })?;
            measure(rounds, &window, &watcher, keycode, |round| match round {
                Round::Before => escape.grab().map_err(TestError::from),
                Round::After => escape.release().map_err(TestError::from),
            })?
        };

        let stock = {
            let (hider, target) = (Arc::clone(&hider), window.id());
            let manager = GlobalHotKeyManager::new()
                .map_err(|e| TestError::new(format!("global-hotkey: {e}")))?;
            GlobalHotKeyEvent::set_event_handler(Some(move |event: GlobalHotKeyEvent| {
                if event.state == HotKeyState::Pressed {
                    unmap(&hider, target);
                }
            }));
            let escape = HotKey::new(None, Code::Escape);
            measure(rounds, &window, &watcher, keycode, |round| {
                let done = match round {
                    Round::Before => manager.register(escape),
                    Round::After => manager.unregister(escape),
                };
                done.map_err(|e| TestError::new(format!("global-hotkey: {e}")))
            })?
        };

        println!();
        println!(
            "Escape pressed -> window unmapped, Xvfb {}, {rounds} rounds each",
            xvfb.display()
        );
        println!(
            "{:<56} {:>7} {:>7} {:>7} {:>7} {:>7}  (ms)",
            "approach", "p50", "p95", "p99", "max", "mean"
        );
        print_row("harbour-quick-exit GlobalEscape (blocking wait)", &ours);
        print_row(
            "global-hotkey 0.8, as in tauri-plugin-global-shortcut 2",
            &stock,
        );
        println!(
            "global-hotkey is the real crate, driven through its own X11 thread and \
             set_event_handler,\nas tauri-plugin-global-shortcut 2.x drives it (that thread \
             sleeps 50 ms between polls)."
        );
        println!("Neither figure includes the GUI toolkit's own time to hide a real window.");
        Ok(())
    }

    enum Round {
        /// Take Escape: the window has just been shown.
        Before,
        /// Give it back, whatever happened.
        After,
    }

    /// The callback's work: unmap the window over its own connection, as `hide()` would.
    fn unmap(conn: &RustConnection, window: Window) {
        if let Ok(cookie) = conn.unmap_window(window) {
            drop(cookie);
            let _ = conn.flush();
        }
    }

    fn measure(
        rounds: usize,
        window: &TestWindow<'_>,
        watcher: &RustConnection,
        keycode: Keycode,
        mut around: impl FnMut(Round) -> Result<(), TestError>,
    ) -> Result<Vec<Duration>, TestError> {
        let mut times = Vec::with_capacity(rounds);
        for round in 0..rounds {
            window.map()?;
            around(Round::Before)?;
            thread::sleep(phase(round));
            drain_events(watcher)?;

            let pressed = Instant::now();
            watcher.xtest_fake_input(
                x11rb::protocol::xproto::KEY_PRESS_EVENT,
                keycode,
                0,
                x11rb::NONE,
                0,
                0,
                0,
            )?;
            watcher.xtest_fake_input(
                x11rb::protocol::xproto::KEY_RELEASE_EVENT,
                keycode,
                0,
                x11rb::NONE,
                0,
                0,
                0,
            )?;
            watcher.flush()?;
            let unmapped = window.wait_unmapped(ROUND_TIMEOUT);
            around(Round::After)?;
            let unmapped = unmapped.map_err(|e| TestError::new(format!("round {round}: {e}")))?;
            times.push(unmapped.saturating_duration_since(pressed));
        }
        Ok(times)
    }

    /// The delay before the press in `round`: a golden-ratio sequence, evenly spread over
    /// 0-50 ms without a random number generator.
    fn phase(round: usize) -> Duration {
        let fraction = (round as f64 * 0.618_033_988_75).fract();
        Duration::from_secs_f64(fraction * PHASE_SPAN_MS / 1000.0)
    }

    fn print_row(name: &str, times: &[Duration]) {
        let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
        println!(
            "{name:<56} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
            percentile(&ms, 50.0),
            percentile(&ms, 95.0),
            percentile(&ms, 99.0),
            ms.last().copied().unwrap_or(f64::NAN),
            mean
        );
    }

    /// Nearest-rank percentile of sorted values.
    fn percentile(sorted: &[f64], p: f64) -> f64 {
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }
}
