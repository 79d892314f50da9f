import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { sessionKeys, settingsKeys } from "@/lib/query-keys";
import type { SiteSettings } from "@/types/api";

export function getSettings(signal?: AbortSignal): Promise<SiteSettings> {
  return apiRequest<SiteSettings>("/api/settings/", { signal });
}

export function getSettingsQueryOptions() {
  return queryOptions({ queryKey: settingsKeys.all, queryFn: ({ signal }) => getSettings(signal) });
}

export function useSettings() {
  return useQuery(getSettingsQueryOptions());
}

export function updateSettings(changes: Partial<SiteSettings>): Promise<SiteSettings> {
  return apiRequest<SiteSettings>("/api/settings/", { method: "PATCH", body: changes });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.all, settings);
      // The sign-in page reads "signup_open" from the public config.
      return queryClient.invalidateQueries({ queryKey: sessionKeys.config });
    },
  });
}
