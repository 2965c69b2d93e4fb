// Included by `build.rs` (which gives each command a permission) and by `lib.rs` (so tests can
// check the capability and the handler against it): one list, no copies. No inner doc comment
// here, since `include!` would reject it.

/// Every command the page may call, by name. A command missing here gets no permission, so
/// the page cannot invoke it at all; `tests/commands.rs` checks that the capability file grants
/// exactly these and that `lib.rs` handles each one.
pub const COMMANDS: &[&str] = &[
    "quick_exit",
    "ask_desktop_shortcut",
    "home",
    "route",
    "article",
    "helplines",
    "settings",
    "set_setting",
    "finish_intro",
    "checklists_for",
    "checklist",
    "set_tick",
    "reset_checklist",
    "set_dont_save",
    "delete_everything",
    "search",
];
