// What Escape does on this computer, in the quick-exit key's own words, and (on Wayland only)
// the optional step that asks the desktop to bind a key that hides Harbour from any app.
//
// Every sentence about "any app" comes from the status Rust sends (crates/quick-exit,
// `Status`): the page never decides on its own that a protection is active.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";

/** @typedef {import("../../lib/ipc.js").QuickExitStatus} QuickExitStatus */

const BUTTON_WORKS = "The Quick exit button always works.";

/**
 * One sentence: what Escape (or the desktop's key) does right now.
 * @param {QuickExitStatus} status
 * @param {string} scope the escape_scope setting ("any-app" or "in-front")
 */
export function whatEscapeDoes(status, scope) {
  if (scope === "in-front") {
    return `Escape hides Harbour only while Harbour is in front. ${BUTTON_WORKS}`;
  }
  if (status.any_app_active && status.key) {
    return `Pressing ${status.key} hides Harbour straight away, even while you use another app. ${BUTTON_WORKS}`;
  }
  return status.reason || `Escape hides Harbour while Harbour is in front. ${BUTTON_WORKS}`;
}

/** What the step says in each state (DesktopStep, crates/quick-exit/src/key.rs). */
const STEP_TEXT = Object.freeze({
  offered: "Press the button, and your desktop will ask you once to allow it. It may choose a different key than Escape: Harbour will tell you which.",
  asking: "Waiting for your desktop. It may show a window asking you to allow the shortcut.",
  refused: "Your desktop did not allow the shortcut. You can ask again.",
  failed: "Harbour could not ask your desktop. You can try again.",
});

/**
 * The optional Wayland step, or null where there is none (every other system, or a desktop
 * without the portal). After each answer it calls `onStatus` with the new status, so the
 * caller can update its own status line.
 * @param {QuickExitStatus} status
 * @param {(status: QuickExitStatus) => void} onStatus
 * @param {{ idPrefix: string, heading: "h2" | "h3" }} place `idPrefix` keeps ids unique when both
 *   the intro and Settings build one; `heading` fits the step into the screen's heading levels
 */
export function desktopShortcutStep(status, onStatus, { idPrefix, heading }) {
  if (!status.desktop_step) return null;
  const textId = `${idPrefix}-desktop-shortcut-text`;
  const text = h("p", { id: textId, "aria-live": "polite" });
  const button = h(
    "button",
    { type: "button", class: "button-secondary", id: `${idPrefix}-ask-desktop`, "aria-describedby": textId },
    "Ask my desktop for the shortcut",
  );
  const box = h(
    "div",
    { class: "desktop-shortcut", role: "group", "aria-labelledby": `${idPrefix}-desktop-shortcut-title` },
    h(heading, { id: `${idPrefix}-desktop-shortcut-title` }, "Optional: a key that works from any app"),
    text,
    button,
  );

  /** @param {QuickExitStatus} now */
  function show(now) {
    const step = now.desktop_step;
    if (step === "bound") {
      text.textContent = `Done. Your desktop hides Harbour when you press ${now.key}, even while you use another app.`;
      button.hidden = true;
    } else {
      text.textContent = STEP_TEXT[step] ?? STEP_TEXT.failed;
      button.hidden = false;
      button.disabled = step === "asking";
    }
  }

  button.addEventListener("click", async () => {
    show({ ...status, desktop_step: "asking" });
    try {
      /** @type {QuickExitStatus} */
      const now = await call("ask_desktop_shortcut");
      show(now);
      onStatus(now);
      if (!button.hidden) button.focus();
    } catch {
      show({ ...status, desktop_step: "failed" });
    }
  });

  show(status);
  return box;
}
