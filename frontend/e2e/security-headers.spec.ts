import { expect, signInAs, test } from "./fixtures.ts";

const POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** A policy as directive → sources, so that order and spacing do not matter. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

test("the UI comes with its Content-Security-Policy and may not be framed", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  // scripts/run serves the live-updates stream on a port of its own: the one other
  // origin the UI may connect to.
  const config = await (await page.request.get("/api/config/")).json();
  const stream = new URL(config.events_url, page.url()).origin;
  const connect = stream === new URL(page.url()).origin ? ["'self'"] : ["'self'", stream];

  expect(directives(headers["content-security-policy"] ?? "")).toEqual({
    ...POLICY,
    "connect-src": connect,
  });
  expect(headers["x-frame-options"]).toBe("DENY");
  // The fixture fails the test if anything the page needs was refused.
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await signInAs(page, "admin");
  await expect(
    page.getByRole("region", { name: "Tickets" }).locator("tbody tr").first(),
  ).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" }).click();
  await expect(page.getByRole("figure", { name: "By priority" })).toBeVisible();
  await page.goto("/desk/new");
  await expect(page.getByRole("form", { name: "Submit a ticket" })).toBeVisible();
});
