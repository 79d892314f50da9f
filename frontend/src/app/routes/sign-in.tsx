import { Link, Stack } from "@chakra-ui/react";
import { getRouteApi, Link as RouterLink, useRouter } from "@tanstack/react-router";
import { DemoSignIn } from "@/features/auth/components/demo-sign-in";
import { SignInForm } from "@/features/auth/components/sign-in-form";
import { homePathFor } from "@/lib/session";
import type { Me } from "@/types/api";
import { PublicShell } from "../public-shell";

const route = getRouteApi("/public/sign-in");

export function SignInPage() {
  const { next } = route.useSearch();
  const { config } = route.useRouteContext();
  const router = useRouter();
  const goOn = (me: Me) => router.history.push(next ?? homePathFor(me.role));

  return (
    <PublicShell
      title="Sign in"
      description={next ? "Sign in to open that page." : "Welcome back to the support desk."}
      footer={
        config.signup_open ? (
          <>
            New here?{" "}
            <Link asChild colorPalette="teal" variant="underline">
              <RouterLink to="/sign-up">Create an account</RouterLink>
            </Link>
          </>
        ) : undefined
      }
    >
      <Stack gap="5">
        {config.demo && <DemoSignIn onSignedIn={goOn} />}
        <SignInForm onSignedIn={goOn} />
      </Stack>
    </PublicShell>
  );
}
