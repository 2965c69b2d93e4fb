// "Who can help": every helpline for the reader's region, the organisation's contact first.

import { h } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { helplineList } from "./helplines.js";

export async function showHelplines() {
  /** @type {import("../../lib/ipc.js").HelplinesView} */
  const view = await call("helplines");
  const node = h(
    "section",
    { class: "helplines-view", "aria-labelledby": "helplines-view-title" },
    h("h1", { id: "helplines-view-title", tabindex: "-1" }, "Who can help"),
    h("p", { class: "lead" }, "Free, private help. You can copy any number or address."),
    helplineList(view),
  );
  return { name: "helplines", node };
}
