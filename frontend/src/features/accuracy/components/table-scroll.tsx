import { Table } from "@chakra-ui/react";
import type { ReactNode } from "react";

/**
 * A report table that scrolls sideways when the screen is narrower than its columns. It
 * takes the focus, so that keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.ScrollArea
      tabIndex={0}
      role="group"
      aria-label={label}
      borderRadius="l1"
      focusVisibleRing="outside"
    >
      {children}
    </Table.ScrollArea>
  );
}
