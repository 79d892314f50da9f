import { Box, Container, Flex, Heading, HStack, Text } from "@chakra-ui/react";
import { LifeBuoy } from "lucide-react";
import type { ReactNode } from "react";
import { ColorModeButton } from "@/components/ui/color-mode";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <Box minH="100dvh" bg="bg.muted">
      <Box
        as="header"
        bg="bg.panel"
        borderBottomWidth="1px"
        position="sticky"
        top="0"
        zIndex="docked"
      >
        <Container maxW="8xl" py="3">
          <Flex align="center" justify="space-between" gap="4">
            <HStack gap="3">
              <Flex
                boxSize="9"
                align="center"
                justify="center"
                borderRadius="l2"
                bg="teal.solid"
                color="teal.contrast"
                aria-hidden
              >
                <LifeBuoy size={20} />
              </Flex>
              <Box>
                <Heading as="h1" size="md" lineHeight="short">
                  Support desk
                </Heading>
                <Text textStyle="xs" color="fg.muted" hideBelow="sm">
                  Tickets triaged as they arrive
                </Text>
              </Box>
            </HStack>
            <ColorModeButton />
          </Flex>
        </Container>
      </Box>
      <Container as="main" maxW="8xl" py={{ base: "4", md: "6" }} px={{ base: "3", md: "6" }}>
        {children}
      </Container>
    </Box>
  );
}
