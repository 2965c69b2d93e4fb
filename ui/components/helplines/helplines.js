// "Who can help": the helplines for the reader's region. Numbers are plain text that can be
// selected and copied, never only a link.

import { h } from "../../lib/dom.js";
import { regionName } from "../../lib/regions.js";

/** @param {import("../../lib/ipc.js").OrgContact} contact */
function organisationCard(contact) {
  return h(
    "li",
    { class: "helpline helpline--organisation", id: "organisation-contact" },
    h("p", { class: "helpline__name" }, contact.name),
    h("p", { class: "helpline__purpose" }, "Someone in your organisation you can talk to."),
    h("p", { class: "helpline__number" }, contact.how_to_reach),
    contact.hours ? h("p", { class: "helpline__when" }, contact.hours) : null,
  );
}

/**
 * The organisation's contact, then the helplines, for one region.
 * @param {import("../../lib/ipc.js").HelplinesView} view or an ArticleView or HomeView, which
 *   have the same keys
 * @param {{ title?: string, lead?: string }} [words] the heading (default "Who can help in …")
 *   and a sentence under it
 * @returns {HTMLElement|null}
 */
export function helplineList({ helplines, region, organisation_contact: organisationContact }, words = {}) {
  if (!helplines.length && !organisationContact) return null;
  return h(
    "section",
    { class: "helplines", "aria-labelledby": "helplines-title", "data-region": region },
    h("h2", { id: "helplines-title" }, words.title || `Who can help in ${regionName(region)}`),
    words.lead ? h("p", {}, words.lead) : null,
    h(
      "ul",
      {},
      organisationContact ? organisationCard(organisationContact) : null,
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
    h("p", {}, "Somewhere else? ", h("a", { href: "#/settings" }, "Change your country in Settings"), "."),
  );
}
