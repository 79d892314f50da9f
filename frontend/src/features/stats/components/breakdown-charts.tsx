import { Chart, useChart } from "@chakra-ui/charts";
import { Box, Heading, HStack, SimpleGrid, Stack, Text } from "@chakra-ui/react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from "@/config/ticket-fields";
import { CATEGORIES, PRIORITIES, STATUSES, type TicketStats } from "@/types/api";

type Bucket = { label: string; count: number; color: string };

function BreakdownChart({ title, buckets }: { title: string; buckets: Bucket[] }) {
  const chart = useChart({ data: buckets, series: [{ name: "count", label: "Tickets" }] });
  const id = `breakdown-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <Stack gap="2" as="figure" aria-labelledby={id}>
      <Heading as="h3" size="sm" id={id}>
        {title}
      </Heading>
      <Chart.Root chart={chart} height="40" aria-hidden>
        <BarChart
          responsive
          accessibilityLayer={false}
          data={chart.data}
          margin={{ top: 4, right: 4, left: -24, bottom: 0 }}
        >
          <CartesianGrid stroke={chart.color("border.muted")} vertical={false} />
          <XAxis
            dataKey={chart.key("label")}
            axisLine={false}
            tickLine={false}
            tick={{ fontSize: 12 }}
          />
          <YAxis axisLine={false} tickLine={false} allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip
            cursor={{ fill: chart.color("bg.muted") }}
            animationDuration={100}
            content={<Chart.Tooltip hideIndicator />}
          />
          <Bar dataKey={chart.key("count")} radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {chart.data.map((bucket) => (
              <Cell key={bucket.label} fill={chart.color(`${bucket.color}.solid`)} />
            ))}
          </Bar>
        </BarChart>
      </Chart.Root>
      {/* The exact counts, readable without a mouse or a screen. */}
      <HStack as="dl" gap="3" wrap="wrap" textStyle="xs">
        {buckets.map((bucket) => (
          <HStack key={bucket.label} gap="1">
            {/* The dot sits in the term: a <dl> group may hold only <dt> and <dd>. */}
            <HStack as="dt" gap="1" color="fg.muted">
              <Box as="span" boxSize="2" borderRadius="full" bg={`${bucket.color}.solid`} />
              {bucket.label}
            </HStack>
            <Text as="dd" fontWeight="medium">
              {bucket.count}
            </Text>
          </HStack>
        ))}
      </HStack>
    </Stack>
  );
}

export default function BreakdownCharts({ stats }: { stats: TicketStats }) {
  const priorities = PRIORITIES.map((priority) => ({
    label: PRIORITY_LABELS[priority],
    count: stats.priority_breakdown[priority],
    color: PRIORITY_COLORS[priority],
  }));
  const categories = CATEGORIES.map((category) => ({
    label: CATEGORY_LABELS[category],
    count: stats.category_breakdown[category],
    color: CATEGORY_COLORS[category],
  }));
  const statuses = STATUSES.map((status) => ({
    label: STATUS_LABELS[status],
    count: stats.status_breakdown[status],
    color: STATUS_COLORS[status],
  }));
  return (
    <SimpleGrid columns={{ base: 1, md: 2, lg: 1, xl: 2 }} gap="6">
      <BreakdownChart title="By priority" buckets={priorities} />
      <BreakdownChart title="By category" buckets={categories} />
      <BreakdownChart title="By status" buckets={statuses} />
    </SimpleGrid>
  );
}
