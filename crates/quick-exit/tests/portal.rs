//! The Wayland backend against a small fake of the desktop's GlobalShortcuts portal, served on
//! a private D-Bus the test starts itself (never the machine's own session bus). Everything
//! goes through the public `QuickExitKey`, as the app uses it.
//!
//! The fake speaks the portal's wire protocol as xdg-desktop-portal does: methods return a
//! Request handle at once, and the answer follows as `org.freedesktop.portal.Request.Response`
//! on that handle's path, from another thread, as it would after the desktop's dialog.
#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};

use harbour_quick_exit::{DesktopStep, Error, Options, QuickExitKey, Status, System};
use zbus::message::Header;
use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};

/// Longest wait for something that should happen (generous for a loaded CI machine).
const WAIT: Duration = Duration::from_secs(5);
/// How long the hide may take after the desktop reports the key press.
const PRESS_WAIT: Duration = Duration::from_secs(2);
/// How long to watch for something that must not happen.
const QUIET: Duration = Duration::from_millis(300);

const DESKTOP: &str = "org.freedesktop.portal.Desktop";
const DESKTOP_PATH: &str = "/org/freedesktop/portal/desktop";
const GLOBAL_SHORTCUTS: &str = "org.freedesktop.portal.GlobalShortcuts";

// ---------------------------------------------------------------------------------------------
// A private bus.

/// A `dbus-daemon` of our own, killed (and its socket removed) when dropped, also when a test
/// fails half-way.
struct PrivateBus {
    daemon: Child,
    dir: PathBuf,
    address: String,
}

impl PrivateBus {
    /// Starts the bus, or `None` (printing why) when `dbus-daemon` is not installed. Under CI
    /// (`CI` set) a missing `dbus-daemon` fails the test: a green run must mean it ran.
    fn start(test: &str) -> Option<PrivateBus> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harbour-portal-test-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("create the bus directory");
        // Our own configuration, not the system's session.conf: no service directories, so
        // nothing (such as a real xdg-desktop-portal) can be started on this bus by activation.
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.display()
            ),
        )
        .expect("write the bus configuration");
        // Its complaints (such as not being allowed to raise the fd limit) go to a file that
        // is shown only when it fails to start.
        let log_path = dir.join("dbus-daemon.log");
        let log = std::fs::File::create(&log_path).expect("create the bus log");
        let spawned = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn();
        let mut daemon = match spawned {
            Ok(daemon) => daemon,
            Err(why) if why.kind() == std::io::ErrorKind::NotFound => {
                let _ = std::fs::remove_dir_all(&dir);
                if std::env::var_os("CI").is_some() {
                    panic!("{test}: dbus-daemon is not installed, and CI must run this test");
                }
                // Past the test harness's capture, so a skip is seen even when tests pass.
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED {test}: dbus-daemon is not installed (Debian/Ubuntu: apt-get \
                     install dbus-daemon)"
                );
                return None;
            }
            Err(why) => panic!("{test}: could not start dbus-daemon: {why}"),
        };
        // The daemon prints its address once it listens: read it, with a timeout.
        let stdout = daemon.stdout.take().expect("dbus-daemon's stdout");
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let mut bus = PrivateBus {
            daemon,
            dir,
            address: String::new(),
        };
        match receiver.recv_timeout(WAIT) {
            Ok(line) if !line.trim().is_empty() => bus.address = line.trim().to_owned(),
            _ => panic!(
                "{test}: dbus-daemon did not print its address within 5 s: {}",
                std::fs::read_to_string(&log_path).unwrap_or_default()
            ),
        }
        Some(bus)
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

// ---------------------------------------------------------------------------------------------
// The fake portal.

/// How the fake desktop answers a bind.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// The person allowed it; the desktop bound this key.
    Approve(&'static str),
    /// The person cancelled the desktop's dialog (Response code 1).
    Refuse,
    /// The dialog stays open: no Response at all.
    Silent,
}

/// One BindShortcuts call as the fake saw it.
#[derive(Debug, Clone)]
struct Bind {
    session: String,
    /// (id, description, preferred trigger)
    shortcuts: Vec<(String, Option<String>, Option<String>)>,
    parent_window: String,
}

/// What the fake saw, and how it answers.
#[derive(Debug)]
struct Record {
    answer: Answer,
    /// Session paths created, in order, with the unique name that owns each.
    created: Vec<(String, String)>,
    binds: Vec<Bind>,
    /// Session paths closed by the client.
    closed: Vec<String>,
}

type Shared = Arc<Mutex<Record>>;

fn record(shared: &Shared) -> std::sync::MutexGuard<'_, Record> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `/org/freedesktop/portal/desktop/<kind>/<sender without ':' and '.'→'_'>/<token>`, as the
/// portal specification (and ashpd) builds Request and Session handles.
fn handle_path(kind: &str, header: &Header<'_>, token: &str) -> String {
    let sender = header.sender().map(|s| s.as_str()).unwrap_or_default();
    let sender = sender.trim_start_matches(':').replace('.', "_");
    format!("{DESKTOP_PATH}/{kind}/{sender}/{token}")
}

fn text(map: &HashMap<String, OwnedValue>, key: &str) -> Option<String> {
    map.get(key)
        .and_then(|value| <&str>::try_from(&**value).ok())
        .map(str::to_owned)
}

/// Emits `Request.Response(code, results)` to `destination` from another thread, a moment
/// after the method has replied, as the real portal does after its dialog.
fn respond_later(
    connection: &zbus::Connection,
    destination: String,
    request: String,
    code: u32,
    results: HashMap<String, OwnedValue>,
) {
    let connection = connection.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        let sent = zbus::block_on(connection.emit_signal(
            Some(destination.as_str()),
            request.as_str(),
            "org.freedesktop.portal.Request",
            "Response",
            &(code, results),
        ));
        if let Err(why) = sent {
            eprintln!("fake portal: could not send Response: {why}");
        }
    });
}

/// `org.freedesktop.portal.GlobalShortcuts`, version 1.
struct FakeGlobalShortcuts {
    shared: Shared,
}

#[zbus::interface(name = "org.freedesktop.portal.GlobalShortcuts")]
impl FakeGlobalShortcuts {
    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        1
    }

    async fn create_session(
        &self,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(connection)] connection: &zbus::Connection,
        #[zbus(object_server)] server: &zbus::ObjectServer,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        let request_token = text(&options, "handle_token")
            .ok_or_else(|| zbus::fdo::Error::InvalidArgs("no handle_token".into()))?;
        let session_token = text(&options, "session_handle_token")
            .ok_or_else(|| zbus::fdo::Error::InvalidArgs("no session_handle_token".into()))?;
        let request = handle_path("request", &header, &request_token);
        let session = handle_path("session", &header, &session_token);
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        server
            .at(
                session.as_str(),
                FakeSession {
                    path: session.clone(),
                    shared: Arc::clone(&self.shared),
                },
            )
            .await?;
        record(&self.shared)
            .created
            .push((session.clone(), sender.clone()));
        let results = HashMap::from([(
            "session_handle".to_owned(),
            OwnedValue::try_from(Value::from(session.as_str())).expect("a string value"),
        )]);
        respond_later(connection, sender, request.clone(), 0, results);
        Ok(OwnedObjectPath::try_from(request).expect("a valid request path"))
    }

    async fn bind_shortcuts(
        &self,
        session_handle: OwnedObjectPath,
        shortcuts: Vec<(String, HashMap<String, OwnedValue>)>,
        parent_window: String,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(connection)] connection: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        let request_token = text(&options, "handle_token")
            .ok_or_else(|| zbus::fdo::Error::InvalidArgs("no handle_token".into()))?;
        let request = handle_path("request", &header, &request_token);
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        let answer = {
            let mut record = record(&self.shared);
            record.binds.push(Bind {
                session: session_handle.as_str().to_owned(),
                shortcuts: shortcuts
                    .iter()
                    .map(|(id, info)| {
                        (
                            id.clone(),
                            text(info, "description"),
                            text(info, "preferred_trigger"),
                        )
                    })
                    .collect(),
                parent_window,
            });
            record.answer.clone()
        };
        match answer {
            Answer::Approve(trigger) => {
                let bound: Vec<(String, HashMap<String, OwnedValue>)> = shortcuts
                    .iter()
                    .map(|(id, info)| {
                        let description = text(info, "description").unwrap_or_default();
                        let info = HashMap::from([
                            (
                                "description".to_owned(),
                                OwnedValue::try_from(Value::from(description)).expect("a string"),
                            ),
                            (
                                "trigger_description".to_owned(),
                                OwnedValue::try_from(Value::from(trigger)).expect("a string"),
                            ),
                        ]);
                        (id.clone(), info)
                    })
                    .collect();
                let results = HashMap::from([(
                    "shortcuts".to_owned(),
                    OwnedValue::try_from(Value::from(bound)).expect("a(sa{sv})"),
                )]);
                respond_later(connection, sender, request.clone(), 0, results);
            }
            Answer::Refuse => respond_later(connection, sender, request.clone(), 1, HashMap::new()),
            Answer::Silent => {}
        }
        Ok(OwnedObjectPath::try_from(request).expect("a valid request path"))
    }
}

/// `org.freedesktop.portal.Session` at one session's path.
struct FakeSession {
    path: String,
    shared: Shared,
}

#[zbus::interface(name = "org.freedesktop.portal.Session")]
impl FakeSession {
    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        1
    }

    fn close(&self) {
        record(&self.shared).closed.push(self.path.clone());
    }
}

/// Another portal interface, for a desktop that has portals but not GlobalShortcuts.
struct FakeSettings;

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl FakeSettings {
    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        2
    }
}

/// Which fake desktop to put on the bus.
enum Desktop {
    /// The portal is there, but it serves Settings only, not GlobalShortcuts.
    WithoutGlobalShortcuts,
    /// The portal, answering binds like this.
    Portal(Answer),
}

/// The fake portal, on its own connection to the private bus.
struct FakePortal {
    connection: zbus::blocking::Connection,
    shared: Shared,
}

impl FakePortal {
    fn start(bus: &PrivateBus, desktop: Desktop) -> FakePortal {
        let shared = Arc::new(Mutex::new(Record {
            answer: match &desktop {
                Desktop::Portal(answer) => answer.clone(),
                Desktop::WithoutGlobalShortcuts => Answer::Silent,
            },
            created: Vec::new(),
            binds: Vec::new(),
            closed: Vec::new(),
        }));
        let mut builder = zbus::blocking::connection::Builder::address(bus.address.as_str())
            .expect("the bus address")
            .name(DESKTOP)
            .expect("the portal's name");
        builder = builder
            .serve_at(DESKTOP_PATH, FakeSettings)
            .expect("serve Settings");
        if let Desktop::Portal(_) = desktop {
            builder = builder
                .serve_at(
                    DESKTOP_PATH,
                    FakeGlobalShortcuts {
                        shared: Arc::clone(&shared),
                    },
                )
                .expect("serve GlobalShortcuts");
        }
        let connection = builder.build().expect("the fake portal's connection");
        FakePortal { connection, shared }
    }

    fn set_answer(&self, answer: Answer) {
        record(&self.shared).answer = answer;
    }

    fn created(&self) -> Vec<String> {
        record(&self.shared)
            .created
            .iter()
            .map(|(path, _)| path.clone())
            .collect()
    }

    fn binds(&self) -> Vec<Bind> {
        record(&self.shared).binds.clone()
    }

    fn closed(&self) -> Vec<String> {
        record(&self.shared).closed.clone()
    }

    /// The unique name that created `session`.
    fn owner(&self, session: &str) -> String {
        record(&self.shared)
            .created
            .iter()
            .find(|(path, _)| path == session)
            .map(|(_, owner)| owner.clone())
            .expect("a session the fake created")
    }

    /// Emits `ShortcutsChanged(session, [(quick-exit, {description, trigger_description})])`,
    /// as the desktop does when the person picks another key in its settings. (ashpd drops a
    /// shortcut without a description, so the fake sends both, as real portals do.)
    fn change_key(&self, session: &str, trigger: &str) {
        let info = HashMap::from([
            (
                "description".to_owned(),
                OwnedValue::try_from(Value::from("Hide Harbour at once (quick exit)"))
                    .expect("a string"),
            ),
            (
                "trigger_description".to_owned(),
                OwnedValue::try_from(Value::from(trigger)).expect("a string"),
            ),
        ]);
        self.connection
            .emit_signal(
                Some(self.owner(session).as_str()),
                DESKTOP_PATH,
                GLOBAL_SHORTCUTS,
                "ShortcutsChanged",
                &(
                    ObjectPath::try_from(session).expect("a session path"),
                    vec![("quick-exit".to_owned(), info)],
                ),
            )
            .expect("emit ShortcutsChanged");
    }

    /// Emits `Session.Closed({})` on `session`, as the desktop does when it ends a session
    /// (the person took the permission back).
    fn end_session(&self, session: &str) {
        self.connection
            .emit_signal(
                Some(self.owner(session).as_str()),
                session,
                "org.freedesktop.portal.Session",
                "Closed",
                &(HashMap::<String, OwnedValue>::new(),),
            )
            .expect("emit Closed");
    }

    /// Emits `Activated(session, shortcut_id, timestamp, {})` to the session's owner, as the
    /// desktop does when the person presses the bound key.
    fn activate(&self, session: &str, shortcut_id: &str) {
        let owner = self.owner(session);
        self.connection
            .emit_signal(
                Some(owner.as_str()),
                DESKTOP_PATH,
                GLOBAL_SHORTCUTS,
                "Activated",
                &(
                    ObjectPath::try_from(session).expect("a session path"),
                    shortcut_id,
                    1_000_u64,
                    HashMap::<String, OwnedValue>::new(),
                ),
            )
            .expect("emit Activated");
    }
}

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
