import { Button, Stack } from "@chakra-ui/react";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/api-client";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useSignUp } from "../api/sign-up";

const FIELDS = ["email", "name", "password"] as const;
type Field = (typeof FIELDS)[number];

type SignUpFormProps = {
  onSignedUp: (me: Me) => void;
};

export function SignUpForm({ onSignedUp }: SignUpFormProps) {
  const [values, setValues] = useState<Record<Field, string>>({
    email: "",
    name: "",
    password: "",
  });
  const [missing, check] = useClientErrors<Field>();
  const signUp = useSignUp();

  const closed = signUp.error instanceof ApiError && signUp.error.status === 403;
  const errors = formErrors(closed ? null : signUp.error, FIELDS);
  const errorFor = (field: Field) => missing[field] ?? errors.field[field];
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  if (signUp.isSuccess && signUp.data === null) {
    return (
      <FormAlert status="success" title="Check your email" messages={[]}>
        We sent a link to {values.email}. Open it to confirm your address, then sign in.
      </FormAlert>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = missingFields({
      email: [values.email.trim(), "Enter your email address."],
      name: [values.name.trim(), "Enter your name."],
      password: [values.password, "Choose a password."],
    });
    if (!check(required)) {
      return;
    }
    signUp.mutate(
      { email: values.email.trim(), name: values.name.trim(), password: values.password },
      {
        onSuccess: (me) => {
          if (me) {
            onSignedUp(me);
          }
        },
      },
    );
  };

  return (
    <Stack gap="4" asChild>
      <form onSubmit={submit} noValidate aria-label="Create an account">
        <FormAlert
          messages={
            closed ? ["Sign-up is closed. Ask an administrator for an invitation."] : errors.other
          }
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set("email")}
          errorText={errorFor("email")}
          required
        />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          value={values.name}
          onChange={set("name")}
          errorText={errorFor("name")}
          helperText="How agents will see you."
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          errorText={errorFor("password")}
          required
        />
        <Button
          type="submit"
          colorPalette="teal"
          loading={signUp.isPending}
          loadingText="Creating the account"
        >
          Create account
        </Button>
      </form>
    </Stack>
  );
}
