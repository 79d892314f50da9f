import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";

export { expect };

type CspReporter = { reportCspViolation: (report: string) => void };

/**
 * The Playwright test, watching every page a test opens for Content-Security-Policy
 * violations: the page's `securitypolicyviolation` events and the browser's console
 * reports of refused content. A test with any fails, so the UI keeps working under the
 * policy the server sends with it.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) {
          violations.push(`${message.page()?.url()}: ${message.text()}`);
        }
      });
      await context.exposeBinding("reportCspViolation", ({ page }, report: string) => {
        violations.push(`${page.url()}: ${report}`);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          (window as unknown as CspReporter).reportCspViolation(
            `${event.effectiveDirective} refused ${event.blockedURI || "inline code"} ` +
              `at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

/** The demo's sample people (scripts/run --demo), by the name on their sign-in button. */
export const DEMO = {
  admin: { name: "Ada Admin", email: "admin@demo.example", home: "/desk" },
  agent: { name: "Alex Agent", email: "alex@demo.example", home: "/desk" },
  requester: { name: "Rita Requester", email: "rita@demo.example", home: "/my-tickets" },
} as const;

export type DemoRole = keyof typeof DEMO;

/** Signs in the way a demo visitor does: one click on the person's button. */
export async function signInAs(page: Page, role: DemoRole) {
  const person = DEMO[role];
  if (!page.url().includes("/sign-in")) {
    // The start page sends anyone signed out to sign in.
    await page.goto("/");
  }
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${person.name} \\(`) }).click();
  await expect(page).toHaveURL(new RegExp(`${person.home}$`));
}

/** Opens a page from the header, as a person would: the main menu or the user menu. */
export async function openPage(page: Page, name: "My tickets" | "Desk" | "People" | "My account") {
  if (name === "My account") {
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "My account" }).click();
  } else {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Signs out from the user menu. */
export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/**
 * An API client signed in as a demo person, for setting up data: a session cookie plus
 * the CSRF token, as the browser has them.
 */
export async function apiAs(request: APIRequestContext, role: DemoRole) {
  await request.get("/api/config/");
  const csrf = async () => {
    const { cookies } = await request.storageState();
    return cookies.find((cookie) => cookie.name === "csrftoken")?.value ?? "";
  };
  const people = await (await request.get("/api/demo/people/")).json();
  const person = people.find((p: { email: string }) => p.email === DEMO[role].email);
  const signedIn = await request.post("/api/demo/sign-in/", {
    data: { user_id: person.id },
    headers: { "X-CSRFToken": await csrf() },
  });
  expect(signedIn.status()).toBe(200);
  return {
    post: async (path: string, data: unknown) =>
      request.post(path, { data, headers: { "X-CSRFToken": await csrf() } }),
  };
}

/**
 * Runs axe on the page as it is now and fails on serious or critical violations,
 * naming each with the elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.html} ${n.failureSummary ?? ""}`).join("; ")}`,
    );
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** Switches the page to light or dark the way the system setting would. */
export async function setScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${scheme}\\b`));
}

/** axe in light mode and in dark mode, on the page as it is. */
export async function expectAccessibleInBothSchemes(page: Page, label: string) {
  for (const scheme of ["light", "dark"] as const) {
    await setScheme(page, scheme);
    await expectNoSeriousA11yViolations(page, `${label} (${scheme})`);
  }
}
