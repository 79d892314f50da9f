import { Alert, Button, Clipboard, Code, HStack, Stack, Text } from "@chakra-ui/react";
import { useEffect, useRef } from "react";
import type { NewApiToken } from "@/types/api";

type NewTokenSecretProps = {
  token: NewApiToken;
  onDone: () => void;
};

/** The secret of a token just made: shown here once, never again. */
export function NewTokenSecret({ token, onDone }: NewTokenSecretProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus moves here, so a screen reader announces the secret and its warning.
  useEffect(() => ref.current?.focus(), []);

  return (
    <Alert.Root
      status="success"
      ref={ref}
      tabIndex={-1}
      aria-labelledby="new-token-title"
      role="region"
      flexDirection="column"
      gap="3"
    >
      <HStack gap="3" align="start">
        <Alert.Indicator />
        <Alert.Content>
          <Alert.Title id="new-token-title">Token “{token.name}” created</Alert.Title>
          <Alert.Description>
            Copy it now: you won't see it again. Only its first characters are kept.
          </Alert.Description>
        </Alert.Content>
      </HStack>
      <Stack gap="2" width="full">
        <Clipboard.Root value={token.token}>
          <HStack gap="2" align="stretch">
            <Code
              flex="1"
              minW="0"
              px="2"
              py="1.5"
              wordBreak="break-all"
              data-testid="new-token-secret"
              aria-label="The new token"
            >
              {token.token}
            </Code>
            <Clipboard.Trigger asChild>
              <Button size="sm" variant="surface" colorPalette="teal" flexShrink={0}>
                <Clipboard.Indicator />
                <Clipboard.Context>{(ctx) => (ctx.copied ? "Copied" : "Copy")}</Clipboard.Context>
              </Button>
            </Clipboard.Trigger>
          </HStack>
        </Clipboard.Root>
        <Text textStyle="xs" color="fg.muted">
          Send it as <Code size="sm">Authorization: Bearer &lt;token&gt;</Code>.
        </Text>
        <Button size="sm" variant="outline" alignSelf="start" onClick={onDone}>
          I have copied it
        </Button>
      </Stack>
    </Alert.Root>
  );
}
