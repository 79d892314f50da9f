import { CloseButton, Dialog, Portal, Skeleton, useBreakpointValue } from "@chakra-ui/react";
import { TokenTable } from "@/components/token-table";
import { LoadError } from "@/components/ui/load-error";
import { toaster } from "@/components/ui/toaster";
import type { User } from "@/types/api";
import { usePersonTokens, useRevokePersonToken } from "../api/person-tokens";

type PersonTokensDialogProps = {
  person: User | null;
  onClose: () => void;
};

export function PersonTokensDialog({ person, onClose }: PersonTokensDialogProps) {
  // Dialog sizes are recipe variants, which do not take responsive objects reliably.
  const size = useBreakpointValue({ base: "full", md: "lg" } as const) ?? "lg";
  return (
    <Dialog.Root
      open={person !== null}
      onOpenChange={(details) => {
        if (!details.open) {
          onClose();
        }
      }}
      placement="center"
      size={size}
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>API tokens of {person?.name}</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body pb="6">{person && <PersonTokens person={person} />}</Dialog.Body>
            <Dialog.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close" />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

function PersonTokens({ person }: { person: User }) {
  const tokens = usePersonTokens(person.id);
  const revoke = useRevokePersonToken(person.id);
  if (tokens.isPending) {
    return <Skeleton height="20" />;
  }
  if (tokens.isError) {
    return (
      <LoadError
        title="The tokens could not be loaded"
        error={tokens.error}
        retrying={tokens.isRefetching}
        onRetry={() => tokens.refetch()}
      />
    );
  }
  return (
    <TokenTable
      tokens={tokens.data}
      owner={`${person.name}'s`}
      revoking={revoke.isPending}
      onRevoke={(token, done) =>
        revoke.mutate(token.id, {
          onSuccess: () => {
            done.onSuccess();
            toaster.success({ title: `Token “${token.name}” revoked` });
          },
          onError: (error) =>
            toaster.error({ title: "The token was not revoked", description: error.message }),
        })
      }
    />
  );
}
