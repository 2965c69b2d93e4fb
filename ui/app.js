// Harbour's page: a small hash router over the views in components/. The address (#/...) holds
// everything needed to draw the screen, so a reload shows exactly the same thing.

import { showHome } from "./components/home/home.js";
import { showRoute } from "./components/route/route.js";
import { showArticle } from "./components/article/article.js";
import { showNotFound } from "./components/not-found/not-found.js";
import { setUpTopBar } from "./components/top-bar/top-bar.js";

const main = document.getElementById("main");

/** Address patterns and the view each one shows. */
const VIEWS = [
  [/^(?:#\/?)?$/, () => showHome()],
  [/^#\/route\/([a-z0-9-]{1,64})$/, (id) => showRoute(id)],
  [/^#\/article\/([a-z0-9-]{1,64})$/, (id) => showArticle(id)],
];

// Each navigation gets a number; a slow answer for an older one is dropped, so the screen always
// matches the address.
let current = 0;

async function render({ moveFocus }) {
  const ticket = ++current;
  const match = VIEWS.map(([pattern, view]) => [location.hash.match(pattern), view]).find(([m]) => m);
  let view;
  try {
    view = match ? await match[1](...match[0].slice(1)) : showNotFound();
  } catch (error) {
    view = showNotFound(error);
  }
  if (ticket !== current) return;
  main.replaceChildren(view.node);
  main.dataset.view = view.name;
  main.dataset.ready = "";
  document.title = view.title ? `${view.title} – Harbour` : "Harbour";
  window.scrollTo(0, 0);
  if (moveFocus) {
    // Screen readers announce the new page's heading; keyboard users start from the top of it.
    const heading = main.querySelector("h1");
    (heading || main).focus({ preventScroll: true });
  }
}

setUpTopBar();
window.addEventListener("hashchange", () => render({ moveFocus: true }));
render({ moveFocus: false });
