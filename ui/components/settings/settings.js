// Settings: how the quick exit behaves. Changes are saved at once; the status line says plainly
// what is active, and never claims a protection that is not.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";

function choice(name, value, label, hint, checked, disabled) {
  const id = `${name}-${value}`;
  return h(
    "div",
    { class: "choice" },
    h("input", { type: "radio", name, id, value, checked, disabled }),
    h("label", { for: id }, label, hint ? h("span", { class: "choice__hint" }, hint) : null),
  );
}

function statusText(view) {
  const q = view.quick_exit;
  if (view.escape_scope === "in-front") {
    return "Escape hides Harbour only while Harbour is in front. The Quick exit button always works.";
  }
  if (q.any_app_active) {
    return "Escape hides Harbour straight away, even while you use another app. The Quick exit button always works.";
  }
  return q.reason || "Escape hides Harbour while Harbour is in front. The Quick exit button always works.";
}

export async function showSettings() {
  const view = await call("settings");
  const status = h("p", { class: "status", id: "quick-exit-status", role: "status" }, statusText(view));
  const saved = h("p", { class: "saved", "aria-live": "polite" });

  const escape = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "Escape hides Harbour"),
    choice(
      "escape_scope",
      "any-app",
      "From any app, while Harbour is open (recommended)",
      view.quick_exit.any_app_possible ? null : "Not possible on this computer.",
      view.escape_scope === "any-app",
      !view.quick_exit.any_app_possible,
    ),
    choice(
      "escape_scope",
      "in-front",
      "Only when Harbour is in front",
      "Choose this if you need the Escape key in other apps while Harbour is open.",
      view.escape_scope === "in-front",
      false,
    ),
  );
  const after = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "After a quick exit"),
    choice(
      "after_exit",
      "stay-hidden",
      "Stay hidden (recommended)",
      "Harbour keeps running out of sight. Open it again to come back to the home screen.",
      view.after_exit === "stay-hidden",
      false,
    ),
    choice(
      "after_exit",
      "close",
      "Close Harbour completely",
      "Nothing of Harbour keeps running. It takes a moment longer to open again.",
      view.after_exit === "close",
      false,
    ),
  );

  const node = h(
    "section",
    { class: "settings", "aria-labelledby": "settings-title" },
    h("h1", { id: "settings-title", tabindex: "-1" }, "Settings"),
    view.notice ? h("p", { class: "notice", role: "alert" }, view.notice) : null,
    h("h2", {}, "Quick exit"),
    status,
    escape,
    after,
    saved,
    h(
      "p",
      {},
      "The quick exit hides Harbour from someone looking at your screen. It can't hide everything: ",
      h("a", { href: "#/article/what-harbour-cannot-hide" }, "what Harbour can't hide"),
      ".",
    ),
  );

  node.addEventListener("change", async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    try {
      await call("set_setting", { key: input.name, value: input.value });
      const fresh = await call("settings");
      status.textContent = statusText(fresh);
      saved.textContent = "Saved on this computer.";
    } catch (error) {
      saved.textContent = error.message || "That could not be saved.";
    }
  });

  return { name: "settings", title: "Settings", node };
}
