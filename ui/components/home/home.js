// The home screen: "What is happening?" and the answers that lead to advice.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { card } from "../card/card.js";
import { helplineList } from "../helplines/helplines.js";
import { regionName } from "../../lib/regions.js";

export async function showHome() {
  /** @type {import("../../lib/ipc.js").HomeView} */
  const view = await call("home");
  const node = h(
    "section",
    { class: "home", "aria-labelledby": "home-title" },
    h("h1", { id: "home-title", tabindex: "-1" }, "What is happening?"),
    h(
      "p",
      { class: "lead" },
      "Choose what fits best. You can read everything here in private. Nothing is sent anywhere.",
    ),
    h(
      "ul",
      { class: "route-list" },
      view.routes.map((route) =>
        h("li", {}, card({ href: `#/route/${route.id}`, label: route.label, hint: route.hint || null, data: { route: route.id } })),
      ),
    ),
    // The numbers come from the region's helplines file (content/helplines), never from here,
    // so the content checks see every number a reader can be shown.
    helplineList(view, {
      title: `Help right now in ${regionName(view.region)}`,
      lead: "If you or someone else is in danger, or you feel like hurting yourself, call now.",
    }),
  );
  return { name: "home", node };
}
