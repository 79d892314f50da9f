import { useEffect, useState } from "react";
import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * The text of a search box whose words live in the URL. Typing reaches `onSearch`
 * (trimmed, `undefined` when empty) once it pauses; a search changed without typing
 * (Back button, "Clear") replaces the text.
 */
export function useSearchText(
  search: string | undefined,
  onSearch: (search: string | undefined) => void,
) {
  const [text, setText] = useState(search ?? "");
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    setText((current) => (current.trim() === (search ?? "") ? current : (search ?? "")));
  }, [search]);

  useEffect(() => {
    onSearch(debounced.trim() || undefined);
  }, [debounced, onSearch]);

  return [text, setText] as const;
}
