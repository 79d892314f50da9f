import { Button, Center, EmptyState, VStack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { SearchX } from "lucide-react";
import { usePageTitle } from "@/lib/use-page-title";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <Center as="main" minH="100dvh" bg="bg.muted" p="4">
      <EmptyState.Root>
        <EmptyState.Content>
          <EmptyState.Indicator>
            <SearchX />
          </EmptyState.Indicator>
          <VStack textAlign="center">
            <EmptyState.Title as="h1">There is no such page</EmptyState.Title>
            <EmptyState.Description>The link may be old or mistyped.</EmptyState.Description>
          </VStack>
          <Button asChild colorPalette="teal">
            <RouterLink to="/">Go to the start page</RouterLink>
          </Button>
        </EmptyState.Content>
      </EmptyState.Root>
    </Center>
  );
}
