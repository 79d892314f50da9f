import { Stack, Table, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";

type TableScrollProps = {
  /** The table's caption, naming the scrolling area too. */
  label: string;
  /** How to read the table, under it: too long for a caption that must fit a phone. */
  note: string;
  children: ReactNode;
};

/**
 * A report table that scrolls sideways when the screen is narrower than its columns. It
 * takes the focus, so that keyboard users can scroll it too.
 */
export function TableScroll({ label, note, children }: TableScrollProps) {
  return (
    <Stack gap="1.5" minW="0">
      <Table.ScrollArea
        tabIndex={0}
        role="group"
        aria-label={label}
        borderRadius="l1"
        focusVisibleRing="outside"
      >
        {children}
      </Table.ScrollArea>
      <Text textStyle="xs" color="fg.muted">
        {note}
      </Text>
    </Stack>
  );
}

/** The short caption every report table starts with. */
export function ReportCaption({ children }: { children: ReactNode }) {
  return (
    <Table.Caption
      captionSide="top"
      textAlign="start"
      fontWeight="medium"
      color="fg"
      mt="0"
      mb="1.5"
    >
      {children}
    </Table.Caption>
  );
}

/** A column of figures: right-aligned, so their digits line up. */
export function NumberHeader({ children }: { children: ReactNode }) {
  return (
    <Table.ColumnHeader scope="col" textAlign="end">
      {children}
    </Table.ColumnHeader>
  );
}

/** One figure in such a column, in digits of one width. */
export function NumberCell({ children }: { children: ReactNode }) {
  return (
    <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
      {children}
    </Table.Cell>
  );
}
