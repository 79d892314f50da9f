import { describe, expect, it } from "vitest";
import { isTypingTarget } from "./use-shortcuts";

function element(html: string): HTMLElement {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const first = holder.firstElementChild;
  if (!(first instanceof HTMLElement)) {
    throw new Error("No element");
  }
  return first;
}

describe("isTypingTarget", () => {
  it("leaves letters to text, selects and comboboxes, which pick an option by letter", () => {
    expect(isTypingTarget(element('<input type="text">'))).toBe(true);
    expect(isTypingTarget(element("<textarea></textarea>"))).toBe(true);
    expect(isTypingTarget(element("<select></select>"))).toBe(true);
    expect(isTypingTarget(element('<button role="combobox">Assignee</button>'))).toBe(true);
    expect(isTypingTarget(element('<input role="combobox">'))).toBe(true);
  });

  it("gives the page the keys pressed on a checkbox or a button", () => {
    expect(isTypingTarget(element('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(element("<button>Save</button>"))).toBe(false);
  });
});
