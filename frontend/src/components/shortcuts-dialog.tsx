import { CloseButton, Dialog, Heading, HStack, Kbd, Portal, Stack, Text } from "@chakra-ui/react";
import { Fragment } from "react";
import { SHORTCUT_GROUPS } from "@/config/shortcuts";

type ShortcutsDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

/** Every keyboard shortcut of the app, grouped by where it works. */
export function ShortcutsDialog({ open, onOpenChange }: ShortcutsDialogProps) {
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(details) => onOpenChange(details.open)}
      placement="center"
      size="sm"
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Stack gap="5">
                {SHORTCUT_GROUPS.map((group) => (
                  <Stack key={group.title} gap="2">
                    <Heading as="h3" size="sm">
                      {group.title}
                    </Heading>
                    <Stack as="ul" gap="1.5" listStyleType="none">
                      {Object.values(group.shortcuts).map((shortcut) => (
                        <HStack as="li" key={shortcut.description} justify="space-between">
                          <Text textStyle="sm">{shortcut.description}</Text>
                          <HStack gap="1" flexShrink="0">
                            <Keys label={shortcut.label} />
                            {shortcut.mac && (
                              <>
                                <Text as="span" textStyle="xs" color="fg.muted">
                                  /
                                </Text>
                                <Keys label={shortcut.mac.label} />
                              </>
                            )}
                          </HStack>
                        </HStack>
                      ))}
                    </Stack>
                  </Stack>
                ))}
              </Stack>
            </Dialog.Body>
            <Dialog.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close" />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

/** Keys pressed together: "Ctrl + Enter". */
function Keys({ label }: { label: readonly string[] }) {
  return label.map((key, index) => (
    <Fragment key={key}>
      {index > 0 && (
        <Text as="span" textStyle="xs" color="fg.muted">
          +
        </Text>
      )}
      <Kbd size="sm">{key}</Kbd>
    </Fragment>
  ));
}
