import { act, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { REFRESH_INTERVAL_MS } from "@/config/constants";
import { type LiveStatus, LiveStatusContext } from "@/lib/live-status";
import { makeStats } from "@/testing/data";
import { jsonResponse, stubFetch, validationError } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import { StatsPanel } from "./stats-panel";

const STATS = "GET /api/tickets/stats/";

/** The value shown next to a label in a Stat or a chart legend. */
function statValue(label: string) {
  const stat = screen
    .getByText(label, { selector: ".chakra-stat__label" })
    .closest(".chakra-stat__root");
  if (!(stat instanceof HTMLElement)) {
    throw new Error(`No stat labelled ${label}`);
  }
  return within(stat);
}

function legendCount(chartTitle: string, bucket: string) {
  const figure = screen.getByRole("figure", { name: chartTitle });
  const label = within(figure).getByText(bucket, { selector: "dt" });
  return label.nextElementSibling?.textContent;
}

describe("StatsPanel", () => {
  it("shows the totals, open and in progress apart, the average per day and the AI agreement", async () => {
    stubFetch({
      [STATS]: () =>
        jsonResponse(
          makeStats({
            status_breakdown: { open: 4, in_progress: 2, resolved: 3, closed: 1 },
            ai_agreement: { classified_tickets: 12, category_rate: 0.86, priority_rate: 0.71 },
          }),
        ),
    });
    await renderWithProviders(<StatsPanel />);

    expect(await screen.findByText("Total tickets")).toBeInTheDocument();
    expect(statValue("Total tickets").getByText("10")).toBeInTheDocument();
    expect(statValue("Open").getByText("4")).toBeInTheDocument();
    expect(statValue("In progress").getByText("2")).toBeInTheDocument();
    expect(statValue("In progress").getByText("All open queue: 6")).toBeInTheDocument();
    expect(statValue("Per day").getByText("2.5")).toBeInTheDocument();
    expect(statValue("AI agreement").getByText("86%")).toBeInTheDocument();
    expect(
      statValue("AI agreement").getByText("category; priority 71%; of 12 tickets"),
    ).toBeInTheDocument();
    expect(screen.getByText("AI agreement").closest("dl")).toHaveAttribute(
      "title",
      expect.stringContaining("Of 12 tickets with a suggestion"),
    );
  });

  it("gives no agreement rate for fewer than 10 classified tickets", async () => {
    stubFetch({
      [STATS]: () =>
        jsonResponse(
          makeStats({
            ai_agreement: { classified_tickets: 9, category_rate: 1, priority_rate: 0.89 },
          }),
        ),
    });
    await renderWithProviders(<StatsPanel />);

    expect(await screen.findByText("not enough data: 9 tickets classified")).toBeInTheDocument();
    expect(statValue("AI agreement").getByText("—")).toBeInTheDocument();
    expect(screen.queryByText("100%")).not.toBeInTheDocument();
  });

  it("draws every bucket of the breakdowns, zeros included", async () => {
    // The panel loads its charts lazily; fake time would not wait for a module to load.
    await import("./breakdown-charts");
    stubFetch({
      [STATS]: () =>
        jsonResponse(
          makeStats({
            priority_breakdown: { low: 0, medium: 5, high: 0, critical: 1 },
            category_breakdown: { billing: 6, technical: 0, account: 0, general: 0 },
            status_breakdown: { open: 3, in_progress: 2, resolved: 0, closed: 1 },
          }),
        ),
    });
    await renderWithProviders(<StatsPanel />);

    await screen.findByRole("figure", { name: "By priority" });
    expect(legendCount("By priority", "Low")).toBe("0");
    expect(legendCount("By priority", "Medium")).toBe("5");
    expect(legendCount("By priority", "High")).toBe("0");
    expect(legendCount("By priority", "Critical")).toBe("1");
    expect(legendCount("By category", "Billing")).toBe("6");
    expect(legendCount("By category", "General")).toBe("0");
    expect(legendCount("By status", "Open")).toBe("3");
    expect(legendCount("By status", "In progress")).toBe("2");
    expect(legendCount("By status", "Resolved")).toBe("0");
    expect(legendCount("By status", "Closed")).toBe("1");
  });

  it("says when nothing has been classified yet", async () => {
    stubFetch({
      [STATS]: () =>
        jsonResponse(
          makeStats({
            total_tickets: 0,
            open_tickets: 0,
            avg_tickets_per_day: 0,
            ai_agreement: { classified_tickets: 0, category_rate: null, priority_rate: null },
          }),
        ),
    });
    await renderWithProviders(<StatsPanel />);

    expect(await screen.findByText("nothing classified yet")).toBeInTheDocument();
    expect(statValue("AI agreement").getByText("—")).toBeInTheDocument();
    expect(statValue("Total tickets").getByText("0")).toBeInTheDocument();
  });

  it("offers a retry when the numbers cannot be loaded", async () => {
    let calls = 0;
    stubFetch({
      [STATS]: () => {
        calls += 1;
        return calls === 1
          ? validationError(null, "Database unavailable", 503)
          : jsonResponse(makeStats());
      },
    });
    const { user } = await renderWithProviders(<StatsPanel />);

    expect(await screen.findByText("The statistics could not be loaded")).toBeInTheDocument();
    expect(screen.getByText("Database unavailable")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));

    expect(await screen.findByText("Total tickets")).toBeInTheDocument();
  });

  it.each([
    ["off", 2],
    ["connecting", 2],
    ["open", 0],
  ] as const)(
    "with live updates %s, refreshes %i times a minute",
    async (status: LiveStatus, reads: number) => {
      const api = stubFetch({ [STATS]: () => jsonResponse(makeStats()) });
      await renderWithProviders(
        <LiveStatusContext value={status}>
          <StatsPanel />
        </LiveStatusContext>,
      );
      expect(await screen.findByText("Total tickets")).toBeInTheDocument();
      const before = api.to("GET", "/api/tickets/stats/").length;

      await act(() => vi.advanceTimersByTimeAsync(2 * REFRESH_INTERVAL_MS));

      expect(api.to("GET", "/api/tickets/stats/").length - before).toBe(reads);
    },
  );
});
