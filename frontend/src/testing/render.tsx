import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { Provider } from "@/components/ui/provider";

/** Renders `ui` as the app would, starting at `url` (path and query string). */
export function renderWithProviders(ui: ReactElement, { url = "/" }: { url?: string } = {}) {
  window.history.replaceState(null, "", url);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Provider>{ui}</Provider>
    </QueryClientProvider>,
  );
  return {
    ...result,
    queryClient,
    // user-event pauses between keystrokes on the tests' fake clock too.
    user: userEvent.setup({ advanceTimers: vi.advanceTimersByTime }),
  };
}
