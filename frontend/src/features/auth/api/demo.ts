import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { startSession } from "@/lib/session";
import type { DemoPerson, Me } from "@/types/api";

export function getDemoPeople(signal?: AbortSignal): Promise<DemoPerson[]> {
  return apiRequest<DemoPerson[]>("/api/demo/people/", { signal });
}

export function getDemoPeopleQueryOptions() {
  return queryOptions({
    queryKey: ["demo-people"],
    queryFn: ({ signal }) => getDemoPeople(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDemoPeople({ enabled }: { enabled: boolean }) {
  return useQuery({ ...getDemoPeopleQueryOptions(), enabled });
}

export function demoSignIn(userId: number): Promise<Me> {
  return apiRequest<Me>("/api/demo/sign-in/", { method: "POST", body: { user_id: userId } });
}

export function useDemoSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: demoSignIn,
    onSuccess: (me) => startSession(queryClient, me),
  });
}
