// The text size: Ctrl+Plus, Ctrl+Minus and Ctrl+0 on every screen, and a choice in Settings.
// Saved like every other setting. Applied through the root font size (base.css sizes the root by
// html[data-text-size]), so everything sized in rem grows with it: a desktop webview does not
// always follow the system's text size.

import { call, SETTING } from "../../lib/ipc.js";

/** The sizes, in percent of normal, smallest first (TextSize::STEPS in crates/settings). */
export const TEXT_SIZES = Object.freeze([100, 125, 150, 175, 200]);

/** @param {number} percent one of TEXT_SIZES (anything else is normal) */
export function applyTextSize(percent) {
  const size = TEXT_SIZES.includes(percent) ? percent : 100;
  document.documentElement.dataset.textSize = String(size);
  // The Settings screen, if it is open, shows the size in force.
  for (const input of document.getElementsByName(SETTING.TEXT_SIZE)) {
    if (input instanceof HTMLInputElement) input.checked = input.value === String(size);
  }
}

function current() {
  return Number(document.documentElement.dataset.textSize) || 100;
}

/** @param {number} percent */
async function choose(percent) {
  if (percent === current()) return;
  applyTextSize(percent);
  try {
    await call("set_setting", { key: SETTING.TEXT_SIZE, value: percent });
  } catch {
    // Not saved (no data folder, or saving is off): the size still holds until Harbour closes.
  }
}

/** Ctrl+Plus (or Ctrl+=), Ctrl+Minus and Ctrl+0, as in browsers. */
export function setUpTextSize() {
  if (!document.documentElement.dataset.textSize) applyTextSize(100);
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const at = TEXT_SIZES.indexOf(current());
    let next;
    if (event.key === "+" || event.key === "=") next = TEXT_SIZES[Math.min(at + 1, TEXT_SIZES.length - 1)];
    else if (event.key === "-" || event.key === "_") next = TEXT_SIZES[Math.max(at - 1, 0)];
    else if (event.key === "0") next = 100;
    else return;
    event.preventDefault();
    choose(next);
  });
}
