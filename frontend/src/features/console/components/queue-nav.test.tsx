import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@/testing/render";
import { QueueNav } from "./queue-nav";

describe("QueueNav", () => {
  it("wraps the queues onto more lines instead of hiding some off to the side", async () => {
    await renderWithProviders(
      <QueueNav
        current="open"
        counts={{ mine: 3, unassigned: 5, triage: 2, open: 12, resolved_recently: 4, all: 40 }}
        countsLoading={false}
        hrefFor={(queue) => `/desk?queue=${queue}`}
        onSelect={vi.fn()}
      />,
      { url: "/desk" },
    );

    const list = within(screen.getByRole("navigation", { name: "Queues" })).getByRole("list");
    expect(within(list).getAllByRole("link")).toHaveLength(6);
    expect(list).toHaveStyle({ flexWrap: "wrap" });
    expect(list).not.toHaveStyle({ overflowX: "auto" });
  });
});
