import { useRouter } from "@tanstack/react-router";
import { SetupForm } from "@/features/auth/components/setup-form";
import { homePathFor } from "@/lib/session";
import { PublicShell } from "../public-shell";

export function SetupPage() {
  const router = useRouter();
  return (
    <PublicShell
      title="Create the administrator account"
      description="This desk has no accounts yet. The first one administers it: invites agents and requesters and decides who may sign up."
    >
      <SetupForm onCreated={(me) => router.history.push(homePathFor(me.role))} />
    </PublicShell>
  );
}
