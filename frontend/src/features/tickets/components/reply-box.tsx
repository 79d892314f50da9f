import { Button, ButtonGroup, Field, HStack, Kbd, Stack, Text, Textarea } from "@chakra-ui/react";
import { type FormEvent, useRef, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { COMMENT_MAX_LENGTH } from "@/config/constants";
import { TICKET_SHORTCUTS } from "@/config/shortcuts";
import { ApiError } from "@/lib/api-client";
import { formErrors } from "@/lib/form-errors";
import {
  clearReplyDraft,
  type ReplyDraft,
  readReplyDraft,
  saveReplyDraft,
} from "@/lib/reply-drafts";
import { useShortcuts } from "@/lib/use-shortcuts";
import type { Status } from "@/types/api";
import { useCreateComment } from "../api/create-comment";

type ReplyBoxProps = {
  ticketId: number;
  /** Whose draft this is: kept per person and ticket until sent or signed out. */
  userId: number;
  /** Agents and admins may write internal notes and resolve while replying. */
  isAgent: boolean;
};

/** What the server's refusal means to the person who wrote the reply. */
function refusalMessages(error: Error | null): string[] {
  if (error instanceof ApiError) {
    if (error.errors.some((item) => item.code === "ticket_closed")) {
      return ["This ticket is closed and takes no more replies. Please file a new ticket."];
    }
    if (error.errors.some((item) => item.code === "not_allowed")) {
      return ["You may not write internal notes or change the status of this ticket."];
    }
  }
  return formErrors(error, ["body"]).other;
}

export function ReplyBox({ ticketId, userId, isAgent }: ReplyBoxProps) {
  const [draft, setDraft] = useState(
    () => readReplyDraft(userId, ticketId) ?? { body: "", internal: false },
  );
  const { body, internal } = draft;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const create = useCreateComment(ticketId, () => clearReplyDraft(userId, ticketId));
  const isNote = isAgent && internal;

  const edit = (changes: Partial<ReplyDraft>) => {
    const next = { ...draft, ...changes };
    setDraft(next);
    saveReplyDraft(userId, ticketId, next);
  };

  const send = (status?: Status) => {
    if (create.isPending) {
      return;
    }
    if (!body.trim()) {
      textarea.current?.focus();
      return;
    }
    create.mutate(
      { body, ...(isAgent ? { internal } : {}), ...(status ? { status } : {}) },
      {
        onSuccess: () => setDraft((current) => ({ ...current, body: "" })),
        // The buttons are disabled while sending, which drops the focus: give it back,
        // unless the person has moved on meanwhile (a menu, another field).
        onSettled: () => {
          const active = document.activeElement;
          const box = textarea.current;
          if (!active || active === document.body || box?.form?.contains(active)) {
            box?.focus();
          }
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  useShortcuts(TICKET_SHORTCUTS.shortcuts, {
    reply: () => textarea.current?.focus(),
    send: (event) => {
      if (event.target === textarea.current) {
        send();
      }
    },
  });

  const bodyError = formErrors(create.error, ["body"]).field.body;
  const label = isNote ? "Internal note" : "Reply";
  const placeholder = isNote
    ? "Only agents and admins will see this"
    : isAgent
      ? "Write to the requester"
      : "Write your reply";

  return (
    <Stack as="form" gap="3" onSubmit={onSubmit} aria-label="Reply to this ticket">
      {isAgent && (
        <ButtonGroup size="xs" variant="outline" attached role="group" aria-label="Kind of reply">
          <Button
            aria-pressed={!internal}
            variant={internal ? "outline" : "solid"}
            colorPalette={internal ? "gray" : "teal"}
            onClick={() => edit({ internal: false })}
          >
            Public reply
          </Button>
          <Button
            aria-pressed={internal}
            variant={internal ? "solid" : "outline"}
            colorPalette={internal ? "yellow" : "gray"}
            onClick={() => edit({ internal: true })}
          >
            Internal note
          </Button>
        </ButtonGroup>
      )}
      <Field.Root invalid={Boolean(bodyError)}>
        <Field.Label>{label}</Field.Label>
        <Textarea
          ref={textarea}
          name="body"
          value={body}
          onChange={(event) => edit({ body: event.currentTarget.value })}
          maxLength={COMMENT_MAX_LENGTH}
          rows={4}
          autoresize
          maxH="60vh"
          bg={isNote ? "yellow.subtle" : undefined}
          placeholder={placeholder}
          aria-keyshortcuts="R"
        />
        {bodyError ? (
          <Field.ErrorText>{bodyError}</Field.ErrorText>
        ) : (
          <Field.HelperText>
            {body.trim() && "Draft: kept in this tab until you send it. "}
            {isNote && "Hidden from the requester. "}
            {/* Keyboard hints mean nothing on a phone. */}
            <Text as="span" hideBelow="md">
              <Kbd size="sm">Ctrl</Kbd>+<Kbd size="sm">Enter</Kbd> (<Kbd size="sm">⌘</Kbd>+
              <Kbd size="sm">Enter</Kbd>) sends; <Kbd size="sm">R</Kbd> jumps here.
            </Text>
          </Field.HelperText>
        )}
      </Field.Root>
      <FormAlert messages={create.isError ? refusalMessages(create.error) : []} />
      <HStack gap="2" justify="end" wrap="wrap">
        {isAgent && !isNote && (
          <Button
            variant="outline"
            loading={create.isPending && create.variables?.status === "resolved"}
            disabled={create.isPending}
            onClick={() => send("resolved")}
          >
            Reply and resolve
          </Button>
        )}
        <Button
          type="submit"
          colorPalette={isNote ? "yellow" : "teal"}
          loading={create.isPending && create.variables?.status === undefined}
          disabled={create.isPending}
        >
          {isNote ? "Add note" : "Send reply"}
        </Button>
      </HStack>
      <Text srOnly aria-live="polite">
        {create.isSuccess ? (create.data.internal ? "Note added" : "Reply sent") : ""}
      </Text>
    </Stack>
  );
}
