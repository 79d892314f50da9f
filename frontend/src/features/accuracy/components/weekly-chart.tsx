import { Chart, useChart } from "@chakra-ui/charts";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekScore } from "@/types/api";
import { weekLabel } from "../report";

/**
 * The weekly rates as two lines. Hidden from assistive technology: the table beside it
 * holds the same numbers. A week without confirmed tickets is a gap, not a zero.
 */
export default function WeeklyChart({ weeks }: { weeks: readonly WeekScore[] }) {
  const chart = useChart({
    data: weeks.map((week) => ({
      week: weekLabel(week.week),
      category: week.category_rate === null ? null : Math.round(week.category_rate * 100),
      priority: week.priority_rate === null ? null : Math.round(week.priority_rate * 100),
    })),
    series: [
      { name: "category", label: "Category", color: "teal.solid" },
      { name: "priority", label: "Priority", color: "purple.solid" },
    ],
  });
  return (
    <Chart.Root chart={chart} height="40" aria-hidden>
      <LineChart
        responsive
        accessibilityLayer={false}
        data={chart.data}
        margin={{ top: 4, right: 8, left: -24, bottom: 0 }}
      >
        <CartesianGrid stroke={chart.color("border.muted")} vertical={false} />
        <XAxis
          dataKey={chart.key("week")}
          axisLine={false}
          tickLine={false}
          tick={{ fontSize: 11 }}
        />
        <YAxis
          domain={[0, 100]}
          axisLine={false}
          tickLine={false}
          tick={{ fontSize: 11 }}
          unit="%"
        />
        <Tooltip animationDuration={100} content={<Chart.Tooltip />} />
        <Legend content={<Chart.Legend />} />
        {chart.series.map((item) => (
          <Line
            key={item.name}
            dataKey={chart.key(item.name)}
            name={item.label as string}
            stroke={chart.color(item.color)}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Chart.Root>
  );
}
