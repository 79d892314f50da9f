import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { makeMe } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import { SignUpForm } from "./sign-up-form";

const SIGNUP = "POST /_allauth/browser/v1/auth/signup";

async function fillAndSubmit(user: Awaited<ReturnType<typeof renderWithProviders>>["user"]) {
  await user.type(screen.getByLabelText(/^Email/), "new@example.com");
  await user.type(screen.getByLabelText(/^Name/), "Nora New");
  await user.type(screen.getByLabelText(/^Password/), "short");
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("SignUpForm", () => {
  it("shows each of allauth's messages under its field", async () => {
    stubFetch({
      [SIGNUP]: () =>
        jsonResponse(
          {
            status: 400,
            errors: [
              {
                message: "This password is too short.",
                code: "password_too_short",
                param: "password",
              },
              {
                message: "A user is already registered with this email address.",
                code: "email_taken",
                param: "email",
              },
            ],
          },
          400,
        ),
    });
    const { user } = await renderWithProviders(<SignUpForm onSignedUp={vi.fn()} />);

    await fillAndSubmit(user);

    expect(await screen.findByText("This password is too short.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^Email/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^Name/)).not.toHaveAttribute("aria-invalid");
  });

  it("says sign-up is closed when the server refuses (403)", async () => {
    stubFetch({ [SIGNUP]: () => jsonResponse({ status: 403 }, 403) });
    const { user } = await renderWithProviders(<SignUpForm onSignedUp={vi.fn()} />);

    await fillAndSubmit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent("Sign-up is closed");
  });

  it("signs the new requester in and hands them over", async () => {
    const nora = makeMe({ id: 9, name: "Nora New", role: "requester" });
    stubFetch({
      [SIGNUP]: () => jsonResponse({ status: 200, data: {}, meta: { is_authenticated: true } }),
      "GET /api/me/": () => jsonResponse(nora),
    });
    const onSignedUp = vi.fn();
    const { user } = await renderWithProviders(<SignUpForm onSignedUp={onSignedUp} />);

    await fillAndSubmit(user);

    await vi.waitFor(() => expect(onSignedUp).toHaveBeenCalledWith(nora));
  });
});
