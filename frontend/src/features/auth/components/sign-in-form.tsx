import { Button, Link, Stack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/api-client";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useSignIn } from "../api/sign-in";

const FIELDS = ["email", "password"] as const;
type Field = (typeof FIELDS)[number];

export const TOO_MANY_ATTEMPTS = "Too many attempts, try again later.";

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, check] = useClientErrors<Field>();
  const signIn = useSignIn();

  const throttled = signIn.error instanceof ApiError && signIn.error.status === 429;
  const errors = formErrors(throttled ? null : signIn.error, FIELDS);
  const errorFor = (field: Field) => missing[field] ?? errors.field[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = missingFields({
      email: [email.trim(), "Enter your email address."],
      password: [password, "Enter your password."],
    });
    if (!check(required)) {
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
