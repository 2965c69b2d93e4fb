// "Who can help": the helplines for the reader's region. Numbers are plain text that can be
// selected and copied, never only a link.

import { h } from "../../lib/dom.js";
import { regionName } from "../../lib/regions.js";

export function helplineList(helplines, region) {
  if (!helplines.length) return null;
  return h(
    "section",
    { class: "helplines", "aria-labelledby": "helplines-title", "data-region": region },
    h("h2", { id: "helplines-title" }, `Who can help in ${regionName(region)}`),
    h(
      "ul",
      {},
      helplines.map((line) =>
        h(
          "li",
          { class: "helpline", "data-helpline": line.id },
          h("p", { class: "helpline__name" }, line.name),
          h("p", { class: "helpline__purpose" }, line.purpose),
          line.phone ? h("p", {}, "Call ", h("span", { class: "helpline__number" }, line.phone)) : null,
          line.text ? h("p", {}, h("span", { class: "helpline__number" }, line.text)) : null,
          line.web ? h("p", {}, "Website: ", h("code", { class: "helpline__web" }, line.web)) : null,
          line.hours || line.ages
            ? h("p", { class: "helpline__when" }, [line.hours, line.ages].filter(Boolean).join(". "))
            : null,
        ),
      ),
    ),
    h("p", { class: "helplines__change" }, "Somewhere else? ", h("a", { href: "#/settings" }, "Change your country in Settings"), "."),
  );
}
