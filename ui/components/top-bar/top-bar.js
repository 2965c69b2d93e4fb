// The bar at the top of every screen: the Quick exit button first, then a "Skip to content"
// link (shown only when focused), then Back, Home and Settings. Back and Home also work with
// Alt+← and Alt+Home, the shortcuts browsers use.

import { goBack, goHome, navigate } from "../../lib/navigation.js";

export function setUpTopBar() {
  // The skip link can't follow its href: addresses are the router's (#/...), so it moves focus
  // to the screen's heading (or <main>) itself.
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    const main = document.querySelector("main");
    const heading = main.querySelector("h1");
    if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    (heading || main).focus();
  });
  // What gets keyboard focus is never hidden under the bar while it stays on screen (WCAG
  // 2.4.11): tabbing backwards up a long page would otherwise stop under it.
  const bar = document.getElementById("top-bar");
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || bar.contains(target)) return;
    requestAnimationFrame(() => {
      // Keyboard focus only: a click must land where the pointer is.
      if (!target.matches(":focus-visible") || getComputedStyle(bar).position !== "sticky") return;
      const under = bar.getBoundingClientRect().bottom + 8 - target.getBoundingClientRect().top;
      if (under > 0) window.scrollBy(0, -under);
    });
  });
  document.getElementById("nav-back").addEventListener("click", goBack);
  document.getElementById("nav-home").addEventListener("click", goHome);
  document.getElementById("nav-settings").addEventListener("click", () => navigate("#/settings"));
  document.getElementById("nav-helplines").addEventListener("click", () => navigate("#/helplines"));
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      goBack();
    } else if (event.key === "Home") {
      event.preventDefault();
      goHome();
    }
  });
}
