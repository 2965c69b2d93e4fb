// The home screen: "What is happening?" and the answers that lead to advice.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";

export async function showHome() {
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
        h(
          "li",
          {},
          h(
            "a",
            { class: "route-card", href: `#/route/${route.id}`, "data-route": route.id },
            h("span", { class: "route-card__label" }, route.label),
            route.hint ? h("span", { class: "route-card__hint" }, route.hint) : null,
          ),
        ),
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
