//! The Wayland backend against a small fake of the desktop's GlobalShortcuts portal, served on
//! a private D-Bus the test starts itself (never the machine's own session bus). Everything
//! goes through the public `QuickExitKey`, as the app uses it.
//!
//! The fake (`test_support::fake_portal`, shared with the end-to-end test of the real window)
//! speaks the portal's wire protocol as xdg-desktop-portal does.
#![cfg(target_os = "linux")]

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};

use harbour_quick_exit::test_support::fake_portal::{Answer, Desktop, FakePortal, PrivateBus};
use harbour_quick_exit::{DesktopStep, Error, Options, QuickExitKey, Status, System};

/// Longest wait for something that should happen (generous for a loaded CI machine).
const WAIT: Duration = Duration::from_secs(5);
/// How long the hide may take after the desktop reports the key press.
const PRESS_WAIT: Duration = Duration::from_secs(2);
/// How long to watch for something that must not happen.
const QUIET: Duration = Duration::from_millis(300);

// ---------------------------------------------------------------------------------------------
// Helpers.

fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(5));
    }
    true
}

/// A callback that reports each call on a channel.
fn presses() -> (Receiver<()>, Arc<dyn Fn() + Send + Sync>) {
    let (sender, receiver) = mpsc::channel();
    let sender = Mutex::new(sender);
    let callback = move || {
        let _ = sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send(());
    };
    (receiver, Arc::new(callback))
}

fn start_key(
    bus: &PrivateBus,
    desktop_shortcut: bool,
    on_press: Arc<dyn Fn() + Send + Sync>,
) -> QuickExitKey {
    QuickExitKey::start(
        Options {
            system: System::WaylandPortal,
            session_bus: Some(bus.address.clone()),
            desktop_shortcut,
            ..Options::detect()
        },
        on_press,
    )
}

/// Waits until the status passes `check`, and returns it; panics with the last status if not.
fn status_until(key: &QuickExitKey, what: &str, check: impl Fn(&Status) -> bool) -> Status {
    let mut last = key.status();
    if wait_until(WAIT, || {
        last = key.status();
        check(&last)
    }) {
        last
    } else {
        panic!("{what}: not within 5 s; last status: {last:?}")
    }
}

fn expect_press(calls: &Receiver<()>, what: &str) {
    if calls.recv_timeout(PRESS_WAIT).is_err() {
        panic!("{what}: on_press was not called within 2 s");
    }
}

fn expect_no_press(calls: &Receiver<()>, what: &str) {
    if calls.recv_timeout(QUIET).is_ok() {
        panic!("{what}: on_press was called");
    }
}

fn expect_closed(fake: &FakePortal, session: &str) {
    assert!(
        wait_until(WAIT, || fake
            .closed()
            .iter()
            .any(|closed| closed == session)),
        "the fake never saw Session.Close for {session}; closed: {:?}",
        fake.closed()
    );
}

// ---------------------------------------------------------------------------------------------
// Tests.

#[test]
fn without_a_portal_the_desktop_does_not_allow_it() {
    let Some(bus) = PrivateBus::start("without_a_portal_the_desktop_does_not_allow_it") else {
        return;
    };
    let (calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    assert_eq!(key.ask_desktop(WAIT), Err(Error::PortalMissing));
    assert!(key.arm().is_ok());
    let status = key.status();
    assert_eq!(status.system, System::WaylandPortal);
    assert!(!status.any_app_possible);
    assert!(!status.any_app_active);
    assert_eq!(status.desktop_step, None);
    assert_eq!(status.key, None);
    let reason = status.reason.expect("a reason");
    assert!(reason.contains("does not let apps"), "{reason}");
    assert!(
        reason.contains("The Quick exit button always works."),
        "{reason}"
    );
    key.disarm();
    expect_no_press(&calls, "no portal");
}

#[test]
fn a_desktop_without_global_shortcuts_is_missing_too() {
    let Some(bus) = PrivateBus::start("a_desktop_without_global_shortcuts_is_missing_too") else {
        return;
    };
    let _fake = FakePortal::start(&bus, Desktop::WithoutGlobalShortcuts);
    let (_calls, on_press) = presses();
    let key = start_key(&bus, true, on_press);
    assert_eq!(key.ask_desktop(WAIT), Err(Error::PortalMissing));
    let status = key.status();
    assert!(!status.any_app_possible);
    assert_eq!(status.desktop_step, None);
}

#[test]
fn an_unasked_portal_is_offered_and_arm_binds_nothing() {
    let Some(bus) = PrivateBus::start("an_unasked_portal_is_offered_and_arm_binds_nothing") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Escape")));
    let (_calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    let status = status_until(&key, "the portal is found", |s| s.desktop_step.is_some());
    assert_eq!(status.desktop_step, Some(DesktopStep::Offered));
    assert!(key.arm().is_ok());
    thread::sleep(QUIET);
    assert!(
        fake.created().is_empty(),
        "Harbour created a session (and so a dialog) unasked"
    );
    assert!(fake.binds().is_empty());
    let status = key.status();
    assert!(status.any_app_possible);
    assert!(!status.any_app_active);
    assert_eq!(status.key, None);
    assert_eq!(status.desktop_step, Some(DesktopStep::Offered));
    let reason = status.reason.expect("a reason");
    assert!(reason.contains("only if you allow it"), "{reason}");
}

#[test]
fn asking_binds_the_key_the_desktop_chose_until_harbour_hides() {
    let Some(bus) = PrivateBus::start("asking_binds_the_key_the_desktop_chose") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Ctrl+Alt+H")));
    let (calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    assert!(key.arm().is_ok());

    assert_eq!(key.ask_desktop(WAIT), Ok("Ctrl+Alt+H".to_owned()));
    let status = key.status();
    assert_eq!(status.key.as_deref(), Some("Ctrl+Alt+H"));
    assert!(status.any_app_active);
    assert!(status.any_app_possible);
    assert_eq!(status.desktop_step, Some(DesktopStep::Bound));
    assert_eq!(status.reason, None);

    // What Harbour asked for: one shortcut, with the words and key from the brief, and no
    // parent window.
    let created = fake.created();
    assert_eq!(created.len(), 1);
    let binds = fake.binds();
    assert_eq!(binds.len(), 1);
    assert_eq!(binds[0].session, created[0]);
    assert_eq!(binds[0].parent_window, "");
    assert_eq!(
        binds[0].shortcuts,
        vec![(
            "quick-exit".to_owned(),
            Some("Hide Harbour at once (quick exit)".to_owned()),
            Some("Escape".to_owned()),
        )]
    );

    // The desktop reports the key: Harbour hides. Another shortcut id is not ours.
    fake.activate(&created[0], "something-else");
    expect_no_press(&calls, "another shortcut id");
    fake.activate(&created[0], "quick-exit");
    expect_press(&calls, "Activated on the bound session");

    // Hidden: the session is closed so the key is given back, and nothing is claimed.
    key.disarm();
    expect_closed(&fake, &created[0]);
    let status = key.status();
    assert!(!status.any_app_active);
    assert_eq!(status.desktop_step, Some(DesktopStep::Bound));
    let reason = status.reason.expect("a reason while hidden");
    assert!(
        reason.contains("Ctrl+Alt+H") && reason.contains("while Harbour is open"),
        "{reason}"
    );

    // Shown again: bound again without asking, on a new session.
    assert!(key.arm().is_ok());
    let status = status_until(&key, "bound again on arm", |s| s.any_app_active);
    assert_eq!(status.key.as_deref(), Some("Ctrl+Alt+H"));
    let created = fake.created();
    assert_eq!(created.len(), 2, "arm after a yes binds a new session");
    assert_ne!(created[0], created[1]);

    // A stale Activated for the old session does nothing; the new one hides Harbour.
    fake.activate(&created[0], "quick-exit");
    expect_no_press(&calls, "Activated on the closed session");
    fake.activate(&created[1], "quick-exit");
    expect_press(&calls, "Activated on the new session");

    // Asking again while bound answers at once, without a new session.
    assert_eq!(key.ask_desktop(WAIT), Ok("Ctrl+Alt+H".to_owned()));
    assert_eq!(fake.created().len(), 2);

    // Dropping the key closes its session.
    drop(key);
    expect_closed(&fake, &created[1]);
}

#[test]
fn a_saved_choice_binds_on_arm_without_asking() {
    let Some(bus) = PrivateBus::start("a_saved_choice_binds_on_arm_without_asking") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Escape")));
    let (calls, on_press) = presses();
    let key = start_key(&bus, true, on_press);
    // Saved, but Harbour not shown yet: nothing bound, nothing claimed.
    let status = status_until(&key, "the portal is found", |s| s.desktop_step.is_some());
    assert!(!status.any_app_active);
    assert!(fake.created().is_empty());

    assert!(key.arm().is_ok());
    let status = status_until(&key, "bound on arm", |s| s.any_app_active);
    assert_eq!(status.key.as_deref(), Some("Escape"));
    assert_eq!(status.desktop_step, Some(DesktopStep::Bound));
    let created = fake.created();
    assert_eq!(created.len(), 1);
    fake.activate(&created[0], "quick-exit");
    expect_press(&calls, "Activated after a saved choice");
}

#[test]
fn a_refusal_is_refused_and_not_asked_again_unprompted() {
    let Some(bus) = PrivateBus::start("a_refusal_is_refused") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Refuse));
    let (_calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    assert!(key.arm().is_ok());
    assert_eq!(key.ask_desktop(WAIT), Err(Error::Refused));
    let status = key.status();
    assert_eq!(status.desktop_step, Some(DesktopStep::Refused));
    assert!(!status.any_app_active);
    assert!(status.any_app_possible);
    assert_eq!(status.key, None);
    let reason = status.reason.expect("a reason");
    assert!(
        reason.contains("did not allow") && reason.contains("ask again"),
        "{reason}"
    );
    // The session made for the question is closed again.
    let created = fake.created();
    assert_eq!(created.len(), 1);
    expect_closed(&fake, &created[0]);

    // Hiding and showing Harbour does not bring the question back.
    key.disarm();
    assert!(key.arm().is_ok());
    thread::sleep(QUIET);
    assert_eq!(
        fake.created().len(),
        1,
        "asked again after a no, unprompted"
    );

    // Asking again is allowed, and this time the person says yes.
    fake.set_answer(Answer::Approve("Escape"));
    assert_eq!(key.ask_desktop(WAIT), Ok("Escape".to_owned()));
    assert!(key.status().any_app_active);
}

#[test]
fn a_desktop_that_never_answers_times_out() {
    let Some(bus) = PrivateBus::start("a_desktop_that_never_answers_times_out") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Silent));
    let (_calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    assert!(key.arm().is_ok());
    assert_eq!(
        key.ask_desktop(Duration::from_millis(500)),
        Err(Error::TimedOut)
    );
    let status = key.status();
    assert_eq!(status.desktop_step, Some(DesktopStep::Asking));
    assert!(!status.any_app_active);
    assert_eq!(fake.binds().len(), 1);
}

#[test]
fn disarm_from_inside_on_press_does_not_deadlock() {
    let Some(bus) = PrivateBus::start("disarm_from_inside_on_press_does_not_deadlock") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Escape")));
    // The app's on_press hides the window, and hiding disarms the key: from the portal thread.
    let handle: Arc<OnceLock<Weak<QuickExitKey>>> = Arc::new(OnceLock::new());
    let (sender, calls) = mpsc::channel();
    let sender = Mutex::new(sender);
    let inside = Arc::clone(&handle);
    let on_press = Arc::new(move || {
        if let Some(key) = inside.get().and_then(Weak::upgrade) {
            key.disarm();
        }
        let _ = sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .send(());
    });
    let key = Arc::new(start_key(&bus, true, on_press));
    handle
        .set(Arc::downgrade(&key))
        .unwrap_or_else(|_| panic!("the handle is set once"));
    assert!(key.arm().is_ok());
    status_until(&key, "bound on arm", |s| s.any_app_active);
    let session = fake.created()[0].clone();

    fake.activate(&session, "quick-exit");
    expect_press(&calls, "Activated");
    expect_closed(&fake, &session);
    assert!(!key.status().any_app_active);
    // The portal thread still serves: showing Harbour binds again.
    assert!(key.arm().is_ok());
    status_until(&key, "bound again", |s| s.any_app_active);
    assert_eq!(fake.created().len(), 2);
}

#[test]
fn the_desktop_can_change_the_key_or_take_it_back() {
    let Some(bus) = PrivateBus::start("the_desktop_can_change_the_key_or_take_it_back") else {
        return;
    };
    let fake = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Ctrl+Alt+H")));
    let (calls, on_press) = presses();
    let key = start_key(&bus, false, on_press);
    assert!(key.arm().is_ok());
    assert_eq!(key.ask_desktop(WAIT), Ok("Ctrl+Alt+H".to_owned()));
    let session = fake.created()[0].clone();

    // The person picks another key in the desktop's settings: the status shows that one.
    fake.change_key(&session, "Super+Q");
    let status = status_until(&key, "the new key is shown", |s| {
        s.key.as_deref() == Some("Super+Q")
    });
    assert!(status.any_app_active);
    assert_eq!(key.ask_desktop(WAIT), Ok("Super+Q".to_owned()));

    // The desktop ends the session: nothing is claimed, and it is not asked again unprompted.
    fake.end_session(&session);
    let status = status_until(&key, "the session's end is noticed", |s| !s.any_app_active);
    assert_eq!(status.desktop_step, Some(DesktopStep::Refused));
    assert_eq!(status.key, None);
    fake.activate(&session, "quick-exit");
    expect_no_press(&calls, "Activated on a session the desktop ended");
    key.disarm();
    assert!(key.arm().is_ok());
    thread::sleep(QUIET);
    assert_eq!(
        fake.created().len(),
        1,
        "asked again, unprompted, after the desktop's end"
    );
}
