import { Box, Button, Center, Stack } from "@chakra-ui/react";
import {
  type ErrorComponentProps,
  Outlet,
  useRouter,
  useRouterState,
} from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { FormAlert } from "@/components/ui/form-alert";

/**
 * After a navigation, focus moves to the new page's heading, so a keyboard or
 * screen-reader user starts on the new page rather than on the link they left.
 */
function useFocusOnNavigation() {
  const pathname = useRouterState({ select: (state) => state.resolvedLocation?.pathname });
  const previous = useRef(pathname);
  useEffect(() => {
    if (!pathname || previous.current === pathname) {
      return;
    }
    const first = previous.current === undefined;
    previous.current = pathname;
    if (first) {
      return;
    }
    const frame = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>("main h1");
      if (heading && !heading.contains(document.activeElement)) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function RootLayout() {
  useFocusOnNavigation();
  return <Outlet />;
}

/** When even the site's state could not be loaded: say so, and offer to try again. */
export function RootErrorPage({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Center minH="100dvh" bg="bg.muted" p="4">
      <Box as="main" maxW="md" w="full">
        <Stack gap="4">
          <FormAlert
            title="The support desk could not be loaded"
            messages={[error instanceof Error ? error.message : String(error)]}
          />
          <Button alignSelf="start" variant="outline" onClick={() => router.invalidate()}>
            Try again
          </Button>
        </Stack>
      </Box>
    </Center>
  );
}
