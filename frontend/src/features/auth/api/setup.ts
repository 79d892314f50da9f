import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiRequest } from "@/lib/api-client";
import { sessionKeys } from "@/lib/query-keys";
import { startSession } from "@/lib/session";
import type { Me, SetupInput, SiteConfig } from "@/types/api";

/** Creates the first administrator, who is signed in by the answer. */
export function createAdministrator(input: SetupInput): Promise<Me> {
  return apiRequest<Me>("/api/setup/", { method: "POST", body: input });
}

export function useCreateAdministrator() {
  const queryClient = useQueryClient();
  const setupDone = () =>
    queryClient.setQueryData<SiteConfig>(sessionKeys.config, (config) =>
      config ? { ...config, setup_needed: false } : config,
    );
  return useMutation({
    mutationFn: createAdministrator,
    onSuccess: (me) => {
      setupDone();
      startSession(queryClient, me);
    },
    onError: (error) => {
      // 403: an administrator exists (made meanwhile, elsewhere); the setup is over.
      if (error instanceof ApiError && error.status === 403) {
        setupDone();
      }
    },
  });
}
