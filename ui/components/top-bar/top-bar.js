// The bar at the top of every screen: Back and Home, by mouse or keyboard (Alt+← and Alt+Home,
// the shortcuts browsers use, so people don't have to learn new ones).

/** Goes back one screen, or home if there is nothing to go back to. */
export function goBack() {
  if (history.length > 1 && location.hash && location.hash !== "#/") {
    history.back();
  } else {
    goHome();
  }
}

/** Shows the home screen. */
export function goHome() {
  if (location.hash !== "#/") location.hash = "#/";
}

export function setUpTopBar() {
  document.getElementById("nav-back").addEventListener("click", goBack);
  document.getElementById("nav-home").addEventListener("click", goHome);
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
