//! What the app hands the quick-exit key: what to run on a press, and how to reach the GUI
//! thread. A leaf: every backend and [`crate::key`] use it, it uses nothing of theirs.

use std::sync::Arc;

/// What runs when the quick-exit key is pressed: hide the window and return. It runs on the
/// backend's own thread (the GUI thread on macOS), never on the caller's.
pub type OnPress = Arc<dyn Fn() + Send + Sync>;

/// Runs a closure on the GUI thread, later. macOS registers hot keys there; the app passes
/// Tauri's `run_on_main_thread`. Other systems never call it.
pub type RunOnGuiThread = Arc<dyn Fn(Box<dyn FnOnce() + Send>) + Send + Sync>;
