import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessibleInBothSchemes,
  setScheme,
  signInAs,
  signOut,
  test,
} from "./fixtures.ts";

async function screenshot(page: Page, name: string) {
  // Sending scrolled to the reply box; a full-page shot starts from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

async function openFromList(page: Page, listName: string, title: string) {
  await page.getByRole("region", { name: listName }).getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("a ticket's conversation: assignment, an internal note, reply and resolve, reopening", async ({
  page,
}) => {
  const title = `Refund for order ${Date.now()}`;
  const note = "Checked the payment log: two charges on the card.";
  const reply =
    "We refunded the duplicate charge.\nIt shows within 5 days: https://example.com/refunds";

  // The requester files it and opens it from their list.
  await signInAs(page, "requester");
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Description").fill("I was charged twice for my last invoice.");
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();
  await openFromList(page, "Your tickets", title);
  await expect(page.getByText("No replies yet.")).toBeVisible();
  const ticketUrl = page.url();
  await signOut(page);

  // An agent opens it from the desk and takes it.
  await signInAs(page, "agent");
  await page.goto(`/desk?search=${encodeURIComponent(title)}`);
  await openFromList(page, "Tickets", title);
  const panel = page.getByRole("complementary", { name: "Details" });
  await panel.getByRole("button", { name: "Assign to me" }).click();
  await expect(panel.getByLabel("Assignee")).toHaveValue(/\d+/);
  await expect(page.getByTestId("ticket-assignee")).toHaveText("Alex Agent");
  await expect(panel.getByRole("button", { name: "Assigned to you" })).toBeDisabled();

  await page.getByRole("button", { name: "Internal note" }).click();
  const noteBox = page.getByRole("textbox", { name: "Internal note" });
  await noteBox.fill(note);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("article", { name: "Internal note by Alex Agent" })).toContainText(
    note,
  );
  await expect(noteBox).toBeFocused();

  await page.getByRole("button", { name: "Public reply" }).click();
  const replyBox = page.getByRole("textbox", { name: "Reply" });
  await replyBox.fill(reply);
  await page.getByRole("button", { name: "Reply and resolve" }).click();
  await expect(page.getByRole("article", { name: "Reply by Alex Agent" })).toContainText(
    "We refunded the duplicate charge.",
  );
  await expect(page.getByRole("link", { name: "https://example.com/refunds" })).toBeVisible();
  await expect(page.getByTitle("Status")).toHaveText("Resolved");
  await expect(panel.getByLabel("Status")).toHaveValue("resolved");
  await expect(replyBox).toBeFocused();

  await expectAccessibleInBothSchemes(page, "ticket (agent)");
  await setScheme(page, "light");
  await page.mouse.move(0, 0);
  await screenshot(page, "ticket-agent-light");
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, "ticket-agent-phone-light");
  await page.setViewportSize({ width: 1280, height: 720 });
  await signOut(page);

  // The requester sees the reply but never the note, and answers: it is open again.
  await signInAs(page, "requester");
  await openFromList(page, "Your tickets", title);
  expect(page.url()).toBe(ticketUrl);
  await expect(page.getByRole("article", { name: "Reply by Alex Agent" })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await expect(page.getByText("Internal note")).toHaveCount(0);
  await expect(page.getByTitle("Status")).toHaveText("Resolved");
  await expect(page.getByTestId("ticket-assignee")).toHaveText("Alex Agent");

  const answer = page.getByRole("textbox", { name: "Reply" });
  await answer.fill("It is still charged twice on my statement.");
  await answer.press("Control+Enter");
  await expect(page.getByRole("article", { name: "Reply by Rita Requester" })).toBeVisible();
  await expect(page.getByTitle("Status")).toHaveText("Open");
  await expect(answer).toBeFocused();

  await expectAccessibleInBothSchemes(page, "ticket (requester)");
  await setScheme(page, "dark");
  await page.mouse.move(0, 0);
  await screenshot(page, "ticket-requester-dark");
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, "ticket-requester-phone-dark");
});

test("a ticket one may not see is no such ticket", async ({ page }) => {
  await signInAs(page, "requester");
  await page.goto("/tickets/999999");
  await expect(page.getByRole("heading", { level: 1, name: "No such ticket" })).toBeVisible();
  await page.getByRole("link", { name: "Go to my tickets" }).click();
  await expect(page).toHaveURL(/\/my-tickets$/);
});
