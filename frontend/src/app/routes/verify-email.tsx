import { getRouteApi, useRouter } from "@tanstack/react-router";
import { VerifyEmail } from "@/features/auth/components/verify-email";
import { homePathFor } from "@/lib/session";
import { PublicShell } from "../public-shell";

const route = getRouteApi("/public/verify-email/$key");

export function VerifyEmailPage() {
  const { key } = route.useParams();
  const router = useRouter();
  return (
    <PublicShell title="Confirm your email address">
      <VerifyEmail
        verificationKey={key}
        onSignedIn={(me) => router.history.push(homePathFor(me.role))}
      />
    </PublicShell>
  );
}
