//! The Windows quick-exit key through its public API, for the Wine test (`tests/wine.rs`).
//!
//! Opens a focused window titled `harbour-wine-test`, starts [`QuickExitKey`] with the Windows
//! backend and arms it, then prints one line per step (flushed at once, so the test can follow):
//!
//! - `armed <any_app_active>` after arming (`armed true` when `RegisterHotKey` succeeded);
//! - `armed-again ok=<bool> active=<bool>` after arming a second time;
//! - `second-key taken=<bool> active=<bool> reason-is-taken=<bool>` after a second
//!   `QuickExitKey` (standing in for another app) tried to arm Escape too, and
//!   `still-armed <bool>` once that one is dropped;
//! - `hot-key` when `WM_HOTKEY` arrives; the callback then calls `disarm()` from inside itself;
//! - `disarmed <any_app_active>` once the status says the key is no longer held;
//! - `key-reached-window` when an Escape reaches the window itself (after the unregister), and
//!   the program ends with exit code 0;
//! - `timeout` when nothing of the sort happened within the time given as the first argument
//!   (seconds, 60 by default): exit code 2.
//!
//! On any other system it only says that it is a Windows program.

#[cfg(not(windows))]
fn main() {
    println!(
        "wine_hot_key is a Windows program: build it with `--target x86_64-pc-windows-gnu` and \
         run it on Windows or under Wine (`cargo test -p harbour-quick-exit --test wine` does)"
    );
}

#[cfg(windows)]
fn main() {
    std::process::exit(on_windows::run());
}

/// Everything that needs Windows.
#[cfg(windows)]
mod on_windows {
    // FFI to user32 (a window and its message loop) has no safe API.
    #![allow(unsafe_code)]

    use std::io::Write;
    use std::ptr;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::{Duration, Instant};

    use harbour_quick_exit::{
        Error, Options, QuickExitKey, System, TAKEN_REASON, WINDOWS_ADMIN_LIMIT,
    };
    use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
    use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
    use windows_sys::Win32::UI::Input::KeyboardAndMouse::{SetFocus, VK_ESCAPE};
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        CreateWindowExW, DefWindowProcW, DispatchMessageW, GetForegroundWindow, PeekMessageW,
        RegisterClassW, SetForegroundWindow, ShowWindow, TranslateMessage, MSG, PM_REMOVE, SW_SHOW,
        WM_KEYDOWN, WNDCLASSW, WS_OVERLAPPEDWINDOW, WS_VISIBLE,
    };

    /// The window's title, which the test looks for on the X server.
    const TITLE: &str = "harbour-wine-test";

    /// Set by the window procedure when Escape reached the window.
    static REACHED_WINDOW: AtomicBool = AtomicBool::new(false);
    /// Set by the hot-key callback.
    static HOT_KEY: AtomicBool = AtomicBool::new(false);

    /// Prints one line and flushes it, so the test sees it at once.
    fn say(line: &str) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    fn wide(text: &str) -> Vec<u16> {
        text.encode_utf16().chain([0]).collect()
    }

    /// The window procedure: reports Escape reaching the window, leaves the rest to Windows.
    unsafe extern "system" fn window_proc(
        hwnd: HWND,
        message: u32,
        wparam: WPARAM,
        lparam: LPARAM,
    ) -> LRESULT {
        if message == WM_KEYDOWN && wparam == usize::from(VK_ESCAPE) {
            say("key-reached-window");
            REACHED_WINDOW.store(true, Ordering::SeqCst);
        }
        // SAFETY: the arguments are the ones Windows passed to this window procedure.
        unsafe { DefWindowProcW(hwnd, message, wparam, lparam) }
    }

    /// Creates, shows and focuses the test window.
    fn open_window() -> Result<HWND, String> {
        let class = wide("HarbourWineTest");
        let title = wide(TITLE);
        // SAFETY: a null name asks for this program's own module; no preconditions.
        let instance = unsafe { GetModuleHandleW(ptr::null()) };
        let class_info = WNDCLASSW {
            lpfnWndProc: Some(window_proc),
            hInstance: instance,
            lpszClassName: class.as_ptr(),
            ..WNDCLASSW::default()
        };
        // SAFETY: `class_info` is fully initialised and its class name outlives the call.
        if unsafe { RegisterClassW(&class_info) } == 0 {
            return Err(format!(
                "RegisterClassW: {}",
                std::io::Error::last_os_error()
            ));
        }
        // SAFETY: the class was registered above; the strings are NUL-terminated and live
        // through the call; null parent, menu and creation data are allowed.
        let hwnd = unsafe {
            CreateWindowExW(
                0,
                class.as_ptr(),
                title.as_ptr(),
                WS_OVERLAPPEDWINDOW | WS_VISIBLE,
                100,
                100,
                400,
                300,
                ptr::null_mut(),
                ptr::null_mut(),
                instance,
                ptr::null(),
            )
        };
        if hwnd.is_null() {
            return Err(format!(
                "CreateWindowExW: {}",
                std::io::Error::last_os_error()
            ));
        }
        // SAFETY: `hwnd` is the window just created, on this thread.
        unsafe {
            ShowWindow(hwnd, SW_SHOW);
            SetForegroundWindow(hwnd);
            SetFocus(hwnd);
        }
        Ok(hwnd)
    }

    /// Handles every message waiting for this thread's window.
    fn pump_messages() {
        let mut msg = MSG::default();
        // SAFETY: `msg` is a valid, writable MSG; a null window means "all of this thread's".
        while unsafe { PeekMessageW(&mut msg, ptr::null_mut(), 0, 0, PM_REMOVE) } != 0 {
            // SAFETY: `msg` was just filled in by PeekMessageW.
            unsafe {
                TranslateMessage(&msg);
                DispatchMessageW(&msg);
            }
        }
    }

    /// The test program; returns the exit code.
    pub(crate) fn run() -> i32 {
        let limit = std::env::args()
            .nth(1)
            .and_then(|seconds| seconds.parse().ok())
            .map_or(Duration::from_secs(60), Duration::from_secs);
        let hwnd = match open_window() {
            Ok(hwnd) => hwnd,
            Err(why) => {
                say(&format!("no-window {why}"));
                return 3;
            }
        };
        // SAFETY: no arguments.
        let foreground = unsafe { GetForegroundWindow() } == hwnd;
        say(&format!("window foreground={foreground}"));

        let key: Arc<OnceLock<QuickExitKey>> = Arc::new(OnceLock::new());
        let in_callback = Arc::clone(&key);
        let quick_exit = QuickExitKey::start(
            Options {
                system: System::Windows,
                ..Options::detect()
            },
            Arc::new(move || {
                say("hot-key");
                HOT_KEY.store(true, Ordering::SeqCst);
                // What the app does: hide the window, then give Escape back, from inside the
                // callback on the hot-key thread.
                if let Some(key) = in_callback.get() {
                    key.disarm();
                }
            }),
        );
        let key = key.get_or_init(|| quick_exit);
        if let Err(error) = key.arm() {
            say(&format!("arm-failed {error}"));
        }
        say(&format!("armed {}", key.status().any_app_active));
        // Arming again is harmless: still held, no error.
        say(&format!(
            "armed-again ok={} active={}",
            key.arm().is_ok(),
            key.status().any_app_active
        ));
        // What Settings says on Windows: the key, and the administrator-window limit.
        let status = key.status();
        say(&format!(
            "says key={} admin-limit={}",
            status.key.as_deref().unwrap_or("none"),
            status.limit.as_deref() == Some(WINDOWS_ADMIN_LIMIT)
        ));
        // A second key, as another app holding Escape would be, is refused with AlreadyTaken
        // and claims nothing; dropping it stops its thread and leaves ours registered.
        let other = QuickExitKey::start(
            Options {
                system: System::Windows,
                ..Options::detect()
            },
            Arc::new(|| say("wrong-hot-key")),
        );
        let taken = matches!(other.arm(), Err(Error::AlreadyTaken));
        let status = other.status();
        say(&format!(
            "second-key taken={taken} active={} reason-is-taken={}",
            status.any_app_active,
            status.reason.as_deref() == Some(TAKEN_REASON)
        ));
        drop(other);
        say(&format!("still-armed {}", key.status().any_app_active));

        let deadline = Instant::now() + limit;
        let mut said_disarmed = false;
        while Instant::now() < deadline {
            pump_messages();
            if REACHED_WINDOW.load(Ordering::SeqCst) {
                return 0;
            }
            if HOT_KEY.load(Ordering::SeqCst) && !said_disarmed {
                let status = key.status();
                if !status.any_app_active {
                    say(&format!("disarmed {}", status.any_app_active));
                    said_disarmed = true;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        say("timeout");
        2
    }
}
