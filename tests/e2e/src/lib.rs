//! The end-to-end harness: one place that starts everything a test of the real app needs and
//! stops it again, even when the test fails.
//!
//! [`Harbour::launch`] builds the app binary (once per test run), then starts, for this test
//! alone: an Xvfb display, the openbox window manager (so focus and minimise behave like a
//! desktop), a private D-Bus session bus, fresh data/config/cache folders, and tauri-driver
//! (which starts WebKitWebDriver and the app). Dropping the [`Harbour`] ends the WebDriver
//! session and kills every process, in reverse order. Tests can therefore run in parallel: each
//! has its own display, ports and folders.

mod display;
pub mod on_screen;
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use std::{env, fs};
use x11rb::connection::Connection as _;

pub use display::Display;
pub use webdriver::{Element, Session, WebDriverError};

/// Contrast helpers for scripts run in the page: `rgb(css)` parses a computed colour, `ratio(a, b)`
/// is WCAG's contrast ratio, `background(el)` the nearest opaque background behind an element.
/// Function declarations, so they can follow the script that calls them (see [`with_colour_js`]).
pub const COLOUR_JS: &str = r#"
function rgb(s) {
  const m = /rgba?\(([^)]*)\)/.exec(s || "");
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function lum(c) {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function ratio(a, b) {
  const x = lum(a), y = lum(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
function background(el) {
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
"#;

/// A page script with [`COLOUR_JS`] added after it (declarations are hoisted, so an early
/// `return` in the script does not hide them).
pub fn with_colour_js(script: &str) -> String {
    format!("{script}\n{COLOUR_JS}")
}

/// Another X client takes Escape for the whole screen (as a hot-key tool might), so Harbour
/// cannot. Held until `conn` is closed.
pub fn grab_escape_elsewhere(conn: &x11rb::rust_connection::RustConnection) {
    use x11rb::protocol::xproto::{ConnectionExt as _, GrabMode, ModMask};
    let root = conn.setup().roots[0].root;
    let escape = harbour_quick_exit::test_support::escape_keycode(conn).expect("Escape's keycode");
    conn.grab_key(
        true,
        root,
        ModMask::from(0u16),
        escape,
        GrabMode::ASYNC,
        GrabMode::ASYNC,
    )
    .unwrap()
    .check()
    .expect("the other client gets Escape");
}

/// A fresh home whose checklist file was cut short by a crash, with its last-good copy (one
/// tick: `threatened/dont-pay`) beside it: Harbour recovers and shows its damage message.
pub fn home_with_damaged_checklist(name: &str) -> PathBuf {
    let home = scratch_dir(name);
    let data = data_dir(&home);
    fs::create_dir_all(&data).expect("data dir is writable");
    fs::write(
        data.join("checklist.last-good.json"),
        r#"{"schema": 2, "progress": {"threatened": ["dont-pay"]}}"#,
    )
    .expect("last-good copy written");
    fs::write(data.join("checklist.json"), r#"{"schema": 2, "progr"#).expect("torn file written");
    home
}

/// A school's policy: region fixed to Ireland, Escape from any app, and its own contact.
pub const SCHOOL_POLICY: &str = r#"
region = "ie"
escape_scope = "any-app"

[contact]
name = "Ms Byrne, Designated Liaison Person"
how_to_reach = "Room 12, or ask at the office"
hours = "Mon-Fri 9:00-15:30"
"#;

/// Writes `policy` as `policy.toml` in `home` and returns the environment entry that points
/// Harbour at it (`HARBOUR_POLICY`).
pub fn policy_env(home: &Path, policy: &str) -> (String, String) {
    let file = home.join("policy.toml");
    fs::write(&file, policy).expect("policy written");
    ("HARBOUR_POLICY".into(), file.display().to_string())
}

/// How long to wait for something a person would see "straight away" before failing the test.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// What to change about a launch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra environment variables for the app.
    pub env: Vec<(String, String)>,
    /// Reuse this home folder (to test what survives a restart) instead of a fresh one.
    pub home: Option<PathBuf>,
    /// Start as a brand-new install: the first-run introduction shows. Otherwise the harness
    /// marks the introduction done (by writing Harbour's real settings file) so tests start
    /// on the home screen.
    pub first_run: bool,
    /// Run this app binary instead of [`app_binary`] (which builds one, or takes `HARBOUR_BIN`):
    /// the quick-exit benchmark launches two builds of Harbour in one run. `relaunch` and
    /// `app_pids` use it too.
    pub binary: Option<PathBuf>,
}

/// The environment of a pretend Wayland session whose session bus is `bus_address` (a private
/// bus with `harbour_quick_exit::test_support::fake_portal` on it): Harbour picks its Wayland
/// backend from `WAYLAND_DISPLAY` and `XDG_SESSION_TYPE`, while GTK still draws on Xvfb
/// (`GDK_BACKEND=x11`, set by the harness), so the real window can be driven and seen.
pub fn pretend_wayland_env(bus_address: &str) -> Vec<(String, String)> {
    vec![
        (
            "WAYLAND_DISPLAY".into(),
            "harbour-test-no-such-wayland".into(),
        ),
        ("XDG_SESSION_TYPE".into(), "wayland".into()),
        ("DBUS_SESSION_BUS_ADDRESS".into(), bus_address.into()),
    ]
}

/// Harbour's data folder inside a home folder (its identifier under XDG_DATA_HOME).
pub fn data_dir(home: &Path) -> PathBuf {
    home.join(".local/share/app.harbour.desktop")
}

/// A running Harbour under test, with everything around it.
pub struct Harbour {
    /// The WebDriver session driving the app's webview.
    pub session: Session,
    driver: Child,
    dbus: Option<Child>,
    /// The X display the app is on.
    pub display: Display,
    /// The home folder the app sees (its data, config and cache folders are inside).
    pub home: PathBuf,
    owns_home: bool,
    name: String,
    /// The environment the app runs with (display, folders, session bus).
    app_env: Vec<(String, String)>,
    binary: PathBuf,
}

impl Harbour {
    /// Launches the app with defaults and waits for the home screen. `name` labels screenshots.
    pub fn launch(name: &str) -> Harbour {
        Harbour::launch_with(name, Options::default())
    }

    /// Launches the app with `options` and waits for the page to load.
    pub fn launch_with(name: &str, options: Options) -> Harbour {
        let binary = options.binary.clone().unwrap_or_else(app_binary);
        let display = Display::start().unwrap_or_else(|e| panic!("could not start Xvfb: {e}"));
        let owns_home = options.home.is_none();
        let home = options.home.clone().unwrap_or_else(|| scratch_dir(name));
        for sub in [".local/share", ".config", ".cache", ".runtime"] {
            fs::create_dir_all(home.join(sub)).expect("scratch home is writable");
        }
        if !options.first_run {
            let data = data_dir(&home);
            let settings = data.join("settings.json");
            if !settings.exists() {
                fs::create_dir_all(&data).expect("data dir is writable");
                fs::write(&settings, r#"{"intro_done":true}"#).expect("settings written");
            }
        }
        let (dbus, dbus_address) = start_dbus();
        let port = free_port();
        let native_port = free_port();

        let mut app_env: Vec<(String, String)> = vec![
            ("DISPLAY".into(), display.name()),
            ("HOME".into(), home.display().to_string()),
            (
                "XDG_DATA_HOME".into(),
                home.join(".local/share").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME".into(),
                home.join(".config").display().to_string(),
            ),
            (
                "XDG_CACHE_HOME".into(),
                home.join(".cache").display().to_string(),
            ),
            (
                "XDG_RUNTIME_DIR".into(),
                home.join(".runtime").display().to_string(),
            ),
            ("GDK_BACKEND".into(), "x11".into()),
            // Software rendering: Xvfb has no GPU, and WebKit's DMA-BUF path fails there.
            ("WEBKIT_DISABLE_DMABUF_RENDERER".into(), "1".into()),
            ("LIBGL_ALWAYS_SOFTWARE".into(), "1".into()),
        ];
        if let Some(address) = &dbus_address {
            app_env.push(("DBUS_SESSION_BUS_ADDRESS".into(), address.clone()));
        }
        app_env.extend(options.env.iter().cloned());
        let mut command = Command::new(tool("tauri-driver"));
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XDG_SESSION_TYPE")
            .envs(app_env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let driver = command
            .spawn()
            .unwrap_or_else(|e| panic!("could not start tauri-driver (is it installed?): {e}"));

        let base = format!("http://127.0.0.1:{port}");
        let session = match Session::start(&base, &binary, PATIENCE) {
            Ok(session) => session,
            Err(e) => {
                let mut harbour_less = (driver, dbus);
                let _ = harbour_less.0.kill();
                if let Some(d) = harbour_less.1.as_mut() {
                    let _ = d.kill();
                }
                panic!("could not open a WebDriver session on Harbour: {e}");
            }
        };
        let harbour = Harbour {
            session,
            driver,
            dbus,
            display,
            home,
            owns_home,
            name: name.to_string(),
            app_env,
            binary,
        };
        harbour
            .wait_for_css("main[data-ready]")
            .unwrap_or_else(|e| panic!("Harbour's page never became ready: {e}"));
        harbour
    }

    /// Waits until an element matching `css` exists and returns it.
    pub fn wait_for_css(&self, css: &str) -> Result<Element<'_>, WebDriverError> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.session.find(css) {
                Ok(element) => return Ok(element),
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Waits until `condition` (a JavaScript expression) is true in the page.
    pub fn wait_until(&self, condition: &str) -> Result<(), WebDriverError> {
        let script = format!("return !!({condition});");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if self.session.execute(&script)?.as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(WebDriverError::Timeout(condition.to_string()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types `words` into the search box, as a person would, and waits until results are listed.
    pub fn search_until_found(&self, words: &str) {
        self.wait_for_css("#search")
            .unwrap()
            .send_keys(words)
            .unwrap();
        self.wait_until("document.getElementById('search-results').dataset.count > 0")
            .unwrap_or_else(|e| panic!("no search results for {words:?}: {e}"));
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        self.wait_for_css(css)
            .and_then(|e| e.text())
            .unwrap_or_else(|e| panic!("no text for `{css}`: {e}"))
    }

    /// Clicks the first element matching `css`.
    pub fn click(&self, css: &str) {
        self.wait_for_css(css)
            .and_then(|e| e.click())
            .unwrap_or_else(|e| panic!("could not click `{css}`: {e}"));
    }

    /// Clicks the element matching `css` with the real mouse (XTest, through xdotool) at its
    /// centre on screen, as a person would. Use it for clicks that hide the window, which
    /// WebDriver's own click would wait on forever.
    pub fn click_with_mouse(&self, css: &str) {
        use x11rb::protocol::xproto::ConnectionExt as _;
        let rect = self
            .session
            .execute(&format!(
                "const r = document.querySelector({css:?}).getBoundingClientRect();\
                 return [r.left + r.width / 2, r.top + r.height / 2];"
            ))
            .unwrap_or_else(|e| panic!("no element `{css}`: {e}"));
        let (x, y) = (
            rect[0].as_f64().unwrap_or(0.0),
            rect[1].as_f64().unwrap_or(0.0),
        );
        let conn = self.x11();
        let window =
            harbour_quick_exit::test_support::find_window_by_name(&conn, "Harbour", PATIENCE)
                .expect("Harbour's window is on screen");
        let root = conn.setup().roots[0].root;
        let origin = conn
            .translate_coordinates(window, root, 0, 0)
            .expect("request sent")
            .reply()
            .expect("window position");
        let (sx, sy) = (
            i32::from(origin.dst_x) + x.round() as i32,
            i32::from(origin.dst_y) + y.round() as i32,
        );
        let status = Command::new("xdotool")
            .args([
                "mousemove",
                "--sync",
                &sx.to_string(),
                &sy.to_string(),
                "click",
                "1",
            ])
            .env("DISPLAY", self.display.name())
            .status()
            .expect("xdotool can be run");
        assert!(status.success(), "xdotool click failed");
    }

    /// The page's current address fragment (`#/article/right-now`).
    pub fn hash(&self) -> String {
        self.session
            .execute("return location.hash;")
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Launches Harbour again, as a person clicking its icon would, with the same environment,
    /// and waits for that second process to end. Returns whether it exited successfully.
    pub fn relaunch(&self) -> bool {
        let mut child = Command::new(&self.binary)
            .env_remove("WAYLAND_DISPLAY")
            .envs(self.app_env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the Harbour binary can be started");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Process ids of Harbour processes started for this test (found through /proc: the
    /// binary, with this test's HOME in its environment).
    pub fn app_pids(&self) -> Vec<u32> {
        let home = format!("HOME={}", self.home.display());
        let Ok(entries) = fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                let exe = fs::read_link(format!("/proc/{pid}/exe")).ok();
                let env = fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
                exe.is_some_and(|e| e == self.binary)
                    && env.split(|&b| b == 0).any(|kv| kv == home.as_bytes())
            })
            .collect()
    }

    /// A fresh X connection to this test's display, for real key events (XTest) and for
    /// watching windows.
    pub fn x11(&self) -> x11rb::rust_connection::RustConnection {
        x11rb::connect(Some(&self.display.name()))
            .map(|(conn, _)| conn)
            .unwrap_or_else(|e| panic!("cannot connect to the test display: {e}"))
    }

    /// Opens Settings and picks the choice whose `<label for=...>` is `input_id` (for example
    /// `region-ie`), waiting until the page says it was saved.
    pub fn choose_setting(&self, input_id: &str) {
        self.click("#nav-settings");
        self.wait_for_css("main[data-view='settings']")
            .unwrap_or_else(|e| panic!("settings did not open: {e}"));
        self.click(&format!("label[for='{input_id}']"));
        self.wait_until("document.querySelector('.saved').textContent.startsWith('Saved')")
            .unwrap_or_else(|e| panic!("`{input_id}` was not saved: {e}"));
    }

    /// The environment Harbour runs with.
    pub fn app_env(&self) -> &[(String, String)] {
        &self.app_env
    }

    /// Saves a picture of the whole X screen to `tests/e2e/artifacts/<name>-<label>.png`, as a
    /// person would see it. Returns where it went.
    pub fn screenshot(&self, label: &str) -> PathBuf {
        let dir = artifacts_dir();
        let path = dir.join(format!("{}-{label}.png", self.name));
        // What the page holds is not on the X screen until WebKit has painted it: wait for two
        // animation frames and a moment for the compositor, so the picture shows the text the
        // test just checked (a status line once showed the text from before a change).
        // (A hidden window paints no frames: the timer ends the wait then.)
        let _ = self.session.execute(
            "return new Promise(done => { setTimeout(() => done(false), 500); \
               requestAnimationFrame(() => requestAnimationFrame(() => done(true))); });",
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .env("DISPLAY", self.display.name())
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("screenshot {label} failed (is imagemagick installed?)");
        }
        path
    }
}

impl Drop for Harbour {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let path = self.screenshot("failure");
            eprintln!("screen at failure: {}", path.display());
        }
        self.session.end();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Anything of Harbour still running for this test (a hidden instance) goes too.
        for pid in self.app_pids() {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
        if let Some(dbus) = self.dbus.as_mut() {
            let _ = dbus.kill();
            let _ = dbus.wait();
        }
        if self.owns_home {
            let _ = fs::remove_dir_all(&self.home);
        }
        // The display is dropped last (field order), after everything drawing on it is gone.
    }
}

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root exists")
}

/// Builds the app binary once per test run (so tests never run a stale binary) and returns its
/// path. `HARBOUR_BIN` overrides it, for testing an installed or release build.
pub fn app_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Some(bin) = env::var_os("HARBOUR_BIN") {
                return PathBuf::from(bin);
            }
            let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let status = Command::new(cargo)
                .args(["build", "--quiet", "-p", "harbour", "--bin", "harbour"])
                .current_dir(workspace_root())
                .status()
                .expect("cargo can be run");
            assert!(status.success(), "building the Harbour binary failed");
            let binary = target_dir().join("debug/harbour");
            binary.canonicalize().unwrap_or(binary)
        })
        .clone()
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                workspace_root().join(p)
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = fs::create_dir_all(&dir);
    dir
}

/// A fresh folder under the system temp dir, unique to this process and test.
pub fn scratch_dir(name: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = env::temp_dir().join(format!("harbour-e2e-{}-{n}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

/// Every file below `dir` (none if it does not exist), sorted: to prove what Harbour wrote.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A TCP port nobody is listening on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a local port can be bound")
}

/// Finds a tool on PATH or in ~/.cargo/bin (where `cargo install` puts tauri-driver).
pub fn tool(name: &str) -> PathBuf {
    let in_cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin").join(name));
    match in_cargo_home {
        Some(path) if path.exists() => path,
        _ => PathBuf::from(name),
    }
}

/// A private session bus (single-instance uses D-Bus on Linux). None if dbus-daemon is missing.
fn start_dbus() -> (Option<Child>, Option<String>) {
    use std::io::{BufRead, BufReader};
    let child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return (None, None);
    };
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let address = line.trim().to_string();
    (Some(child), (!address.is_empty()).then_some(address))
}
