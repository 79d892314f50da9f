import { ROLES, type Role } from "@/types/api";

/** Which roles may open each signed-in page: the route guards and the menu both read it. */
export const PAGE_ROLES = {
  "/my-tickets": ["requester"],
  "/desk": ["agent", "admin"],
  "/desk/new": ["agent", "admin"],
  "/stats": ["agent", "admin"],
  "/accuracy": ["agent", "admin"],
  "/people": ["admin"],
  "/account": ROLES,
} as const satisfies Record<string, readonly Role[]>;

export type AppPath = keyof typeof PAGE_ROLES;

/**
 * `phoneMenu`: on a phone the header has no room for it; the user menu lists it there
 * instead.
 */
export const NAV_ITEMS: readonly { to: AppPath; label: string; phoneMenu?: boolean }[] = [
  { to: "/my-tickets", label: "My tickets" },
  { to: "/desk", label: "Desk" },
  { to: "/stats", label: "Stats" },
  { to: "/accuracy", label: "Accuracy", phoneMenu: true },
  { to: "/people", label: "People" },
  { to: "/account", label: "My account" },
];

export function mayOpen(role: Role, path: AppPath): boolean {
  const roles: readonly Role[] = PAGE_ROLES[path];
  return roles.includes(role);
}
