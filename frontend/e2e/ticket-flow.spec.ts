import type { Page } from "@playwright/test";
import { apiAs, expect, signInAs, test } from "./fixtures.ts";

const TITLE = "Charged twice for my subscription";
const DESCRIPTION = "I was charged twice this month, please refund the duplicate invoice";

function statValue(page: Page, label: string) {
  return page
    .getByRole("region", { name: "Overview" })
    .locator("dl", { has: page.getByText(label, { exact: true }) })
    .locator("dd")
    .first();
}

async function readStats(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" }).click();
  const read = async (label: string) => {
    await expect(statValue(page, label)).toHaveText(/^\d+$/);
    return Number(await statValue(page, label).textContent());
  };
  return { total: await read("Total tickets"), open: await read("Open") };
}

test("a ticket goes from the form through the console, the filters and its statuses", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await expect(page).toHaveTitle("Desk · Support desk");
  const before = await readStats(page);

  // Write it: the keyword rules suggest billing while the description is typed.
  await page.goto("/desk");
  await page.getByRole("link", { name: "New ticket" }).click();
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill(TITLE);
  await form.getByLabel("Description").pressSequentially(DESCRIPTION, { delay: 5 });
  await expect(form.getByLabel("Category")).toHaveValue("billing");
  await expect(form.getByLabel("Priority")).not.toHaveValue("");
  await expect(form.getByTestId("suggestion-source")).toHaveText(/^Keyword rules · \d+% sure$/);

  // Filed, it opens.
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

  // It is the newest ticket, and the numbers count it.
  const list = page.getByRole("region", { name: "Tickets" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Desk" }).click();
  await expect(list.locator("tbody tr").first()).toContainText(TITLE);
  expect(await readStats(page)).toEqual({ total: before.total + 1, open: before.open + 1 });

  // Filter and search: the URL says what is shown.
  await page.goto("/desk");
  await list.getByLabel("Category").selectOption("billing");
  await expect(page).toHaveURL(/[?&]category=billing/);
  await list.getByLabel("Search").fill("my subscription");
  await expect(page).toHaveURL(/[?&]search=my(\+|%20)subscription/);
  const row = list.locator("tbody tr", { hasText: TITLE });
  await expect(list.locator("tbody tr")).toHaveCount(1);

  // Open it and move it along: resolved, it leaves the open queue for the resolved one.
  await row.getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  const panel = page.getByRole("complementary", { name: "Details" });
  await expect(panel).toContainText("by Keyword rules");
  await panel.getByLabel("Status").selectOption("in_progress");
  await expect(page.getByTitle("Status")).toHaveText("In progress");
  await panel.getByLabel("Status").selectOption("resolved");
  await expect(page.getByTitle("Status")).toHaveText("Resolved");
  await page.goBack();
  await expect(page.getByText("No tickets match these filters")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Queues" })
    .getByRole("link", { name: /Resolved recently/ })
    .click();
  await expect(row).toContainText("Resolved");

  // The server kept it, and a reload restores the same filtered view.
  await page.reload();
  await expect(list.getByLabel("Category")).toHaveValue("billing");
  await expect(list.getByLabel("Search")).toHaveValue("my subscription");
  await expect(row).toContainText("Resolved");

  await list.getByRole("button", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/desk\?queue=resolved_recently$/);
  expect(await readStats(page)).toEqual({ total: before.total + 1, open: before.open });
});

test("the list works from the keyboard, and Back returns to it", async ({ page, request }) => {
  const agent = await apiAs(request, "agent");
  const created = await agent.post("/api/tickets/", {
    title: "Keyboard only",
    description: "Opened and closed without a mouse.",
  });
  expect(created.status()).toBe(201);
  await signInAs(page, "agent");
  await page.goto("/desk?search=keyboard+only");

  const title = page.getByRole("link", { name: "Keyboard only" });
  await title.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Keyboard only" })).toBeVisible();

  // The reply box is reached by tabbing, and Ctrl+Enter sends from it.
  const reply = page.getByRole("textbox", { name: "Reply" });
  for (let i = 0; i < 20 && !(await reply.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(reply).toBeFocused();
  await page.keyboard.type("Sent from the keyboard");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("article", { name: "Reply by Alex Agent" })).toContainText(
    "Sent from the keyboard",
  );
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue("");

  await page.goBack();
  await expect(page).toHaveURL(/\/desk\?search=keyboard/);
  await expect(title).toBeVisible();
});
