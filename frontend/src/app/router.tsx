import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
  redirect,
} from "@tanstack/react-router";
import { type AppPath, mayOpen } from "@/config/navigation";
import { configQueryOptions, homePathFor, meQueryOptions, safeNextPath } from "@/lib/session";
import { type Me, SCORED_BACKENDS, type ScoredBackend } from "@/types/api";
import { AppLayout } from "./routes/app-layout";
import { NotFoundPage } from "./routes/not-found";
import { RootErrorPage, RootLayout } from "./routes/root-layout";

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // The site's state decides where anyone may go; asking for it also sets the CSRF cookie.
  beforeLoad: async ({ context }) => ({
    config: await context.queryClient.ensureQueryData(configQueryOptions()),
  }),
  component: RootLayout,
  errorComponent: RootErrorPage,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: async ({ context }) => {
    if (context.config.setup_needed) {
      throw redirect({ to: "/setup" });
    }
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    throw redirect({ to: me ? homePathFor(me.role) : "/sign-in" });
  },
});

// The way in: only for people who are not signed in, and only once the desk is set up.
const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "public",
});

const signInSearch = (search: Record<string, unknown>): { next?: string } => {
  const next = safeNextPath(search.next);
  return next ? { next } : {};
};

async function leaveIfSignedIn(
  context: RouterContext & { config: { setup_needed: boolean } },
  next?: string,
) {
  if (context.config.setup_needed) {
    throw redirect({ to: "/setup" });
  }
  const me = await context.queryClient.ensureQueryData(meQueryOptions());
  if (me) {
    throw redirect({ href: next ?? homePathFor(me.role) });
  }
}

const signInRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "sign-in",
  validateSearch: signInSearch,
  beforeLoad: ({ context, search }) => leaveIfSignedIn(context, search.next),
  component: lazyRouteComponent(() => import("./routes/sign-in"), "SignInPage"),
});

const signUpRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "sign-up",
  beforeLoad: ({ context }) => leaveIfSignedIn(context),
  component: lazyRouteComponent(() => import("./routes/sign-up"), "SignUpPage"),
});

const setupRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "setup",
  beforeLoad: ({ context }) => {
    // Once an administrator exists, this page is gone for good.
    if (!context.config.setup_needed) {
      throw redirect({ to: "/sign-in" });
    }
  },
  component: lazyRouteComponent(() => import("./routes/setup"), "SetupPage"),
});

const requestResetRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "reset-password",
  component: lazyRouteComponent(() => import("./routes/reset-password"), "RequestResetPage"),
});

const setPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "reset-password/$key",
  component: lazyRouteComponent(() => import("./routes/reset-password"), "SetPasswordPage"),
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "verify-email/$key",
  component: lazyRouteComponent(() => import("./routes/verify-email"), "VerifyEmailPage"),
});

// Signed in: a deep link from someone signed out goes to sign-in and comes back after.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }): Promise<{ me: Me }> => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (!me) {
      throw redirect({ to: "/sign-in", search: { next: location.href } });
    }
    return { me };
  },
  component: AppLayout,
});

/** Sends someone whose role may not use `path` to their own home page. */
function allowedOnly(path: AppPath) {
  return ({ context }: { context: { me: Me } }) => {
    if (!mayOpen(context.me.role, path)) {
      throw redirect({ to: homePathFor(context.me.role) });
    }
  };
}

const myTicketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "my-tickets",
  beforeLoad: allowedOnly("/my-tickets"),
  component: lazyRouteComponent(() => import("./routes/my-tickets"), "MyTicketsPage"),
});

const deskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "desk",
  beforeLoad: allowedOnly("/desk"),
  component: lazyRouteComponent(() => import("./routes/desk"), "DeskPage"),
});

const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "desk/new",
  beforeLoad: allowedOnly("/desk/new"),
  component: lazyRouteComponent(() => import("./routes/new-ticket"), "NewTicketPage"),
});

const statsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "stats",
  beforeLoad: allowedOnly("/stats"),
  component: lazyRouteComponent(() => import("./routes/stats"), "StatsPage"),
});

/** The classifier whose labels the page details; all of them together when absent. */
const accuracySearch = (search: Record<string, unknown>): { backend?: ScoredBackend } => {
  const backend = SCORED_BACKENDS.find((value) => value === search.backend);
  return backend && backend !== "all" ? { backend } : {};
};

const accuracyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "accuracy",
  validateSearch: accuracySearch,
  beforeLoad: allowedOnly("/accuracy"),
  component: lazyRouteComponent(() => import("./routes/accuracy"), "AccuracyPage"),
});

const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "people",
  beforeLoad: allowedOnly("/people"),
  component: lazyRouteComponent(() => import("./routes/people"), "PeoplePage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "account",
  beforeLoad: allowedOnly("/account"),
  component: lazyRouteComponent(() => import("./routes/account"), "AccountPage"),
});

// Any signed-in person: a requester asking for someone else's ticket gets a 404 from the API.
const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "tickets/$ticketId",
  component: lazyRouteComponent(() => import("./routes/ticket"), "TicketPage"),
});

export const routeTree = rootRoute.addChildren([
  indexRoute,
  publicRoute.addChildren([
    signInRoute,
    signUpRoute,
    setupRoute,
    requestResetRoute,
    setPasswordRoute,
    verifyEmailRoute,
  ]),
  appRoute.addChildren([
    myTicketsRoute,
    deskRoute,
    newTicketRoute,
    statsRoute,
    accuracyRoute,
    peopleRoute,
    accountRoute,
    ticketRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    history,
    context: { queryClient },
    defaultPreload: "intent",
    // The query cache decides freshness; the router only runs the guards.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
