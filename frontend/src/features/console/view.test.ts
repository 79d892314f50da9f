import { describe, expect, it } from "vitest";
import { nextOrdering, viewFromSearch } from "./view";

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
