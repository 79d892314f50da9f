import { Heading, HStack, Stack, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";
import { usePageTitle } from "@/lib/use-page-title";

type PageHeaderProps = { title: string; description?: ReactNode; actions?: ReactNode };

/** The page's one h1 (focus lands here after navigating) and a line on what it is for. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <HStack justify="space-between" align="end" gap="4" wrap="wrap" mb={{ base: "3", md: "4" }}>
      <Stack gap="0.5">
        <Heading as="h1" size="xl" tabIndex={-1} _focus={{ outline: "none" }}>
          {title}
        </Heading>
        {description && (
          <Text textStyle="sm" color="fg.muted">
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </HStack>
  );
}
