import { FRESH_PORT } from "../playwright.config.ts";
import { expect, expectAccessibleInBothSchemes, signOut, test } from "./fixtures.ts";

// A desk started without --demo and with an empty database.
test.use({ baseURL: `http://127.0.0.1:${FRESH_PORT}` });

const ADMIN = {
  email: "owner@example.com",
  name: "Olive Owner",
  password: "first-run-password-42",
};

test("the first visit creates the administrator, and then the setup page is gone", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Create the administrator account" }),
  ).toBeVisible();
  await expectAccessibleInBothSchemes(page, "setup");
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: "e2e/screenshots/setup-light.png", fullPage: true });

  const form = page.getByRole("form", { name: "Create the administrator account" });
  await form.getByLabel("Email").fill(ADMIN.email);
  await form.getByLabel("Name").fill(ADMIN.name);
  await form.getByLabel("Password").fill(ADMIN.password);
  await form.getByRole("button", { name: "Create the administrator account" }).click();

  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByTestId("user-menu")).toHaveAccessibleName(
    new RegExp(`^${ADMIN.name}\\s*Administrator`),
  );

  await page.goto("/setup");
  await expect(page).toHaveURL(/\/desk$/);

  // Signed out, the setup page sends people to sign in; no demo buttons here.
  await signOut(page);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);

  // Typed sign-in: a wrong password shows under the field, the right one goes in.
  const signIn = page.getByRole("form", { name: "Sign in" });
  await signIn.getByLabel("Email").fill(ADMIN.email);
  await signIn.getByLabel("Password").fill("wrong-password");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await signIn.getByLabel("Password").fill(ADMIN.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/desk$/);
});
