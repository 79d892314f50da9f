import { Button, Link, Stack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useResetPassword } from "../api/password-reset";

type SetPasswordFormProps = {
  resetKey: string;
  onSignedIn: (me: Me) => void;
};

/** The page a reset mail and an invitation both link to: choose a password, be signed in. */
export function SetPasswordForm({ resetKey, onSignedIn }: SetPasswordFormProps) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [clientErrors, check] = useClientErrors<"password" | "confirmation">();
  const reset = useResetPassword();
  const errors = formErrors(reset.error, ["password", "key"]);

  if (reset.isSuccess && reset.data === null) {
    return (
      <FormAlert status="success" title="Your password is set" messages={[]}>
        <Link asChild colorPalette="teal" variant="underline">
          <RouterLink to="/sign-in">Sign in with it</RouterLink>
        </Link>
      </FormAlert>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...missingFields({ password: [password, "Choose a password."] }),
      ...(password !== confirmation && { confirmation: "The two passwords differ." }),
    };
    if (!check(found)) {
      return;
    }
    reset.mutate(
      { key: resetKey, password },
      {
        onSuccess: (me) => {
          if (me) {
            onSignedIn(me);
          }
        },
      },
    );
  };

  return (
    <Stack gap="4" asChild>
      <form onSubmit={submit} noValidate aria-label="Choose your password">
        <FormAlert messages={errors.other} />
        {errors.field.key && (
          <FormAlert title="This link no longer works" messages={[errors.field.key]}>
            <Link asChild colorPalette="teal" variant="underline">
              <RouterLink to="/reset-password">Ask for a new link</RouterLink>
            </Link>
          </FormAlert>
        )}
        <NewPasswordFields
          name="password"
          label="New password"
          repeatLabel="Repeat the password"
          value={password}
          confirmation={confirmation}
          onChange={setPassword}
          onConfirmationChange={setConfirmation}
          errorText={clientErrors.password ?? errors.field.password}
          confirmationErrorText={clientErrors.confirmation}
        />
        <Button type="submit" colorPalette="teal" loading={reset.isPending} loadingText="Saving">
          Set password
        </Button>
      </form>
    </Stack>
  );
}
