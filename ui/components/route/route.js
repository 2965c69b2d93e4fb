// One answer from the home screen, with the articles for it in reading order.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { checklistLinks } from "../checklist/checklist.js";

export async function showRoute(id) {
  const [route, lists] = await Promise.all([call("route", { id }), call("checklists_for", { route: id })]);
  const node = h(
    "section",
    { class: "route", "aria-labelledby": "route-title" },
    h("h1", { id: "route-title", tabindex: "-1" }, route.label),
    route.hint ? h("p", { class: "lead" }, route.hint) : null,
    h("h2", {}, "Read these, in this order"),
    h(
      "ol",
      { class: "article-list" },
      route.cards.map((card) =>
        h(
          "li",
          {},
          h(
            "a",
            { class: "route-card", href: `#/article/${card.id}`, "data-article": card.id },
            h("span", { class: "route-card__label" }, card.title),
            h("span", { class: "route-card__hint" }, card.summary),
          ),
        ),
      ),
    ),
    route.other_regions.length
      ? h(
          "details",
          { class: "other-regions" },
          h("summary", {}, "Written for other countries"),
          h("ul", { class: "article-list" }, route.other_regions.map((card) =>
            h("li", {}, h("a", { class: "route-card", href: `#/article/${card.id}`, "data-article": card.id },
              h("span", { class: "route-card__label" }, card.title),
              h("span", { class: "route-card__hint" }, card.summary))))),
        )
      : null,
    checklistLinks(lists),
  );
  return { name: "route", title: route.label, node };
}
