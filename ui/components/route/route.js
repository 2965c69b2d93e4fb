// One answer from the home screen, with the articles for it in reading order.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { card } from "../card/card.js";
import { checklistLinks } from "../checklist/checklist.js";

/** @param {import("../../lib/ipc.js").ArticleCard} article */
function articleCard(article) {
  return h("li", {}, card({ href: `#/article/${article.id}`, label: article.title, hint: article.summary, data: { article: article.id } }));
}

/** @param {string} id */
export async function showRoute(id) {
  /** @type {[import("../../lib/ipc.js").RouteView, import("../../lib/ipc.js").ChecklistLink[]]} */
  const [route, lists] = await Promise.all([call("route", { id }), call("checklists_for", { route: id })]);
  const node = h(
    "section",
    { class: "route", "aria-labelledby": "route-title" },
    h("h1", { id: "route-title", tabindex: "-1" }, route.label),
    route.hint ? h("p", { class: "lead" }, route.hint) : null,
    h("h2", {}, "Read these, in this order"),
    h("ol", {}, route.cards.map(articleCard)),
    route.other_regions.length
      ? h(
          "details",
          {},
          h("summary", {}, "Written for other countries"),
          h("ul", {}, route.other_regions.map(articleCard)),
        )
      : null,
    checklistLinks(lists),
  );
  return { name: "route", node };
}
