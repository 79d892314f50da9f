import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { Provider } from "@/components/ui/provider";
import { sessionKeys } from "@/lib/query-keys";
import type { Me } from "@/types/api";

export function createTestQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
}

/**
 * Renders `ui` as the app would, starting at `url` (path and query string), inside a
 * router whose every path shows `ui`, so links and URL-bound state work.
 */
export async function renderWithProviders(
  ui: ReactElement,
  { url = "/", me }: { url?: string; me?: Me } = {},
) {
  window.history.replaceState(null, "", url);
  const queryClient = createTestQueryClient();
  if (me) {
    queryClient.setQueryData(sessionKeys.me, me);
  }
  const rootRoute = createRootRoute();
  const anyPath = createRoute({ getParentRoute: () => rootRoute, path: "$", component: () => ui });
  const index = createRoute({ getParentRoute: () => rootRoute, path: "/", component: () => ui });
  const router = createRouter({
    routeTree: rootRoute.addChildren([index, anyPath]),
    history: createBrowserHistory(),
  });
  // Resolved before the first render, so the page is there as soon as this returns.
  await router.load();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Provider>
        <RouterProvider router={router} />
      </Provider>
    </QueryClientProvider>,
  );
  return {
    ...result,
    queryClient,
    router,
    // user-event pauses between keystrokes on the tests' fake clock too.
    user: userEvent.setup({ advanceTimers: vi.advanceTimersByTime }),
  };
}
