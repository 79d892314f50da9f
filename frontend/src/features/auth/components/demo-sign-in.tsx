import { Button, Heading, HStack, Separator, Skeleton, Stack, Text } from "@chakra-ui/react";
import { FormAlert } from "@/components/ui/form-alert";
import { ROLE_LABELS } from "@/lib/session";
import type { DemoPerson, Me, Role } from "@/types/api";
import { useDemoPeople, useDemoSignIn } from "../api/demo";

const ROLE_ORDER: Role[] = ["admin", "agent", "requester"];

/** Administrators first, then agents, then requesters: the order of what they may do. */
function sortByRole(people: DemoPerson[]): DemoPerson[] {
  return [...people].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
  );
}

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
      <Stack gap="2" aria-busy={people.isPending}>
        {people.isPending
          ? [1, 2, 3, 4].map((key) => <Skeleton key={key} height="10" />)
          : sortByRole(people.data ?? []).map((person) => (
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
      </Stack>
      <HStack gap="3" color="fg.muted" textStyle="xs">
        <Separator flex="1" />
        or with a password
        <Separator flex="1" />
      </HStack>
    </Stack>
  );
}
