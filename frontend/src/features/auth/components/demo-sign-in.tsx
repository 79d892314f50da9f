import { Button, Heading, Separator, SimpleGrid, Skeleton, Stack, Text } from "@chakra-ui/react";
import { FormAlert } from "@/components/ui/form-alert";
import { ROLE_LABELS } from "@/lib/session";
import type { Me } from "@/types/api";
import { useDemoPeople, useDemoSignIn } from "../api/demo";

/** The demo's front door: one click per sample person, no typing. */
export function DemoSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const people = useDemoPeople({ enabled: true });
  const signIn = useDemoSignIn();

  return (
    <Stack as="section" gap="3" aria-labelledby="demo-heading">
      <Stack gap="1">
        <Heading as="h2" size="sm" id="demo-heading">
          Try the demo
        </Heading>
        <Text textStyle="sm" color="fg.muted">
          Sign in as one of the sample people, no password needed.
        </Text>
      </Stack>
      {people.isError && <FormAlert messages={[people.error.message]} />}
      {signIn.isError && <FormAlert messages={[signIn.error.message]} />}
      <SimpleGrid columns={{ base: 1, sm: 2 }} gap="2" aria-busy={people.isPending}>
        {people.isPending
          ? [1, 2, 3, 4].map((key) => <Skeleton key={key} height="10" />)
          : people.data?.map((person) => (
              <Button
                key={person.id}
                variant="outline"
                size="sm"
                justifyContent="start"
                loading={signIn.isPending && signIn.variables === person.id}
                disabled={signIn.isPending}
                onClick={() => signIn.mutate(person.id, { onSuccess: onSignedIn })}
              >
                Sign in as {person.name} ({ROLE_LABELS[person.role].toLowerCase()})
              </Button>
            ))}
      </SimpleGrid>
      <Separator />
    </Stack>
  );
}
