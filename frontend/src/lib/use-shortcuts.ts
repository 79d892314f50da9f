import { useEffect, useRef } from "react";
import type { Shortcut } from "@/config/shortcuts";

const NOT_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "file"]);

/**
 * Whether a key pressed with focus on `target` belongs to that element rather than to
 * the page: text being typed, a select, or an open dialog or menu, which own their keys.
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
  return target.closest('[role="dialog"], [role="alertdialog"], [role="menu"]') !== null;
}

// Enter on a link or a button already does what that element is for.
const ACTIVATES_ITSELF = "a, button, input, select, textarea, [role='button'], [role='menuitem']";

/**
 * Binds single-key shortcuts to handlers. Keys pressed with Ctrl, Alt or Meta, or while
 * typing, are left alone; Shift is allowed, since "?" needs it on most keyboards.
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
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) {
        return;
      }
      if (isTypingTarget(event.target)) {
        return;
      }
      const entries = Object.entries(shortcuts) as [Name, Shortcut][];
      const match = entries.find(([, shortcut]) => shortcut.keys.join("+") === event.key);
      if (!match) {
        return;
      }
      const handler = latest.current[match[0]];
      if (
        !handler ||
        (event.key === "Enter" &&
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
