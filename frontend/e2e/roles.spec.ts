import type { Page } from "@playwright/test";
import {
  DEMO,
  type DemoRole,
  expect,
  expectAccessibleInBothSchemes,
  setScheme,
  signInAs,
  signOut,
  test,
} from "./fixtures.ts";

/** What each role's menu offers, and the pages it walks. */
const PAGES: Record<
  DemoRole,
  { nav: string[]; pages: { path: string; heading: string; link?: string }[] }
> = {
  requester: {
    nav: ["My tickets"],
    pages: [
      { path: "/my-tickets", heading: "My tickets", link: "My tickets" },
      { path: "/account", heading: "My account" },
    ],
  },
  agent: {
    nav: ["Desk", "Stats", "Accuracy"],
    pages: [
      { path: "/desk", heading: "Desk", link: "Desk" },
      { path: "/stats", heading: "Stats", link: "Stats" },
      { path: "/accuracy", heading: "Accuracy", link: "Accuracy" },
      { path: "/account", heading: "My account" },
    ],
  },
  admin: {
    nav: ["Desk", "Stats", "Accuracy", "People"],
    pages: [
      { path: "/desk", heading: "Desk", link: "Desk" },
      { path: "/stats", heading: "Stats", link: "Stats" },
      { path: "/accuracy", heading: "Accuracy", link: "Accuracy" },
      { path: "/people", heading: "People", link: "People" },
      { path: "/account", heading: "My account" },
    ],
  },
};

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

test("the sign-in page offers the demo people and passes axe in both modes", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  for (const person of Object.values(DEMO)) {
    await expect(
      page.getByRole("button", { name: new RegExp(`Sign in as ${person.name}`) }),
    ).toBeVisible();
  }
  await expectAccessibleInBothSchemes(page, "sign-in");
  await setScheme(page, "light");
  await screenshot(page, "sign-in-light");
  await page.setViewportSize({ width: 375, height: 812 });
  await setScheme(page, "dark");
  await screenshot(page, "sign-in-phone-dark");
});

for (const role of ["requester", "agent", "admin"] as const) {
  test(`${role}: sees only their pages, each passing axe in light and dark`, async ({ page }) => {
    await signInAs(page, role);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(PAGES[role].nav);
    await expect(page.getByTestId("user-menu")).toHaveAccessibleName(
      new RegExp(`^${DEMO[role].name} `),
    );

    for (const { path, heading, link } of PAGES[role].pages) {
      if (!link) {
        await page.getByTestId("user-menu").click();
        await page.getByRole("menuitem", { name: "My account" }).click();
      } else {
        await nav.getByRole("link", { name: link }).click();
      }
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      const h1 = page.getByRole("heading", { level: 1, name: heading });
      await expect(h1).toBeVisible();
      await expect(page).toHaveTitle(`${heading} · Support desk`);
      // Let the lists and numbers arrive before axe looks.
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
      await expectAccessibleInBothSchemes(page, `${role} ${path}`);
      const name = `${role}-${path.slice(1)}`;
      await setScheme(page, "light");
      await screenshot(page, `${name}-light`);
      await setScheme(page, "dark");
      await screenshot(page, `${name}-dark`);
    }
  });
}

test("a page the role may not use sends them to their home", async ({ page }) => {
  await signInAs(page, "requester");
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/my-tickets$/);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/my-tickets$/);

  await signOut(page);

  await signInAs(page, "agent");
  await page.goto("/people");
  await expect(page).toHaveURL(/\/desk$/);
  await page.goto("/my-tickets");
  await expect(page).toHaveURL(/\/desk$/);
});

test("a deep link while signed out goes to sign in, then back to it", async ({ page }) => {
  await page.goto("/people?from=mail");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpeople%3Ffrom%3Dmail$/);
  await page.getByRole("button", { name: /^Sign in as Ada Admin/ }).click();
  await expect(page).toHaveURL(/\/people\?from=mail$/);
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
});

test("a requester files a ticket and follows it; they cannot change it", async ({ page }) => {
  await signInAs(page, "requester");
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await expect(form.getByRole("combobox", { name: "Requester" })).toHaveCount(0);
  await form.getByLabel("Title").fill("My invoice is wrong");
  await form.getByLabel("Description").pressSequentially("I was charged twice for the invoice", {
    delay: 5,
  });
  await expect(form.getByTestId("suggestion-source")).toHaveText(/^Keyword rules · \d+% sure$/);
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();

  const list = page.getByRole("region", { name: "Your tickets" });
  await list.getByRole("link", { name: "My invoice is wrong" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My invoice is wrong" })).toBeVisible();
  await expect(page.getByText("I was charged twice")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Internal note" })).toHaveCount(0);
});

test("an agent files a ticket for a requester found by name, then works on it", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await page.getByRole("link", { name: "New ticket" }).click();
  await expect(page).toHaveURL(/\/desk\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New ticket" })).toBeVisible();
  const form = page.getByRole("form", { name: "Submit a ticket" });
  const picker = form.getByRole("combobox", { name: "Requester" });
  await picker.fill("Omar");
  await page.getByRole("option", { name: /Omar Requester/ }).click();
  await expect(form.getByText("Filed on behalf of Omar Requester")).toBeVisible();
  await form.getByLabel("Title").fill("Printer jams for Omar");
  await form.getByLabel("Description").fill("The printer on floor two jams on every page.");
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText(/is in the queue for Omar Requester/)).toBeVisible();

  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Printer jams for Omar" }),
  ).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Omar Requester");
});
