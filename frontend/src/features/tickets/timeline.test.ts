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
  it("puts comments and changes in time order, the creation before a comment at the same moment", () => {
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

  it("puts a reply before the change it made at the same moment", () => {
    const at = "2026-11-30T10:00:00.123456Z";
    const resolved: HistoryEntry = {
      id: 5,
      at,
      event: "changed",
      actor: { kind: "person", id: 3, name: "Alex Agent" },
      changes: [{ field: "status", old: "open", new: "resolved", kept_suggestion: null }],
    };
    const items = mergeTimeline([{ ...comment(20, 0), created_at: at }], [resolved]);
    expect(items.map((item) => item.kind)).toEqual(["comment", "history"]);
  });

  it("orders by microseconds, which Date.parse drops", () => {
    const change: HistoryEntry = {
      id: 6,
      at: "2026-11-30T10:00:00.123400Z",
      event: "changed",
      actor: { kind: "person", id: 3, name: "Alex Agent" },
      changes: [{ field: "priority", old: "low", new: "high", kept_suggestion: null }],
    };
    const later = { ...comment(21, 0), created_at: "2026-11-30T10:00:00.123900Z" };
    const earlier = { ...comment(22, 0), created_at: "2026-11-30T10:00:00.123100Z" };
    const items = mergeTimeline([later, earlier], [change]);
    expect(
      items.map((item) => (item.kind === "comment" ? item.comment.id : item.entry.id)),
    ).toEqual([22, 6, 21]);
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
      "Alex Agent took the ticket",
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
      "Created by Alex Agent for Rita Requester; took the ticket",
    );
  });

  it("says who assigned whom, and who took or let go of the ticket", () => {
    const alex = { kind: "person", id: 3, name: "Alex Agent" } as const;
    const bea = { id: 4, name: "Bea Agent" };
    const change = (old: typeof bea | null, next: typeof bea | null): HistoryEntry => ({
      id: 8,
      at: ago(1),
      event: "changed",
      actor: alex,
      changes: [{ field: "assignee", old, new: next, kept_suggestion: null }],
    });
    const self = { id: 3, name: "Alex Agent" };
    expect(describeEntry(change(null, self))).toBe("Alex Agent took the ticket");
    expect(describeEntry(change(self, null))).toBe("Alex Agent unassigned it");
    expect(describeEntry(change(null, bea))).toBe("Alex Agent assigned it to Bea Agent");
    expect(describeEntry(change(bea, null))).toBe("Alex Agent unassigned Bea Agent");
  });
});
