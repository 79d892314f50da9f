import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeMe, makePage, makeReport, makeStats, makeTicket } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { createTestQueryClient } from "@/testing/render";
import type { Me, SiteConfig } from "@/types/api";
import { useSignedOutRedirect } from "./index";
import { AppProvider } from "./provider";
import { createAppRouter } from "./router";

const CONFIG: SiteConfig = {
  setup_needed: false,
  signup_open: true,
  demo: false,
  events_url: "/api/events/",
};
const notSignedIn = () =>
  jsonResponse(
    {
      type: "client_error",
      errors: [{ code: "not_authenticated", detail: "Sign in first.", attr: null }],
    },
    401,
  );

type Backend = {
  config?: Partial<SiteConfig>;
  me?: Me | null;
  routes?: Parameters<typeof stubFetch>[0];
};

/** The whole app at `url`, on a memory history, against a stubbed backend. */
function renderApp(url: string, { config = {}, me = null, routes = {} }: Backend = {}) {
  let signedIn = me;
  const api = stubFetch({
    "GET /api/config/": () => jsonResponse({ ...CONFIG, ...config }),
    "GET /api/me/": () => (signedIn ? jsonResponse(signedIn) : notSignedIn()),
    "GET /api/tickets/": () => jsonResponse(makePage([])),
    "GET /api/tickets/stats/": () => jsonResponse(makeStats()),
    "GET /api/classifier/report/": () => jsonResponse(makeReport()),
    "GET /api/tickets/queues/": () =>
      jsonResponse({ mine: 0, unassigned: 0, triage: 0, open: 0, resolved_recently: 0, all: 0 }),
    "GET /api/users/": () => jsonResponse({ next: null, previous: null, results: [] }),
    "GET /api/settings/": () => jsonResponse({ signup_open: true }),
    "GET /api/me/tokens/": () => jsonResponse([]),
    ...routes,
  });
  const queryClient = createTestQueryClient();
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [url] }));
  function App() {
    useSignedOutRedirect(queryClient, router);
    return <RouterProvider router={router} />;
  }
  render(
    <AppProvider queryClient={queryClient}>
      <App />
    </AppProvider>,
  );
  const path = () => `${router.state.location.pathname}${router.state.location.searchStr}`;
  return {
    api,
    router,
    path,
    signIn: (person: Me) => {
      signedIn = person;
    },
    signOut: () => {
      signedIn = null;
    },
  };
}

// Route pages are separate chunks: real time, so their modules can load.
beforeEach(() => {
  vi.useRealTimers();
});

describe("route guards", () => {
  it("sends someone signed out from a deep link to sign in, and back after", async () => {
    const ada = makeMe();
    const app = renderApp("/people?x=1", {
      routes: {
        "POST /_allauth/browser/v1/auth/login": () => {
          app.signIn(ada);
          return jsonResponse({ status: 200, data: {}, meta: { is_authenticated: true } });
        },
      },
    });

    await waitFor(() => expect(app.path()).toBe("/sign-in?next=%2Fpeople%3Fx%3D1"));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Email/), "ada@example.com");
    await user.type(screen.getByLabelText(/^Password/), "secret");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { level: 1, name: "People" })).toBeInTheDocument();
    expect(app.path()).toBe("/people?x=1");
  });

  it("sends a requester who opens the desk to their own tickets", async () => {
    const app = renderApp("/desk", { me: makeMe({ role: "requester", name: "Rita" }) });

    expect(await screen.findByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
    expect(app.path()).toBe("/my-tickets");
  });

  it.each(["/stats", "/accuracy", "/desk/new"])(
    "sends a requester who opens %s to their own tickets",
    async (path) => {
      const app = renderApp(path, { me: makeMe({ role: "requester", name: "Rita" }) });

      expect(await screen.findByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
      expect(app.path()).toBe("/my-tickets");
    },
  );

  it.each([
    ["agent", "/stats", "Stats"],
    ["admin", "/stats", "Stats"],
    ["agent", "/accuracy", "Accuracy"],
    ["admin", "/accuracy", "Accuracy"],
    ["agent", "/desk/new", "New ticket"],
    ["admin", "/desk/new", "New ticket"],
  ] as const)("opens %s's %s", async (role, path, heading) => {
    const app = renderApp(path, { me: makeMe({ role }) });

    expect(await screen.findByRole("heading", { level: 1, name: heading })).toBeVisible();
    expect(app.path()).toBe(path);
  });

  it("keeps the accuracy page's classifier in the address", async () => {
    const app = renderApp("/accuracy?backend=learned", { me: makeMe({ role: "agent" }) });

    const select = await screen.findByLabelText("Classifier");
    expect(select).toHaveValue("learned");
    await userEvent.setup().selectOptions(select, "rules");
    await waitFor(() => expect(app.path()).toBe("/accuracy?backend=rules"));
    await userEvent.setup().selectOptions(select, "all");
    await waitFor(() => expect(app.path()).toBe("/accuracy"));
  });

  it("sends an agent who opens People to the desk, and shows only the agent's pages", async () => {
    const app = renderApp("/people", { me: makeMe({ role: "agent", name: "Alan Agent" }) });

    expect(await screen.findByRole("heading", { level: 1, name: "Desk" })).toBeVisible();
    expect(app.path()).toBe("/desk");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(Array.from(nav.querySelectorAll("a"), (a) => a.textContent)).toEqual([
      "Desk",
      "Stats",
      "Accuracy",
    ]);
  });

  it("shows an admin the desk and People", async () => {
    renderApp("/", { me: makeMe() });

    expect(await screen.findByRole("heading", { level: 1, name: "Desk" })).toBeVisible();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(Array.from(nav.querySelectorAll("a"), (a) => a.textContent)).toEqual([
      "Desk",
      "Stats",
      "Accuracy",
      "People",
    ]);
  });

  it("lists every shortcut when ? is pressed, and starts the Tab order with a skip link", async () => {
    renderApp("/desk", { me: makeMe() });
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Desk" })).toBeVisible();

    await user.tab();
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveFocus();
    await user.keyboard("?");
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toHaveTextContent("Move to the next ticket");
    expect(dialog).toHaveTextContent("Write a reply");
    expect(within(dialog).getByText("Send the reply or note").parentElement).toHaveTextContent(
      "Ctrl+Enter/⌘+Enter",
    );
  });

  it("sends a signed-in person away from the sign-in page, to their home", async () => {
    const app = renderApp("/sign-in", { me: makeMe({ role: "requester" }) });

    await waitFor(() => expect(app.path()).toBe("/my-tickets"));
  });

  it("opens the first-run page while no administrator exists", async () => {
    const app = renderApp("/", { config: { setup_needed: true } });

    expect(
      await screen.findByRole("heading", { name: "Create the administrator account" }),
    ).toBeVisible();
    expect(app.path()).toBe("/setup");
  });

  it("has no first-run page once an administrator exists", async () => {
    const app = renderApp("/setup");

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    expect(app.path()).toBe("/sign-in");
  });

  it("goes to sign in, and back after, when the session ends while a page is open", async () => {
    const app = renderApp("/account", {
      me: makeMe(),
      routes: { "POST /api/me/tokens/": () => notSignedIn() },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Token name"), "CI");
    app.signOut();
    await user.click(screen.getByRole("button", { name: "Create token" }));

    await waitFor(() => expect(app.path()).toBe("/sign-in?next=%2Faccount"));
    expect(await screen.findByText("You were signed out")).toBeInTheDocument();
  });

  it("opens a ticket's own page for a requester, from a deep link", async () => {
    const rita = makeMe({ id: 7, name: "Rita Requester", role: "requester" });
    const app = renderApp("/tickets/5", {
      me: rita,
      routes: {
        "GET /api/tickets/5/": () => jsonResponse(makeTicket({ id: 5, title: "Cannot log in" })),
        "GET /api/tickets/5/comments/": () =>
          jsonResponse({ next: null, previous: null, results: [] }),
      },
    });

    expect(await screen.findByRole("heading", { level: 1, name: "Cannot log in" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Back to my tickets" })).toBeVisible();
    expect(app.path()).toBe("/tickets/5");
  });

  it("says there is no such ticket for an address that names none", async () => {
    renderApp("/tickets/not-a-number", { me: makeMe() });

    expect(await screen.findByRole("heading", { level: 1, name: "No such ticket" })).toBeVisible();
  });
});
