// The only way the page talks to Harbour's Rust side: its own commands, through Tauri's IPC.
// There is no network access at all (see the CSP in src-tauri/tauri.conf.json).
//
// This file is also the contract between the shell and the page: the shape of every command's
// answer is written down once, below, as a JSDoc typedef, and components point at these.
// Each typedef lists every key of the serialised Rust value, named exactly as serde writes it
// (`#[serde(flatten)]` fields are listed in the view that flattens them). A value that can be
// missing on the Rust side (`Option`) is serialised as null and written `{T|null}` here.

/**
 * Calls a Harbour command. Rejects with a {@link UiError}.
 * @param {string} command
 * @param {Object} [args]
 * @returns {Promise<any>}
 */
export function call(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: ERROR_KIND.CONTENT, message: "Harbour's window is not connected." });
  }
  return tauri.core.invoke(command, args);
}

/**
 * The settings the page can change, by the key names the shell knows (`set_setting`'s `key`,
 * the names in `organisation.fixed`, and the radio groups' names in Settings). `DONT_SAVE` is
 * changed with its own command, `set_dont_save`, because turning it on deletes saved ticks.
 */
export const SETTING = Object.freeze({
  ESCAPE_SCOPE: "escape_scope",
  AFTER_EXIT: "after_exit",
  REGION: "region",
  AUDIENCE: "audience",
  TEXT_SIZE: "text_size",
  DONT_SAVE: "dont_save",
});

/**
 * Where an organisation's setting came from (`organisation.sources`' values; Source::label in
 * crates/policy/src/source.rs): Group Policy or Intune on Windows (the registry), a
 * configuration profile on a Mac (managed preferences), or a policy file.
 */
export const POLICY_SOURCE = Object.freeze({
  GROUP_POLICY: "Group Policy",
  PROFILE: "configuration profile",
  FILE: "policy file",
});

/**
 * What the page should do with an error, by `UiError.kind` (ErrorKind, src-tauri/src/error.rs).
 */
export const ERROR_KIND = Object.freeze({
  NOT_FOUND: "not-found",
  CONTENT: "content",
  NOT_SAVED: "not-saved",
  BAD_SETTING: "bad-setting",
  NOT_DELETED: "not-deleted",
  FIXED: "fixed",
});

// Errors: every command rejects with this (UiError, src-tauri/src/error.rs).

/**
 * @typedef {Object} UiError
 * @property {"not-found"|"content"|"not-saved"|"bad-setting"|"not-deleted"|"fixed"} kind
 * @property {string} message
 */

// `home`: the routes, and who to call right now in the reader's region: its emergency number
// and 24-hour crisis lines (Guide::emergency_contacts), the organisation's contact first when a
// policy sets one (HomeView, src-tauri/src/guide.rs).

/**
 * @typedef {Object} HomeView
 * @property {HomeRoute[]} routes
 * @property {string} region
 * @property {Helpline[]} helplines
 * @property {OrgContact|null} organisation_contact
 */

// A route (harbour_guide::Route, crates/guide/src/route.rs). `hint` is "" when
// the route has none; `articles` are article ids; `do_now_first` says the route starts with a
// do-now page in every region.

/**
 * @typedef {Object} HomeRoute
 * @property {string} id
 * @property {string} label
 * @property {string} hint
 * @property {string[]} articles
 * @property {boolean} do_now_first
 * @property {string[]} audiences
 */

// An article as listed under a route (ArticleCard, src-tauri/src/guide.rs).

/**
 * @typedef {Object} ArticleCard
 * @property {string} id
 * @property {string} title
 * @property {string} summary
 * @property {boolean} fits
 */

// `route`: a HomeRoute (flattened) with its articles, those for the reader's region first
// (RouteView, src-tauri/src/guide.rs).

/**
 * @typedef {Object} RouteView
 * @property {string} id
 * @property {string} label
 * @property {string} hint
 * @property {string[]} articles
 * @property {boolean} do_now_first
 * @property {string[]} audiences
 * @property {ArticleCard[]} cards
 * @property {ArticleCard[]} other_regions
 */

// Where an article's advice comes from (harbour_guide::Source).

/**
 * @typedef {Object} Source
 * @property {string} title
 * @property {string} url
 * @property {string} used_for
 */

// A helpline of one region (harbour_guide::Helpline, crates/guide/src/helpline.rs). `kinds`
// are kebab-case names such as "young-people".

/**
 * @typedef {Object} Helpline
 * @property {string} id
 * @property {string} name
 * @property {string|null} phone
 * @property {string|null} text
 * @property {string|null} web
 * @property {string|null} hours
 * @property {string|null} ages
 * @property {string} purpose
 * @property {string[]} kinds
 * @property {string} source
 * @property {string|null} source_url
 */

// The organisation's own contact, from its policy file (harbour_policy::OrgContact).

/**
 * @typedef {Object} OrgContact
 * @property {string} name
 * @property {string} how_to_reach
 * @property {string|null} hours
 */

// `article`: the article (harbour_guide::Article, flattened) with the helplines for the
// reader's region (ArticleView, src-tauri/src/guide.rs). Region codes are "uk", "ie", "us",
// "ca", "au"; audiences "young-person", "adult", "parent-carer", "professional"; `kind` is
// "guide" or "do-now" (harbour_guide::PageKind).
// `body_html` comes from Harbour's own Markdown renderer, which refuses raw HTML.

/**
 * @typedef {Object} ArticleView
 * @property {string} id
 * @property {string} title
 * @property {string} summary
 * @property {string[]} do_now
 * @property {string[]} audiences
 * @property {string[]} regions
 * @property {string[]} topics
 * @property {string} reviewed
 * @property {Source[]} sources
 * @property {string[]} contacts
 * @property {string} kind
 * @property {string} body_html
 * @property {Helpline[]} helplines
 * @property {string} region
 * @property {boolean} for_this_region
 * @property {OrgContact|null} organisation_contact
 */

// `helplines`: the "Who can help" screen (HelplinesView, src-tauri/src/guide.rs).

/**
 * @typedef {Object} HelplinesView
 * @property {string} region
 * @property {Helpline[]} helplines
 * @property {OrgContact|null} organisation_contact
 */

// What the quick exit can do right now (quick_exit::Status, src-tauri/src/quick_exit/mod.rs).

/**
 * @typedef {Object} QuickExitStatus
 * @property {string} system "x11", "windows", "mac-os", "wayland-portal" or "in-window-only"
 * @property {boolean} any_app_possible
 * @property {boolean} any_app_active
 * @property {string|null} key the key that works from other apps, as the system names it
 * @property {string|null} reason why it does not work from other apps right now
 * @property {string|null} limit what it can't do even when active (Windows: admin windows)
 * @property {string|null} desktop_step Wayland: "offered", "asking", "bound", "refused", "failed"
 */

// What an organisation fixed (OrganisationView, crates/settings/src/organisation.rs). `fixed`
// holds SETTING values; `sources` says where each of them came from, by the same SETTING value,
// as one of POLICY_SOURCE.

/**
 * @typedef {Object} OrganisationView
 * @property {string[]} fixed
 * @property {string[]} problems
 * @property {OrgContact|null} contact
 * @property {Object<string, string>} sources
 */

// `set_setting`: the settings in force afterwards (Settings, src-tauri/src/settings.rs).
// `escape_scope` is "any-app" or "in-front"; `after_exit` "stay-hidden" or "close"; `text_size`
// a percentage, one of 100, 125, 150, 175, 200 (TextSize, crates/settings/src/model.rs);
// `desktop_shortcut` true once a Wayland desktop bound the quick exit (set only by
// `ask_desktop_shortcut`, which answers with a QuickExitStatus).

/**
 * @typedef {Object} Settings
 * @property {string} escape_scope
 * @property {string} after_exit
 * @property {boolean} intro_done
 * @property {boolean} dont_save
 * @property {string} region
 * @property {string|null} audience
 * @property {number} text_size
 * @property {boolean} desktop_shortcut
 */

// `settings`: Settings (flattened) with what the settings screen says about them
// (SettingsView, src-tauri/src/settings.rs).

/**
 * @typedef {Object} SettingsView
 * @property {string} escape_scope
 * @property {string} after_exit
 * @property {boolean} intro_done
 * @property {boolean} dont_save
 * @property {string} region
 * @property {string|null} audience
 * @property {number} text_size
 * @property {boolean} desktop_shortcut
 * @property {QuickExitStatus} quick_exit
 * @property {string|null} notice
 * @property {boolean} just_practised
 * @property {OrganisationView} organisation
 */

// `checklists_for`: a list of these, for a route or an article (ChecklistLink,
// src-tauri/src/checklist.rs).

/**
 * @typedef {Object} ChecklistLink
 * @property {string} id
 * @property {string} title
 * @property {number} done
 * @property {number} total
 */

// One step of a checklist (harbour_guide::ChecklistItem); `article` is an article id. Its
// per-region variants (`regions`) are not listed: serde leaves them out when empty, as they are
// in a list resolved for the reader's region (Guide::checklist_for).

/**
 * @typedef {Object} ChecklistItem
 * @property {string} id
 * @property {string} text
 * @property {string} why
 * @property {string} article
 */

// How ticks are kept (Saving, src-tauri/src/checklist.rs).

/**
 * @typedef {Object} Saving
 * @property {boolean} on
 * @property {boolean} dont_save
 * @property {string|null} problem
 */

// `checklist`, `set_tick`, `reset_checklist`: the checklist (harbour_guide::Checklist,
// flattened) with its ticks (ChecklistView, src-tauri/src/checklist.rs). `kind` is "guide" or
// "do-now"; `ticked` holds item ids.

/**
 * @typedef {Object} ChecklistView
 * @property {string} id
 * @property {string} title
 * @property {string} for_whom
 * @property {string[]} routes
 * @property {string} kind
 * @property {ChecklistItem[]} items
 * @property {string[]} ticked
 * @property {number} done
 * @property {number} total
 * @property {Saving} saving
 * @property {string|null} notice
 */

// `search`: a list of hits (harbour_search::Hit, crates/search/src/lib.rs). What a hit opens
// (harbour_search::Target) is flattened into it with a `kind` tag, so its keys depend on the
// kind: one typedef per kind, and Hit is any of them.

/**
 * @typedef {Object} ArticleHit
 * @property {"article"} kind
 * @property {string} id
 * @property {string} title
 * @property {string|null} within
 * @property {string} snippet
 * @property {number} score
 */

/**
 * @typedef {Object} ChecklistItemHit
 * @property {"checklist-item"} kind
 * @property {string} checklist_id
 * @property {string} item_id
 * @property {string} title
 * @property {string|null} within
 * @property {string} snippet
 * @property {number} score
 */

/**
 * @typedef {Object} HelplineHit
 * @property {"helpline"} kind
 * @property {string} region
 * @property {string} id
 * @property {string} title
 * @property {string|null} within
 * @property {string} snippet
 * @property {number} score
 */

/** @typedef {ArticleHit|ChecklistItemHit|HelplineHit} Hit */
