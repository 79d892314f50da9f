import { Box, Container, Flex, HStack, IconButton, Link, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { Keyboard, LifeBuoy } from "lucide-react";
import { type MouseEvent, type ReactNode, useState } from "react";
import { ShortcutsDialog } from "@/components/shortcuts-dialog";
import { ColorModeButton } from "@/components/ui/color-mode";
import { mayOpen, NAV_ITEMS } from "@/config/navigation";
import { GLOBAL_SHORTCUTS } from "@/config/shortcuts";
import { useShortcuts } from "@/lib/use-shortcuts";
import type { Me } from "@/types/api";
import { UserMenu } from "./user-menu";

function Brand() {
  return (
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
      <Text fontWeight="semibold" hideBelow="sm">
        Support desk
      </Text>
    </HStack>
  );
}

/** The first stop of the Tab key: past the header, straight to the page. */
function SkipLink() {
  const skip = (event: MouseEvent) => {
    // Focus moves too, so the next Tab continues inside the page.
    event.preventDefault();
    document.getElementById("main")?.focus();
  };
  return (
    <Link
      href="#main"
      onClick={skip}
      position="absolute"
      top="2"
      left="2"
      zIndex="skipLink"
      px="3"
      py="2"
      borderRadius="l2"
      bg="bg.panel"
      color="fg"
      fontWeight="medium"
      boxShadow="md"
      transform="translateY(-200%)"
      _focusVisible={{ transform: "none" }}
    >
      Skip to content
    </Link>
  );
}

/** The signed-in frame: the pages this role may use, the user menu, then the page. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => mayOpen(me.role, item.to) && item.to !== "/account");
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useShortcuts(GLOBAL_SHORTCUTS.shortcuts, { help: () => setShortcutsOpen(true) });
  return (
    <Box minH="100dvh" bg="bg.muted">
      <SkipLink />
      <Box
        as="header"
        bg="bg.panel"
        borderBottomWidth="1px"
        position="sticky"
        top="0"
        zIndex="docked"
      >
        <Container maxW="8xl" py="2" px={{ base: "3", md: "6" }}>
          <Flex align="center" gap={{ base: "2", md: "6" }}>
            <Brand />
            <HStack as="nav" aria-label="Main" gap="1" flex="1" minW="0">
              {items.map((item) => (
                <Link
                  key={item.to}
                  asChild
                  hideBelow={item.phoneMenu ? "sm" : undefined}
                  px="3"
                  py="1.5"
                  borderRadius="l2"
                  textStyle="sm"
                  fontWeight="medium"
                  color="fg.muted"
                  _hover={{ bg: "bg.muted", color: "fg", textDecoration: "none" }}
                  css={{
                    "&[aria-current=page]": { bg: "teal.subtle", color: "teal.fg" },
                  }}
                >
                  <RouterLink to={item.to}>{item.label}</RouterLink>
                </Link>
              ))}
            </HStack>
            <HStack gap="1">
              <IconButton
                variant="ghost"
                size="sm"
                aria-label="Keyboard shortcuts"
                hideBelow="md"
                onClick={() => setShortcutsOpen(true)}
              >
                <Keyboard />
              </IconButton>
              <ColorModeButton />
              <UserMenu me={me} />
            </HStack>
          </Flex>
        </Container>
      </Box>
      <Container
        as="main"
        id="main"
        tabIndex={-1}
        _focus={{ outline: "none" }}
        maxW="8xl"
        py={{ base: "4", md: "6" }}
        px={{ base: "3", md: "6" }}
      >
        {children}
      </Container>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </Box>
  );
}
