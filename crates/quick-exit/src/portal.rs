//! Wayland: the desktop's GlobalShortcuts portal (`org.freedesktop.portal.GlobalShortcuts`).
//!
//! Contract with [`crate::key`]:
//! - [`Portal::start`] never fails and never blocks for long: it checks in the background
//!   whether the session bus has the portal with GlobalShortcuts.
//! - [`Portal::arm`] (window shown): when the person asked before (`wanted`) and the portal is
//!   there, create a session and bind the quick exit, in the background.
//! - [`Portal::disarm`] (window hidden): close the session; never blocks; safe from inside the
//!   `Activated` callback.
//! - [`Portal::ask`]: the person pressed "Ask my desktop": bind now and wait for the answer.
//! - [`Portal::fill`]: the status, in plain words.
//!
//! How: one thread of our own (`harbour-quick-exit-portal`) owns the D-Bus connection and runs
//! an async-io executor (`zbus::block_on`). The caller's side only pushes commands into a queue
//! shared with that thread and reads the state it publishes, so no caller ever waits on the
//! desktop, except [`Portal::ask`], which waits for the person's answer on purpose, and only up
//! to the time it is given. The thread polls everything in one loop: the command queue, the
//! pending bind (the desktop may show a dialog for as long as the person likes), and the
//! portal's signals (`Activated`: hide; `ShortcutsChanged`: the person picked another key in the
//! desktop's settings; the session's `Closed`: the desktop took the key back), so a hide request
//! is never stuck behind a dialog.

use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use ashpd::desktop::global_shortcuts::{
    Activated, BindShortcuts, BindShortcutsOptions, GlobalShortcuts, NewShortcut, ShortcutsChanged,
};
use ashpd::desktop::{CreateSessionOptions, Session};
use ashpd::zbus;
use ashpd::zvariant::{self, OwnedObjectPath};
use zbus::export::futures_core::Stream;

use crate::hooks::OnPress;
use crate::status::{DesktopStep, Status};
use crate::Error;

/// The id Harbour gives its one shortcut; `Activated` signals for other ids are not ours.
pub(crate) const SHORTCUT_ID: &str = "quick-exit";
/// What the desktop shows the person next to the key, in its own settings and dialog.
pub(crate) const SHORTCUT_DESCRIPTION: &str = "Hide Harbour at once (quick exit)";
/// The key Harbour asks for; the desktop (or the person) may choose another one.
pub(crate) const PREFERRED_TRIGGER: &str = "Escape";
/// Harbour's app id, registered (best effort) so a non-Flatpak Harbour gets its own permission
/// entry in the desktop's settings instead of being an anonymous host app.
pub(crate) const APP_ID: &str = "app.harbour.desktop";
/// The name of the background thread, so it can be told apart in a debugger or `top -H`.
pub(crate) const THREAD_NAME: &str = "harbour-quick-exit-portal";

/// The portal's bus name, object and interface (the xdg-desktop-portal specification).
const DESKTOP_DESTINATION: &str = "org.freedesktop.portal.Desktop";
/// See [`DESKTOP_DESTINATION`].
const DESKTOP_PATH: &str = "/org/freedesktop/portal/desktop";
/// See [`DESKTOP_DESTINATION`].
const GLOBAL_SHORTCUTS: &str = "org.freedesktop.portal.GlobalShortcuts";
/// The interface of a portal session object, whose `Closed` signal says the desktop ended it.
const SESSION_INTERFACE: &str = "org.freedesktop.portal.Session";
/// Longest wait for one D-Bus method reply (not for the person's answer, which comes later as
/// a signal). The D-Bus reference implementation uses the same default.
const METHOD_TIMEOUT: Duration = Duration::from_secs(25);

/// Status words when the session has no GlobalShortcuts portal.
pub(crate) const MISSING_REASON: &str = "Your desktop does not let apps set keys that work \
     everywhere, so Escape only hides Harbour while Harbour is in front. The Quick exit button \
     always works.";
/// Status words for the first moment after start, before the desktop has answered at all.
pub(crate) const CHECKING_REASON: &str = "Harbour is still checking whether your desktop lets a \
     key hide Harbour from other apps. Until then, Escape only hides Harbour while Harbour is in \
     front. The Quick exit button always works.";
/// Status words when the desktop could bind the key but the person has not asked for it.
pub(crate) const OFFERED_REASON: &str = "Your desktop can let a key hide Harbour even while you \
     use another app, but only if you allow it. Until then, Escape only hides Harbour while \
     Harbour is in front.";
/// Status words while Harbour waits for the desktop's answer (its dialog may be open).
pub(crate) const ASKING_REASON: &str = "Harbour asked your desktop for a key that hides Harbour \
     even while you use another app. Answer your desktop's question to turn it on. Until then, \
     Escape only hides Harbour while Harbour is in front.";
/// Status words when the person asked before, but Harbour has not been open since start.
pub(crate) const SAVED_REASON: &str = "You asked for a key that hides Harbour even while you use \
     another app. Harbour turns it on when Harbour is open. Until then, Escape only hides \
     Harbour while Harbour is in front.";
/// Status words when the person or the desktop said no.
pub(crate) const REFUSED_REASON: &str = "Your desktop did not allow the shortcut, so Escape only \
     hides Harbour while Harbour is in front. You can ask again.";
/// Status words when asking failed for another reason.
pub(crate) const FAILED_REASON: &str = "Harbour could not ask your desktop for the shortcut, so \
     Escape only hides Harbour while Harbour is in front.";
/// Status words when the key is bound but switched off because Harbour is hidden; `{key}` is
/// the key the desktop bound. Claims nothing that is not true right now.
pub(crate) const BOUND_IDLE_REASON: &str = "Your desktop set {key} to hide Harbour even while \
     you use another app. It works while Harbour is open, and is off right now so other apps can \
     use that key.";

/// Whether the session bus has the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// The background thread has not found out yet.
    Checking,
    /// The portal is there and implements GlobalShortcuts.
    Present,
    /// No bus, no portal, or a portal without GlobalShortcuts.
    Missing,
}

/// What happened with the optional shortcut in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Nothing asked yet in this run.
    Idle,
    /// A bind is pending: the desktop is showing its question, or working on it.
    Asking,
    /// The desktop bound the key ([`State::trigger`]); active only while Harbour is shown.
    Bound,
    /// The person or the desktop said no.
    Refused,
    /// Asking failed for another reason.
    Failed,
}

/// What the caller's side asks the portal thread to do.
enum Command {
    /// Harbour's window is shown.
    Arm,
    /// Harbour's window is hidden.
    Disarm,
    /// The person asked for the shortcut; the answer goes back on the channel.
    Ask(mpsc::Sender<Result<String, Error>>),
    /// The key is dropped: close the session and end the thread.
    Stop,
}

/// Everything the caller's side and the portal thread share, behind one lock so a command can
/// never slip in after the thread has stopped reading them.
struct State {
    /// Whether the portal is there.
    presence: Presence,
    /// The person asked for the shortcut (now, or as a saved choice).
    wanted: bool,
    /// Where the optional step stands.
    step: Step,
    /// A session is bound and Harbour is shown: the key works from any app right now.
    active: bool,
    /// The key the desktop bound, as it names it.
    trigger: Option<String>,
    /// The last D-Bus failure, for [`Error::Portal`].
    last_error: Option<String>,
    /// Commands not yet read by the portal thread.
    commands: VecDeque<Command>,
    /// Wakes the portal thread when a command arrives.
    waker: Option<Waker>,
    /// The portal thread has ended: commands are answered on the caller's side.
    finished: bool,
}

impl State {
    /// The state before the background check.
    fn new(wanted: bool) -> Self {
        State {
            presence: Presence::Checking,
            wanted,
            step: Step::Idle,
            active: false,
            trigger: None,
            last_error: None,
            commands: VecDeque::new(),
            waker: None,
            finished: false,
        }
    }
}

/// The shared state, locked; a panic elsewhere never makes the status unreadable.
fn lock(shared: &Mutex<State>) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The portal session, or the lack of one: the caller's handle on the portal thread.
pub(crate) struct Portal {
    /// Shared with the portal thread.
    shared: Arc<Mutex<State>>,
}

impl Portal {
    /// Starts the portal thread, which checks for the portal and then waits for commands.
    /// `wanted`: the person asked for the shortcut before (a saved choice), so [`arm`](Self::arm)
    /// binds it. Returns at once.
    pub(crate) fn start(on_press: OnPress, session_bus: Option<String>, wanted: bool) -> Self {
        let shared = Arc::new(Mutex::new(State::new(wanted)));
        let for_thread = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name(THREAD_NAME.to_owned())
            .spawn(move || {
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                    zbus::block_on(run(&for_thread, on_press, session_bus))
                }));
                let failure = match outcome {
                    Ok(Ok(())) => None,
                    Ok(Err(why)) => Some(why),
                    Err(_) => Some("the portal thread stopped unexpectedly".to_owned()),
                };
                finish(&for_thread, failure);
            });
        if let Err(why) = spawned {
            let mut state = lock(&shared);
            state.presence = Presence::Present;
            state.step = Step::Failed;
            state.last_error = Some(why.to_string());
            state.finished = true;
        }
        Portal { shared }
    }

    /// Queues a command for the portal thread; gives it back when the thread has ended.
    fn send(&self, command: Command) -> Result<(), Command> {
        let mut state = lock(&self.shared);
        if state.finished {
            return Err(command);
        }
        state.commands.push_back(command);
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
        Ok(())
    }

    /// Harbour's window is shown: bind the shortcut in the background when the person asked
    /// for it. Never asks unprompted (that would pop up the desktop's dialog).
    pub(crate) fn arm(&self) {
        let _ = self.send(Command::Arm);
    }

    /// Harbour's window is hidden: give the key back to other apps. Returns at once (also when
    /// called from inside `on_press`, which runs on the portal thread).
    pub(crate) fn disarm(&self) {
        // Claim nothing from now on; the thread closes the session as soon as it reads this.
        lock(&self.shared).active = false;
        let _ = self.send(Command::Disarm);
    }

    /// The person asked for the shortcut: bind it now (as [`arm`](Self::arm) would, and the
    /// window counts as shown, since the person pressed a button in it) and wait up to `wait`
    /// for the desktop's answer. Returns the key the desktop bound.
    pub(crate) fn ask(&self, wait: Duration) -> Result<String, Error> {
        let (reply, answer) = mpsc::channel();
        {
            let mut state = lock(&self.shared);
            if state.presence == Presence::Missing {
                return Err(Error::PortalMissing);
            }
            if state.finished {
                return Err(stopped_error(&state));
            }
            state.wanted = true;
        }
        if self.send(Command::Ask(reply)).is_err() {
            return Err(stopped_error(&lock(&self.shared)));
        }
        match answer.recv_timeout(wait) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(Error::TimedOut),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(stopped_error(&lock(&self.shared))),
        }
    }

    /// Writes what the portal does right now into `status`, in plain words.
    pub(crate) fn fill(&self, status: &mut Status) {
        let words = {
            let state = lock(&self.shared);
            describe(&View {
                presence: state.presence,
                wanted: state.wanted,
                step: state.step,
                active: state.active,
                trigger: state.trigger.as_deref(),
            })
        };
        status.any_app_possible = words.possible;
        status.any_app_active = words.active;
        status.key = words.key;
        status.desktop_step = words.step;
        status.reason = words.reason;
    }
}

impl Drop for Portal {
    /// Ends the portal thread (it closes the session first). Does not wait for it.
    fn drop(&mut self) {
        let _ = self.send(Command::Stop);
    }
}

/// The error for a request made after the portal thread ended.
fn stopped_error(state: &State) -> Error {
    if state.presence == Presence::Missing {
        Error::PortalMissing
    } else {
        Error::Portal(
            state
                .last_error
                .clone()
                .unwrap_or_else(|| "the connection to the desktop ended".to_owned()),
        )
    }
}

/// Marks the portal thread as ended and answers every command it will never read.
fn finish(shared: &Mutex<State>, failure: Option<String>) {
    let mut state = lock(shared);
    state.finished = true;
    state.active = false;
    state.waker = None;
    if let Some(why) = failure {
        if state.presence == Presence::Checking {
            state.presence = Presence::Missing;
        } else {
            state.step = Step::Failed;
        }
        state.last_error = Some(why);
    }
    let error = stopped_error(&state);
    for command in state.commands.drain(..) {
        if let Command::Ask(reply) = command {
            let _ = reply.send(Err(error.clone()));
        }
    }
}

/// The portal thread: connect, check for the portal, then serve commands until told to stop.
/// An `Err` before the portal was found means it is missing.
async fn run(
    shared: &Arc<Mutex<State>>,
    on_press: OnPress,
    bus: Option<String>,
) -> Result<(), String> {
    let connection = connect(bus).await.map_err(|why| why.to_string())?;
    // Best effort, before any other portal call: lets a non-Flatpak Harbour be known to the
    // desktop by its app id. Older portals (before 1.19) lack the Registry; that is fine.
    if let Ok(app_id) = ashpd::AppID::try_from(APP_ID) {
        let _ = ashpd::register_host_app_with_connection(connection.clone(), app_id).await;
    }
    portal_version(&connection)
        .await
        .map_err(|why| why.to_string())?;
    lock(shared).presence = Presence::Present;

    let started = async {
        let portal = GlobalShortcuts::with_connection(connection.clone()).await?;
        let activated = portal.receive_activated().await?;
        let changed = portal.receive_shortcuts_changed().await?;
        Ok::<_, ashpd::Error>((portal, activated, changed))
    }
    .await;
    let (portal, activated, changed) = started.map_err(|why| why.to_string())?;
    let mut worker = Worker {
        shared: Arc::clone(shared),
        on_press,
        portal: Arc::new(portal),
        activated: Some(Box::pin(activated)),
        changed: Some(Box::pin(changed)),
        armed: false,
        session: None,
        binding: None,
        askers: Vec::new(),
    };
    worker.serve().await;
    Ok(())
}

/// Connects to `bus`, or to the normal session bus.
async fn connect(bus: Option<String>) -> zbus::Result<zbus::Connection> {
    let builder = match bus {
        Some(address) => zbus::connection::Builder::address(address.as_str())?,
        None => zbus::connection::Builder::session()?,
    };
    builder.method_timeout(METHOD_TIMEOUT).build().await
}

/// The GlobalShortcuts interface version, read from the portal itself: an error means no
/// portal, or one without GlobalShortcuts. (ashpd assumes version 1 on most errors, so it
/// cannot tell.)
async fn portal_version(connection: &zbus::Connection) -> zbus::Result<u32> {
    let proxy: zbus::Proxy<'_> = zbus::proxy::Builder::new(connection)
        .destination(DESKTOP_DESTINATION)?
        .path(DESKTOP_PATH)?
        .interface(GLOBAL_SHORTCUTS)?
        .cache_properties(zbus::proxy::CacheProperties::No)
        .build()
        .await?;
    proxy.get_property::<u32>("version").await
}

/// A bound session and the key the desktop bound, or why not.
type BindOutcome = Result<(Session<GlobalShortcuts>, String), Error>;

/// Something the portal thread has to act on.
enum Event {
    /// A command from the caller's side.
    Command(Command),
    /// The desktop answered a bind.
    Bound(BindOutcome),
    /// A shortcut was pressed (`None`: the connection ended).
    Activated(Option<Activated>),
    /// The person picked another key for a shortcut, in the desktop's settings.
    Changed(ShortcutsChanged),
    /// The desktop ended our session (the person took the permission back, for instance).
    Closed,
}

/// A bound session, kept while Harbour is shown.
struct BoundSession {
    /// The session; closing it gives the key back.
    session: Session<GlobalShortcuts>,
    /// Its object path, to match signals to it (`None`: unknown, so any session matches).
    path: Option<OwnedObjectPath>,
    /// The session's `Closed` signal (`None` when it could not be subscribed to).
    closed: Option<Pin<Box<dyn Stream<Item = zbus::Message>>>>,
}

impl BoundSession {
    /// Whether a signal about `session` is about this one.
    fn is(&self, session: &zvariant::ObjectPath<'_>) -> bool {
        self.path
            .as_ref()
            .is_none_or(|path| path.as_ref() == *session)
    }
}

/// The portal thread's own state: what only it touches.
struct Worker {
    /// Shared with the caller's side.
    shared: Arc<Mutex<State>>,
    /// Hides Harbour.
    on_press: OnPress,
    /// The GlobalShortcuts portal.
    portal: Arc<GlobalShortcuts>,
    /// Every `Activated` signal the portal sends this connection.
    activated: Option<Pin<Box<dyn Stream<Item = Activated>>>>,
    /// Every `ShortcutsChanged` signal the portal sends this connection.
    changed: Option<Pin<Box<dyn Stream<Item = ShortcutsChanged>>>>,
    /// Harbour's window is shown.
    armed: bool,
    /// The bound session, while Harbour is shown.
    session: Option<BoundSession>,
    /// A bind waiting for the desktop's answer.
    binding: Option<Pin<Box<dyn Future<Output = BindOutcome>>>>,
    /// Callers of [`Portal::ask`] waiting for that answer.
    askers: Vec<mpsc::Sender<Result<String, Error>>>,
}

impl Worker {
    /// Serves events until [`Command::Stop`], then closes the session.
    async fn serve(&mut self) {
        loop {
            match poll_fn(|cx| self.poll_event(cx)).await {
                Event::Command(Command::Stop) => break,
                Event::Command(Command::Arm) => self.arm(),
                Event::Command(Command::Disarm) => {
                    self.armed = false;
                    self.close_session().await;
                }
                Event::Command(Command::Ask(reply)) => self.ask(reply),
                Event::Bound(outcome) => self.bound(outcome).await,
                Event::Activated(Some(signal)) => self.activated(&signal),
                Event::Activated(None) => {
                    self.activated = None;
                    self.session = None;
                    let mut state = lock(&self.shared);
                    state.active = false;
                    state.step = Step::Failed;
                    state.last_error = Some("the connection to the desktop ended".to_owned());
                }
                Event::Changed(signal) => self.changed(&signal),
                Event::Closed => {
                    self.session = None;
                    let mut state = lock(&self.shared);
                    state.active = false;
                    state.trigger = None;
                    // Taken back by the desktop: like a "no", it holds until the person asks
                    // again, so showing Harbour does not bring the desktop's question back.
                    state.step = Step::Refused;
                    state.wanted = false;
                }
            }
        }
        self.close_session().await;
    }

    /// The next event: commands first, so a flood of signals cannot hold up a disarm.
    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Event> {
        {
            let mut state = lock(&self.shared);
            if let Some(command) = state.commands.pop_front() {
                return Poll::Ready(Event::Command(command));
            }
            state.waker = Some(cx.waker().clone());
        }
        if let Some(binding) = self.binding.as_mut() {
            if let Poll::Ready(outcome) = binding.as_mut().poll(cx) {
                self.binding = None;
                return Poll::Ready(Event::Bound(outcome));
            }
        }
        if let Some(stream) = self.activated.as_mut() {
            if let Poll::Ready(signal) = stream.as_mut().poll_next(cx) {
                return Poll::Ready(Event::Activated(signal));
            }
        }
        if let Some(stream) = self.changed.as_mut() {
            match stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(signal)) => return Poll::Ready(Event::Changed(signal)),
                // Ended with the connection, which `activated` reports.
                Poll::Ready(None) => self.changed = None,
                Poll::Pending => {}
            }
        }
        if let Some(bound) = self.session.as_mut() {
            if let Some(stream) = bound.closed.as_mut() {
                match stream.as_mut().poll_next(cx) {
                    Poll::Ready(Some(_)) => return Poll::Ready(Event::Closed),
                    Poll::Ready(None) => bound.closed = None,
                    Poll::Pending => {}
                }
            }
        }
        Poll::Pending
    }

    /// The window is shown: bind when wanted and not bound or binding already.
    fn arm(&mut self) {
        self.armed = true;
        if lock(&self.shared).wanted {
            self.start_binding();
        }
    }

    /// The person asked: answer at once when bound, else bind (or join the pending bind).
    fn ask(&mut self, reply: mpsc::Sender<Result<String, Error>>) {
        self.armed = true;
        if self.session.is_some() {
            let trigger = lock(&self.shared).trigger.clone();
            let _ = reply.send(Ok(trigger.unwrap_or_else(|| PREFERRED_TRIGGER.to_owned())));
            return;
        }
        self.askers.push(reply);
        self.start_binding();
    }

    /// Starts a bind unless one is bound or pending.
    fn start_binding(&mut self) {
        if self.session.is_some() || self.binding.is_some() {
            return;
        }
        lock(&self.shared).step = Step::Asking;
        self.binding = Some(Box::pin(bind(Arc::clone(&self.portal))));
    }

    /// The desktop answered: keep the session while Harbour is shown, and tell the askers.
    async fn bound(&mut self, outcome: BindOutcome) {
        let answer = match outcome {
            Ok((session, trigger)) => {
                {
                    let mut state = lock(&self.shared);
                    state.step = Step::Bound;
                    state.trigger = Some(trigger.clone());
                    state.active = self.armed;
                }
                if self.armed {
                    let path = session_path(&session);
                    let closed = match &path {
                        Some(path) => session_closed(self.portal.connection(), path).await,
                        None => None,
                    };
                    self.session = Some(BoundSession {
                        session,
                        path,
                        closed,
                    });
                } else {
                    // Hidden while the desktop was answering: give the key straight back.
                    let _ = session.close().await;
                }
                Ok(trigger)
            }
            Err(error) => {
                let mut state = lock(&self.shared);
                state.active = false;
                state.trigger = None;
                if error == Error::Refused {
                    state.step = Step::Refused;
                    // A "no" holds until the person asks again: showing Harbour must not
                    // bring the desktop's question back.
                    state.wanted = false;
                } else {
                    state.step = Step::Failed;
                    if let Error::Portal(why) = &error {
                        state.last_error = Some(why.clone());
                    }
                }
                Err(error)
            }
        };
        for reply in self.askers.drain(..) {
            let _ = reply.send(answer.clone());
        }
    }

    /// A shortcut was pressed: hide Harbour when it is ours, on our current session.
    fn activated(&self, signal: &Activated) {
        if signal.shortcut_id() != SHORTCUT_ID {
            return;
        }
        let ours = self
            .session
            .as_ref()
            .is_some_and(|bound| bound.is(&signal.session_handle()));
        if ours {
            (self.on_press)();
        }
    }

    /// The person picked another key in the desktop's settings: show that key from now on.
    fn changed(&self, signal: &ShortcutsChanged) {
        let ours = self
            .session
            .as_ref()
            .is_some_and(|bound| bound.is(&signal.session_handle()));
        if !ours {
            return;
        }
        let named = named_trigger(
            signal
                .shortcuts()
                .iter()
                .map(|shortcut| (shortcut.id(), shortcut.trigger_description())),
        );
        if let Some(trigger) = named {
            lock(&self.shared).trigger = Some(trigger);
        }
    }

    /// Closes the session, if any, so the key works for other apps again.
    async fn close_session(&mut self) {
        lock(&self.shared).active = false;
        if let Some(bound) = self.session.take() {
            let _ = bound.session.close().await;
        }
    }
}

/// Creates a session and binds the quick exit on it; waits for the desktop's answer, which may
/// come after a dialog. A refused or failed bind closes its session.
async fn bind(portal: Arc<GlobalShortcuts>) -> BindOutcome {
    let session = portal
        .create_session(CreateSessionOptions::default())
        .await
        .map_err(portal_error)?;
    let shortcut =
        NewShortcut::new(SHORTCUT_ID, SHORTCUT_DESCRIPTION).preferred_trigger(PREFERRED_TRIGGER);
    let answer = match portal
        .bind_shortcuts(&session, &[shortcut], None, BindShortcutsOptions::default())
        .await
    {
        Ok(request) => request.response(),
        Err(error) => Err(error),
    };
    match answer {
        Ok(bound) => Ok((session, bound_trigger(&bound))),
        Err(error) => {
            let _ = session.close().await;
            Err(portal_error(error))
        }
    }
}

/// The key the desktop bound for the quick exit, as it names it.
fn bound_trigger(bound: &BindShortcuts) -> String {
    chosen_trigger(
        bound
            .shortcuts()
            .iter()
            .map(|shortcut| (shortcut.id(), shortcut.trigger_description())),
    )
}

/// The trigger description of the quick exit among `(id, trigger)` pairs; the preferred trigger
/// when the desktop names none (some portals leave it empty).
fn chosen_trigger<'a>(shortcuts: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    named_trigger(shortcuts).unwrap_or_else(|| PREFERRED_TRIGGER.to_owned())
}

/// The trigger description of the quick exit among `(id, trigger)` pairs, when the desktop
/// names one.
fn named_trigger<'a>(mut shortcuts: impl Iterator<Item = (&'a str, &'a str)>) -> Option<String> {
    shortcuts
        .find(|(id, _)| *id == SHORTCUT_ID)
        .map(|(_, trigger)| trigger.trim())
        .filter(|trigger| !trigger.is_empty())
        .map(str::to_owned)
}

/// The `Closed` signal of the session at `path`, or `None` when it cannot be subscribed to
/// (then a session the desktop ends is noticed at the next arm instead).
async fn session_closed(
    connection: &zbus::Connection,
    path: &OwnedObjectPath,
) -> Option<Pin<Box<dyn Stream<Item = zbus::Message>>>> {
    let proxy: zbus::Proxy<'static> = zbus::proxy::Builder::new(connection)
        .destination(DESKTOP_DESTINATION)
        .ok()?
        .path(path.clone())
        .ok()?
        .interface(SESSION_INTERFACE)
        .ok()?
        .cache_properties(zbus::proxy::CacheProperties::No)
        .build()
        .await
        .ok()?;
    let stream = proxy.receive_signal("Closed").await.ok()?;
    Some(Box::pin(stream))
}

/// A portal failure as this crate's error: a Response other than success is a "no".
fn portal_error(error: ashpd::Error) -> Error {
    match error {
        ashpd::Error::Response(_) => Error::Refused,
        other => Error::Portal(other.to_string()),
    }
}

/// The session's object path, to tell our `Activated` signals from stale ones. ashpd keeps the
/// path to itself, but a session serializes as its path (signature `o`).
fn session_path(session: &Session<GlobalShortcuts>) -> Option<OwnedObjectPath> {
    let context = zvariant::serialized::Context::new_dbus(zvariant::LE, 0);
    let data = zvariant::to_bytes(context, session).ok()?;
    data.deserialize::<OwnedObjectPath>()
        .ok()
        .map(|(path, _)| path)
}

/// The state the status words depend on.
#[derive(Debug, Clone, Copy)]
struct View<'a> {
    /// Whether the portal is there.
    presence: Presence,
    /// The person asked for the shortcut.
    wanted: bool,
    /// Where the optional step stands.
    step: Step,
    /// The key works from any app right now.
    active: bool,
    /// The key the desktop bound.
    trigger: Option<&'a str>,
}

/// The status fields the portal decides.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Words {
    /// [`Status::any_app_possible`].
    possible: bool,
    /// [`Status::any_app_active`].
    active: bool,
    /// [`Status::key`].
    key: Option<String>,
    /// [`Status::desktop_step`].
    step: Option<DesktopStep>,
    /// [`Status::reason`].
    reason: Option<String>,
}

/// The status for a state: never claims a key works from other apps unless it does now.
fn describe(view: &View<'_>) -> Words {
    let words = |step, reason: &str| Words {
        possible: true,
        active: false,
        key: None,
        step,
        reason: Some(reason.to_owned()),
    };
    match view.presence {
        Presence::Missing => Words {
            possible: false,
            ..words(None, MISSING_REASON)
        },
        Presence::Checking => words(None, CHECKING_REASON),
        Presence::Present => match view.step {
            Step::Bound => {
                let key = view.trigger.unwrap_or(PREFERRED_TRIGGER);
                Words {
                    possible: true,
                    active: view.active,
                    key: Some(key.to_owned()),
                    step: Some(DesktopStep::Bound),
                    reason: (!view.active).then(|| BOUND_IDLE_REASON.replace("{key}", key)),
                }
            }
            Step::Idle if view.wanted => words(Some(DesktopStep::Asking), SAVED_REASON),
            Step::Idle => words(Some(DesktopStep::Offered), OFFERED_REASON),
            Step::Asking => words(Some(DesktopStep::Asking), ASKING_REASON),
            Step::Refused => words(Some(DesktopStep::Refused), REFUSED_REASON),
            Step::Failed => words(Some(DesktopStep::Failed), FAILED_REASON),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(presence: Presence, step: Step) -> View<'static> {
        View {
            presence,
            wanted: false,
            step,
            active: false,
            trigger: None,
        }
    }

    #[test]
    fn missing_portal_says_so_and_what_still_works() {
        let words = describe(&view(Presence::Missing, Step::Idle));
        assert!(!words.possible);
        assert!(!words.active);
        assert_eq!(words.step, None);
        assert_eq!(words.key, None);
        assert_eq!(words.reason.as_deref(), Some(MISSING_REASON));
        assert!(MISSING_REASON.contains("does not let apps"));
        assert!(MISSING_REASON.ends_with("The Quick exit button always works."));
    }

    #[test]
    fn unasked_portal_is_offered_not_claimed() {
        let words = describe(&view(Presence::Present, Step::Idle));
        assert!(words.possible);
        assert!(!words.active);
        assert_eq!(words.step, Some(DesktopStep::Offered));
        assert_eq!(words.reason.as_deref(), Some(OFFERED_REASON));
        assert!(OFFERED_REASON.contains("only if you allow it"));
    }

    #[test]
    fn a_saved_choice_waits_for_harbour_to_open() {
        let words = describe(&View {
            wanted: true,
            ..view(Presence::Present, Step::Idle)
        });
        assert_eq!(words.step, Some(DesktopStep::Asking));
        assert_eq!(words.reason.as_deref(), Some(SAVED_REASON));
        assert!(!words.active);
    }

    #[test]
    fn each_step_has_its_words() {
        for (step, desktop_step, reason) in [
            (Step::Asking, DesktopStep::Asking, ASKING_REASON),
            (Step::Refused, DesktopStep::Refused, REFUSED_REASON),
            (Step::Failed, DesktopStep::Failed, FAILED_REASON),
        ] {
            let words = describe(&view(Presence::Present, step));
            assert_eq!(words.step, Some(desktop_step));
            assert_eq!(words.reason.as_deref(), Some(reason));
            assert!(!words.active);
            assert_eq!(words.key, None);
        }
        assert!(REFUSED_REASON.ends_with("You can ask again."));
    }

    #[test]
    fn checking_claims_nothing() {
        let words = describe(&view(Presence::Checking, Step::Idle));
        assert!(!words.active);
        assert_eq!(words.step, None);
        assert_eq!(words.reason.as_deref(), Some(CHECKING_REASON));
    }

    #[test]
    fn bound_and_shown_names_the_key_the_desktop_chose() {
        let words = describe(&View {
            active: true,
            trigger: Some("Ctrl+Alt+H"),
            ..view(Presence::Present, Step::Bound)
        });
        assert!(words.active);
        assert_eq!(words.key.as_deref(), Some("Ctrl+Alt+H"));
        assert_eq!(words.step, Some(DesktopStep::Bound));
        assert_eq!(words.reason, None);
    }

    #[test]
    fn bound_but_hidden_says_it_works_once_harbour_is_open() {
        let words = describe(&View {
            trigger: Some("Ctrl+Alt+H"),
            ..view(Presence::Present, Step::Bound)
        });
        assert!(!words.active);
        assert_eq!(words.key.as_deref(), Some("Ctrl+Alt+H"));
        let reason = words.reason.unwrap();
        assert!(reason.contains("Ctrl+Alt+H"));
        assert!(reason.contains("works while Harbour is open"));
        assert!(reason.contains("off right now"));
        assert!(!reason.contains("{key}"));
    }

    #[test]
    fn every_reason_says_what_still_works() {
        for reason in [
            MISSING_REASON,
            CHECKING_REASON,
            OFFERED_REASON,
            ASKING_REASON,
            SAVED_REASON,
            REFUSED_REASON,
            FAILED_REASON,
        ] {
            assert!(
                reason.contains("Escape only hides Harbour while Harbour is in front"),
                "{reason}"
            );
            assert!(!reason.contains("  "), "{reason}");
        }
    }

    #[test]
    fn the_bound_trigger_is_the_one_the_desktop_names() {
        assert_eq!(
            chosen_trigger([("other", "F1"), ("quick-exit", "Ctrl+Alt+H")].into_iter()),
            "Ctrl+Alt+H"
        );
        assert_eq!(chosen_trigger([("quick-exit", " ")].into_iter()), "Escape");
        assert_eq!(chosen_trigger(std::iter::empty()), "Escape");
        assert_eq!(named_trigger([("quick-exit", "")].into_iter()), None);
        assert_eq!(
            named_trigger([("quick-exit", "Super+Q")].into_iter()),
            Some("Super+Q".to_owned())
        );
    }

    #[test]
    fn a_no_from_the_desktop_is_refused() {
        assert_eq!(
            portal_error(ashpd::Error::Response(
                ashpd::desktop::ResponseError::Cancelled
            )),
            Error::Refused
        );
        assert_eq!(
            portal_error(ashpd::Error::Response(ashpd::desktop::ResponseError::Other)),
            Error::Refused
        );
        assert!(matches!(
            portal_error(ashpd::Error::NoResponse),
            Error::Portal(_)
        ));
    }
}
