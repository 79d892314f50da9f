import { Button, Card, Heading, Stack } from "@chakra-ui/react";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { toaster } from "@/components/ui/toaster";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useUpdateProfile } from "../api/update-profile";

export function ProfileForm({ me }: { me: Me }) {
  const [name, setName] = useState(me.name);
  const [missing, setMissing] = useState<string | undefined>();
  const update = useUpdateProfile();
  const errors = formErrors(update.error, ["name"]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing("Enter the name others should see.");
      return;
    }
    setMissing(undefined);
    update.mutate(
      { name: name.trim() },
      { onSuccess: () => toaster.success({ title: "Your name is saved" }) },
    );
  };

  return (
    <Card.Root as="section" size="sm" aria-labelledby="profile-heading">
      <Card.Header>
        <Heading as="h2" size="md" id="profile-heading">
          Profile
        </Heading>
      </Card.Header>
      <Card.Body>
        <Stack gap="4" asChild>
          <form onSubmit={submit} noValidate aria-label="Profile">
            <FormAlert messages={errors.other} />
            <TextField
              label="Email"
              name="email"
              value={me.email}
              onChange={() => {}}
              readOnly
              helperText="Your sign-in address."
            />
            <TextField
              label="Display name"
              name="name"
              autoComplete="name"
              value={name}
              onChange={setName}
              errorText={missing ?? errors.field.name}
              required
            />
            <Button
              type="submit"
              alignSelf="start"
              colorPalette="teal"
              loading={update.isPending}
              loadingText="Saving"
              disabled={name.trim() === me.name}
            >
              Save name
            </Button>
          </form>
        </Stack>
      </Card.Body>
    </Card.Root>
  );
}
