import { describe, expect, it } from "vitest";
import {
  backendName,
  bucketRange,
  cellShare,
  formatRate,
  labelName,
  learnedModelStatus,
} from "./report";

const BASE = { min_tickets: 50, retrain_every: 20, new_confirmations: 0 };

describe("classifier report helpers", () => {
  it("names labels and backends as the rest of the UI does", () => {
    expect(labelName("billing")).toBe("Billing");
    expect(labelName("critical")).toBe("Critical");
    expect(labelName("mystery")).toBe("mystery");
    expect(backendName("all")).toBe("All classifiers");
    expect(backendName("learned")).toBe("Learned model");
  });

  it("shows a missing rate as a dash rather than 0%", () => {
    expect(formatRate(null)).toBe("–");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(0.875)).toBe("88%");
  });

  it("shades a confusion cell by its share of the row, and an empty row not at all", () => {
    expect(cellShare(3, [3, 1, 0, 0])).toBe(0.75);
    expect(cellShare(0, [0, 0, 0, 0])).toBe(0);
  });

  it("gives a reliability bucket's range in percent", () => {
    expect(bucketRange(0.6, 0.7)).toBe("60%–70%");
  });

  it("says how far the learned model is from answering", () => {
    expect(learnedModelStatus({ ...BASE, version: null, new_confirmations: 12 })).toEqual({
      answering: false,
      text: "Learning: 12 of 50 confirmed",
    });
    expect(
      learnedModelStatus({ ...BASE, version: 2, team_tickets: 30, answering: false }).text,
    ).toBe("Learning: 30 of 50 confirmed");
    expect(learnedModelStatus({ ...BASE, version: 3, team_tickets: 80, answering: true })).toEqual({
      answering: true,
      text: "Answering",
    });
  });
});
