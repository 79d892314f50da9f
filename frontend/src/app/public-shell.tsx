import { Box, Card, Container, Flex, Heading, HStack, Stack, Text } from "@chakra-ui/react";
import { LifeBuoy } from "lucide-react";
import type { ReactNode } from "react";
import { ColorModeButton } from "@/components/ui/color-mode";
import { usePageTitle } from "@/lib/use-page-title";

type PublicShellProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Below the card: links to the other pages of the way in. */
  footer?: ReactNode;
};

/** The frame of the pages before signing in: one narrow card, centred. */
export function PublicShell({ title, description, children, footer }: PublicShellProps) {
  usePageTitle(title);
  return (
    <Box minH="100dvh" bg="bg.muted">
      <Container maxW="md" py={{ base: "6", md: "16" }} px="4">
        <Stack as="main" gap="5">
          <HStack justify="space-between">
            <HStack gap="2">
              <Flex
                boxSize="8"
                align="center"
                justify="center"
                borderRadius="l2"
                bg="teal.solid"
                color="teal.contrast"
                aria-hidden
              >
                <LifeBuoy size={18} />
              </Flex>
              <Text fontWeight="semibold">Support desk</Text>
            </HStack>
            <ColorModeButton />
          </HStack>
          <Card.Root size={{ base: "sm", md: "md" }}>
            <Card.Header gap="1">
              <Heading as="h1" size="xl" tabIndex={-1}>
                {title}
              </Heading>
              {description && (
                <Text textStyle="sm" color="fg.muted">
                  {description}
                </Text>
              )}
            </Card.Header>
            <Card.Body>{children}</Card.Body>
          </Card.Root>
          {footer && (
            <Text textStyle="sm" color="fg.muted" textAlign="center">
              {footer}
            </Text>
          )}
        </Stack>
      </Container>
    </Box>
  );
}
