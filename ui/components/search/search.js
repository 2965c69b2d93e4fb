// The search box at the top of every screen. Results come as the person types; Enter opens the
// first one; arrow keys move through them. What is typed is never stored: the box is emptied
// when a result is opened and by the quick exit.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { navigate } from "../../lib/navigation.js";

const KIND_LABEL = { article: "Article", "checklist-item": "Checklist step", helpline: "Helpline" };

/** @param {import("../../lib/ipc.js").Hit} hit */
function hrefFor(hit) {
  if (hit.kind === "article") return `#/article/${hit.id}`;
  if (hit.kind === "checklist-item") return `#/checklist/${hit.checklist_id}`;
  return `#/helplines`;
}

export function setUpSearch() {
  // The box is a form for its role="search"; there is nothing to submit.
  document.getElementById("search-form").addEventListener("submit", (event) => event.preventDefault());
  const input = document.getElementById("search");
  const results = document.getElementById("search-results");
  let ticket = 0;
  let timer = null;

  function close() {
    results.replaceChildren();
    results.hidden = true;
  }

  /** @param {import("../../lib/ipc.js").Hit} hit */
  function open(hit) {
    input.value = "";
    close();
    navigate(hrefFor(hit));
  }

  async function update() {
    const query = input.value.trim();
    const mine = ++ticket;
    if (!query) {
      close();
      return;
    }
    /** @type {import("../../lib/ipc.js").Hit[]} */
    let hits = [];
    try {
      hits = await call("search", { query });
    } catch {
      hits = [];
    }
    if (mine !== ticket) return;
    results.hidden = false;
    if (!hits.length) {
      results.replaceChildren(h("p", { class: "search__none" }, "Nothing found. Try other words, like \u201cblackmail\u201d or \u201chelpline\u201d."));
      return;
    }
    results.replaceChildren(
      h(
        "ul",
        { class: "search__list", id: "search-list" },
        hits.map((hit) => {
          const link = h(
            "a",
            { class: "search__hit", href: hrefFor(hit), "data-kind": hit.kind },
            h("span", { class: "search__kind" }, KIND_LABEL[hit.kind] || ""),
            h("span", { class: "search__title" }, hit.title),
            hit.within ? h("span", { class: "search__within" }, hit.within) : null,
            h("span", { class: "search__snippet" }, hit.snippet),
          );
          link.addEventListener("click", (event) => {
            event.preventDefault();
            open(hit);
          });
          return h("li", {}, link);
        }),
      ),
    );
    results.dataset.count = String(hits.length);
    results._hits = hits;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const first = results._hits && results._hits[0];
      if (first && !results.hidden) open(first);
    } else if (event.key === "ArrowDown") {
      const first = results.querySelector("a");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  results.addEventListener("keydown", (event) => {
    const links = [...results.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at >= 0 && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  window.addEventListener("harbour:reset", close);
  window.addEventListener("hashchange", close);
}
