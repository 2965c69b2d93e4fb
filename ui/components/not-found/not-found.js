// Shown when an address or id leads nowhere, or the guide could not answer. Calm, with a way home.

import { h } from "../../lib/dom.js";
import { ERROR_KIND } from "../../lib/ipc.js";

/** @param {import("../../lib/ipc.js").UiError|Error} [error] why, when a command failed */
export function showNotFound(error) {
  const damaged = error && error.kind === ERROR_KIND.CONTENT;
  const message = damaged
    ? error.message
    : "This page isn't in Harbour. It may have moved. Everything else still works.";
  const node = h(
    "section",
    { class: "not-found", "aria-labelledby": "not-found-title" },
    h("h1", { id: "not-found-title", tabindex: "-1" }, damaged ? "Something went wrong" : "We couldn't find that page"),
    h("p", {}, message),
    h("p", {}, h("a", { href: "#/" }, "Go to the home screen")),
  );
  return { name: "not-found", node };
}
