// The Quick exit button and the page's side of the quick exit.
//
// The hide itself happens in Rust (src-tauri/src/quick_exit/): Escape is caught there before
// the page sees it, even from other apps, so it works while this page is busy. This file:
// - wires the button (and Escape, on systems where Rust can't catch it in the window);
// - provides window.__harbourReset, which Rust runs right after hiding so that nothing that was
//   on screen (an article, search text, ticks, the Back trail) is there when Harbour comes back;
//   it announces the reset with a "harbour:reset" event, and each part of the page clears its own.

import { call } from "../../lib/ipc.js";
import { forgetTrail } from "../../lib/navigation.js";

function quickExit() {
  // Nothing to wait for: Rust hides the window at once.
  call("quick_exit").catch(() => {});
}

/** Empties the screen back to a neutral home. Called by Rust after every quick exit. */
function reset() {
  forgetTrail();
  for (const field of document.querySelectorAll("input[type='search'], input[type='text'], textarea")) {
    field.value = "";
  }
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  if (location.hash === "#/" || location.hash === "") {
    // Same address: ask the router to draw home again anyway.
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.replace("#/");
  }
  window.scrollTo(0, 0);
  // The page empties <main> and clears its notices, search its results (app.js, search.js).
  window.dispatchEvent(new Event("harbour:reset"));
}

export function setUpQuickExit() {
  document.getElementById("quick-exit").addEventListener("click", quickExit);
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        quickExit();
      }
    },
    { capture: true },
  );
  Object.defineProperty(window, "__harbourReset", { value: reset });
}
