import { describe, expect, it } from "vitest";
import { filtersFromSearch, hasActiveFilters, searchWithFilters } from "./filters";

describe("filtersFromSearch", () => {
  it("reads every filter from the query string", () => {
    expect(filtersFromSearch("?category=billing&priority=high&status=open&search=refund")).toEqual({
      category: "billing",
      priority: "high",
      status: "open",
      search: "refund",
    });
  });

  it("drops values the backend would refuse and blank searches", () => {
    expect(filtersFromSearch("?category=shoes&priority=urgent&status=open&search=%20%20")).toEqual({
      status: "open",
    });
  });
});

describe("searchWithFilters", () => {
  it("writes set filters and removes cleared ones, keeping other parameters", () => {
    const query = searchWithFilters("?category=billing&lang=de&search=old", {
      category: undefined,
      status: "in_progress",
      search: "refund twice",
    });

    expect(new URLSearchParams(query).toString()).toBe(
      "lang=de&search=refund+twice&status=in_progress",
    );
  });

  it("round-trips through the URL", () => {
    const filters = { category: "account", search: "reset password" } as const;
    expect(filtersFromSearch(searchWithFilters("", filters))).toEqual(filters);
  });

  it("gives an empty string when nothing is left", () => {
    expect(searchWithFilters("?status=open", { status: undefined })).toBe("");
  });
});

describe("hasActiveFilters", () => {
  it("is true only when some filter is set", () => {
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters({ search: "x" })).toBe(true);
  });
});
