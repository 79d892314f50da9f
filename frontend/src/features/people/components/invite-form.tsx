import { Button, Card, Heading, Stack, Text } from "@chakra-ui/react";
import { type FormEvent, useRef, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { toaster } from "@/components/ui/toaster";
import { missingFields, useClientErrors } from "@/lib/client-errors";
import { formErrors } from "@/lib/form-errors";
import type { Role } from "@/types/api";
import { useInvitePerson } from "../api/invite-person";
import { ROLE_OPTIONS } from "../role-options";

const FIELDS = ["email", "name", "role"] as const;
type Field = (typeof FIELDS)[number];

export function InviteForm() {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("requester");
  const [missing, check] = useClientErrors<Field>();
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = useInvitePerson();
  const errors = formErrors(invite.error, FIELDS);
  const errorFor = (field: Field) => missing[field] ?? errors.field[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = missingFields({
      email: [email.trim(), "Enter their email address."],
      name: [name.trim(), "Enter their name."],
    });
    if (!check(required)) {
      return;
    }
    invite.mutate(
      { email: email.trim(), name: name.trim(), role },
      {
        onSuccess: (user) => {
          if (user.invitation_sent) {
            toaster.success({
              title: `${user.name} is invited`,
              description: `A link to choose a password went to ${user.email}.`,
            });
          } else {
            toaster.warning({
              title: `${user.name} has an account, but the mail did not go out`,
              description: "Send the sign-in link again from the list once mail works.",
            });
          }
          setEmail("");
          setName("");
          // Ready for the next invitation without reaching for the mouse.
          emailRef.current?.focus();
        },
      },
    );
  };

  return (
    <Card.Root as="section" size="sm" aria-labelledby="invite-heading">
      <Card.Header gap="1">
        <Heading as="h2" size="md" id="invite-heading">
          Invite someone
        </Heading>
        <Text textStyle="sm" color="fg.muted">
          They get an email with a link to choose their password.
        </Text>
      </Card.Header>
      <Card.Body>
        <Stack gap="3" asChild>
          <form onSubmit={submit} noValidate aria-label="Invite someone">
            <FormAlert messages={errors.other} />
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              errorText={errorFor("email")}
              inputRef={emailRef}
              required
            />
            <TextField
              label="Name"
              name="name"
              autoComplete="off"
              value={name}
              onChange={setName}
              errorText={errorFor("name")}
              required
            />
            <SelectField
              label="Role"
              name="role"
              value={role}
              options={ROLE_OPTIONS}
              onChange={setRole}
              errorText={errorFor("role")}
            />
            <Button
              type="submit"
              colorPalette="teal"
              alignSelf="start"
              loading={invite.isPending}
              loadingText="Inviting"
            >
              Send invitation
            </Button>
          </form>
        </Stack>
      </Card.Body>
    </Card.Root>
  );
}
