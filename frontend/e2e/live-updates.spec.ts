import { apiAs, expect, signInAs, test } from "./fixtures.ts";

// Without the stream the console refreshes every 10 s: a row within 3 s came by it.
const LIVE_WITHIN_MS = 3000;

test("a ticket filed elsewhere shows on an agent's open console at once, with no reload", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, "agent");
  const indicator = page.getByTestId("live-indicator");
  await expect(indicator).toHaveText(/Live/);

  const title = `Live sample ${Date.now()}: the VPN drops every hour`;
  const requester = await apiAs(request, "requester");
  const filed = await requester.post("/api/tickets/", {
    title,
    description: "Since Monday the VPN disconnects every hour and I lose my session.",
  });
  expect(filed.status()).toBe(201);

  const row = page.getByRole("region", { name: "Tickets" }).locator("tbody tr", { hasText: title });
  await expect(row).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await page.screenshot({ path: "e2e/screenshots/console-live.png" });
});
