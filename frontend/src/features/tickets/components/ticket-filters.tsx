import { Button, Field, Input, InputGroup, SimpleGrid, Stack } from "@chakra-ui/react";
import { Search, SlidersHorizontal, X } from "lucide-react";
import { useCallback, useId, useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS, STATUS_OPTIONS } from "@/config/ticket-fields";
import { useSearchText } from "@/lib/use-search-text";
import type { TicketFilters as Filters } from "@/types/api";
import { hasActiveFilters } from "../filters";

type TicketFiltersProps = {
  filters: Filters;
  onChange: (changes: Partial<Filters>) => void;
  onClear: () => void;
};

/**
 * Search, then category, priority and status. On a phone the three lists wait behind
 * "More filters" so the tickets are not pushed out of view; one in use stays shown.
 */
export function TicketFilters({ filters, onChange, onClear }: TicketFiltersProps) {
  const [searchText, setSearchText] = useSearchText(
    filters.search,
    useCallback((search) => onChange({ search }), [onChange]),
  );
  const [opened, setOpened] = useState(false);
  const narrowed = Boolean(filters.category || filters.priority || filters.status);
  const listsId = useId();

  return (
    <Stack gap="3" role="search" aria-label="Filter tickets">
      <Field.Root>
        <Field.Label>Search</Field.Label>
        <InputGroup startElement={<Search size={16} />}>
          <Input
            type="search"
            name="search"
            placeholder="Words in the title or description"
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
          />
        </InputGroup>
      </Field.Root>
      {!narrowed && (
        <Button
          hideFrom="sm"
          alignSelf="flex-start"
          size="xs"
          variant="outline"
          aria-expanded={opened}
          aria-controls={listsId}
          onClick={() => setOpened(!opened)}
        >
          <SlidersHorizontal /> More filters
        </Button>
      )}
      <SimpleGrid
        id={listsId}
        columns={{ base: 1, sm: 3 }}
        gap="3"
        display={{ base: opened || narrowed ? "grid" : "none", sm: "grid" }}
      >
        <SelectField
          label="Category"
          name="filter-category"
          size="sm"
          value={filters.category ?? ""}
          placeholder="All categories"
          options={CATEGORY_OPTIONS}
          onChange={(value) => onChange({ category: value || undefined })}
        />
        <SelectField
          label="Priority"
          name="filter-priority"
          size="sm"
          value={filters.priority ?? ""}
          placeholder="All priorities"
          options={PRIORITY_OPTIONS}
          onChange={(value) => onChange({ priority: value || undefined })}
        />
        <SelectField
          label="Status"
          name="filter-status"
          size="sm"
          value={filters.status ?? ""}
          placeholder="All statuses"
          options={STATUS_OPTIONS}
          onChange={(value) => onChange({ status: value || undefined })}
        />
      </SimpleGrid>
      {hasActiveFilters(filters) && (
        <Button
          alignSelf="flex-start"
          size="xs"
          variant="ghost"
          onClick={() => {
            setSearchText("");
            onClear();
          }}
        >
          <X /> Clear filters
        </Button>
      )}
    </Stack>
  );
}
