import { describe, expect, it } from "vitest";
import type { HistoryEntry, TicketComment } from "@/types/api";
import { ago, sampleHistory } from "./testing/history";
import { describeEntry, mergeTimeline } from "./timeline";

function comment(id: number, minutesAgo: number): TicketComment {
  return {
    id,
    author: { id: 7, name: "Rita Requester", email: "rita@example.com" },
    body: `Comment ${id}`,
    internal: false,
    created_at: ago(minutesAgo),
  };
}

function lines(history: HistoryEntry[]): string[] {
  return history.map((entry, index) => describeEntry(entry, history[index - 1]));
}

describe("mergeTimeline", () => {
  it("puts comments and changes in time order, changes first at the same moment", () => {
    const history = sampleHistory();
    const first = { ...comment(11, 60), created_at: history[1].at };
    const items = mergeTimeline([comment(13, 5), first, comment(12, 20)], history);

    expect(
      items.map((item) =>
        item.kind === "comment"
          ? `comment ${item.comment.id}`
          : `${item.entry.event} ${item.entry.id}`,
      ),
    ).toEqual([
      "suggested 1",
      "created 1",
      "comment 11",
      "changed 2",
      "comment 12",
      "changed 3",
      "comment 13",
    ]);
  });

  it("is the conversation alone without history", () => {
    const items = mergeTimeline([comment(1, 2), comment(2, 1)], []);
    expect(items.map((item) => item.kind)).toEqual(["comment", "comment"]);
  });
});

describe("describeEntry", () => {
  it("says who did what, in one line per entry", () => {
    expect(lines(sampleHistory())).toEqual([
      "Classifier (Keyword rules) suggested Billing · High",
      "Created by Rita Requester; kept the suggested category, changed priority High → Medium",
      "Alex Agent assigned to Alex Agent",
      "Alex Agent changed status Open → Resolved",
    ]);
  });

  it("names changes made outside the app, several changes, and a ticket filed for someone", () => {
    const system: HistoryEntry = {
      id: 9,
      at: ago(1),
      event: "changed",
      actor: { kind: "system", id: null, name: "System" },
      changes: [
        { field: "priority", old: "low", new: "critical", kept_suggestion: null },
        { field: "assignee", old: { id: 3, name: "Alex Agent" }, new: null, kept_suggestion: null },
        { field: "description", old: "a", new: "b", kept_suggestion: null },
      ],
    };
    expect(describeEntry(system)).toBe(
      "System (outside the app) changed priority Low → Critical, unassigned Alex Agent, edited the description",
    );

    const filedForRita: HistoryEntry = {
      id: 4,
      at: ago(1),
      event: "created",
      actor: { kind: "person", id: 3, name: "Alex Agent" },
      changes: [
        {
          field: "requester",
          old: null,
          new: { id: 7, name: "Rita Requester" },
          kept_suggestion: null,
        },
        { field: "assignee", old: null, new: { id: 3, name: "Alex Agent" }, kept_suggestion: null },
      ],
    };
    expect(describeEntry(filedForRita)).toBe(
      "Created by Alex Agent for Rita Requester; assigned to Alex Agent",
    );
  });
});
