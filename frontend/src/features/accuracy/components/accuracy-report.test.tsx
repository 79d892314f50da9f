import { screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { makeReport } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { ScoredBackend } from "@/types/api";
import { AccuracyReport } from "./accuracy-report";

const REPORT = "GET /api/classifier/report/";

/** The report with its classifier held in state, as the page holds it in the address. */
function ChoosingReport() {
  const [backend, setBackend] = useState<ScoredBackend>("all");
  return <AccuracyReport backend={backend} onBackendChange={setBackend} />;
}

describe("AccuracyReport", () => {
  it("shows the learned model, the classifiers, and confusion matrices as tables", async () => {
    stubFetch({ [REPORT]: () => jsonResponse(makeReport()) });
    const { user } = await renderWithProviders(<ChoosingReport />);

    expect(await screen.findByTestId("learned-model-status")).toHaveTextContent("Answering");
    expect(screen.getByText("v3")).toBeInTheDocument();
    expect(screen.getByText("60 tickets of this team + 40 prior examples")).toBeInTheDocument();
    expect(screen.getByText("category 83% · priority 67% on 12 tickets")).toBeInTheDocument();

    const backends = screen.getByTestId("backend-scores");
    const rows = within(backends).getAllByRole("row");
    expect(rows.map((row) => row.textContent)).toEqual([
      "ClassifierTicketsCategoryPriorityBoth",
      "All classifiers1275%75%50%",
      "Keyword rules875%75%50%",
      "Learned model475%75%50%",
    ]);

    const matrix = screen.getByRole("table", { name: /Category confusion, all classifiers/ });
    expect(within(matrix).getByRole("rowheader", { name: "Technical" })).toBeInTheDocument();
    expect(within(matrix).getByRole("columnheader", { name: "Billing" })).toHaveAttribute(
      "scope",
      "col",
    );

    await user.selectOptions(screen.getByLabelText("Classifier"), "learned");
    expect(
      screen.getByRole("table", { name: /Priority confusion, learned model/ }),
    ).toBeInTheDocument();

    expect(screen.getByTestId("reliability")).toHaveTextContent("30%–40%235%50%");
    expect(screen.getByTestId("confidence-groups")).toHaveTextContent("Below (unsure)333%");
  });

  it("explains an empty report on a new desk", async () => {
    stubFetch({ [REPORT]: () => jsonResponse(makeReport({ confirmed_tickets: 0 })) });
    await renderWithProviders(<ChoosingReport />);

    expect(await screen.findByTestId("learned-model-status")).toHaveTextContent(
      "Learning: 0 of 50 confirmed",
    );
    expect(screen.getByText("Not trained yet")).toBeInTheDocument();
    expect(screen.getAllByTestId("accuracy-empty")).toHaveLength(1);
    expect(screen.queryByRole("table", { name: /confusion/ })).not.toBeInTheDocument();
    expect(screen.getByTestId("confidence-threshold")).toHaveTextContent("50%");
  });
});
