import { Skeleton, Stack, Table } from "@chakra-ui/react";
import { lazy, Suspense } from "react";
import type { WeekScore } from "@/types/api";
import { formatRate, weekLabel } from "../report";
import { NumberCell, NumberHeader, ReportCaption, TableScroll } from "./table-scroll";

// recharts is most of the bundle: it loads with this section, never with the app.
const WeeklyChart = lazy(() => import("./weekly-chart"));

/** The share of labels kept, week by week: a chart to see the trend, a table to read it. */
export function WeeklyAgreement({ weeks }: { weeks: readonly WeekScore[] }) {
  return (
    <Stack gap="4">
      <Suspense fallback={<Skeleton height="40" aria-busy="true" />}>
        <WeeklyChart weeks={weeks} />
      </Suspense>
      <TableScroll
        label="Agreement by week"
        note="Labels kept on confirmed tickets, by the week they were filed."
      >
        <Table.Root size="sm" stickyHeader data-testid="weekly-agreement">
          <ReportCaption>Agreement by week</ReportCaption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader scope="col">Week of</Table.ColumnHeader>
              <NumberHeader>Tickets</NumberHeader>
              <NumberHeader>Category</NumberHeader>
              <NumberHeader>Priority</NumberHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {[...weeks].reverse().map((week) => (
              <Table.Row key={week.week}>
                <Table.Cell as="th" scope="row" fontWeight="normal">
                  <time dateTime={week.week}>{weekLabel(week.week)}</time>
                </Table.Cell>
                <NumberCell>{week.tickets}</NumberCell>
                <NumberCell>{formatRate(week.category_rate)}</NumberCell>
                <NumberCell>{formatRate(week.priority_rate)}</NumberCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </TableScroll>
    </Stack>
  );
}
