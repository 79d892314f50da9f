import { Outlet } from "@tanstack/react-router";
import { useCurrentUser } from "@/lib/session";
import { AppShell } from "../app-shell";
import { LiveUpdates } from "../live-updates";

export function AppLayout() {
  const me = useCurrentUser();
  // Null only between a 401 and the redirect to sign-in that follows it.
  if (!me) {
    return null;
  }
  return (
    <LiveUpdates me={me}>
      <AppShell me={me}>
        <Outlet />
      </AppShell>
    </LiveUpdates>
  );
}
