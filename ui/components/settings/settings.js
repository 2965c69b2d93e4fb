// Settings: where the reader is and who is reading, how the quick exit behaves, and what Harbour
// keeps on this computer. Changes are saved at once; the status line says plainly what is
// active, and never claims a protection that is not.
//
// The screen is built from one function per part, top to bottom; each takes the SettingsView
// and returns the nodes for its part, in order, straight into the page's section.

import { h } from "../../lib/dom.js";
import { call, POLICY_SOURCE, SETTING } from "../../lib/ipc.js";
import { AUDIENCES, REGIONS } from "../../lib/regions.js";
import { confirmStep } from "../confirm/confirm.js";
import { desktopShortcutStep, whatEscapeDoes } from "../desktop-shortcut/desktop-shortcut.js";
import { applyTextSize, TEXT_SIZES } from "../text-size/text-size.js";

/** @typedef {import("../../lib/ipc.js").SettingsView} SettingsView */

const FIXED_HINT = "Set by your organisation.";

/** Where a fixed setting came from, in words, after FIXED_HINT. */
const SOURCE_TEXT = Object.freeze({
  [POLICY_SOURCE.GROUP_POLICY]: "It comes from their Group Policy or Intune settings for this computer.",
  [POLICY_SOURCE.PROFILE]: "It comes from their configuration profile on this Mac.",
  [POLICY_SOURCE.FILE]: "It comes from their policy file on this computer.",
});

/**
 * "Set by your organisation." and where it came from, for a fixed setting.
 * @param {SettingsView} view
 * @param {string} key a SETTING value
 */
function fixedText(view, key) {
  const source = view.organisation.sources[key];
  if (!source) return FIXED_HINT;
  return `${FIXED_HINT} ${SOURCE_TEXT[source] ?? `It comes from: ${source}.`}`;
}

/** The value the audience radio group uses for "no audience chosen" (sent as null). */
const EVERYONE = "everyone";

/**
 * One radio choice with its label. Its id is `<name>-<value>` ("region-ie").
 * @param {Object} options
 * @param {string} options.name the radio group: a SETTING value
 * @param {string} options.value
 * @param {string} options.label
 * @param {string|null} [options.hint] a line under the label
 * @param {boolean} [options.checked]
 * @param {boolean} [options.disabled]
 */
function choice({ name, value, label, hint = null, checked = false, disabled = false }) {
  const id = `${name}-${value}`;
  return h(
    "div",
    { class: "choice" },
    h("input", { type: "radio", name, id, value, checked, disabled }),
    h("label", { for: id }, label, hint ? h("span", { class: "choice__hint" }, hint) : null),
  );
}

/**
 * A group of choices under a legend, saying so (and where from) when the organisation fixed it.
 * @param {Object} options
 * @param {string} options.legend
 * @param {string|null} [options.fixed] what to say when the organisation fixed this setting
 *   (fixedText), or null
 * @param {string|null} [options.hint] a line before the choices
 * @param {HTMLElement[]} options.choices
 */
function choiceGroup({ legend, fixed = null, hint = null, choices }) {
  return h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, legend),
    fixed ? h("p", { class: "fixed" }, fixed) : null,
    hint ? h("p", { class: "choice__hint" }, hint) : null,
    choices,
  );
}

/**
 * @param {SettingsView} view
 * @param {string} key a SETTING value
 */
function isFixed(view, key) {
  return view.organisation.fixed.includes(key);
}

/** @param {SettingsView} view */
function statusText(view) {
  return whatEscapeDoes(view.quick_exit, view.escape_scope);
}

/**
 * What the person is told after a choice was saved.
 * @param {SettingsView} view
 */
function savedText(view) {
  return isFixed(view, SETTING.DONT_SAVE)
    ? "Changed until Harbour closes. Your organisation has set Harbour to save nothing on this computer."
    : "Saved on this computer.";
}

/**
 * A one-time notice and problems with the organisation's policy file.
 * @param {SettingsView} view
 */
function noticesPart(view) {
  return [
    view.notice ? h("p", { class: "notice", role: "alert" }, view.notice) : null,
    view.organisation.problems.length
      ? h(
          "div",
          { class: "notice", id: "policy-problems" },
          h("p", {}, "Your organisation's settings have problems. Harbour uses safe defaults for those parts:"),
          h("ul", {}, view.organisation.problems.map((p) => h("li", {}, p))),
        )
      : null,
  ];
}

/**
 * "You": the reader's country and who is reading.
 * @param {SettingsView} view
 */
function youPart(view) {
  const regionFixed = isFixed(view, SETTING.REGION);
  return [
    h("h2", {}, "You"),
    choiceGroup({
      legend: "Where are you?",
      fixed: regionFixed ? fixedText(view, SETTING.REGION) : null,
      hint: "Helplines and ways to report change to fit your country.",
      choices: REGIONS.map(([code, name]) =>
        choice({
          name: SETTING.REGION,
          value: code,
          label: name.replace(/^the /, "The "),
          checked: view.region === code,
          disabled: regionFixed,
        }),
      ),
    }),
    choiceGroup({
      legend: "Who is reading?",
      hint: "What fits you is shown first. You can still see everything.",
      choices: AUDIENCES.map(([code, label, hint]) =>
        choice({
          name: SETTING.AUDIENCE,
          value: code ?? EVERYONE,
          label,
          hint,
          checked: (view.audience ?? null) === code,
        }),
      ),
    }),
  ];
}

/**
 * "Text size": the same sizes as Ctrl+Plus and Ctrl+Minus.
 * @param {SettingsView} view
 */
function textSizePart(view) {
  return [
    h("h2", {}, "Text size"),
    choiceGroup({
      legend: "How big should the text be?",
      hint: "On any screen, Ctrl and + makes the text bigger, Ctrl and \u2212 smaller, and Ctrl and 0 normal again.",
      choices: TEXT_SIZES.map((percent) =>
        choice({
          name: SETTING.TEXT_SIZE,
          value: String(percent),
          label: percent === 100 ? "Normal" : `${percent}%`,
          checked: view.text_size === percent,
        }),
      ),
    }),
  ];
}

/**
 * "Quick exit": what Escape does now, where it works from, and what happens after.
 * @param {SettingsView} view
 * @param {{ status: HTMLElement, saved: HTMLElement }} lines the status line, and the line
 *   saying a choice was saved; both change after a choice
 */
function quickExitPart(view, { status, saved }) {
  const scopeFixed = isFixed(view, SETTING.ESCAPE_SCOPE);
  const afterFixed = isFixed(view, SETTING.AFTER_EXIT);
  const anyAppPossible = view.quick_exit.any_app_possible;
  const limit = view.quick_exit.limit;
  return [
    h("h2", {}, "Quick exit"),
    status,
    limit ? h("p", { class: "status", id: "quick-exit-limit" }, limit) : null,
    desktopShortcutStep(
      view.quick_exit,
      (now) => {
        status.textContent = whatEscapeDoes(now, view.escape_scope);
      },
      { idPrefix: "settings", heading: "h3" },
    ),
    choiceGroup({
      legend: "Escape hides Harbour",
      fixed: scopeFixed ? fixedText(view, SETTING.ESCAPE_SCOPE) : null,
      choices: [
        choice({
          name: SETTING.ESCAPE_SCOPE,
          value: "any-app",
          label: "From any app, while Harbour is open (recommended)",
          hint: anyAppPossible ? null : "Not possible on this computer.",
          checked: view.escape_scope === "any-app",
          disabled: !anyAppPossible || scopeFixed,
        }),
        choice({
          name: SETTING.ESCAPE_SCOPE,
          value: "in-front",
          label: "Only when Harbour is in front",
          hint: "Choose this if you need the Escape key in other apps while Harbour is open.",
          checked: view.escape_scope === "in-front",
          disabled: scopeFixed,
        }),
      ],
    }),
    choiceGroup({
      legend: "After a quick exit",
      fixed: afterFixed ? fixedText(view, SETTING.AFTER_EXIT) : null,
      choices: [
        choice({
          name: SETTING.AFTER_EXIT,
          value: "stay-hidden",
          label: "Stay hidden (recommended)",
          hint: "Harbour keeps running out of sight. Open it again to come back to the home screen.",
          checked: view.after_exit === "stay-hidden",
          disabled: afterFixed,
        }),
        choice({
          name: SETTING.AFTER_EXIT,
          value: "close",
          label: "Close Harbour completely",
          hint: "Nothing of Harbour keeps running. It takes a moment longer to open again.",
          checked: view.after_exit === "close",
          disabled: afterFixed,
        }),
      ],
    }),
    saved,
  ];
}

/**
 * "Don't save anything on this computer", saved at once with its own command.
 * @param {SettingsView} view
 * @param {HTMLElement} message where to say what happened
 */
function dontSaveChoice(view, message) {
  const fixed = isFixed(view, SETTING.DONT_SAVE);
  const box = h("input", { type: "checkbox", id: "dont-save", checked: view.dont_save, disabled: fixed });
  box.addEventListener("change", async (event) => {
    // Not a radio choice: the section's change handler must not save it as one.
    event.stopPropagation();
    try {
      await call("set_dont_save", { on: box.checked });
      message.textContent = box.checked
        ? "On. Nothing from your checklists is saved, and what was saved has been deleted."
        : "Off. Your checklist ticks are saved on this computer again.";
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return h(
    "div",
    { class: "choice" },
    box,
    h(
      "label",
      { for: "dont-save" },
      "Don't save anything on this computer",
      h(
        "span",
        { class: "choice__hint" },
        fixed
          ? `${fixedText(view, SETTING.DONT_SAVE)} Nothing is saved on this computer, not even settings.`
          : "For shared, office and school computers. Checklist ticks last only until Harbour closes. Turning this on deletes the ticks saved so far.",
      ),
    ),
  );
}

/**
 * "What Harbour keeps on this computer": don't save, delete everything, what it can't hide.
 * @param {SettingsView} view
 */
function privacyPart(view) {
  const message = h("p", { class: "saved", id: "privacy-message", "aria-live": "polite" });
  const deleteAll = confirmStep({
    open: { id: "delete-everything", label: "Delete everything Harbour saved" },
    question: {
      id: "delete-confirm-text",
      text: "Delete all checklist ticks, their backups and your settings from this computer? This can't be undone.",
    },
    yes: { id: "confirm-delete", label: "Yes, delete everything" },
    no: { id: "cancel-delete", label: "No, keep it" },
    onYes: async () => {
      try {
        await call("delete_everything");
        message.textContent = "Deleted. Nothing Harbour saved is left on this computer.";
      } catch (error) {
        message.textContent = error.message;
      }
    },
  });
  return [
    h("h2", {}, "What Harbour keeps on this computer"),
    h(
      "p",
      {},
      "Harbour never sends anything anywhere. It keeps your settings and checklist ticks in its own folder on this computer, and nothing else.",
    ),
    dontSaveChoice(view, message),
    deleteAll.button,
    deleteAll.box,
    message,
    h(
      "p",
      {},
      "The quick exit hides Harbour from someone looking at your screen. It can't hide everything: ",
      h("a", { href: "#/article/what-harbour-cannot-hide" }, "what Harbour can't hide"),
      ".",
    ),
  ];
}

export async function showSettings() {
  /** @type {SettingsView} */
  const view = await call("settings");
  const status = h("p", { class: "status", id: "quick-exit-status", role: "status" }, statusText(view));
  const saved = h("p", { class: "saved", "aria-live": "polite" });

  const node = h(
    "section",
    { class: "settings", "aria-labelledby": "settings-title" },
    h("h1", { id: "settings-title", tabindex: "-1" }, "Settings"),
    noticesPart(view),
    youPart(view),
    textSizePart(view),
    quickExitPart(view, { status, saved }),
    privacyPart(view),
  );

  // Every radio choice is saved the moment it changes, under its group's name (a SETTING).
  node.addEventListener("change", async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    try {
      let value = input.name === SETTING.AUDIENCE && input.value === EVERYONE ? null : input.value;
      if (input.name === SETTING.TEXT_SIZE) {
        value = Number(input.value);
        applyTextSize(value);
      }
      await call("set_setting", { key: input.name, value });
      /** @type {SettingsView} */
      const fresh = await call("settings");
      status.textContent = statusText(fresh);
      saved.textContent = savedText(fresh);
    } catch (error) {
      saved.textContent = error.message || "That could not be saved.";
    }
  });

  return { name: "settings", node };
}
