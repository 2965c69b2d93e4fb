// One answer from the home screen, with the articles for it in reading order.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";

export async function showRoute(id) {
  const route = await call("route", { id });
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
  );
  return { name: "route", title: route.label, node };
}
