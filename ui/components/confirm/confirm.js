// The confirm step for what can't be undone: a plain button opens an "are you sure?" box with a
// red "yes" and a plain "no". "No" is focused first, so a stray Enter changes nothing; either
// answer closes the box and puts focus back on the button.

import { h } from "../../lib/dom.js";

/**
 * @param {Object} options
 * @param {{ id: string, label: string }} options.open the button that asks
 * @param {{ id: string, text: string }} options.question what is asked; its id labels the box
 * @param {{ id: string, label: string }} options.yes the red button that does it
 * @param {{ id: string, label: string }} options.no the button that changes nothing
 * @param {() => Promise<void>} options.onYes does it, and says what happened (never rejects)
 * @returns {{ button: HTMLButtonElement, box: HTMLDivElement }} to place where they belong
 */
export function confirmStep({ open, question, yes, no, onYes }) {
  const button = h("button", { type: "button", class: "button-secondary", id: open.id }, open.label);
  const yesButton = h("button", { type: "button", class: "button-danger", id: yes.id }, yes.label);
  const noButton = h("button", { type: "button", class: "button-secondary", id: no.id }, no.label);
  const box = h(
    "div",
    { class: "confirm", hidden: true, role: "group", "aria-labelledby": question.id },
    h("p", { id: question.id }, question.text),
    yesButton,
    " ",
    noButton,
  );
  function close() {
    box.hidden = true;
    button.focus();
  }
  button.addEventListener("click", () => {
    box.hidden = false;
    noButton.focus();
  });
  noButton.addEventListener("click", close);
  yesButton.addEventListener("click", async () => {
    try {
      await onYes();
    } finally {
      close();
    }
  });
  return { button, box };
}
