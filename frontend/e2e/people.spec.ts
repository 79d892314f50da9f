import { expect, openPage, signInAs, test } from "./fixtures.ts";

test("an admin invites someone, changes their role, deactivates and reactivates them", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await openPage(page, "People");

  const invite = page.getByRole("form", { name: "Invite someone" });
  const email = `new.agent.${Date.now()}@example.com`;
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill("Nina New");
  await invite.getByLabel("Role").selectOption("agent");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Nina New is invited")).toBeVisible();
  await expect(invite.getByLabel("Email")).toBeFocused();

  const people = page.getByRole("region", { name: "Everyone" });
  await people.getByLabel("Search").fill("Nina");
  const row = people.getByRole("row", { name: "Nina New" });
  await expect(row).toContainText(email);
  await expect(row.getByLabel("Role of Nina New")).toHaveValue("agent");
  await row.getByRole("button", { name: "Send sign-in link to Nina New" }).click();
  await expect(page.getByText(`Sign-in link sent to ${email}`)).toBeVisible();

  await row.getByLabel("Role of Nina New").selectOption("requester");
  await page
    .getByRole("alertdialog", { name: "Change the role of Nina New to Requester?" })
    .getByRole("button", { name: "Change role" })
    .click();
  await expect(page.getByText("Nina New is now requester")).toBeVisible();

  await row.getByRole("button", { name: "Deactivate Nina New" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await row.getByRole("button", { name: "Reactivate Nina New" }).click();
  await expect(row).not.toContainText("Deactivated");

  await row.getByRole("button", { name: "API tokens of Nina New" }).click();
  await expect(page.getByRole("dialog", { name: "API tokens of Nina New" })).toContainText(
    "No API tokens",
  );
  await page.keyboard.press("Escape");
});

test("an admin cannot change their own role or deactivate themselves", async ({ page }) => {
  await signInAs(page, "admin");
  await openPage(page, "People");
  const people = page.getByRole("region", { name: "Everyone" });
  await people.getByLabel("Search").fill("Ada");
  const why = "Another administrator can change your role or deactivate you.";
  await expect(people.getByLabel("Role of Ada Admin")).toBeDisabled();
  await expect(people.getByLabel("Role of Ada Admin")).toHaveAccessibleDescription(why);
  await expect(people.getByRole("button", { name: "Deactivate Ada Admin" })).toBeDisabled();
});

test("closing sign-up hides the link on the sign-in page", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await openPage(page, "People");
  const toggle = page.getByRole("checkbox", { name: "Requesters may sign up" });
  const visitor = await browser.newPage({ baseURL: test.info().project.use.baseURL });

  await toggle.check({ force: true });
  await expect(toggle).toBeChecked();
  await visitor.goto("/");
  await expect(visitor.getByRole("link", { name: "Create an account" })).toBeVisible();

  await toggle.uncheck({ force: true });
  await expect(toggle).not.toBeChecked();
  await visitor.goto("/");
  await expect(visitor.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  await visitor.close();
});
