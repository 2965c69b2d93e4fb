// A checklist: tick steps off by mouse or keyboard, see progress, start again (with a confirm
// step), print it. Says plainly whether ticks are saved on this computer.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { card } from "../card/card.js";
import { confirmStep } from "../confirm/confirm.js";

/** @param {import("../../lib/ipc.js").Saving} saving */
function savingText(saving) {
  if (saving.dont_save) return "Not saved: \u201cDon't save anything on this computer\u201d is on. Ticks disappear when Harbour closes.";
  if (!saving.on) return saving.problem || "Not saved on this computer. Ticks disappear when Harbour closes.";
  return "Your ticks are saved only on this computer.";
}

/**
 * Links to checklists, for route and article screens.
 * @param {import("../../lib/ipc.js").ChecklistLink[]} links
 * @returns {HTMLElement|null}
 */
export function checklistLinks(links) {
  if (!links.length) return null;
  return h(
    "section",
    { class: "checklist-links", "aria-labelledby": "checklist-links-title" },
    h("h2", { id: "checklist-links-title" }, "Checklist"),
    h(
      "ul",
      {},
      links.map((link) =>
        h(
          "li",
          {},
          card({
            href: `#/checklist/${link.id}`,
            label: link.title,
            hint: `${link.done} of ${link.total} done`,
            data: { checklist: link.id },
          }),
        ),
      ),
    ),
  );
}

/**
 * One step: its box, what to do, why, and where to read more.
 * @param {import("../../lib/ipc.js").ChecklistItem} item
 * @param {boolean} checked
 */
function step(item, checked) {
  const inputId = `step-${item.id}`;
  return h(
    "li",
    { class: "checklist__item", "data-item": item.id },
    h("input", { type: "checkbox", id: inputId, checked, "aria-describedby": `${inputId}-why` }),
    h(
      "div",
      {},
      h("label", { for: inputId }, item.text),
      h("p", { class: "checklist__why", id: `${inputId}-why` }, item.why),
      h("a", { class: "checklist__more", href: `#/article/${item.article}` }, "Read more about this"),
    ),
  );
}

/** @param {string} id */
export async function showChecklist(id) {
  /** @type {import("../../lib/ipc.js").ChecklistView} */
  let view = await call("checklist", { id });
  const progress = h("p", { class: "checklist__progress", id: "checklist-progress", "aria-live": "polite" });
  const saving = h("p", { class: "checklist__saving", id: "checklist-saving" });
  const problem = h("p", { class: "notice", role: "alert", hidden: true });
  const items = h("ol", { class: "checklist__items" });

  function draw() {
    progress.textContent = `${view.done} of ${view.total} done`;
    saving.textContent = savingText(view.saving);
    saving.dataset.saving = view.saving.on ? "on" : "off";
    items.replaceChildren(...view.items.map((item) => step(item, view.ticked.includes(item.id))));
  }

  items.addEventListener("change", async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const item = input.closest("[data-item]").dataset.item;
    try {
      view = await call("set_tick", { list: view.id, item, ticked: input.checked });
      problem.hidden = true;
    } catch (error) {
      // The tick stays on screen; say that it was not saved.
      problem.textContent = error.message;
      problem.hidden = false;
      view.ticked = input.checked ? [...view.ticked, item] : view.ticked.filter((t) => t !== item);
      view.done = view.ticked.length;
    }
    const focused = input.id;
    draw();
    document.getElementById(focused)?.focus();
  });

  const reset = confirmStep({
    open: { id: "reset-list", label: "Start this list again" },
    question: { id: "confirm-reset-text", text: "Untick every step in this list?" },
    yes: { id: "confirm-reset", label: "Yes, start again" },
    no: { id: "cancel-reset", label: "No, keep my ticks" },
    onYes: async () => {
      try {
        view = await call("reset_checklist", { id: view.id });
      } catch (error) {
        problem.textContent = error.message;
        problem.hidden = false;
      }
      draw();
    },
  });
  const printButton = h("button", { type: "button", class: "button-secondary", id: "print-list" }, "Print this list");
  printButton.addEventListener("click", () => window.print());

  const node = h(
    "section",
    { class: "checklist", "aria-labelledby": "checklist-title", "data-checklist": view.id },
    h("h1", { id: "checklist-title", tabindex: "-1" }, view.title),
    h("p", { class: "lead" }, view.for_whom),
    view.notice ? h("p", { class: "notice", role: "alert", id: "checklist-notice" }, view.notice) : null,
    progress,
    saving,
    problem,
    items,
    h("div", { class: "checklist__actions" }, reset.button, " ", printButton, " ", h("a", { href: "#/settings" }, "Saving settings")),
    reset.box,
  );
  draw();
  return { name: "checklist", node };
}
