import {
  apiAs,
  expect,
  expectAccessibleInBothSchemes,
  setScheme,
  signInAs,
  signOut,
  test,
} from "./fixtures.ts";

// The keyword rules find no cue in this text, so they answer with a low confidence.
const VAGUE = { title: "Hello there", description: "Something about my thing is odd." };

/**
 * Tickets an agent files with both labels: their labels count as confirmed, so the report
 * has something to measure (the demo's tickets were labelled before confirmations were
 * recorded). Some agree with the keyword rules, some do not.
 */
const CONFIRMED = [
  [
    "Refund for a double charge",
    "I was charged twice, please refund the invoice.",
    "billing",
    "high",
  ],
  [
    "Site down for everyone",
    "The site is down with errors since the deploy, urgent.",
    "technical",
    "critical",
  ],
  [
    "Cannot log in",
    "The password reset email never arrives, I cannot log in.",
    "account",
    "medium",
  ],
  [
    "Discount for schools?",
    "Do you offer a discount for schools and universities?",
    "billing",
    "low",
  ],
  ["Export is slow", "The export takes ages but finishes in the end.", "technical", "low"],
  ["Change my username", "How do I change the name shown on my profile?", "account", "low"],
  [
    "Invoice address wrong",
    "The invoice shows our old address, please fix it.",
    "billing",
    "medium",
  ],
  ["Hello again", "Something about my thing is odd.", "general", "low"],
] as const;

test("an agent reads the accuracy report, passing axe in light and dark", async ({
  page,
  request,
}) => {
  const agent = await apiAs(request, "agent");
  for (const [title, description, category, priority] of CONFIRMED) {
    const filed = await agent.post("/api/tickets/", { title, description, category, priority });
    expect(filed.status()).toBe(201);
  }

  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInAs(page, "agent");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Accuracy" })
    .click();
  await expect(page).toHaveURL(/\/accuracy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Accuracy" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Learned model" })).toBeVisible();
  await expect(page.getByTestId("learned-model-status")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "By classifier" })).toBeVisible();
  await expect(page.getByTestId("confidence-threshold")).toContainText("%");
  await expect(
    page.getByRole("table", { name: /Category confusion, all classifiers/ }),
  ).toBeVisible();
  await expect(page.getByTestId("weekly-agreement")).toBeVisible();
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);

  await expectAccessibleInBothSchemes(page, "accuracy");
  await setScheme(page, "light");
  await page.screenshot({ path: "e2e/screenshots/accuracy-light.png", fullPage: true });
  await setScheme(page, "dark");
  await page.screenshot({ path: "e2e/screenshots/accuracy-dark.png", fullPage: true });
});

test("the accuracy page fits a phone, its link in the user menu", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signInAs(page, "agent");
  // The desk has loaded: nothing redraws the header while the menu is in use.
  await expect(page.getByTestId("queue-count-open")).toBeVisible();
  await page.getByTestId("user-menu").click();
  const item = page.getByRole("menuitem", { name: "Accuracy" });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page.getByRole("heading", { level: 1, name: "Accuracy" })).toBeVisible();
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: "e2e/screenshots/accuracy-phone-light.png", fullPage: true });
});

test("a requester has no Accuracy link and cannot open /accuracy", async ({ page, request }) => {
  await apiAs(request, "requester");
  expect((await request.get("/api/classifier/report/")).status()).toBe(403);

  await signInAs(page, "requester");
  await expect(page.getByRole("link", { name: "Accuracy" })).toHaveCount(0);
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: "Accuracy" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.goto("/accuracy");
  await expect(page).toHaveURL(/\/my-tickets$/);
  await expect(page.getByRole("heading", { level: 1, name: "Accuracy" })).toHaveCount(0);
});

test("an unsure suggestion leaves the labels to the person, and the ticket waits in Triage", async ({
  page,
  request,
}) => {
  const requester = await apiAs(request, "requester");
  const answer = await requester.post("/api/tickets/classify/", VAGUE);
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ backend: "rules", unsure: true });

  await signInAs(page, "requester");
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill(VAGUE.title);
  await form.getByLabel("Description").fill(VAGUE.description);
  await form.getByLabel("Description").blur();
  await expect(form.getByTestId("suggestion-source")).toHaveText(/^Keyword rules · \d+% sure$/);
  await expect(form.getByTestId("not-sure-hint")).toHaveCount(2);
  await expect(form.getByTestId("not-sure-hint").first()).toContainText("Not sure — please choose");
  await expect(form.getByLabel("Category")).toHaveValue("");
  await expect(form.getByLabel("Priority")).toHaveValue("");
  await expectAccessibleInBothSchemes(page, "unsure suggestion");
  await setScheme(page, "light");
  await form.screenshot({ path: "e2e/screenshots/submit-unsure-light.png" });
  await form.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();

  await signOut(page);
  await signInAs(page, "agent");
  const queues = page.getByRole("navigation", { name: "Queues" });
  const triage = queues.getByRole("link", { name: /Triage/ });
  await expect(triage).toBeVisible();
  await expect(page.getByTestId("queue-count-triage")).not.toHaveText("0");
  await triage.click();
  await expect(page).toHaveURL(/\/desk\?queue=triage$/);
  const row = page.getByRole("row", { name: VAGUE.title }).first();
  await expect(row.getByTestId("needs-triage")).toBeVisible();

  await row.getByRole("link", { name: new RegExp(VAGUE.title) }).click();
  const ai = page.getByTestId("ai-suggestion");
  await expect(ai.getByTestId("ai-needs-triage")).toBeVisible();
  await expect(ai.getByTestId("label-confirmation")).toContainText("Not confirmed yet");
  await ai.getByRole("button", { name: "Labels are right" }).click();
  await expect(ai.getByTestId("label-confirmation")).toContainText("Confirmed by you");
  await expect(ai.getByTestId("ai-needs-triage")).toHaveCount(0);
  await expect(ai.getByRole("button", { name: "Labels are right" })).toHaveCount(0);
});

test("typing a title like an existing ticket's lists it under Similar tickets", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await page.getByRole("link", { name: "New ticket" }).click();
  const form = page.getByRole("form", { name: "Submit a ticket" });
  await form.getByLabel("Title").fill("CSV export times out");
  const similar = form.getByTestId("similar-tickets");
  await expect(similar.getByRole("heading", { name: "Similar tickets" })).toBeVisible();
  const link = similar.getByRole("link", { name: /CSV export times out for large projects/ });
  await expect(link).toHaveAttribute("href", /^\/tickets\/\d+$/);
  await expect(similar).toContainText("In progress");
  await form.screenshot({ path: "e2e/screenshots/similar-tickets-light.png" });
});
