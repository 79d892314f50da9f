import { Combobox, createListCollection, Field, Portal, Spinner, Text } from "@chakra-ui/react";
import { useMemo, useState } from "react";
import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import type { Me, User } from "@/types/api";
import { useRequesterSearch } from "../api/search-requesters";

type RequesterPickerProps = {
  me: Me;
  value: User | null;
  onChange: (requester: User | null) => void;
  errorText?: string;
};

/**
 * Whom an agent files the ticket for: themselves unless they pick a requester, found by
 * typing part of a name or an email address.
 */
export function RequesterPicker({ me, value, onChange, errorText }: RequesterPickerProps) {
  const [input, setInput] = useState("");
  const [open, setOpen] = useState(false);
  const search = useDebouncedValue(input.trim(), SEARCH_DEBOUNCE_MS);
  // While the field shows the chosen name, list matches for an empty search instead.
  const term = value && input === value.name ? "" : search;
  const people = useRequesterSearch(term, { enabled: open });

  const collection = useMemo(
    () =>
      createListCollection({
        items: people.data?.results ?? [],
        itemToString: (user) => user.name,
        itemToValue: (user) => String(user.id),
      }),
    [people.data],
  );

  return (
    <Field.Root invalid={Boolean(errorText)}>
      <Combobox.Root
        collection={collection}
        inputValue={input}
        onInputValueChange={(details) => setInput(details.inputValue)}
        value={value ? [String(value.id)] : []}
        onValueChange={(details) => onChange(details.items[0] ?? null)}
        open={open}
        onOpenChange={(details) => setOpen(details.open)}
        openOnClick
        selectionBehavior="replace"
        size="md"
      >
        <Combobox.Label>Requester</Combobox.Label>
        <Combobox.Control>
          <Combobox.Input placeholder={`${me.name} (you) – type to find a requester`} />
          <Combobox.IndicatorGroup>
            {people.isFetching && <Spinner size="xs" aria-label="Searching" />}
            <Combobox.ClearTrigger aria-label="File it as yourself" />
            <Combobox.Trigger aria-label="Show requesters" />
          </Combobox.IndicatorGroup>
        </Combobox.Control>
        <Portal>
          <Combobox.Positioner>
            <Combobox.Content>
              <Combobox.Empty>
                {people.isPending ? "Searching…" : "No requester matches"}
              </Combobox.Empty>
              {collection.items.map((user) => (
                <Combobox.Item key={user.id} item={user}>
                  <Combobox.ItemText>
                    {user.name}{" "}
                    <Text as="span" color="fg.muted" textStyle="xs">
                      {user.email}
                    </Text>
                  </Combobox.ItemText>
                  <Combobox.ItemIndicator />
                </Combobox.Item>
              ))}
            </Combobox.Content>
          </Combobox.Positioner>
        </Portal>
      </Combobox.Root>
      {errorText ? (
        <Field.ErrorText>{errorText}</Field.ErrorText>
      ) : (
        <Field.HelperText>
          {value
            ? `Filed on behalf of ${value.name} (${value.email}).`
            : "Filed as yourself unless you pick a requester."}
        </Field.HelperText>
      )}
    </Field.Root>
  );
}
