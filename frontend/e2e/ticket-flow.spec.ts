import type { Page } from "@playwright/test";
import { apiAs, expect, signInAs, test } from "./fixtures.ts";

const TITLE = "Charged twice for my subscription";
const DESCRIPTION = "I was charged twice this month, please refund the duplicate invoice";

function statValue(page: Page, label: string) {
  // includeHidden: an open dialog hides the page behind it from the accessibility tree.
  return page
    .getByRole("region", { name: "Overview", includeHidden: true })
    .locator("dl", { has: page.getByText(label, { exact: true }) })
    .locator("dd")
    .first();
}

async function readStat(page: Page, label: string): Promise<number> {
  await expect(statValue(page, label)).toHaveText(/^\d+$/);
  return Number(await statValue(page, label).textContent());
}

test("a ticket goes from the form through the list, the filters and its statuses", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await expect(page).toHaveTitle("Desk · Support desk");
  const totalBefore = await readStat(page, "Total tickets");
  const openBefore = await readStat(page, "Open");

  // Write it: the keyword rules suggest billing while the description is typed.
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill(TITLE);
  await form.getByLabel("Description").pressSequentially(DESCRIPTION, { delay: 5 });
  await expect(form.getByLabel("Category")).toHaveValue("billing");
  await expect(form.getByLabel("Priority")).not.toHaveValue("");
  await expect(form.getByTestId("suggestion-source")).toHaveText("Keyword rules");

  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();
  await expect(form.getByLabel("Title")).toHaveValue("");

  // It is the newest ticket, and the numbers count it without a reload.
  const list = page.getByRole("region", { name: "Tickets" });
  await expect(list.getByRole("article").first()).toContainText(TITLE);
  await expect(statValue(page, "Total tickets")).toHaveText(String(totalBefore + 1));
  await expect(statValue(page, "Open")).toHaveText(String(openBefore + 1));

  // Filter and search: the URL says what is shown.
  await list.getByLabel("Category").selectOption("billing");
  await expect(page).toHaveURL(/[?&]category=billing/);
  await list.getByLabel("Search").fill("my subscription");
  await expect(page).toHaveURL(/[?&]search=my(\+|%20)subscription/);
  await expect(list.getByRole("article")).toHaveCount(1);
  const card = list.getByRole("article", { name: TITLE });
  await expect(card).toContainText("Billing");

  // Open it and move it along; the list follows at once.
  await card.getByRole("button", { name: TITLE }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(DESCRIPTION);
  await expect(dialog).toContainText("by Keyword rules");
  await dialog.getByLabel("Status").selectOption("in_progress");
  const cardBehindDialog = page.locator("article", { hasText: TITLE });
  await expect(cardBehindDialog.getByTitle("Status")).toHaveText("In progress");
  await expect(statValue(page, "Open")).toHaveText(String(openBefore));

  await dialog.getByLabel("Status").selectOption("resolved");
  await expect(cardBehindDialog.getByTitle("Status")).toHaveText("Resolved");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The server kept it, and a reload restores the same filtered view.
  await page.reload();
  await expect(list.getByLabel("Category")).toHaveValue("billing");
  await expect(list.getByLabel("Search")).toHaveValue("my subscription");
  await expect(card.getByTitle("Status")).toHaveText("Resolved");
  await expect(statValue(page, "Total tickets")).toHaveText(String(totalBefore + 1));

  await list.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/desk$/);
});

test("the list works from the keyboard, and a dialog keeps and returns focus", async ({
  page,
  request,
}) => {
  const agent = await apiAs(request, "agent");
  const created = await agent.post("/api/tickets/", {
    title: "Keyboard only",
    description: "Opened and closed without a mouse.",
  });
  expect(created.status()).toBe(201);
  await signInAs(page, "agent");
  await page.goto("/desk?search=keyboard+only");

  const title = page.getByRole("button", { name: "Keyboard only" });
  await title.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);

  // Focus stays inside the dialog however far one tabs.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    await expect(dialog.locator(":focus")).toHaveCount(1);
  }

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(title).toBeFocused();
});
