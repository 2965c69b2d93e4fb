// An article: title, what it helps with, "Do this now", the advice, its sources and when it was
// last checked.

import { h, readableDate } from "../../lib/dom.js";
import { call } from "../../lib/ipc.js";
import { checklistLinks } from "../checklist/checklist.js";
import { helplineList } from "../helplines/helplines.js";
import { regionName } from "../../lib/regions.js";

/** @param {string} id */
export async function showArticle(id) {
  /** @type {[import("../../lib/ipc.js").ArticleView, import("../../lib/ipc.js").ChecklistLink[]]} */
  const [article, lists] = await Promise.all([call("article", { id }), call("checklists_for", { article: id })]);
  const body = h("div", { class: "article__body" });
  // Rendered by Harbour's Markdown renderer from bundled content, which refuses raw HTML.
  body.innerHTML = article.body_html;

  const node = h(
    "article",
    { class: "article", "aria-labelledby": "article-title", "data-article": article.id },
    h("h1", { id: "article-title", tabindex: "-1" }, article.title),
    h("p", { class: "lead article__summary" }, article.summary),
    article.for_this_region
      ? null
      : h(
          "p",
          { class: "notice", id: "region-note" },
          `This page is written for another country, not ${regionName(article.region)}. `,
          h("a", { href: "#/settings" }, "Change your country"),
        ),
    h(
      "section",
      { class: "do-now", "aria-labelledby": "do-now-title" },
      h("h2", { id: "do-now-title" }, "Do this now"),
      h("ol", {}, article.do_now.map((step) => h("li", {}, step))),
    ),
    body,
    helplineList(article),
    checklistLinks(lists),
    h(
      "section",
      { class: "sources", "aria-labelledby": "sources-title" },
      h("h2", { id: "sources-title" }, "Where this advice comes from"),
      h(
        "ul",
        {},
        article.sources.map((source) =>
          h("li", {}, source.title, " ", h("code", { class: "sources__url" }, source.url)),
        ),
      ),
      h(
        "p",
        { class: "reviewed" },
        "Last checked: ",
        h("time", { datetime: article.reviewed }, readableDate(article.reviewed)),
      ),
    ),
  );
  return { name: "article", node };
}
