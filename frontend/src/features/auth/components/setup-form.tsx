import { Button, Link, Stack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/api-client";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useCreateAdministrator } from "../api/setup";

const FIELDS = ["email", "name", "password"] as const;
type Field = (typeof FIELDS)[number];

export function SetupForm({ onCreated }: { onCreated: (me: Me) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({
    email: "",
    name: "",
    password: "",
  });
  const [missing, check] = useClientErrors<Field>();
  const create = useCreateAdministrator();
  const done = create.error instanceof ApiError && create.error.status === 403;
  const errors = formErrors(done ? null : create.error, FIELDS);
  const errorFor = (field: Field) => missing[field] ?? errors.field[field];
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  if (done) {
    return (
      <FormAlert status="info" title="This desk already has an administrator" messages={[]}>
        <Link asChild colorPalette="teal" variant="underline">
          <RouterLink to="/sign-in">Sign in</RouterLink>
        </Link>
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
    create.mutate(
      { email: values.email.trim(), name: values.name.trim(), password: values.password },
      { onSuccess: onCreated },
    );
  };

  return (
    <Stack gap="4" asChild>
      <form onSubmit={submit} noValidate aria-label="Create the administrator account">
        <FormAlert messages={errors.other} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set("email")}
          errorText={errorFor("email")}
          required
          autoFocus
        />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          value={values.name}
          onChange={set("name")}
          errorText={errorFor("name")}
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
          loading={create.isPending}
          loadingText="Creating the account"
        >
          Create the administrator account
        </Button>
      </form>
    </Stack>
  );
}
