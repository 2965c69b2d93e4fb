// A checklist: tick steps off by mouse or keyboard, see progress, start again (with a confirm
// step), print it. Says plainly whether ticks are saved on this computer.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";

function savingText(saving) {
  if (saving.dont_save) return "Not saved: \u201cDon't save anything on this computer\u201d is on. Ticks disappear when Harbour closes.";
  if (!saving.on) return saving.problem || "Not saved on this computer. Ticks disappear when Harbour closes.";
  return "Your ticks are saved only on this computer.";
}

/** Links to checklists, for route and article screens. */
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
          h(
            "a",
            { class: "route-card", href: `#/checklist/${link.id}`, "data-checklist": link.id },
            h("span", { class: "route-card__label" }, link.title),
            h("span", { class: "route-card__hint" }, `${link.done} of ${link.total} done`),
          ),
        ),
      ),
    ),
  );
}

export async function showChecklist(id) {
  let view = await call("checklist", { id });
  const progress = h("p", { class: "checklist__progress", id: "checklist-progress", "aria-live": "polite" });
  const saving = h("p", { class: "checklist__saving", id: "checklist-saving" });
  const problem = h("p", { class: "notice", role: "alert", hidden: true });
  const items = h("ol", { class: "checklist__items" });

  function draw() {
    progress.textContent = `${view.done} of ${view.total} done`;
    saving.textContent = savingText(view.saving);
    saving.dataset.saving = view.saving.on ? "on" : "off";
    items.replaceChildren(
      ...view.items.map((item) => {
        const inputId = `step-${item.id}`;
        const checked = view.ticked.includes(item.id);
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
      }),
    );
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

  const confirmBox = h(
    "div",
    { class: "confirm", hidden: true, role: "group", "aria-labelledby": "confirm-reset-text" },
    h("p", { id: "confirm-reset-text" }, "Untick every step in this list?"),
    h("button", { type: "button", class: "button-danger", id: "confirm-reset" }, "Yes, start again"),
    " ",
    h("button", { type: "button", class: "button-secondary", id: "cancel-reset" }, "No, keep my ticks"),
  );
  const resetButton = h("button", { type: "button", class: "button-secondary", id: "reset-list" }, "Start this list again");
  resetButton.addEventListener("click", () => {
    confirmBox.hidden = false;
    confirmBox.querySelector("#cancel-reset").focus();
  });
  confirmBox.querySelector("#cancel-reset").addEventListener("click", () => {
    confirmBox.hidden = true;
    resetButton.focus();
  });
  confirmBox.querySelector("#confirm-reset").addEventListener("click", async () => {
    try {
      view = await call("reset_checklist", { id: view.id });
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
    }
    confirmBox.hidden = true;
    draw();
    resetButton.focus();
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
    h("div", { class: "checklist__actions" }, resetButton, " ", printButton, " ", h("a", { href: "#/settings" }, "Saving settings")),
    confirmBox,
  );
  draw();
  return { name: "checklist", title: view.title, node };
}
