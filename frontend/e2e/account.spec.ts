import { expect, openPage, signInAs, test } from "./fixtures.ts";

test("an API token is shown once, works, and can be revoked", async ({ page, request }) => {
  await signInAs(page, "agent");
  await openPage(page, "My account");

  await page.getByLabel("Token name").fill("E2E script");
  await page.getByRole("button", { name: "Create token" }).click();
  const created = page.getByRole("region", { name: /Token “E2E script” created/ });
  await expect(created).toBeFocused();
  await expect(created).toContainText("you won't see it again");
  const secret = (await created.getByTestId("new-token-secret").textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(20);

  // The secret is a working credential for scripts.
  const asScript = await request.get("/api/me/", {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(asScript.status()).toBe(200);

  await created.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByLabel("Token name")).toBeFocused();

  const table = page.getByRole("table", { name: "Your API tokens" });
  const row = table.getByRole("row", { name: /E2E script/ });
  await expect(row).toContainText(secret.slice(0, 6));
  await row.getByRole("button", { name: "Revoke E2E script" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toHaveCount(0);

  const revoked = await request.get("/api/me/", { headers: { Authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
});

test("a new display name shows in the header at once", async ({ page }) => {
  await signInAs(page, "requester");
  await openPage(page, "My account");
  const name = page.getByLabel("Display name");
  await name.fill("Rita R.");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("user-menu")).toHaveAccessibleName(/^Rita R\.\s*Requester$/);
  await name.fill("Rita Requester");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("user-menu")).toHaveAccessibleName(/^Rita Requester\s*Requester$/);
});

test("a wrong current password is reported under its field", async ({ page }) => {
  await signInAs(page, "requester");
  await openPage(page, "My account");
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-the-password");
  await form.getByLabel(/^New password/).fill("a-new-long-password-1");
  await form.getByLabel("Repeat the new password").fill("a-new-long-password-1");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
});
