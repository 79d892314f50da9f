import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SEARCH_DEBOUNCE_MS } from "@/config/constants";
import { useSearchText } from "./use-search-text";

describe("useSearchText", () => {
  it("searches for the trimmed text once typing pauses, and follows a search set elsewhere", () => {
    const onSearch = vi.fn();
    const { result, rerender } = renderHook(({ search }) => useSearchText(search, onSearch), {
      initialProps: { search: undefined as string | undefined },
    });
    onSearch.mockClear();

    act(() => result.current[1]("  refund "));
    expect(result.current[0]).toBe("  refund ");
    expect(onSearch).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(onSearch).toHaveBeenLastCalledWith("refund");

    // The same words as the URL keep the text as typed; other words replace it.
    rerender({ search: "refund" });
    expect(result.current[0]).toBe("  refund ");
    rerender({ search: undefined });
    expect(result.current[0]).toBe("");
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(onSearch).toHaveBeenLastCalledWith(undefined);
  });
});
