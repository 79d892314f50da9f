/**
 * Every keyboard shortcut of the app, in one list: the pages bind their keys from it
 * and the "?" dialog shows it, so the two cannot drift apart.
 */
export type Shortcut = {
  /**
   * `KeyboardEvent.key` values pressed together: any modifiers ("Control", "Meta")
   * first, then the key.
   */
  keys: readonly string[];
  /** How the keys are shown: one entry per key pressed together. */
  label: readonly string[];
  /** The same shortcut with the Mac's ⌘ key, where it replaces Ctrl. */
  mac?: { keys: readonly string[]; label: readonly string[] };
  description: string;
};

export type ShortcutGroup = { title: string; shortcuts: Record<string, Shortcut> };

export const GLOBAL_SHORTCUTS = {
  title: "Anywhere",
  shortcuts: {
    help: { keys: ["?"], label: ["?"], description: "Show these keyboard shortcuts" },
    close: { keys: ["Escape"], label: ["Esc"], description: "Close a dialog or menu" },
  },
} as const satisfies ShortcutGroup;

export const CONSOLE_SHORTCUTS = {
  title: "Ticket list",
  shortcuts: {
    next: { keys: ["j"], label: ["j"], description: "Move to the next ticket" },
    previous: { keys: ["k"], label: ["k"], description: "Move to the previous ticket" },
    open: { keys: ["Enter"], label: ["Enter"], description: "Open the ticket" },
    select: { keys: ["x"], label: ["x"], description: "Select or unselect the ticket" },
    search: { keys: ["/"], label: ["/"], description: "Search the tickets" },
  },
} as const satisfies ShortcutGroup;

export const TICKET_SHORTCUTS = {
  title: "Ticket page",
  shortcuts: {
    reply: { keys: ["r"], label: ["r"], description: "Write a reply" },
    send: {
      keys: ["Control", "Enter"],
      label: ["Ctrl", "Enter"],
      mac: { keys: ["Meta", "Enter"], label: ["⌘", "Enter"] },
      description: "Send the reply or note",
    },
    cancel: {
      keys: ["Escape"],
      label: ["Esc"],
      description: "Undo a choice in the details panel before it is saved",
    },
  },
} as const satisfies ShortcutGroup;

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  GLOBAL_SHORTCUTS,
  CONSOLE_SHORTCUTS,
  TICKET_SHORTCUTS,
];
