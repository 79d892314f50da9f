import type { QueryClient } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { toaster } from "@/components/ui/toaster";
import { onSignedOut } from "@/lib/api-client";
import { createQueryClient } from "@/lib/query-client";
import { sessionKeys } from "@/lib/query-keys";
import { endSession } from "@/lib/session";
import { AppProvider } from "./provider";
import { createAppRouter } from "./router";

type AppRouter = ReturnType<typeof createAppRouter>;

/**
 * A 401 while someone was signed in means the session is gone (expired, or ended in
 * another tab): forget them, and let the route guards send them to sign in and back.
 */
export function useSignedOutRedirect(queryClient: QueryClient, router: AppRouter) {
  useEffect(
    () =>
      onSignedOut(() => {
        if (!queryClient.getQueryData(sessionKeys.me)) {
          return;
        }
        endSession(queryClient);
        toaster.info({ title: "You were signed out", description: "Sign in to go on." });
        router.invalidate();
      }),
    [queryClient, router],
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));
  useSignedOutRedirect(queryClient, router);
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
