// Harbour's page: a small hash router over the views in components/. The address (#/...) holds
// everything needed to draw the screen, so a reload shows exactly the same thing.

import { showHome } from "./components/home/home.js";
import { showRoute } from "./components/route/route.js";
import { showArticle } from "./components/article/article.js";
import { showNotFound } from "./components/not-found/not-found.js";
import { showSettings } from "./components/settings/settings.js";
import { showIntro } from "./components/intro/intro.js";
import { showChecklist } from "./components/checklist/checklist.js";
import { showHelplines } from "./components/helplines/helplines-view.js";
import { setUpSearch } from "./components/search/search.js";
import { setUpTopBar } from "./components/top-bar/top-bar.js";
import { setUpQuickExit } from "./components/quick-exit/quick-exit.js";
import { applyTextSize, setUpTextSize } from "./components/text-size/text-size.js";
import { captureLinks } from "./lib/navigation.js";
import { call } from "./lib/ipc.js";

const main = document.getElementById("main");

/** Address patterns and the view each one shows. */
const VIEWS = [
  [/^(?:#\/?)?$/, () => showHome()],
  [/^#\/route\/([a-z0-9-]{1,64})$/, (id) => showRoute(id)],
  [/^#\/article\/([a-z0-9-]{1,64})$/, (id) => showArticle(id)],
  [/^#\/checklist\/([a-z0-9-]{1,64})$/, (id) => showChecklist(id)],
  [/^#\/settings$/, () => showSettings()],
  [/^#\/helplines$/, () => showHelplines()],
  [/^#\/welcome$/, async () => showIntro(await call("settings"))],
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
  // The title stays "Harbour" on every screen: window titles show in taskbars and switchers.
  document.title = "Harbour";
  window.scrollTo(0, 0);
  if (moveFocus) {
    // Screen readers announce the new page's heading; keyboard users start from the top of it.
    const heading = main.querySelector("h1");
    (heading || main).focus({ preventScroll: true });
  }
}

async function start() {
  // After a quick exit nothing that was on screen stays there, not even for a moment. First, so
  // that it holds even if setting up anything below fails.
  window.addEventListener("harbour:reset", () => main.replaceChildren());
  setUpQuickExit();
  setUpTopBar();
  setUpSearch();
  setUpTextSize();
  captureLinks(document.body);
  window.addEventListener("hashchange", () => render({ moveFocus: true }));
  window.addEventListener("harbour:reset", showNotices);
  // First run: the introduction to the quick exit comes before anything else.
  try {
    /** @type {import("./lib/ipc.js").SettingsView} */
    const settings = await call("settings");
    applyTextSize(settings.text_size);
    if (!settings.intro_done) location.replace("#/welcome");
    // Said once, on the first screen: what happened to a damaged settings file.
    if (settings.notice) showStartNotice(settings.notice);
  } catch {
    // Settings unavailable: show the guide anyway.
  }
  render({ moveFocus: false });
}

/**
 * A notice from the start (a damaged settings file recovered), shown above the first screen
 * until the person moves on. Settings hands it over only once, so it is never repeated.
 * @param {string} text
 */
function showStartNotice(text) {
  const note = document.getElementById("notice");
  note.textContent = text;
  note.hidden = false;
  // The screen it was shown on (the intro, when that comes first); leaving it hides the notice.
  const shownOn = location.hash;
  const hide = () => {
    if (location.hash === shownOn) return;
    note.hidden = true;
    note.textContent = "";
    window.removeEventListener("hashchange", hide);
  };
  window.addEventListener("hashchange", hide);
}

/** After a quick exit: clear old notices; after the practice run, say it worked. */
async function showNotices() {
  const note = document.getElementById("notice");
  note.hidden = true;
  note.textContent = "";
  try {
    /** @type {import("./lib/ipc.js").SettingsView} */
    const settings = await call("settings");
    if (settings.just_practised) {
      note.textContent = "You did it. That is how the quick exit works.";
      note.hidden = false;
    }
  } catch {
    // Nothing to say.
  }
}

start();
