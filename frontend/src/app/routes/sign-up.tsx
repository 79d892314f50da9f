import { Link } from "@chakra-ui/react";
import { getRouteApi, Link as RouterLink, useRouter } from "@tanstack/react-router";
import { FormAlert } from "@/components/ui/form-alert";
import { SignUpForm } from "@/features/auth/components/sign-up-form";
import { homePathFor } from "@/lib/session";
import { PublicShell } from "../public-shell";

const route = getRouteApi("/public/sign-up");

export function SignUpPage() {
  const { config } = route.useRouteContext();
  const router = useRouter();
  return (
    <PublicShell
      title="Create an account"
      description="Submit tickets and follow them to the end."
      footer={
        <>
          Have an account?{" "}
          <Link asChild colorPalette="teal" variant="underline">
            <RouterLink to="/sign-in">Sign in</RouterLink>
          </Link>
        </>
      }
    >
      {config.signup_open ? (
        <SignUpForm onSignedUp={(me) => router.history.push(homePathFor(me.role))} />
      ) : (
        <FormAlert status="info" title="Sign-up is closed" messages={[]}>
          Ask an administrator of this desk for an invitation.
        </FormAlert>
      )}
    </PublicShell>
  );
}
