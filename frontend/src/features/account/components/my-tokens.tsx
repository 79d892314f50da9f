import { Button, Card, Heading, HStack, Skeleton, Stack, Text } from "@chakra-ui/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { TokenTable } from "@/components/token-table";
import { FormAlert } from "@/components/ui/form-alert";
import { LoadError } from "@/components/ui/load-error";
import { TextField } from "@/components/ui/text-field";
import { toaster } from "@/components/ui/toaster";
import { formErrors } from "@/lib/form-errors";
import { useCreateMyToken } from "../api/create-my-token";
import { useMyTokens } from "../api/get-my-tokens";
import { useRevokeMyToken } from "../api/revoke-my-token";
import { NewTokenSecret } from "./new-token-secret";

export function MyTokens() {
  const tokens = useMyTokens();
  const create = useCreateMyToken();
  const revoke = useRevokeMyToken();
  const [name, setName] = useState("");
  const [missing, setMissing] = useState<string | undefined>();
  const nameRef = useRef<HTMLInputElement>(null);
  // Once the secret is put away, the keyboard goes back to the name field.
  const [refocusName, setRefocusName] = useState(false);
  useEffect(() => {
    if (refocusName && !create.data) {
      nameRef.current?.focus();
      setRefocusName(false);
    }
  }, [refocusName, create.data]);
  const errors = formErrors(create.error, ["name"]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing("Name the token after what will use it.");
      return;
    }
    setMissing(undefined);
    create.mutate({ name: name.trim() }, { onSuccess: () => setName("") });
  };

  return (
    <Card.Root as="section" size="sm" aria-labelledby="tokens-heading">
      <Card.Header gap="1">
        <Heading as="h2" size="md" id="tokens-heading">
          API tokens
        </Heading>
        <Text textStyle="sm" color="fg.muted">
          For scripts and other tools that use the API as you. A token can do what you can.
        </Text>
      </Card.Header>
      <Card.Body gap="4">
        {create.data ? (
          <NewTokenSecret
            token={create.data}
            onDone={() => {
              create.reset();
              setRefocusName(true);
            }}
          />
        ) : (
          <Stack gap="3" asChild>
            <form onSubmit={submit} noValidate aria-label="Create an API token">
              <FormAlert messages={errors.other} />
              <HStack align="end" gap="2" wrap={{ base: "wrap", sm: "nowrap" }}>
                <TextField
                  label="Token name"
                  name="name"
                  value={name}
                  onChange={setName}
                  placeholder="e.g. Nightly export script"
                  errorText={missing ?? errors.field.name}
                  inputRef={nameRef}
                  maxLength={100}
                />
                <Button
                  type="submit"
                  colorPalette="teal"
                  loading={create.isPending}
                  loadingText="Creating"
                  flexShrink={0}
                  mb={(missing ?? errors.field.name) ? "6" : undefined}
                >
                  Create token
                </Button>
              </HStack>
            </form>
          </Stack>
        )}
        {tokens.isPending ? (
          <Skeleton height="20" />
        ) : tokens.isError ? (
          <LoadError
            title="Your tokens could not be loaded"
            error={tokens.error}
            retrying={tokens.isRefetching}
            onRetry={() => tokens.refetch()}
          />
        ) : (
          <TokenTable
            tokens={tokens.data}
            owner="Your"
            revoking={revoke.isPending}
            onRevoke={(token, done) =>
              revoke.mutate(token.id, {
                onSuccess: () => {
                  done.onSuccess();
                  toaster.success({ title: `Token “${token.name}” revoked` });
                },
                onError: (error) =>
                  toaster.error({ title: "The token was not revoked", description: error.message }),
              })
            }
          />
        )}
      </Card.Body>
    </Card.Root>
  );
}
