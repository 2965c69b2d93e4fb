//! The global Escape against a real X server: each test starts its own Xvfb and presses keys
//! through XTest, exactly as a keyboard would. No mocks: what passes here is what the person
//! at the keyboard gets.
#![cfg(target_os = "linux")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock, Weak};
use std::thread;
use std::time::{Duration, Instant};

use harbour_quick_exit::test_support::{
    escape_keycode, find_window_by_name, measure_escape_hide, press_escape, press_key, root_window,
    TestError, TestWindow, Xvfb,
};
use harbour_quick_exit::{Error, GlobalEscape};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt as _, GrabMode, Keycode, ModMask};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

/// Longest wait for something that should happen (generous for a loaded CI machine).
const WAIT: Duration = Duration::from_secs(5);
/// How long to watch for something that must not happen.
const QUIET: Duration = Duration::from_millis(300);

/// A callback that counts its calls and reports each one on a channel.
fn counting_callback() -> (Arc<AtomicUsize>, Receiver<()>, impl Fn() + Send + 'static) {
    let calls = Arc::new(AtomicUsize::new(0));
    let (sender, receiver) = mpsc::channel();
    let counter = Arc::clone(&calls);
    let callback = move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let _ = sender.send(());
    };
    (calls, receiver, callback)
}

fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(2));
    }
    true
}

fn expect_call(calls: &Receiver<()>) -> Result<(), TestError> {
    calls
        .recv_timeout(WAIT)
        .map_err(|_| TestError::new("the callback was not called within 5 s"))
}

fn expect_released(escape: &GlobalEscape) -> Result<(), TestError> {
    if wait_until(WAIT, || !escape.is_grabbed()) {
        Ok(())
    } else {
        Err(TestError::new("the grab was not released after the press"))
    }
}

/// Grabs Escape with the given modifiers on the root window as another app would, checking
/// the server's answer.
fn grab_as_other_app(
    conn: &RustConnection,
    keycode: Keycode,
    mods: ModMask,
) -> Result<(), TestError> {
    conn.grab_key(
        false,
        root_window(conn)?,
        mods,
        keycode,
        GrabMode::ASYNC,
        GrabMode::ASYNC,
    )?
    .check()?;
    Ok(())
}

fn ungrab_as_other_app(
    conn: &RustConnection,
    keycode: Keycode,
    mods: ModMask,
) -> Result<(), TestError> {
    conn.ungrab_key(keycode, root_window(conn)?, mods)?;
    conn.sync()?;
    Ok(())
}

#[test]
fn escape_while_grabbed_calls_back_once_then_releases() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("escape_while_grabbed_calls_back_once_then_releases")?
    else {
        return Ok(());
    };
    let (calls, called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    assert!(escape.is_listening());
    assert!(!escape.is_grabbed(), "nothing is grabbed before grab()");

    escape.grab()?;
    assert!(escape.is_grabbed());
    let keyboard = xvfb.connect()?;
    press_escape(&keyboard)?;
    expect_call(&called)?;
    expect_released(&escape)?;

    // The key release, and anything else, must not call again.
    thread::sleep(QUIET);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(escape.is_listening());
    Ok(())
}

#[test]
fn grabbed_escape_never_reaches_the_focused_app_and_comes_back_after_release(
) -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("grabbed_escape_never_reaches_the_focused_app")? else {
        return Ok(());
    };
    let other_app = xvfb.connect()?;
    let window = TestWindow::create(&other_app, "Another app")?;
    window.focus()?;
    let keyboard = xvfb.connect()?;

    // Before Harbour grabs, the focused app gets Escape: the test window works.
    press_escape(&keyboard)?;
    assert!(
        window.escape_press_within(WAIT)?,
        "baseline: app gets Escape"
    );

    let (calls, called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    escape.grab()?;
    press_escape(&keyboard)?;
    expect_call(&called)?;
    assert!(
        !window.escape_press_within(QUIET)?,
        "the focused app must not see the Escape that hid Harbour"
    );
    expect_released(&escape)?;

    // Released by the listener after the press: Escape belongs to the focused app again.
    press_escape(&keyboard)?;
    assert!(window.escape_press_within(WAIT)?, "app gets Escape again");
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    // Released by the app (window hidden another way): same.
    escape.grab()?;
    escape.release()?;
    assert!(!escape.is_grabbed());
    press_escape(&keyboard)?;
    assert!(
        window.escape_press_within(WAIT)?,
        "app gets Escape after release()"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1, "no call while released");
    Ok(())
}

#[test]
fn escape_held_by_another_app_is_reported_and_nothing_stays_grabbed() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("escape_held_by_another_app_is_reported")? else {
        return Ok(());
    };
    let rival = xvfb.connect()?;
    let keycode = escape_keycode(&rival)?;
    // The rival holds only Escape with CapsLock and NumLock on, the last combination Harbour
    // asks for, so Harbour's first grabs succeed and must be undone.
    grab_as_other_app(&rival, keycode, ModMask::LOCK | ModMask::M2)?;

    let (calls, _called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    assert_eq!(escape.grab(), Err(Error::AlreadyTaken));
    assert!(!escape.is_grabbed());
    escape.release()?; // Releasing what was never taken is harmless.
    escape.release()?;

    // Nothing of Harbour's is left: a third app can take plain Escape, and Escape reaches the
    // focused app.
    let third = xvfb.connect()?;
    grab_as_other_app(&third, keycode, ModMask::from(0_u16))?;
    ungrab_as_other_app(&third, keycode, ModMask::from(0_u16))?;
    let window = TestWindow::create(&third, "Another app")?;
    window.focus()?;
    let keyboard = xvfb.connect()?;
    press_escape(&keyboard)?;
    assert!(window.escape_press_within(WAIT)?);
    assert_eq!(calls.load(Ordering::SeqCst), 0);

    // Once the rival lets go, Harbour can grab.
    ungrab_as_other_app(&rival, keycode, ModMask::LOCK | ModMask::M2)?;
    escape.grab()?;
    assert!(escape.is_grabbed());
    Ok(())
}

#[test]
fn escape_with_caps_lock_or_num_lock_on_still_hides() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("escape_with_caps_lock_or_num_lock_on_still_hides")?
    else {
        return Ok(());
    };
    let (_calls, called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    let keyboard = xvfb.connect()?;
    let caps_lock = keycode_for(&keyboard, 0xffe5)?;
    let num_lock = keycode_for(&keyboard, 0xff7f)?;

    for locks in [vec![caps_lock], vec![num_lock], vec![caps_lock, num_lock]] {
        for &lock in &locks {
            press_key(&keyboard, lock)?; // Toggles the lock on.
        }
        escape.grab()?;
        press_escape(&keyboard)?;
        expect_call(&called)?;
        expect_released(&escape)?;
        for &lock in &locks {
            press_key(&keyboard, lock)?; // And off again.
        }
    }
    Ok(())
}

fn keycode_for(conn: &RustConnection, keysym: u32) -> Result<Keycode, TestError> {
    let setup = conn.setup();
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let map = conn.get_keyboard_mapping(min, max - min + 1)?.reply()?;
    let per = usize::from(map.keysyms_per_keycode);
    map.keysyms
        .chunks(per)
        .position(|syms| syms.contains(&keysym))
        .and_then(|i| u8::try_from(i).ok())
        .map(|i| min + i)
        .ok_or_else(|| TestError::new(format!("no key for keysym {keysym:#x}")))
}

#[test]
fn panicking_callback_does_not_stop_the_quick_exit() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("panicking_callback_does_not_stop_the_quick_exit")? else {
        return Ok(());
    };
    let (calls, called, count) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), move || {
        count();
        panic!("deliberate panic in the quick-exit callback (expected by this test)");
    })?;
    let keyboard = xvfb.connect()?;
    for round in 1..=2 {
        escape.grab()?;
        press_escape(&keyboard)?;
        expect_call(&called)?;
        // The grab is released even though the callback panicked.
        expect_released(&escape)?;
        assert_eq!(calls.load(Ordering::SeqCst), round);
        assert!(escape.is_listening());
    }
    Ok(())
}

#[test]
fn drop_stops_the_listener_promptly_and_gives_escape_back() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("drop_stops_the_listener_promptly")? else {
        return Ok(());
    };
    let (calls, _called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    escape.grab()?;

    let dropped_at = Instant::now();
    drop(escape);
    let took = dropped_at.elapsed();
    assert!(took < Duration::from_secs(1), "drop took {took:?}");
    // The listener thread owned the callback; only our handle on the counter is left, so the
    // thread has ended and freed it.
    assert_eq!(Arc::strong_count(&calls), 1, "listener thread still alive");

    // The grab went with it: another app can take Escape.
    let other = xvfb.connect()?;
    grab_as_other_app(&other, escape_keycode(&other)?, ModMask::from(0_u16))?;

    // Dropping one that never grabbed is just as quick.
    let (_calls, _called, callback) = counting_callback();
    let idle = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    let dropped_at = Instant::now();
    drop(idle);
    assert!(dropped_at.elapsed() < Duration::from_secs(1));
    Ok(())
}

#[test]
fn callback_may_release_without_deadlock() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("callback_may_release_without_deadlock")? else {
        return Ok(());
    };
    // The app's hide handler may well call release() itself, on the listener thread.
    let handle: Arc<OnceLock<Weak<GlobalEscape>>> = Arc::new(OnceLock::new());
    let (sender, called) = mpsc::channel();
    let inside = Arc::clone(&handle);
    let escape = Arc::new(GlobalEscape::start_on_display(xvfb.display(), move || {
        let released = inside.get().and_then(Weak::upgrade).map(|e| e.release());
        let _ = sender.send(released);
    })?);
    let _ = handle.set(Arc::downgrade(&escape));

    escape.grab()?;
    let keyboard = xvfb.connect()?;
    press_escape(&keyboard)?;
    let released = called
        .recv_timeout(WAIT)
        .map_err(|_| TestError::new("callback not called (deadlock?)"))?;
    assert_eq!(released, Some(Ok(())));
    expect_released(&escape)?;
    Ok(())
}

#[test]
fn dropping_from_inside_the_callback_ends_the_listener() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("dropping_from_inside_the_callback")? else {
        return Ok(());
    };
    // The callback ends up holding the last handle, so Drop runs on the listener thread: it
    // must not wait for itself, and the listener must still end.
    let handle: Arc<OnceLock<Weak<GlobalEscape>>> = Arc::new(OnceLock::new());
    let (entered_tx, entered) = mpsc::channel();
    let (go_tx, go) = mpsc::channel::<()>();
    let go = std::sync::Mutex::new(go);
    let inside = Arc::clone(&handle);
    let escape = Arc::new(GlobalEscape::start_on_display(xvfb.display(), move || {
        let last = inside.get().and_then(Weak::upgrade);
        let _ = entered_tx.send(());
        if let Ok(go) = go.lock() {
            let _ = go.recv_timeout(WAIT);
        }
        drop(last);
    })?);
    let _ = handle.set(Arc::downgrade(&escape));

    escape.grab()?;
    let keyboard = xvfb.connect()?;
    press_escape(&keyboard)?;
    entered
        .recv_timeout(WAIT)
        .map_err(|_| TestError::new("callback not called"))?;
    drop(escape);
    let _ = go_tx.send(());
    // The callback owns `entered_tx`: the channel closes once the listener thread has ended.
    match entered.recv_timeout(WAIT) {
        Err(mpsc::RecvTimeoutError::Disconnected) => {}
        other => panic!("listener still running after its last handle was dropped: {other:?}"),
    }
    assert!(handle.get().and_then(Weak::upgrade).is_none());

    // And Escape is free again.
    let other = xvfb.connect()?;
    grab_as_other_app(&other, escape_keycode(&other)?, ModMask::from(0_u16))?;
    Ok(())
}

#[test]
fn grab_during_the_callback_keeps_escape_for_the_shown_window() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("grab_during_the_callback_keeps_escape")? else {
        return Ok(());
    };
    // The callback waits until the test has grabbed again (the window was shown again before
    // the listener got to release): the new grab must survive the listener's clean-up.
    let (entered_tx, entered) = mpsc::channel();
    let (resume_tx, resume) = mpsc::channel::<()>();
    let resume = std::sync::Mutex::new(resume);
    let escape = GlobalEscape::start_on_display(xvfb.display(), move || {
        let _ = entered_tx.send(());
        if let Ok(resume) = resume.lock() {
            let _ = resume.recv_timeout(WAIT);
        }
    })?;
    let keyboard = xvfb.connect()?;

    escape.grab()?;
    press_escape(&keyboard)?;
    entered
        .recv_timeout(WAIT)
        .map_err(|_| TestError::new("first press not seen"))?;
    escape.grab()?;
    let _ = resume_tx.send(());
    thread::sleep(QUIET);
    assert!(escape.is_grabbed(), "the second grab was undone");

    press_escape(&keyboard)?;
    entered
        .recv_timeout(WAIT)
        .map_err(|_| TestError::new("second press not seen"))?;
    let _ = resume_tx.send(());
    expect_released(&escape)?;
    Ok(())
}

#[test]
fn grab_and_release_from_many_threads_while_listening() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("grab_and_release_from_many_threads")? else {
        return Ok(());
    };
    let (_calls, called, callback) = counting_callback();
    let escape = Arc::new(GlobalEscape::start_on_display(xvfb.display(), callback)?);
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let escape = Arc::clone(&escape);
            thread::spawn(move || -> Result<(), Error> {
                for round in 0..100 {
                    if (round + worker) % 2 == 0 {
                        escape.grab()?;
                    } else {
                        escape.release()?;
                    }
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| TestError::new("worker panicked"))??;
    }
    assert!(escape.is_listening());

    // Still fully working afterwards.
    escape.grab()?;
    let keyboard = xvfb.connect()?;
    press_escape(&keyboard)?;
    expect_call(&called)?;
    expect_released(&escape)?;
    Ok(())
}

#[test]
fn escape_is_found_wherever_the_keyboard_map_puts_it() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("escape_is_found_wherever_the_keyboard_map_puts_it")?
    else {
        return Ok(());
    };
    let admin = xvfb.connect()?;
    let old = escape_keycode(&admin)?;
    let (first, second) = (old.wrapping_add(100), old.wrapping_add(101));
    let setup = admin.setup();
    assert!(setup.min_keycode <= first && second <= setup.max_keycode);
    let per = admin
        .get_keyboard_mapping(old, 1)?
        .reply()?
        .keysyms_per_keycode;
    let set_key = |keycode: Keycode, keysym: u32| -> Result<(), TestError> {
        let syms = vec![keysym; usize::from(per)];
        admin.change_keyboard_mapping(1, keycode, per, &syms)?;
        admin.sync()?;
        Ok(())
    };
    // Escape moves off its usual key, before Harbour starts.
    set_key(old, 0x71)?; // q
    set_key(first, 0xff1b)?;

    let (_calls, called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    escape.grab()?;
    let keyboard = xvfb.connect()?;
    press_key(&keyboard, first)?;
    expect_call(&called)?;
    expect_released(&escape)?;

    // Escape moves again while grabbed: the listener follows it.
    escape.grab()?;
    set_key(first, 0x71)?;
    set_key(second, 0xff1b)?;
    // The listener regrabs when the server's MappingNotify reaches it, a moment after the
    // change. Until then a press of the new key goes nowhere; keep pressing until one hides.
    // (Probing with a grab of our own would race the listener's regrab.)
    let deadline = Instant::now() + WAIT;
    loop {
        press_key(&keyboard, second)?;
        if called.recv_timeout(Duration::from_millis(100)).is_ok() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the grab did not move to Escape's new key"
        );
    }
    expect_released(&escape)?;
    Ok(())
}

#[test]
fn held_or_double_tapped_escape_calls_once() -> Result<(), TestError> {
    use x11rb::protocol::xproto::{KEY_PRESS_EVENT, KEY_RELEASE_EVENT};
    use x11rb::protocol::xtest::ConnectionExt as _;

    let Some(xvfb) = Xvfb::start_or_skip("held_or_double_tapped_escape_calls_once")? else {
        return Ok(());
    };
    let (calls, called, count) = counting_callback();
    // A slow hide, so the later presses queue up while the callback runs.
    let escape = GlobalEscape::start_on_display(xvfb.display(), move || {
        count();
        thread::sleep(Duration::from_millis(100));
    })?;
    let keyboard = xvfb.connect()?;
    let key = escape_keycode(&keyboard)?;
    let fake = |kind: u8| -> Result<(), TestError> {
        keyboard.xtest_fake_input(kind, key, 0, x11rb::NONE, 0, 0, 0)?;
        Ok(())
    };

    // Held down: the key repeats (presses without releases), then a quick second tap.
    escape.grab()?;
    for kind in [
        KEY_PRESS_EVENT,
        KEY_PRESS_EVENT,
        KEY_PRESS_EVENT,
        KEY_RELEASE_EVENT,
    ] {
        fake(kind)?;
    }
    fake(KEY_PRESS_EVENT)?;
    fake(KEY_RELEASE_EVENT)?;
    keyboard.sync()?;
    expect_call(&called)?;
    expect_released(&escape)?;
    thread::sleep(QUIET);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    Ok(())
}

#[test]
fn x_server_going_away_ends_the_listener_quietly() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("x_server_going_away_ends_the_listener_quietly")? else {
        return Ok(());
    };
    let (calls, _called, callback) = counting_callback();
    let escape = GlobalEscape::start_on_display(xvfb.display(), callback)?;
    escape.grab()?;
    drop(xvfb);
    assert!(
        wait_until(WAIT, || !escape.is_listening()),
        "the listener outlived its X server"
    );
    assert!(!escape.is_grabbed());
    assert!(matches!(escape.grab(), Err(Error::X11(_))));
    escape.release()?;
    drop(escape);
    assert_eq!(Arc::strong_count(&calls), 1);
    Ok(())
}

/// Harbour's end-to-end tests find the real window by its title and time the hide; check those
/// helpers on a stand-in, with and without a reparenting window manager.
fn find_and_time_a_window_named_harbour(xvfb: &Xvfb) -> Result<(), TestError> {
    let app = xvfb.connect()?;
    let window = TestWindow::create(&app, "Harbour")?;
    let _decoy = TestWindow::create(&app, "Harbour notes")?;
    let hider = xvfb.connect()?;
    let target = window.id();
    let escape = GlobalEscape::start_on_display(xvfb.display(), move || {
        let _ = hider.unmap_window(target).map(drop);
        let _ = hider.flush();
    })?;
    escape.grab()?;

    let test = xvfb.connect()?;
    let found = find_window_by_name(&test, "Harbour", WAIT)?;
    assert_eq!(found, target);
    let took = measure_escape_hide(&test, found, WAIT)?;
    assert!(took < Duration::from_secs(1), "hide took {took:?}");
    assert!(find_window_by_name(&test, "Harbour", Duration::from_millis(200)).is_err());
    Ok(())
}

#[test]
fn test_helpers_find_and_time_the_harbour_window() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("test_helpers_find_and_time_the_harbour_window")? else {
        return Ok(());
    };
    find_and_time_a_window_named_harbour(&xvfb)
}

#[test]
fn test_helpers_find_and_time_the_harbour_window_under_a_window_manager() -> Result<(), TestError> {
    let Some(xvfb) = Xvfb::start_or_skip("test_helpers_under_a_window_manager")? else {
        return Ok(());
    };
    let Ok(openbox) = std::process::Command::new("openbox")
        .arg("--sm-disable")
        .env("DISPLAY", xvfb.display())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    else {
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "SKIPPED window-manager case: no openbox");
        return Ok(());
    };
    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _openbox = KillOnDrop(openbox);
    // Wait until openbox manages the screen (it sets _NET_SUPPORTING_WM_CHECK on the root).
    let probe = xvfb.connect()?;
    let check = probe
        .intern_atom(false, b"_NET_SUPPORTING_WM_CHECK")?
        .reply()?
        .atom;
    let root = root_window(&probe)?;
    let managed = wait_until(WAIT, || {
        probe
            .get_property(
                false,
                root,
                check,
                x11rb::protocol::xproto::AtomEnum::WINDOW,
                0,
                1,
            )
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .is_some_and(|reply| !reply.value.is_empty())
    });
    assert!(managed, "openbox did not start");
    find_and_time_a_window_named_harbour(&xvfb)
}

#[test]
fn no_x_server_is_a_connect_error() {
    // No server listens on these (no Xvfb needed); 65000 also overflows x11rb's port arithmetic.
    for display in [":4242", ":65000", "not a display"] {
        let result = GlobalEscape::start_on_display(display, || {});
        assert!(
            matches!(result, Err(Error::Connect(_))),
            "{display}: {:?}",
            result.err()
        );
    }
}
