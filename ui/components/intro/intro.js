// The first-run introduction: what the quick exit does, what it can't hide, and one practice
// run (press Escape, Harbour hides, open it again). Shown once; skippable.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { navigate } from "../../lib/navigation.js";
import { desktopShortcutStep } from "../desktop-shortcut/desktop-shortcut.js";

/**
 * The first sentence: what to press when someone comes near.
 * @param {import("../../lib/ipc.js").QuickExitStatus} status
 * @param {string} scope the escape_scope setting
 */
function leadText(status, scope) {
  return status.any_app_active && status.key && scope !== "in-front"
    ? `If someone comes near, press ${status.key}. Harbour disappears at once, even if you are using another app.`
    : "If someone comes near, press Escape while Harbour is in front. Harbour disappears at once.";
}

/** @param {import("../../lib/ipc.js").SettingsView} view */
export function showIntro(view) {
  const q = view.quick_exit;
  const anyApp = q.any_app_active && view.escape_scope !== "in-front";
  const lead = h("p", { class: "lead" }, leadText(q, view.escape_scope));
  const node = h(
    "section",
    { class: "intro", "aria-labelledby": "intro-title" },
    h("h1", { id: "intro-title", tabindex: "-1" }, "Before you start: the quick exit"),
    lead,
    // Why Escape only works in front, unless the desktop step below says it (Wayland).
    anyApp || !q.reason || q.desktop_step ? null : h("p", { id: "intro-reach" }, q.reason),
    q.limit ? h("p", { id: "intro-limit" }, q.limit) : null,
    desktopShortcutStep(
      q,
      (now) => {
        lead.textContent = leadText(now, view.escape_scope);
      },
      { idPrefix: "intro", heading: "h2" },
    ),
    h(
      "ul",
      {},
      h("li", {}, "The red Quick exit button at the top of every screen does the same."),
      h("li", {}, "To come back, open Harbour again from its icon. It opens on the home screen, not on what you were reading."),
    ),
    h("h2", {}, "What it can't hide"),
    h(
      "ul",
      {},
      h("li", {}, "Harbour is still installed on this computer, and may still be running."),
      h("li", {}, "If you copy an address from Harbour into a web browser, it stays in that browser's history."),
      h("li", {}, "Spying or monitoring software can see everything you do."),
    ),
    h("p", {}, h("a", { href: "#/article/what-harbour-cannot-hide" }, "More about what Harbour can't hide")),
    h(
      "div",
      { class: "practice" },
      h("h2", {}, "Try it once"),
      h("p", {}, "Press Escape now. Harbour will hide. Then open Harbour again to come back."),
    ),
    h("button", { type: "button", class: "button-secondary", id: "intro-skip" }, "Skip, I know how it works"),
  );
  node.querySelector("#intro-skip").addEventListener("click", async () => {
    await call("finish_intro").catch(() => {});
    navigate("#/");
  });
  return { name: "intro", node };
}
