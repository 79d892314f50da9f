import { Button, Code, EmptyState, Table, Text } from "@chakra-ui/react";
import { KeyRound } from "lucide-react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import type { ApiToken } from "@/types/api";

type TokenTableProps = {
  tokens: ApiToken[];
  /** Whose tokens, for the table's caption and the confirmation ("your", "Rita's"). */
  owner: string;
  onRevoke: (token: ApiToken, done: { onSuccess: () => void }) => void;
  revoking: boolean;
};

function When({ iso, empty }: { iso: string | null; empty: string }) {
  if (!iso) {
    return <Text color="fg.muted">{empty}</Text>;
  }
  return (
    <time dateTime={iso} title={formatExactTime(iso)}>
      {formatRelativeTime(iso)}
    </time>
  );
}

/** API tokens by name and prefix (never the secret), each revocable after a confirmation. */
export function TokenTable({ tokens, owner, onRevoke, revoking }: TokenTableProps) {
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  if (tokens.length === 0) {
    return (
      <EmptyState.Root size="sm">
        <EmptyState.Content>
          <EmptyState.Indicator>
            <KeyRound />
          </EmptyState.Indicator>
          <EmptyState.Description>No API tokens.</EmptyState.Description>
        </EmptyState.Content>
      </EmptyState.Root>
    );
  }

  return (
    <>
      <Table.ScrollArea borderWidth="1px" borderRadius="l2">
        <Table.Root size="sm" ref={tableRef} tabIndex={-1} _focus={{ outline: "none" }}>
          <Table.Caption captionSide="top" srOnly>
            {owner} API tokens
          </Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Name</Table.ColumnHeader>
              <Table.ColumnHeader>Starts with</Table.ColumnHeader>
              <Table.ColumnHeader>Created</Table.ColumnHeader>
              <Table.ColumnHeader>Last used</Table.ColumnHeader>
              <Table.ColumnHeader>
                <Text srOnly>Actions</Text>
              </Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {tokens.map((token) => (
              <Table.Row key={token.id}>
                <Table.Cell fontWeight="medium">{token.name}</Table.Cell>
                <Table.Cell>
                  <Code size="sm">{token.prefix}…</Code>
                </Table.Cell>
                <Table.Cell whiteSpace="nowrap">
                  <When iso={token.created_at} empty="" />
                </Table.Cell>
                <Table.Cell whiteSpace="nowrap">
                  <When iso={token.last_used_at} empty="Never" />
                </Table.Cell>
                <Table.Cell textAlign="end">
                  <Button
                    size="xs"
                    variant="outline"
                    colorPalette="red"
                    onClick={() => setConfirming(token)}
                    aria-label={`Revoke ${token.name}`}
                  >
                    Revoke
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      <ConfirmDialog
        open={confirming !== null}
        title={`Revoke “${confirming?.name}”?`}
        confirmLabel="Revoke token"
        pending={revoking}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (!confirming) {
            return;
          }
          onRevoke(confirming, {
            onSuccess: () => {
              setConfirming(null);
              // The row and its button are gone: keep the keyboard on the table.
              requestAnimationFrame(() => tableRef.current?.focus());
            },
          });
        }}
      >
        Anything that uses it stops working at once. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
