// A card: a big link to where to go next, with a label and a line under it. Home lists routes
// with it, a route its articles, routes and articles their checklists.

import { h } from "../../lib/dom.js";

/**
 * @param {Object} options
 * @param {string} options.href where it leads ("#/article/right-now")
 * @param {string} options.label what it says
 * @param {string|null} [options.hint] the line under it; none when null
 * @param {Object<string, string>} [options.data] data attributes: { route: "x" } is data-route="x"
 * @returns {HTMLAnchorElement}
 */
export function card({ href, label, hint = null, data = {} }) {
  const attributes = { class: "card", href };
  for (const [name, value] of Object.entries(data)) attributes[`data-${name}`] = value;
  return h(
    "a",
    attributes,
    h("span", { class: "card__label" }, label),
    hint === null ? null : h("span", { class: "card__hint" }, hint),
  );
}
