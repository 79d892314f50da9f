import type { Page } from "@playwright/test";
import { apiAs, expect, signInAs, test } from "./fixtures.ts";

const SAMPLES = [
  [
    "Charged twice for the annual plan",
    "My card was charged twice for the annual plan, refund one.",
  ],
  [
    "App crashes when exporting a report",
    "The app crashes with an error every time I export a PDF.",
  ],
  ["Cannot reset my password", "The password reset link in the email says it has expired."],
  [
    "Do you offer a nonprofit discount?",
    "We are a registered charity and would like to ask about pricing.",
  ],
  [
    "Production API returns 500 for all users",
    "Every request fails since the deploy, the outage is urgent.",
  ],
];

const VIEWPORTS = {
  desktop: { width: 1440, height: 1000 },
  phone: { width: 375, height: 812 },
} as const;

test.beforeAll(async ({ request }) => {
  const agent = await apiAs(request, "agent");
  for (const [title, description] of SAMPLES) {
    const response = await agent.post("/api/tickets/", { title, description });
    expect(response.status()).toBe(201);
  }
});

async function showPage(page: Page, viewport: keyof typeof VIEWPORTS, scheme: "light" | "dark") {
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.emulateMedia({ colorScheme: scheme });
  await signInAs(page, "agent");
  const list = page.getByRole("region", { name: "Tickets" });
  await expect(list.locator("tbody tr").nth(4)).toBeVisible();
  await expect(page.getByTestId("queue-count-open")).toBeVisible();
  // One ticket selected, so the picture shows the bulk actions too.
  await list.locator("tbody tr").nth(1).getByRole("checkbox").check({ force: true });
  await expect(page.getByRole("toolbar", { name: "Selected tickets" })).toBeVisible();
}

for (const viewport of ["desktop", "phone"] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`${viewport} in ${scheme} mode fits the screen`, async ({ page }) => {
      await showPage(page, viewport, scheme);

      await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${scheme}\\b`));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.screenshot({
        path: `e2e/screenshots/${viewport}-${scheme}.png`,
        fullPage: viewport === "phone",
      });
    });
  }
}

test("the colour mode button switches between light and dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signInAs(page, "agent");

  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: "Switch to light mode" }).click();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
});

test("the colour mode is on the page before the app's code runs", async ({ page }) => {
  // With the bundle refused, only public/color-mode.js can set the mode.
  const withoutApp = async () => {
    await page.route("**/assets/**", (route) => route.abort());
    await page.goto("/");
    await expect(page.locator("#root")).toBeEmpty();
    return page.evaluate(() => ({
      classes: [...document.documentElement.classList],
      colorScheme: document.documentElement.style.colorScheme,
    }));
  };

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  // The start page has sent the visitor on to sign in before the next load begins.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  expect(await withoutApp()).toEqual({ classes: ["dark"], colorScheme: "dark" });

  // A mode chosen with the button wins over the system's.
  await page.unrouteAll();
  await page.goto("/");
  await page.getByRole("button", { name: "Switch to light mode" }).click();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  expect(await withoutApp()).toEqual({ classes: ["light"], colorScheme: "light" });
});
