import { Link } from "@chakra-ui/react";
import { getRouteApi, Link as RouterLink, useRouter } from "@tanstack/react-router";
import { RequestResetForm } from "@/features/auth/components/request-reset-form";
import { SetPasswordForm } from "@/features/auth/components/set-password-form";
import { homePathFor } from "@/lib/session";
import { PublicShell } from "../public-shell";

const backToSignIn = (
  <Link asChild colorPalette="teal" variant="underline">
    <RouterLink to="/sign-in">Back to sign in</RouterLink>
  </Link>
);

export function RequestResetPage() {
  return (
    <PublicShell title="Reset your password" footer={backToSignIn}>
      <RequestResetForm />
    </PublicShell>
  );
}

const setPasswordRoute = getRouteApi("/public/reset-password/$key");

/** Where both a reset mail and an invitation lead. */
export function SetPasswordPage() {
  const { key } = setPasswordRoute.useParams();
  const router = useRouter();
  return (
    <PublicShell
      title="Choose your password"
      description="You will be signed in with it right away."
      footer={backToSignIn}
    >
      <SetPasswordForm
        resetKey={key}
        onSignedIn={(me) => router.history.push(homePathFor(me.role))}
      />
    </PublicShell>
  );
}
