// Settings: how the quick exit behaves. Changes are saved at once; the status line says plainly
// what is active, and never claims a protection that is not.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { AUDIENCES, REGIONS } from "../../lib/regions.js";

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

const FIXED_HINT = "Set by your organisation.";

export async function showSettings() {
  const view = await call("settings");
  const fixed = (name) => view.organisation.fixed.includes(name);
  const status = h("p", { class: "status", id: "quick-exit-status", role: "status" }, statusText(view));
  const saved = h("p", { class: "saved", "aria-live": "polite" });

  const escape = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "Escape hides Harbour"),
    fixed("escape_scope") ? h("p", { class: "fixed" }, FIXED_HINT) : null,
    choice(
      "escape_scope",
      "any-app",
      "From any app, while Harbour is open (recommended)",
      view.quick_exit.any_app_possible ? null : "Not possible on this computer.",
      view.escape_scope === "any-app",
      !view.quick_exit.any_app_possible || fixed("escape_scope"),
    ),
    choice(
      "escape_scope",
      "in-front",
      "Only when Harbour is in front",
      "Choose this if you need the Escape key in other apps while Harbour is open.",
      view.escape_scope === "in-front",
      fixed("escape_scope"),
    ),
  );
  const after = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "After a quick exit"),
    fixed("after_exit") ? h("p", { class: "fixed" }, FIXED_HINT) : null,
    choice(
      "after_exit",
      "stay-hidden",
      "Stay hidden (recommended)",
      "Harbour keeps running out of sight. Open it again to come back to the home screen.",
      view.after_exit === "stay-hidden",
      fixed("after_exit"),
    ),
    choice(
      "after_exit",
      "close",
      "Close Harbour completely",
      "Nothing of Harbour keeps running. It takes a moment longer to open again.",
      view.after_exit === "close",
      fixed("after_exit"),
    ),
  );

  const dontSave = h(
    "div",
    { class: "choice" },
    h("input", { type: "checkbox", id: "dont-save", checked: view.dont_save, disabled: fixed("dont_save") }),
    h(
      "label",
      { for: "dont-save" },
      "Don't save anything on this computer",
      h(
        "span",
        { class: "choice__hint" },
        fixed("dont_save")
          ? "Set by your organisation: nothing is saved on this computer, not even settings."
          : "For shared, office and school computers. Checklist ticks last only until Harbour closes. Turning this on deletes the ticks saved so far.",
      ),
    ),
  );
  const privacyMessage = h("p", { class: "saved", id: "privacy-message", "aria-live": "polite" });
  const deleteButton = h("button", { type: "button", class: "button-secondary", id: "delete-everything" }, "Delete everything Harbour saved");
  const deleteConfirm = h(
    "div",
    { class: "confirm", hidden: true, role: "group", "aria-labelledby": "delete-confirm-text" },
    h(
      "p",
      { id: "delete-confirm-text" },
      "Delete all checklist ticks, their backups and your settings from this computer? This can't be undone.",
    ),
    h("button", { type: "button", class: "button-danger", id: "confirm-delete" }, "Yes, delete everything"),
    " ",
    h("button", { type: "button", class: "button-secondary", id: "cancel-delete" }, "No, keep it"),
  );
  deleteButton.addEventListener("click", () => {
    deleteConfirm.hidden = false;
    deleteConfirm.querySelector("#cancel-delete").focus();
  });
  deleteConfirm.querySelector("#cancel-delete").addEventListener("click", () => {
    deleteConfirm.hidden = true;
    deleteButton.focus();
  });
  deleteConfirm.querySelector("#confirm-delete").addEventListener("click", async () => {
    try {
      await call("delete_everything");
      privacyMessage.textContent = "Deleted. Nothing Harbour saved is left on this computer.";
    } catch (error) {
      privacyMessage.textContent = error.message;
    }
    deleteConfirm.hidden = true;
    deleteButton.focus();
  });
  dontSave.querySelector("input").addEventListener("change", async (event) => {
    event.stopPropagation();
    try {
      await call("set_dont_save", { on: event.target.checked });
      privacyMessage.textContent = event.target.checked
        ? "On. Nothing from your checklists is saved, and what was saved has been deleted."
        : "Off. Your checklist ticks are saved on this computer again.";
    } catch (error) {
      privacyMessage.textContent = error.message;
    }
  });

  const region = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "Where are you?"),
    fixed("region") ? h("p", { class: "fixed" }, FIXED_HINT) : null,
    h("p", { class: "choice__hint" }, "Helplines and ways to report change to fit your country."),
    REGIONS.map(([code, name]) =>
      choice("region", code, name.replace(/^the /, "The "), null, view.region === code, fixed("region")),
    ),
  );
  const audience = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, "Who is reading?"),
    h("p", { class: "choice__hint" }, "What fits you is shown first. You can still see everything."),
    AUDIENCES.map(([code, label, hint]) =>
      choice("audience", code ?? "everyone", label, hint, (view.audience ?? null) === code, false),
    ),
  );

  const node = h(
    "section",
    { class: "settings", "aria-labelledby": "settings-title" },
    h("h1", { id: "settings-title", tabindex: "-1" }, "Settings"),
    view.notice ? h("p", { class: "notice", role: "alert" }, view.notice) : null,
    view.organisation.problems.length
      ? h(
          "div",
          { class: "notice", id: "policy-problems" },
          h("p", {}, "Your organisation's settings file has problems. Harbour uses safe defaults for those parts:"),
          h("ul", {}, view.organisation.problems.map((p) => h("li", {}, p))),
        )
      : null,
    h("h2", {}, "You"),
    region,
    audience,
    h("h2", {}, "Quick exit"),
    status,
    escape,
    after,
    saved,
    h("h2", {}, "What Harbour keeps on this computer"),
    h(
      "p",
      {},
      "Harbour never sends anything anywhere. It keeps your settings and checklist ticks in its own folder on this computer, and nothing else.",
    ),
    dontSave,
    deleteButton,
    deleteConfirm,
    privacyMessage,
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
      const value = input.name === "audience" && input.value === "everyone" ? null : input.value;
      await call("set_setting", { key: input.name, value });
      const fresh = await call("settings");
      status.textContent = statusText(fresh);
      saved.textContent = fresh.organisation.fixed.includes("dont_save")
        ? "Changed until Harbour closes. Your organisation has set Harbour to save nothing on this computer."
        : "Saved on this computer.";
    } catch (error) {
      saved.textContent = error.message || "That could not be saved.";
    }
  });

  return { name: "settings", title: "Settings", node };
}
