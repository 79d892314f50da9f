import {
  Button,
  Card,
  Field,
  Heading,
  HStack,
  Input,
  Link,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from "@chakra-ui/react";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, type MouseEvent, useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { toaster } from "@/components/ui/toaster";
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from "@/config/constants";
import {
  CATEGORY_LABELS,
  CATEGORY_OPTIONS,
  PRIORITY_LABELS,
  PRIORITY_OPTIONS,
} from "@/config/ticket-fields";
import { ApiError } from "@/lib/api-client";
import { formatRetryAfter } from "@/lib/format";
import type { Category, Me, Priority, Ticket, TicketCreateInput, User } from "@/types/api";
import { useCreateTicket } from "../api/create-ticket";
import { useSimilarToTitle } from "../hooks/use-similar-tickets";
import { useTicketSuggestion } from "../hooks/use-ticket-suggestion";
import { RequesterPicker } from "./requester-picker";
import { SimilarTickets } from "./similar-tickets";
import { SuggestionStatus } from "./suggestion-status";

const SHOWN_FIELDS = ["title", "description", "category", "priority", "requester"] as const;

type FieldErrors = Partial<Record<(typeof SHOWN_FIELDS)[number], string>>;

function validate(title: string, description: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!title.trim()) {
    errors.title = "Give the ticket a short title.";
  }
  if (!description.trim()) {
    errors.description = "Describe the problem.";
  } else if (description.length > DESCRIPTION_MAX_LENGTH) {
    errors.description = `Keep the description under ${DESCRIPTION_MAX_LENGTH} characters.`;
  }
  return errors;
}

/**
 * What to tell the person when the server did not take the ticket, beyond the messages
 * shown under the fields (null when those say it all). The form keeps its content.
 */
function submitFailureMessage(failure: Error): string | null {
  if (!(failure instanceof ApiError)) {
    return failure.message;
  }
  const when = formatRetryAfter(failure.retryAfterSeconds);
  if (failure.isThrottled) {
    return `Too many tickets were sent from here in a short time. Try again ${when}; your ticket stays in the form.`;
  }
  if (failure.status === 503) {
    return `The server is briefly unavailable. Try again ${when}; your ticket stays in the form.`;
  }
  return failure.otherMessages(SHOWN_FIELDS).join(" ") || null;
}

type SubmitTicketFormProps = {
  /** An agent or admin filing tickets: they may file one on behalf of a requester. */
  agent?: Me;
  /** Called with each ticket filed, once the lists show it. */
  onSubmitted?: (ticket: Ticket) => void;
};

export function SubmitTicketForm({ agent, onSubmitted }: SubmitTicketFormProps) {
  const [title, setTitle] = useState("");
  const [requester, setRequester] = useState<User | null>(null);
  // A new picker after each ticket, so its search text goes with the person chosen.
  const [pickerKey, setPickerKey] = useState(0);
  const [description, setDescription] = useState("");
  // A choice made by hand wins over every later suggestion, per field; null = follow it.
  const [chosenCategory, setChosenCategory] = useState<Category | null>(null);
  const [chosenPriority, setChosenPriority] = useState<Priority | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const { suggestion, isLoading, error, paused, flush } = useTicketSuggestion({
    title,
    description,
  });
  const similar = useSimilarToTitle(title);
  const create = useCreateTicket();
  const navigate = useNavigate();

  // An unsure guess is only named beside the selects: a person chooses, or the server
  // fills the labels and puts the ticket in the agents' triage queue.
  const prefill = suggestion && !suggestion.unsure ? suggestion : undefined;
  const guess = suggestion?.unsure ? suggestion : undefined;
  const category = chosenCategory ?? prefill?.suggested_category ?? "";
  const priority = chosenPriority ?? prefill?.suggested_priority ?? "";

  const serverErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const errorFor = (field: (typeof SHOWN_FIELDS)[number]) =>
    clientErrors[field] ?? serverErrors[field]?.join(" ");

  const editText = (field: "title" | "description", value: string) => {
    (field === "title" ? setTitle : setDescription)(value);
    setClientErrors((errors) => ({ ...errors, [field]: undefined }));
    if (create.isError) {
      create.reset();
    }
  };

  const clearForm = () => {
    setTitle("");
    setDescription("");
    setChosenCategory(null);
    setChosenPriority(null);
    setClientErrors({});
    setRequester(null);
    setPickerKey((key) => key + 1);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validate(title, description);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    const input: TicketCreateInput = {
      title: title.trim(),
      description: description.trim(),
      ...(category && { category }),
      ...(priority && { priority }),
      ...(requester && { requester: requester.id }),
    };
    create.mutate(input, {
      onSuccess: (ticket) => {
        clearForm();
        toaster.success({
          title: "Ticket submitted",
          description: (
            <>
              {requester
                ? `#${ticket.id} “${ticket.title}” is in the queue for ${requester.name}. `
                : `#${ticket.id} “${ticket.title}” is in the queue. `}
              <OpenTicketLink
                ticketId={ticket.id}
                onOpen={() =>
                  navigate({ to: "/tickets/$ticketId", params: { ticketId: String(ticket.id) } })
                }
              />
            </>
          ),
        });
        onSubmitted?.(ticket);
      },
      onError: (failure) => {
        const description = submitFailureMessage(failure);
        if (description) {
          toaster.error({ title: "The ticket was not submitted", description });
        }
      },
    });
  };

  return (
    <Card.Root as="section" size={{ base: "sm", md: "md" }} aria-labelledby="submit-heading">
      <Card.Header>
        <Heading as="h2" size="lg" id="submit-heading">
          Submit a ticket
        </Heading>
        <Text textStyle="sm" color="fg.muted">
          Category and priority are suggested as you type; change them if they look wrong.
        </Text>
      </Card.Header>
      <Card.Body>
        <Stack gap="4" asChild>
          <form onSubmit={submit} noValidate aria-label="Submit a ticket">
            {agent && (
              <RequesterPicker
                key={pickerKey}
                me={agent}
                value={requester}
                onChange={(person) => {
                  setRequester(person);
                  if (create.isError) {
                    create.reset();
                  }
                }}
                errorText={errorFor("requester")}
              />
            )}
            <Field.Root required invalid={Boolean(errorFor("title"))}>
              <Field.Label>
                Title <Field.RequiredIndicator />
              </Field.Label>
              <Input
                name="title"
                value={title}
                maxLength={TITLE_MAX_LENGTH}
                placeholder="One line that sums up the problem"
                autoComplete="off"
                onChange={(event) => editText("title", event.currentTarget.value)}
              />
              <HStack justify="space-between" width="full" align="start">
                {errorFor("title") ? (
                  <Field.ErrorText>{errorFor("title")}</Field.ErrorText>
                ) : (
                  <span />
                )}
                <Field.HelperText
                  aria-live="polite"
                  color={title.length >= TITLE_MAX_LENGTH ? "fg.error" : "fg.muted"}
                  flexShrink={0}
                >
                  {title.length}/{TITLE_MAX_LENGTH}
                </Field.HelperText>
              </HStack>
            </Field.Root>

            <SimilarTickets tickets={similar} />

            <Field.Root required invalid={Boolean(errorFor("description"))}>
              <Field.Label>
                Description <Field.RequiredIndicator />
              </Field.Label>
              <Textarea
                name="description"
                value={description}
                rows={5}
                placeholder="What happened, what you expected, and anything you already tried"
                onChange={(event) => editText("description", event.currentTarget.value)}
                onBlur={flush}
              />
              {errorFor("description") && (
                <Field.ErrorText>{errorFor("description")}</Field.ErrorText>
              )}
            </Field.Root>

            <SuggestionStatus
              suggestion={suggestion}
              isLoading={isLoading}
              error={error}
              paused={paused}
            />

            <SimpleGrid columns={{ base: 1, sm: 2 }} gap="4">
              <SelectField
                label="Category"
                name="category"
                value={category}
                placeholder="Let the server decide"
                options={CATEGORY_OPTIONS}
                loading={isLoading}
                errorText={errorFor("category")}
                onChange={(value) => setChosenCategory(value || null)}
                helperText={
                  guess && !chosenCategory ? (
                    <NotSureHint maybe={CATEGORY_LABELS[guess.suggested_category]} />
                  ) : (
                    chosenCategory &&
                    prefill &&
                    chosenCategory !== prefill.suggested_category && (
                      <UseSuggestionButton
                        label={CATEGORY_LABELS[prefill.suggested_category]}
                        onClick={() => setChosenCategory(null)}
                      />
                    )
                  )
                }
              />
              <SelectField
                label="Priority"
                name="priority"
                value={priority}
                placeholder="Let the server decide"
                options={PRIORITY_OPTIONS}
                loading={isLoading}
                errorText={errorFor("priority")}
                onChange={(value) => setChosenPriority(value || null)}
                helperText={
                  guess && !chosenPriority ? (
                    <NotSureHint maybe={PRIORITY_LABELS[guess.suggested_priority]} />
                  ) : (
                    chosenPriority &&
                    prefill &&
                    chosenPriority !== prefill.suggested_priority && (
                      <UseSuggestionButton
                        label={PRIORITY_LABELS[prefill.suggested_priority]}
                        onClick={() => setChosenPriority(null)}
                      />
                    )
                  )
                }
              />
            </SimpleGrid>

            <Button
              type="submit"
              colorPalette="teal"
              alignSelf={{ base: "stretch", sm: "flex-end" }}
              loading={create.isPending}
              loadingText="Submitting"
            >
              Submit ticket
            </Button>
          </form>
        </Stack>
      </Card.Body>
    </Card.Root>
  );
}

/**
 * A link in a toast, which is shown outside the router: a plain click still opens the
 * ticket without reloading the app; a new tab or window works as for any link.
 */
function OpenTicketLink({ ticketId, onOpen }: { ticketId: number; onOpen: () => void }) {
  const follow = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    onOpen();
  };
  return (
    <Link href={`/tickets/${ticketId}`} onClick={follow} fontWeight="medium" colorPalette="teal">
      Open ticket #{ticketId}
    </Link>
  );
}

/**
 * The classifier guessed, but below its confidence threshold: the person should choose.
 * orange.fg rather than fg.warning, whose orange.600 on white is under 4.5:1 for small text.
 */
function NotSureHint({ maybe }: { maybe: string }) {
  return (
    <Text as="span" color="orange.fg" data-testid="not-sure-hint">
      Not sure — please choose{" "}
      <Text as="span" color="fg.muted">
        (maybe {maybe})
      </Text>
    </Text>
  );
}

function UseSuggestionButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="plain" size="xs" height="auto" px="0" colorPalette="teal" onClick={onClick}>
      Use suggestion ({label})
    </Button>
  );
}
