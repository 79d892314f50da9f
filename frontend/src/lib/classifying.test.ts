import { describe, expect, it } from "vitest";
import { CLASSIFYING_PATIENCE_MS } from "@/config/constants";
import { makeTicket } from "@/testing/data";
import { awaitsLanguageModel, labelsMayChange } from "./classifying";

describe("awaitsLanguageModel", () => {
  const filedAt = Date.parse("2026-11-30T12:00:00Z");
  const ticket = makeTicket({ classifying: true, created_at: new Date(filedAt).toISOString() });

  it("waits from filing until the worker has had long enough", () => {
    expect(awaitsLanguageModel(ticket, filedAt + 1_000)).toBe(true);
    expect(awaitsLanguageModel(ticket, filedAt + CLASSIFYING_PATIENCE_MS - 1)).toBe(true);
    expect(awaitsLanguageModel(ticket, filedAt + CLASSIFYING_PATIENCE_MS)).toBe(false);
  });

  it("never waits for a ticket that is not classifying", () => {
    expect(awaitsLanguageModel({ ...ticket, classifying: false }, filedAt)).toBe(false);
  });
});

describe("labelsMayChange", () => {
  const suggested = { suggested_category: "billing", suggested_priority: "high" } as const;

  it("holds while a label still has the suggestion's value", () => {
    expect(
      labelsMayChange(makeTicket({ ...suggested, category: "billing", priority: "low" })),
    ).toBe(true);
    expect(
      labelsMayChange(makeTicket({ ...suggested, category: "account", priority: "high" })),
    ).toBe(true);
  });

  it("does not once both labels were chosen otherwise, or an agent confirmed them", () => {
    expect(
      labelsMayChange(makeTicket({ ...suggested, category: "account", priority: "low" })),
    ).toBe(false);
    expect(
      labelsMayChange(makeTicket({ ...suggested, labels_confirmed_at: "2026-11-30T12:01:00Z" })),
    ).toBe(false);
  });
});
