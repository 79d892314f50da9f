import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { makeMe } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import { DEACTIVATED } from "../api/sign-in";
import { SignInForm } from "./sign-in-form";

const LOGIN = "POST /_allauth/browser/v1/auth/login";

function allauthError(status: number, errors: { message: string; code: string; param?: string }[]) {
  return jsonResponse({ status, errors }, status);
}

async function fillAndSubmit(user: Awaited<ReturnType<typeof renderWithProviders>>["user"]) {
  await user.type(screen.getByLabelText(/^Email/), "ada@example.com");
  await user.type(screen.getByLabelText(/^Password/), "wrong");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("SignInForm", () => {
  it("shows allauth's message under the field it names", async () => {
    stubFetch({
      [LOGIN]: () =>
        allauthError(400, [
          {
            message: "The email address and/or password you specified are not correct.",
            code: "email_password_mismatch",
            param: "password",
          },
        ]),
    });
    const { user } = await renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await fillAndSubmit(user);

    const message = await screen.findByText(/password you specified are not correct/);
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute("aria-errormessage", message.id);
    expect(screen.getByLabelText(/^Email/)).not.toHaveAttribute("aria-invalid");
  });

  it("says to wait when there were too many attempts (429)", async () => {
    stubFetch({
      [LOGIN]: () => allauthError(429, [{ message: "Too many", code: "too_many_login_attempts" }]),
    });
    const { user } = await renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await fillAndSubmit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many attempts, try again later.",
    );
  });

  it("says a deactivated account is deactivated, above the form", async () => {
    // What allauth answers the right password of a deactivated account.
    stubFetch({
      [LOGIN]: () =>
        jsonResponse({ status: 401, data: { flows: [] }, meta: { is_authenticated: false } }, 401),
    });
    const { user } = await renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await fillAndSubmit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent(DEACTIVATED);
  });

  it("asks for what is missing without calling the server", async () => {
    const api = stubFetch({});
    const { user } = await renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(screen.getByText("Enter your email address.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it("hands over the person the API says signed in", async () => {
    const ada = makeMe();
    const api = stubFetch({
      [LOGIN]: () => jsonResponse({ status: 200, data: {}, meta: { is_authenticated: true } }),
      "GET /api/me/": () => jsonResponse(ada),
    });
    const onSignedIn = vi.fn();
    const { user } = await renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);

    await fillAndSubmit(user);

    await vi.waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith(ada, expect.anything(), undefined, expect.anything()),
    );
    expect(api.to("POST", "/_allauth/browser/v1/auth/login")[0].body).toEqual({
      email: "ada@example.com",
      password: "wrong",
    });
  });
});
