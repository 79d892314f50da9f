import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessibleInBothSchemes,
  setScheme,
  signInAs,
  signOut,
  test,
} from "./fixtures.ts";

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 720 };

async function screenshot(page: Page, name: string) {
  // Sending scrolled to the reply box; a full-page shot starts from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** axe in both schemes on the desktop and on a phone, with a screenshot of each size. */
async function checkPage(page: Page, label: string, shots: { desktop: string; phone: string }) {
  await expectAccessibleInBothSchemes(page, `${label} (desktop)`);
  await setScheme(page, shots.desktop.endsWith("dark") ? "dark" : "light");
  await screenshot(page, shots.desktop);
  await page.setViewportSize(PHONE);
  await expectAccessibleInBothSchemes(page, `${label} (phone)`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${label} fits a phone`).toBe(0);
  await setScheme(page, shots.phone.endsWith("dark") ? "dark" : "light");
  await screenshot(page, shots.phone);
  await page.setViewportSize(DESKTOP);
}

function timeline(page: Page) {
  return page.getByRole("list", { name: "Conversation" });
}

test("a ticket's day: filed, taken, answered, answered back, resolved", async ({ page }) => {
  const title = `Refund for order ${Date.now()}`;
  const note = "Checked the payment log: two charges on the card.";
  const reply =
    "We refunded the duplicate charge.\nIt shows within 5 days: https://example.com/refunds";
  const answer = "It is still charged twice on my statement.";
  await page.setViewportSize(DESKTOP);

  // Morning: the requester files it and opens it from their list.
  await signInAs(page, "requester");
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Description").fill("I was charged twice for my last invoice.");
  await expect(form.getByTestId("suggestion-source")).toHaveText(/^Keyword rules · \d+% sure$/);
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();
  const mine = page.getByRole("region", { name: "Your tickets" });
  await expect(mine.getByRole("article", { name: title })).toContainText("No replies yet");
  await mine.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("No replies yet.")).toBeVisible();
  const ticketUrl = page.url();
  const ticketPath = new URL(ticketUrl).pathname.replace("/tickets/", "/api/tickets/");
  await signOut(page);

  // An agent opens it by its address, which marks it read, and sees how it was filed.
  await signInAs(page, "agent");
  const read = page.waitForResponse(
    (response) =>
      response.url().endsWith(`${ticketPath}/read/`) && response.request().method() === "POST",
  );
  await page.goto(ticketUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect((await read).status()).toBe(204);
  await expect(timeline(page)).toContainText("Classifier (Keyword rules) suggested Billing");
  await expect(timeline(page)).toContainText(
    "Created by Rita Requester; kept the suggested category, kept the suggested priority",
  );
  const panel = page.getByRole("complementary", { name: "Details" });
  const ai = panel.getByTestId("ai-suggestion");
  await expect(ai).toContainText("Suggested by Keyword rules");
  await expect(ai.getByText("Changed", { exact: true })).toHaveCount(0);

  // Arrow keys on the closed priority select step a draft; Enter saves it once.
  const patches: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PATCH" && request.url().endsWith(`${ticketPath}/`)) {
      patches.push(request.postData() ?? "");
    }
  });
  const priority = panel.getByLabel("Priority");
  const before = await priority.inputValue();
  await priority.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(priority).not.toHaveValue(before);
  const chosen = await priority.inputValue();
  expect(patches).toEqual([]);
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH");
  await page.keyboard.press("Enter");
  expect((await saved).status()).toBe(200);
  expect(patches).toEqual([JSON.stringify({ priority: chosen })]);
  await expect(priority).toBeFocused();
  await expect(ai.getByText("Changed", { exact: true })).toBeVisible();
  await expect(ai).toContainText("by Alex Agent");
  await expect(timeline(page)).toContainText("Alex Agent changed priority");

  // Takes it: the button keeps the focus, and the timeline says so.
  const assignToMe = panel.getByRole("button", { name: "Assign to me" });
  await assignToMe.click();
  await expect(page.getByTestId("ticket-assignee")).toHaveText("Alex Agent");
  await expect(panel.getByRole("button", { name: "Assigned to you" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Assigned to you" })).toBeFocused();
  await expect(timeline(page)).toContainText("Alex Agent took the ticket");

  // R jumps to the reply box; a note first, then the answer.
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("r");
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeFocused();
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
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("article", { name: "Reply by Alex Agent" })).toContainText(
    "We refunded the duplicate charge.",
  );
  await expect(page.getByRole("link", { name: "https://example.com/refunds" })).toBeVisible();
  await expect(replyBox).toBeFocused();
  await signOut(page);

  // Afternoon: the requester sees the answer in the list and on the page, never the note.
  await signInAs(page, "requester");
  await expect(mine.getByRole("article", { name: title })).toContainText(
    /Alex Agent replied (just now|\d+ (sec|min)\. ago)/,
  );
  await mine.getByRole("link", { name: title }).click();
  expect(page.url()).toBe(ticketUrl);
  await expect(page.getByRole("article", { name: "Reply by Alex Agent" })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await expect(page.getByText("Internal note")).toHaveCount(0);
  await expect(page.getByTestId("history-line")).toHaveCount(0);
  await expect(page.getByTestId("ticket-assignee")).toHaveText("Alex Agent");

  const answerBox = page.getByRole("textbox", { name: "Reply" });
  await answerBox.fill(answer);
  await answerBox.press("Control+Enter");
  await expect(page.getByRole("article", { name: "Reply by Rita Requester" })).toBeVisible();
  await expect(answerBox).toBeFocused();
  await signOut(page);

  // Evening: the agent reads the answer and resolves; the timeline tells the whole day.
  await signInAs(page, "agent");
  await page.goto(ticketUrl);
  await expect(page.getByRole("article", { name: "Reply by Rita Requester" })).toContainText(
    answer,
  );
  // Chosen from the open list, as with a mouse: saved at once, and the focus stays.
  const status = panel.getByLabel("Status");
  await status.focus();
  await status.selectOption("resolved");
  await expect(page.getByTitle("Status")).toHaveText("Resolved");
  await expect(status).toBeFocused();
  await expect(timeline(page)).toContainText("Alex Agent changed status Open → Resolved");
  const steps = await timeline(page).getByRole("listitem").allTextContents();
  const order = [
    "Classifier (Keyword rules) suggested",
    "Created by Rita Requester",
    "Alex Agent changed priority",
    "Alex Agent took the ticket",
    note,
    "We refunded the duplicate charge.",
    answer,
    "Alex Agent changed status Open → Resolved",
  ].map((text) => steps.findIndex((step) => step.includes(text)));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));

  await checkPage(page, "ticket (agent)", {
    desktop: "ticket-agent-light",
    phone: "ticket-agent-phone-dark",
  });
  await signOut(page);

  // The requester sees it resolved; the note stays hidden.
  await signInAs(page, "requester");
  await checkPage(page, "my tickets", {
    desktop: "requester-my-tickets-resolved-light",
    phone: "requester-my-tickets-phone-dark",
  });
  await mine.getByRole("link", { name: title }).click();
  await expect(page.getByTitle("Status")).toHaveText("Resolved");
  await expect(page.getByText("This ticket is resolved.", { exact: false })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await checkPage(page, "ticket (requester)", {
    desktop: "ticket-requester-dark",
    phone: "ticket-requester-phone-light",
  });
});

test("a ticket one may not see is no such ticket", async ({ page }) => {
  await signInAs(page, "requester");
  await page.goto("/tickets/999999");
  await expect(page.getByRole("heading", { level: 1, name: "No such ticket" })).toBeVisible();
  await page.getByRole("link", { name: "Go to my tickets" }).click();
  await expect(page).toHaveURL(/\/my-tickets$/);
});
