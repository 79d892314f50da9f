import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { ApiToken } from "@/types/api";
import { MyTokens } from "./my-tokens";

const SECRET = "sd_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

function makeToken(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: 1,
    name: "Nightly export",
    prefix: "sd_live_9f8e",
    created_at: new Date(Date.now() - 3_600_000).toISOString(),
    last_used_at: null,
    ...overrides,
  };
}

function stubTokens(initial: ApiToken[]) {
  let tokens = [...initial];
  return stubFetch({
    "GET /api/me/tokens/": () => jsonResponse(tokens),
    "POST /api/me/tokens/": ({ body }) => {
      const token = makeToken({ id: 9, name: (body as { name: string }).name });
      tokens = [...tokens, token];
      return jsonResponse({ ...token, token: SECRET }, 201);
    },
    "DELETE /api/me/tokens/1/": () => {
      tokens = tokens.filter((t) => t.id !== 1);
      return new Response(null, { status: 204 });
    },
  });
}

describe("MyTokens", () => {
  it("shows a new token's secret once, with a copy button, and never again", async () => {
    stubTokens([]);
    const { user } = await renderWithProviders(<MyTokens />);

    await user.type(await screen.findByLabelText("Token name"), "CI deploy");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    const secret = await screen.findByRole("region", { name: /Token “CI deploy” created/ });
    expect(secret).toHaveFocus();
    expect(within(secret).getByTestId("new-token-secret")).toHaveTextContent(SECRET);
    expect(secret).toHaveTextContent("you won't see it again");
    expect(within(secret).getByRole("button", { name: /Copy/ })).toBeInTheDocument();
    // The list shows only the prefix.
    const table = await screen.findByRole("table", { name: "Your API tokens" });
    await waitFor(() => expect(within(table).getByText("CI deploy")).toBeInTheDocument());
    expect(table).not.toHaveTextContent(SECRET);

    await user.click(within(secret).getByRole("button", { name: "I have copied it" }));

    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Token name")).toHaveValue("");
    await waitFor(() => expect(screen.getByLabelText("Token name")).toHaveFocus());
  });

  it("lists name, prefix and last use, and revokes only after a confirmation", async () => {
    const api = stubTokens([
      makeToken(),
      makeToken({ id: 2, name: "Laptop", last_used_at: new Date().toISOString() }),
    ]);
    const { user } = await renderWithProviders(<MyTokens />);

    const table = await screen.findByRole("table", { name: "Your API tokens" });
    const row = within(table).getByText("Nightly export").closest("tr") as HTMLElement;
    expect(row).toHaveTextContent("sd_live_9f8e…");
    expect(row).toHaveTextContent("Never");

    await user.click(within(row).getByRole("button", { name: "Revoke Nightly export" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Revoke “Nightly export”?" });
    expect(api.to("DELETE", "/api/me/tokens/1/")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Revoke token" }));

    await waitFor(() =>
      expect(within(table).queryByText("Nightly export")).not.toBeInTheDocument(),
    );
    expect(api.to("DELETE", "/api/me/tokens/1/")).toHaveLength(1);
    expect(within(table).getByText("Laptop")).toBeInTheDocument();
  });
});
