import { describe, expect, it } from "vitest";
import { nextOrdering, pageFromSearch, searchWithView, viewFromSearch } from "./view";

describe("viewFromSearch", () => {
  it("holds only the parameters given, each one a value the backend takes", () => {
    const view = viewFromSearch("?queue=mine&ordering=-priority&status=open&search=%20refund%20");
    expect(view).toStrictEqual({
      queue: "mine",
      ordering: "-priority",
      status: "open",
      search: "refund",
    });
  });

  it("drops values the backend would refuse, and opens the default queue", () => {
    expect(
      viewFromSearch("?queue=everything&ordering=-colour&category=shoes&search=%20"),
    ).toStrictEqual({ queue: "open" });
  });
});

describe("nextOrdering", () => {
  it("sorts a column in its first direction, then the other", () => {
    expect(nextOrdering({ queue: "open" }, "priority")).toBe("-priority");
    expect(nextOrdering({ queue: "open", ordering: "-priority" }, "priority")).toBe("priority");
    expect(nextOrdering({ queue: "open" }, "subject")).toBe("title");
    expect(nextOrdering({ queue: "open", ordering: "title" }, "subject")).toBe("-title");
  });
});

describe("the page in the query string", () => {
  it("holds the API's cursor, and the page's number only beside a cursor", () => {
    expect(viewFromSearch("?queue=all&cursor=cD0y&page=2")).toStrictEqual({
      queue: "all",
      cursor: "cD0y",
    });
    expect(pageFromSearch("?queue=all&cursor=cD0y&page=2")).toBe(2);
    expect(pageFromSearch("?queue=all&page=2")).toBe(1);
    expect(pageFromSearch("?cursor=cD0y&page=two")).toBeUndefined();
    expect(searchWithView("?page=3", { queue: "all" })).toBe("?queue=all");
    expect(searchWithView("", { queue: "all", cursor: "cD0y" }, 2)).toBe(
      "?queue=all&cursor=cD0y&page=2",
    );
  });
});
