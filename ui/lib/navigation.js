// Moving between screens without leaving a trail.
//
// Every move uses location.replace, so the webview's own history never grows: after a quick
// exit there is no "Back" entry that could bring an article back on screen. Harbour keeps its
// own Back list in memory instead, and the quick exit empties it (see reset()).

const trail = [];

/** Shows the screen at `hash` ("#/article/right-now"), remembering where we were. */
export function navigate(hash) {
  if (hash === location.hash) return;
  trail.push(location.hash || "#/");
  location.replace(hash);
}

/** Goes back one screen; with nothing to go back to, goes home. */
export function goBack() {
  const previous = trail.pop();
  location.replace(previous ?? "#/");
}

/** Goes to the home screen. */
export function goHome() {
  navigate("#/");
}

/** Forgets every screen visited (used by the quick exit). */
export function forgetTrail() {
  trail.length = 0;
}

/**
 * Turns clicks on in-app links (href="#/...") into navigate() calls, so links pressed with the
 * mouse or the Enter key leave no history either.
 */
export function captureLinks(root) {
  root.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const link = event.target.closest("a[href^='#/']");
    if (!link) return;
    event.preventDefault();
    navigate(link.getAttribute("href"));
  });
}
