import { Button, Link, Stack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/api-client";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useSignIn } from "../api/sign-in";

const FIELDS = ["email", "password"] as const;

export const TOO_MANY_ATTEMPTS = "Too many attempts, try again later.";

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const signIn = useSignIn();

  const throttled = signIn.error instanceof ApiError && signIn.error.status === 429;
  const errors = formErrors(throttled ? null : signIn.error, FIELDS);
  const errorFor = (field: (typeof FIELDS)[number]) => missing[field] ?? errors.field[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = {
      ...(!email.trim() && { email: "Enter your email address." }),
      ...(!password && { password: "Enter your password." }),
    };
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
  };

  return (
    <Stack gap="4" asChild>
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <FormAlert messages={throttled ? [TOO_MANY_ATTEMPTS] : errors.other} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          errorText={errorFor("email")}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          errorText={errorFor("password")}
          required
        />
        <Button
          type="submit"
          colorPalette="teal"
          loading={signIn.isPending}
          loadingText="Signing in"
        >
          Sign in
        </Button>
        <Link asChild colorPalette="teal" variant="underline" textStyle="sm" alignSelf="start">
          <RouterLink to="/reset-password">Forgot your password?</RouterLink>
        </Link>
      </form>
    </Stack>
  );
}
