import { Button, Card, Heading, Stack } from "@chakra-ui/react";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { TextField } from "@/components/ui/text-field";
import { toaster } from "@/components/ui/toaster";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import { useChangePassword } from "../api/change-password";

const FIELDS = ["current_password", "new_password"] as const;
type Field = (typeof FIELDS)[number] | "confirmation";

export function ChangePasswordForm() {
  const [values, setValues] = useState<Record<Field, string>>({
    current_password: "",
    new_password: "",
    confirmation: "",
  });
  const [clientErrors, check] = useClientErrors<Field>();
  const change = useChangePassword();
  const errors = formErrors(change.error, FIELDS);
  const errorFor = (field: Field) =>
    clientErrors[field] ?? (field === "confirmation" ? undefined : errors.field[field]);
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...missingFields({
        current_password: [values.current_password, "Enter your current password."],
        new_password: [values.new_password, "Choose a new password."],
      }),
      ...(values.new_password !== values.confirmation && {
        confirmation: "The two new passwords differ.",
      }),
    };
    if (!check(found)) {
      return;
    }
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          setValues({ current_password: "", new_password: "", confirmation: "" });
          toaster.success({ title: "Your password is changed" });
        },
      },
    );
  };

  return (
    <Card.Root as="section" size="sm" aria-labelledby="password-heading">
      <Card.Header>
        <Heading as="h2" size="md" id="password-heading">
          Password
        </Heading>
      </Card.Header>
      <Card.Body>
        <Stack gap="4" asChild>
          <form onSubmit={submit} noValidate aria-label="Change password">
            <FormAlert messages={errors.other} />
            {/* Lets password managers pair the new password with the account. */}
            <input type="text" name="username" autoComplete="username" hidden readOnly />
            <TextField
              label="Current password"
              name="current_password"
              type="password"
              autoComplete="current-password"
              value={values.current_password}
              onChange={set("current_password")}
              errorText={errorFor("current_password")}
              required
            />
            <NewPasswordFields
              name="new_password"
              label="New password"
              repeatLabel="Repeat the new password"
              value={values.new_password}
              confirmation={values.confirmation}
              onChange={set("new_password")}
              onConfirmationChange={set("confirmation")}
              errorText={errorFor("new_password")}
              confirmationErrorText={errorFor("confirmation")}
            />
            <Button
              type="submit"
              alignSelf="start"
              colorPalette="teal"
              loading={change.isPending}
              loadingText="Changing"
            >
              Change password
            </Button>
          </form>
        </Stack>
      </Card.Body>
    </Card.Root>
  );
}
