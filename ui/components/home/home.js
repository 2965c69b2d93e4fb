// The home screen: "What is happening?" and the answers that lead to advice.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { card } from "../card/card.js";

export async function showHome() {
  /** @type {import("../../lib/ipc.js").HomeRoute[]} */
  const routes = await call("home");
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
      routes.map((route) =>
        h("li", {}, card({ href: `#/route/${route.id}`, label: route.label, hint: route.hint || null, data: { route: route.id } })),
      ),
    ),
    h(
      "p",
      { class: "emergency" },
      "If you or someone else is in danger right now, call 999. To talk to the police when it is not an emergency, call 101.",
    ),
  );
  return { name: "home", title: "", node };
}
