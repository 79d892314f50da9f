import { Button, Stack } from "@chakra-ui/react";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/api-client";
import { formErrors } from "@/lib/form-errors";
import { useRequestPasswordReset } from "../api/password-reset";

export function RequestResetForm() {
  const [email, setEmail] = useState("");
  const [missing, setMissing] = useState<string | undefined>();
  const request = useRequestPasswordReset();
  const throttled = request.error instanceof ApiError && request.error.status === 429;
  const errors = formErrors(throttled ? null : request.error, ["email"]);

  if (request.isSuccess) {
    return (
      <FormAlert status="success" title="Check your email" messages={[]}>
        If an account uses {email}, a link to choose a new password is on its way.
      </FormAlert>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setMissing("Enter your email address.");
      return;
    }
    setMissing(undefined);
    request.mutate(email.trim());
  };

  return (
    <Stack gap="4" asChild>
      <form onSubmit={submit} noValidate aria-label="Reset your password">
        <FormAlert messages={throttled ? ["Too many attempts, try again later."] : errors.other} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          errorText={missing ?? errors.field.email}
          helperText="We will send a link to choose a new password."
          required
        />
        <Button type="submit" colorPalette="teal" loading={request.isPending} loadingText="Sending">
          Send the link
        </Button>
      </form>
    </Stack>
  );
}
