import { StatsPanel } from "@/features/stats/components/stats-panel";
import { PageHeader } from "../page-header";

/** The numbers of the desk, refreshed whenever a ticket changes. */
export function StatsPage() {
  return (
    <>
      <PageHeader title="Stats" description="Tickets by priority, category and status." />
      <StatsPanel />
    </>
  );
}
