import type { Locator, Page } from "@playwright/test";
import { apiAs, expect, expectAccessibleInBothSchemes, signInAs, test } from "./fixtures.ts";

const NEW_TICKETS = Array.from({ length: 4 }, (_, i) => [
  `Console sample ${i + 1}: laptop will not boot`,
  "The laptop shows a black screen after the logo and never reaches the sign-in.",
]);

test.beforeAll(async ({ request }) => {
  // The demo's open tickets and these fill more than a screen of the default queue.
  const agent = await apiAs(request, "agent");
  for (const [title, description] of NEW_TICKETS) {
    const response = await agent.post("/api/tickets/", { title, description });
    expect(response.status()).toBe(201);
  }
});

const queues = (page: Page) => page.getByRole("navigation", { name: "Queues" });
const rows = (page: Page) => page.getByRole("region", { name: "Tickets" }).locator("tbody tr");

async function openQueue(page: Page, name: RegExp) {
  const link = queues(page).getByRole("link", { name });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Updating the list")).toHaveCount(0);
}

const PAGE_SIZE = 25;

/** The queue's count, once the list below it shows as many rows (a page at most). */
async function expectCountMatchesRows(page: Page, link: Locator) {
  const count = Number(await link.getByTestId(/^queue-count-/).textContent());
  await expect(rows(page)).toHaveCount(Math.min(count, PAGE_SIZE));
}

test("the console shows a screenful of tickets and keeps queue counts and rows in step", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, "agent");
  await expect(page.getByRole("heading", { level: 1, name: "Desk" })).toBeVisible();
  await expect(queues(page).getByRole("link", { name: /All open/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(rows(page).nth(14)).toBeVisible();

  // At least 15 rows lie wholly inside the first screen.
  const visible = await rows(page).evaluateAll(
    (elements) =>
      elements.filter((row) => {
        const box = row.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );
  expect(visible).toBeGreaterThanOrEqual(15);

  for (const name of [/Resolved recently/, /Unassigned/, /All open/]) {
    await openQueue(page, name);
    await expectCountMatchesRows(page, queues(page).getByRole("link", { name }));
  }
  await expect(page).toHaveURL(/\/desk$/);
  await openQueue(page, /Unassigned/);
  await expect(page).toHaveURL(/\/desk\?queue=unassigned$/);
});

test("sorting by priority puts critical tickets first, and the sort is in the URL", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await openQueue(page, /^All \d+$/);
  const header = page.getByRole("columnheader", { name: /Priority/ });
  await header.getByRole("button").click();
  await expect(page).toHaveURL(/ordering=-priority/);
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toContainText("Critical");

  await page.reload();
  await expect(page.getByRole("columnheader", { name: /Priority/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(rows(page).first()).toContainText("Critical");
});

test("two tickets assigned to me at once appear in My open", async ({ page }) => {
  await signInAs(page, "agent");
  await openQueue(page, /Unassigned/);
  const mineBefore = Number(await page.getByTestId("queue-count-mine").textContent());
  const titles: string[] = [];
  for (const index of [0, 1]) {
    const row = rows(page).nth(index);
    titles.push((await row.getByRole("link").textContent()) ?? "");
    await row.getByRole("checkbox").check({ force: true });
  }
  const bar = page.getByRole("toolbar", { name: "Selected tickets" });
  await expect(bar).toContainText("2 selected");
  await bar.getByRole("button", { name: /Assign to/ }).click();
  await page.getByRole("menuitem", { name: /^Me \(Alex Agent\)/ }).click();
  await expect(page.getByText("2 tickets updated")).toBeVisible();
  await expect(page.getByTestId("queue-count-mine")).toHaveText(String(mineBefore + 2));

  await openQueue(page, /My open/);
  for (const title of titles) {
    await expect(rows(page).filter({ hasText: title })).toHaveCount(1);
  }
  await expectCountMatchesRows(page, queues(page).getByRole("link", { name: /My open/ }));
});

test("the console is driven from the keyboard, and ? lists every shortcut", async ({ page }) => {
  await signInAs(page, "agent");
  // A fresh load: the Tab key starts from the top of the page.
  await page.goto("/desk");
  await expect(rows(page).nth(1)).toBeVisible();

  // The skip link is the first stop of the Tab key, and shows when focused.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Move to the next ticket");
  await expect(dialog).toContainText("Write a reply");
  await expectAccessibleInBothSchemes(page, "shortcuts dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
  await page.keyboard.press("Escape");

  await page.keyboard.press("j");
  await expect(rows(page).first()).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("x");
  await expect(rows(page).nth(1).getByRole("checkbox")).toBeChecked();
  await page.screenshot({ path: "e2e/screenshots/agent-console-keyboard.png" });
  const id = await rows(page).nth(1).getAttribute("data-ticket-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
});

test("console, stats and new ticket pages pass axe in light and dark, wide and narrow", async ({
  page,
}) => {
  await signInAs(page, "agent");
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto("/desk");
    await expect(rows(page).first()).toBeVisible();
    await rows(page).first().getByRole("checkbox").check({ force: true });
    await expect(page.getByRole("toolbar", { name: "Selected tickets" })).toBeVisible();
    await expectAccessibleInBothSchemes(page, `console ${viewport.width}px`);

    await page.goto("/stats");
    await expect(page.getByRole("figure", { name: "By priority" })).toBeVisible();
    await expectAccessibleInBothSchemes(page, `stats ${viewport.width}px`);

    await page.goto("/desk/new");
    await expect(page.getByRole("form", { name: "Submit a ticket" })).toBeVisible();
    await expectAccessibleInBothSchemes(page, `new ticket ${viewport.width}px`);
  }
});

test("on a phone the queues come first, then two-line rows, with no sideways scroll", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signInAs(page, "agent");
  await expect(rows(page).first()).toBeVisible();

  const nav = await queues(page).boundingBox();
  const firstRow = await rows(page).first().boundingBox();
  expect(nav && firstRow && nav.y < firstRow.y).toBe(true);
  expect(firstRow && firstRow.y + firstRow.height).toBeLessThan(812);
  await expect(page.getByRole("columnheader", { name: /Priority/ })).toBeHidden();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);

  await queues(page)
    .getByRole("link", { name: /My open/ })
    .click();
  await expect(page).toHaveURL(/queue=mine/);
  await page.screenshot({ path: "e2e/screenshots/agent-console-phone.png", fullPage: true });
});
