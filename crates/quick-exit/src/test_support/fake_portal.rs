//! A small fake of the desktop's GlobalShortcuts portal (`org.freedesktop.portal.Desktop`),
//! served on a private D-Bus of its own, for this crate's portal test and Harbour's end-to-end
//! test of the Wayland step in the real window. Never the machine's own session bus.
//!
//! The fake speaks the portal's wire protocol as xdg-desktop-portal does: methods return a
//! Request handle at once, and the answer follows as `org.freedesktop.portal.Request.Response`
//! on that handle's path, from another thread, as it would after the desktop's dialog.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use zbus::message::Header;
use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};

/// Longest wait for the bus to start (generous for a loaded CI machine).
const WAIT: Duration = Duration::from_secs(5);

const DESKTOP: &str = "org.freedesktop.portal.Desktop";
const DESKTOP_PATH: &str = "/org/freedesktop/portal/desktop";
const GLOBAL_SHORTCUTS: &str = "org.freedesktop.portal.GlobalShortcuts";

// ---------------------------------------------------------------------------------------------
// A private bus.

/// A `dbus-daemon` of our own, killed (and its socket removed) when dropped, also when a test
/// fails half-way.
pub struct PrivateBus {
    daemon: Child,
    dir: PathBuf,
    /// The bus's D-Bus address, for `DBUS_SESSION_BUS_ADDRESS` or `Options::session_bus`.
    pub address: String,
}

impl PrivateBus {
    /// Starts the bus, or `None` (printing why) when `dbus-daemon` is not installed. Under CI
    /// (`CI` set) a missing `dbus-daemon` fails the test: a green run must mean it ran.
    pub fn start(test: &str) -> Option<PrivateBus> {
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
pub enum Answer {
    /// The person allowed it; the desktop bound this key.
    Approve(&'static str),
    /// The person cancelled the desktop's dialog (Response code 1).
    Refuse,
    /// The dialog stays open: no Response at all.
    Silent,
}

/// One BindShortcuts call as the fake saw it.
#[derive(Debug, Clone)]
pub struct Bind {
    /// The session the shortcuts were bound in.
    pub session: String,
    /// (id, description, preferred trigger)
    pub shortcuts: Vec<(String, Option<String>, Option<String>)>,
    /// The parent window the client named (empty: none).
    pub parent_window: String,
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
pub enum Desktop {
    /// The portal is there, but it serves Settings only, not GlobalShortcuts.
    WithoutGlobalShortcuts,
    /// The portal, answering binds like this.
    Portal(Answer),
}

/// The fake portal, on its own connection to the private bus.
pub struct FakePortal {
    connection: zbus::blocking::Connection,
    shared: Shared,
}

impl FakePortal {
    /// Owns `org.freedesktop.portal.Desktop` on `bus` and serves the chosen fake desktop.
    pub fn start(bus: &PrivateBus, desktop: Desktop) -> FakePortal {
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

    /// How the next binds are answered.
    pub fn set_answer(&self, answer: Answer) {
        record(&self.shared).answer = answer;
    }

    /// The session paths created so far, in order.
    pub fn created(&self) -> Vec<String> {
        record(&self.shared)
            .created
            .iter()
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Every BindShortcuts call so far.
    pub fn binds(&self) -> Vec<Bind> {
        record(&self.shared).binds.clone()
    }

    /// The session paths the client closed so far.
    pub fn closed(&self) -> Vec<String> {
        record(&self.shared).closed.clone()
    }

    /// The unique name that created `session`.
    pub fn owner(&self, session: &str) -> String {
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
    pub fn change_key(&self, session: &str, trigger: &str) {
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
    pub fn end_session(&self, session: &str) {
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
    pub fn activate(&self, session: &str, shortcut_id: &str) {
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
