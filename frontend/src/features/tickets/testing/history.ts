import type { HistoryEntry } from "@/types/api";

const RITA = { kind: "person", id: 7, name: "Rita Requester" } as const;
const ALEX = { kind: "person", id: 3, name: "Alex Agent" } as const;

/** `minutesAgo` minutes before now, as the API writes times. */
export function ago(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000).toISOString();
}

/**
 * A ticket Rita filed 60 minutes ago: the rules suggested billing · high and she chose
 * medium; Alex took it 30 minutes ago and resolved it 10 minutes ago.
 */
export function sampleHistory(): HistoryEntry[] {
  return [
    {
      id: 1,
      at: ago(60),
      event: "suggested",
      actor: { kind: "classifier", id: null, name: "Classifier" },
      changes: [
        { field: "suggested_category", old: null, new: "billing", kept_suggestion: null },
        { field: "suggested_priority", old: null, new: "high", kept_suggestion: null },
        { field: "classified_by", old: null, new: "rules", kept_suggestion: null },
      ],
    },
    {
      id: 1,
      at: ago(60),
      event: "created",
      actor: RITA,
      changes: [
        { field: "title", old: null, new: "Cannot log in", kept_suggestion: null },
        { field: "category", old: null, new: "billing", kept_suggestion: true },
        { field: "priority", old: null, new: "medium", kept_suggestion: false },
        { field: "status", old: null, new: "open", kept_suggestion: null },
        {
          field: "requester",
          old: null,
          new: { id: 7, name: "Rita Requester" },
          kept_suggestion: null,
        },
      ],
    },
    {
      id: 2,
      at: ago(30),
      event: "changed",
      actor: ALEX,
      changes: [
        { field: "assignee", old: null, new: { id: 3, name: "Alex Agent" }, kept_suggestion: null },
      ],
    },
    {
      id: 3,
      at: ago(10),
      event: "changed",
      actor: ALEX,
      changes: [{ field: "status", old: "open", new: "resolved", kept_suggestion: null }],
    },
  ];
}
