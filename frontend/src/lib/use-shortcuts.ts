import { useEffect, useRef } from "react";
import type { Shortcut } from "@/config/shortcuts";

const NOT_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "file"]);

/**
 * Whether a key pressed with focus on `target` belongs to that element rather than to
 * the page: text being typed, a select or combobox (which jump to an option on a
 * letter), or an open dialog or menu, which own their keys. Checkboxes and buttons take
 * no letters.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) {
    return true;
  }
  if (target instanceof HTMLSelectElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return !NOT_TEXT_INPUTS.has(target.type);
  }
  return (
    target.closest(
      '[role="combobox"], [role="listbox"], [role="dialog"], [role="alertdialog"], [role="menu"]',
    ) !== null
  );
}

/** Whether the event is these keys: the key itself and exactly the modifiers named. */
function isPressed(keys: readonly string[], event: KeyboardEvent): boolean {
  return (
    keys.at(-1) === event.key &&
    !event.altKey &&
    event.ctrlKey === keys.includes("Control") &&
    event.metaKey === keys.includes("Meta")
  );
}

function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  return (
    isPressed(shortcut.keys, event) || (shortcut.mac ? isPressed(shortcut.mac.keys, event) : false)
  );
}

// Enter on a link or a button already does what that element is for.
const ACTIVATES_ITSELF = "a, button, input, select, textarea, [role='button'], [role='menuitem']";

/**
 * Binds shortcuts to handlers. A single key is left alone while typing; a combination
 * with Ctrl or ⌘ types nothing, so it works in a text box too. Shift is allowed, since
 * "?" needs it on most keyboards.
 */
export function useShortcuts<Name extends string>(
  shortcuts: Record<Name, Shortcut>,
  handlers: Partial<Record<Name, (event: KeyboardEvent) => void>>,
) {
  // The latest handlers, without binding the listener again on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) {
        return;
      }
      const modified = event.ctrlKey || event.metaKey;
      if (!modified && isTypingTarget(event.target)) {
        return;
      }
      const entries = Object.entries(shortcuts) as [Name, Shortcut][];
      const match = entries.find(([, shortcut]) => matches(shortcut, event));
      if (!match) {
        return;
      }
      const handler = latest.current[match[0]];
      if (
        !handler ||
        (event.key === "Enter" &&
          !modified &&
          event.target instanceof Element &&
          event.target.closest(ACTIVATES_ITSELF))
      ) {
        return;
      }
      event.preventDefault();
      handler(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [shortcuts]);
}
