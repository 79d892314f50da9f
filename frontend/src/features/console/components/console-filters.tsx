import { Button, Field, Flex, Input, InputGroup, Kbd, NativeSelect } from "@chakra-ui/react";
import { Search, X } from "lucide-react";
import { type Ref, useEffect, useState } from "react";
import type { SelectOption } from "@/components/ui/select-field";
import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS, STATUS_OPTIONS } from "@/config/ticket-fields";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import type { Category, Priority, Status } from "@/types/api";
import { type ConsoleView, hasActiveFilters } from "../view";

type ConsoleFiltersProps = {
  view: ConsoleView;
  onChange: (changes: Partial<ConsoleView>) => void;
  searchRef: Ref<HTMLInputElement>;
};

/** Search and filters on one line: the list below keeps the height of the screen. */
export function ConsoleFilters({ view, onChange, searchRef }: ConsoleFiltersProps) {
  const [searchText, setSearchText] = useState(view.search ?? "");
  const debouncedSearch = useDebouncedValue(searchText, SEARCH_DEBOUNCE_MS);

  // The URL can change without typing (Back button, "Clear"): follow it.
  useEffect(() => {
    setSearchText((current) =>
      current.trim() === (view.search ?? "") ? current : (view.search ?? ""),
    );
  }, [view.search]);

  useEffect(() => {
    onChange({ search: debouncedSearch.trim() || undefined });
  }, [debouncedSearch, onChange]);

  return (
    <Flex role="search" aria-label="Filter tickets" gap="2" wrap="wrap" align="center">
      <Field.Root flex="1 1 16rem" minW="0">
        <Field.Label srOnly>Search</Field.Label>
        <InputGroup
          startElement={<Search size={16} />}
          endElement={
            <Kbd size="sm" hideBelow="md" aria-hidden>
              /
            </Kbd>
          }
        >
          <Input
            ref={searchRef}
            size="sm"
            type="search"
            name="search"
            placeholder="Search titles and descriptions"
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.currentTarget.blur();
              }
            }}
          />
        </InputGroup>
      </Field.Root>
      <FilterSelect
        label="Category"
        placeholder="Category"
        options={CATEGORY_OPTIONS}
        value={view.category}
        onChange={(value) => onChange({ category: value as Category | undefined })}
      />
      <FilterSelect
        label="Priority"
        placeholder="Priority"
        options={PRIORITY_OPTIONS}
        value={view.priority}
        onChange={(value) => onChange({ priority: value as Priority | undefined })}
      />
      <FilterSelect
        label="Status"
        placeholder="Status"
        options={STATUS_OPTIONS}
        value={view.status}
        onChange={(value) => onChange({ status: value as Status | undefined })}
      />
      {hasActiveFilters(view) && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setSearchText("");
            onChange({
              search: undefined,
              category: undefined,
              priority: undefined,
              status: undefined,
            });
          }}
        >
          <X /> Clear
        </Button>
      )}
    </Flex>
  );
}

type FilterSelectProps = {
  label: string;
  placeholder: string;
  options: readonly SelectOption[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
};

/**
 * A select whose first option, meaning "any", shows its name ("Priority"), as filter
 * bars do; its label is for readers.
 */
function FilterSelect({ label, placeholder, options, value, onChange }: FilterSelectProps) {
  return (
    <Field.Root width={{ base: "calc(33% - 0.35rem)", sm: "10rem" }}>
      <Field.Label srOnly>{label}</Field.Label>
      <NativeSelect.Root size="sm">
        <NativeSelect.Field
          name={`filter-${label.toLowerCase()}`}
          textStyle={{ base: "xs", sm: "sm" }}
          value={value ?? ""}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
        >
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
    </Field.Root>
  );
}
