import { Button, Field, Flex, Input, InputGroup, Kbd, NativeSelect } from "@chakra-ui/react";
import { Search, X } from "lucide-react";
import { type Ref, useCallback } from "react";
import { type SelectOption, useDraftSelect } from "@/components/ui/select-field";
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS, STATUS_OPTIONS } from "@/config/ticket-fields";
import { useSearchText } from "@/lib/use-search-text";
import { type ConsoleView, hasActiveFilters } from "../view";

type ConsoleFiltersProps = {
  view: ConsoleView;
  onChange: (changes: Partial<ConsoleView>) => void;
  searchRef: Ref<HTMLInputElement>;
};

/** Search and filters on one line: the list below keeps the height of the screen. */
export function ConsoleFilters({ view, onChange, searchRef }: ConsoleFiltersProps) {
  const [searchText, setSearchText] = useSearchText(
    view.search,
    useCallback((search) => onChange({ search }), [onChange]),
  );

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
        onChange={(category) => onChange({ category })}
      />
      <FilterSelect
        label="Priority"
        placeholder="Priority"
        options={PRIORITY_OPTIONS}
        value={view.priority}
        onChange={(priority) => onChange({ priority })}
      />
      <FilterSelect
        label="Status"
        placeholder="Status"
        options={STATUS_OPTIONS}
        value={view.status}
        onChange={(status) => onChange({ status })}
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

type FilterSelectProps<T extends string> = {
  label: string;
  placeholder: string;
  options: readonly SelectOption<T>[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
};

/**
 * A select whose first option, meaning "any", shows its name ("Priority"), as filter
 * bars do; its label is for readers.
 */
function FilterSelect<T extends string>({
  label,
  placeholder,
  options,
  value,
  onChange,
}: FilterSelectProps<T>) {
  const { fieldProps } = useDraftSelect<T | "">({
    value: value ?? "",
    choices: ["", ...options.map((option) => option.value)],
    onCommit: (choice) => onChange(choice === "" ? undefined : choice),
  });
  return (
    <Field.Root width={{ base: "calc(33% - 0.35rem)", sm: "10rem" }}>
      <Field.Label srOnly>{label}</Field.Label>
      <NativeSelect.Root size="sm">
        <NativeSelect.Field
          name={`filter-${label.toLowerCase()}`}
          textStyle={{ base: "xs", sm: "sm" }}
          {...fieldProps}
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
