import {
  Badge,
  Button,
  Card,
  EmptyState,
  Field,
  Heading,
  HStack,
  Input,
  InputGroup,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Spinner,
  Stack,
  Table,
  Text,
} from "@chakra-ui/react";
import { Search, Users } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError } from "@/components/ui/load-error";
import { SelectField, type SelectOption, useDraftSelect } from "@/components/ui/select-field";
import { toaster } from "@/components/ui/toaster";
import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/session";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { type Me, type PersonChanges, ROLES, type Role, type User } from "@/types/api";
import { type PeopleFilters, usePeople } from "../api/get-people";
import { useSendSignInLink } from "../api/invite-person";
import { useUpdatePerson } from "../api/update-person";
import { ROLE_OPTIONS } from "../role-options";
import { PersonTokensDialog } from "./person-tokens-dialog";

const STATUS_OPTIONS: SelectOption<"true" | "false">[] = [
  { value: "true", label: "Active" },
  { value: "false", label: "Deactivated" },
];

/** What a person may do in each role, for the question before a role changes. */
const ROLE_SCOPES: Record<Role, string> = {
  requester: "see only the tickets they filed",
  agent: "see and work on every ticket",
  admin: "work on every ticket and manage people, roles and the desk's settings",
};

const OWN_ROW_NOTE_ID = "people-own-row-note";
const OWN_ROW_NOTE = "Another administrator can change your role or deactivate you.";

export function PeopleDirectory({ me }: { me: Me }) {
  const [searchText, setSearchText] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [active, setActive] = useState<"" | "true" | "false">("");
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const filters: PeopleFilters = {
    ...(search && { search }),
    ...(role && { role }),
    ...(active && { is_active: active }),
  };

  return (
    <Card.Root as="section" size="sm" aria-labelledby="people-heading">
      <Card.Header>
        <Heading as="h2" size="md" id="people-heading">
          Everyone
        </Heading>
      </Card.Header>
      <Card.Body gap="4">
        <SimpleGrid columns={{ base: 1, sm: 3 }} gap="3" role="search" aria-label="Filter people">
          <Field.Root>
            <Field.Label>Search</Field.Label>
            <InputGroup startElement={<Search size={16} />}>
              <Input
                type="search"
                name="search"
                size="sm"
                placeholder="Name or email"
                value={searchText}
                onChange={(event) => setSearchText(event.currentTarget.value)}
              />
            </InputGroup>
          </Field.Root>
          <SelectField
            label="Role"
            name="filter-role"
            size="sm"
            value={role}
            placeholder="All roles"
            options={ROLE_OPTIONS}
            onChange={setRole}
          />
          <SelectField
            label="Status"
            name="filter-active"
            size="sm"
            value={active}
            placeholder="Active and deactivated"
            options={STATUS_OPTIONS}
            onChange={setActive}
          />
        </SimpleGrid>
        <PeopleTable filters={filters} me={me} />
      </Card.Body>
    </Card.Root>
  );
}

function PeopleTable({ filters, me }: { filters: PeopleFilters; me: Me }) {
  const people = usePeople(filters);
  const update = useUpdatePerson();
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [roleChange, setRoleChange] = useState<{ person: User; role: Role } | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const isMe = (person: User) => person.id === me.id;
  const sendLink = useSendSignInLink();
  const sendSignInLink = (person: User) =>
    sendLink.mutate(person.id, {
      onSuccess: ({ invitation_sent }) =>
        invitation_sent
          ? toaster.success({ title: `Sign-in link sent to ${person.email}` })
          : toaster.error({ title: "The mail did not go out", description: "Try again later." }),
      onError: (error) => toaster.error({ title: "No link sent", description: error.message }),
    });

  const change = (person: User, changes: PersonChanges, done?: () => void) =>
    update.mutate(
      { id: person.id, changes },
      {
        onSuccess: (user) => {
          done?.();
          toaster.success({ title: describeChange(user, changes) });
        },
        onError: (error) => {
          done?.();
          toaster.error({ title: `${person.name} was not changed`, description: error.message });
        },
      },
    );

  if (people.isPending) {
    return (
      <Stack gap="2" aria-busy="true" aria-label="Loading people">
        {[1, 2, 3].map((key) => (
          <Skeleton key={key} height="10" />
        ))}
      </Stack>
    );
  }
  if (people.isError) {
    return (
      <LoadError
        title="The people could not be loaded"
        error={people.error}
        retrying={people.isRefetching}
        onRetry={() => people.refetch()}
      />
    );
  }

  const rows = people.data.pages.flatMap((page) => page.results);
  if (rows.length === 0) {
    return (
      <EmptyState.Root size="sm">
        <EmptyState.Content>
          <EmptyState.Indicator>
            <Users />
          </EmptyState.Indicator>
          <EmptyState.Title>Nobody matches</EmptyState.Title>
        </EmptyState.Content>
      </EmptyState.Root>
    );
  }

  return (
    <Stack gap="3">
      <HStack justify="space-between" minH="5">
        <Text textStyle="sm" color="fg.muted" aria-live="polite">
          {people.hasNextPage ? `Showing the first ${rows.length}` : `${rows.length} shown`}
        </Text>
        {people.isPlaceholderData && <Spinner size="sm" aria-label="Updating the list" />}
      </HStack>
      <Table.ScrollArea borderWidth="1px" borderRadius="l2">
        <Table.Root size="sm" interactive>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Person</Table.ColumnHeader>
              <Table.ColumnHeader>Role</Table.ColumnHeader>
              <Table.ColumnHeader>Last sign-in</Table.ColumnHeader>
              <Table.ColumnHeader>
                <Text srOnly>Actions</Text>
              </Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((person) => (
              <Table.Row key={person.id} aria-label={person.name}>
                <Table.Cell>
                  <Stack gap="0">
                    <HStack gap="2">
                      <Text fontWeight="medium">{person.name}</Text>
                      {isMe(person) && (
                        <Badge size="sm" variant="outline">
                          you
                        </Badge>
                      )}
                      {!person.is_active && (
                        <Badge size="sm" colorPalette="gray" variant="surface">
                          Deactivated
                        </Badge>
                      )}
                    </HStack>
                    <Text textStyle="xs" color="fg.muted">
                      {person.email}
                    </Text>
                  </Stack>
                </Table.Cell>
                <Table.Cell>
                  <Stack gap="1">
                    <RoleSelect
                      person={person}
                      disabled={isMe(person) || update.isPending}
                      describedBy={isMe(person) ? OWN_ROW_NOTE_ID : undefined}
                      onChange={(role) => setRoleChange({ person, role })}
                    />
                    {isMe(person) && (
                      <Text id={OWN_ROW_NOTE_ID} textStyle="xs" color="fg.muted" maxW="36">
                        {OWN_ROW_NOTE}
                      </Text>
                    )}
                  </Stack>
                </Table.Cell>
                <Table.Cell whiteSpace="nowrap" textStyle="sm">
                  {person.last_login ? (
                    <time dateTime={person.last_login} title={formatExactTime(person.last_login)}>
                      {formatRelativeTime(person.last_login)}
                    </time>
                  ) : (
                    <Text as="span" color="fg.muted">
                      Never
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <HStack gap="2" justify="end">
                    {person.is_active && (
                      <Button
                        size="xs"
                        variant="outline"
                        aria-label={`Send sign-in link to ${person.name}`}
                        loading={sendLink.isPending && sendLink.variables === person.id}
                        onClick={() => sendSignInLink(person)}
                      >
                        Send sign-in link
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="outline"
                      aria-label={`API tokens of ${person.name}`}
                      onClick={() => setTokensOf(person)}
                    >
                      Tokens
                    </Button>
                    {person.is_active ? (
                      <Button
                        size="xs"
                        variant="outline"
                        colorPalette="red"
                        aria-label={`Deactivate ${person.name}`}
                        aria-describedby={isMe(person) ? OWN_ROW_NOTE_ID : undefined}
                        title={isMe(person) ? OWN_ROW_NOTE : undefined}
                        disabled={isMe(person)}
                        onClick={() => setDeactivating(person)}
                      >
                        Deactivate
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="outline"
                        aria-label={`Reactivate ${person.name}`}
                        loading={update.isPending && update.variables?.id === person.id}
                        onClick={() => change(person, { is_active: true })}
                      >
                        Reactivate
                      </Button>
                    )}
                  </HStack>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      {people.hasNextPage && (
        <Button
          variant="outline"
          alignSelf="center"
          size="sm"
          loading={people.isFetchingNextPage}
          loadingText="Loading"
          onClick={() => people.fetchNextPage()}
        >
          Load more
        </Button>
      )}
      <ConfirmDialog
        open={deactivating !== null}
        title={`Deactivate ${deactivating?.name}?`}
        confirmLabel="Deactivate"
        pending={update.isPending}
        onCancel={() => setDeactivating(null)}
        onConfirm={() => {
          if (deactivating) {
            change(deactivating, { is_active: false }, () => setDeactivating(null));
          }
        }}
      >
        They can no longer sign in, and their API tokens stop working. Their tickets stay. You can
        reactivate them later.
      </ConfirmDialog>
      <ConfirmDialog
        open={roleChange !== null}
        title={`Change the role of ${roleChange?.person.name} to ${roleChange && ROLE_LABELS[roleChange.role]}?`}
        confirmLabel="Change role"
        pending={update.isPending}
        onCancel={() => setRoleChange(null)}
        onConfirm={() => {
          if (roleChange) {
            change(roleChange.person, { role: roleChange.role }, () => setRoleChange(null));
          }
        }}
      >
        {roleChange && `${roleChange.person.name} will ${ROLE_SCOPES[roleChange.role]}.`}
      </ConfirmDialog>
      <PersonTokensDialog person={tokensOf} onClose={() => setTokensOf(null)} />
    </Stack>
  );
}

/** A person's role, picked in place: arrow keys pick, Enter or leaving asks to save. */
function RoleSelect({
  person,
  disabled,
  describedBy,
  onChange,
}: {
  person: User;
  disabled: boolean;
  describedBy?: string;
  onChange: (role: Role) => void;
}) {
  const { fieldProps } = useDraftSelect({ value: person.role, choices: ROLES, onCommit: onChange });
  return (
    <NativeSelect.Root size="xs" width="36" disabled={disabled}>
      <NativeSelect.Field
        aria-label={`Role of ${person.name}`}
        aria-describedby={describedBy}
        {...fieldProps}
      >
        {ROLE_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect.Field>
      <NativeSelect.Indicator />
    </NativeSelect.Root>
  );
}

function describeChange(user: User, changes: PersonChanges): string {
  if (changes.is_active === false) {
    return `${user.name} is deactivated`;
  }
  if (changes.is_active === true) {
    return `${user.name} is active again`;
  }
  if (changes.role) {
    return `${user.name} is now ${ROLE_OPTIONS.find((o) => o.value === user.role)?.label.toLowerCase()}`;
  }
  return `${user.name} is saved`;
}
