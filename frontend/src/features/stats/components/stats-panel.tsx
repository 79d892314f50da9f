import { Card, Heading, SimpleGrid, Skeleton, Stat, Text } from "@chakra-ui/react";
import { lazy, Suspense } from "react";
import { LoadError } from "@/components/ui/load-error";
import { formatPercent } from "@/lib/format";
import type { TicketStats } from "@/types/api";
import { useStats } from "../api/get-stats";

// recharts is most of the bundle; the numbers should not wait for it.
const BreakdownCharts = lazy(() => import("./breakdown-charts"));

const perDay = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export function StatsPanel() {
  const { data, isPending, isError, error, refetch, isRefetching } = useStats();

  return (
    <Card.Root as="section" size={{ base: "sm", md: "md" }} aria-labelledby="stats-heading">
      <Card.Header>
        <Heading as="h2" size="lg" id="stats-heading">
          Overview
        </Heading>
      </Card.Header>
      <Card.Body gap="6">
        {isPending ? (
          <SimpleGrid columns={2} gap="4" aria-busy="true" aria-label="Loading statistics">
            {[1, 2, 3, 4].map((key) => (
              <Skeleton key={key} height="16" />
            ))}
          </SimpleGrid>
        ) : isError ? (
          <LoadError
            title="The statistics could not be loaded"
            error={error}
            retrying={isRefetching}
            onRetry={() => refetch()}
          />
        ) : (
          <>
            <StatNumbers stats={data} />
            {/* aria-busy rather than a label, which a plain div may not carry (axe). */}
            <Suspense fallback={<Skeleton height="56" aria-busy="true" />}>
              <BreakdownCharts stats={data} />
            </Suspense>
          </>
        )}
      </Card.Body>
    </Card.Root>
  );
}

/** Below this many classified tickets an agreement rate says more about chance than the classifier. */
const MIN_CLASSIFIED_FOR_AGREEMENT = 10;

function ticketCount(count: number): string {
  return `${count} ${count === 1 ? "ticket" : "tickets"}`;
}

function StatNumbers({ stats }: { stats: TicketStats }) {
  const { status_breakdown: byStatus } = stats;
  return (
    <SimpleGrid columns={{ base: 2, md: 3, lg: 2, xl: 3 }} gap="4">
      <NumberStat label="Total tickets" value={String(stats.total_tickets)} />
      <NumberStat label="Open" value={String(byStatus.open)} help="not yet in progress" />
      <NumberStat
        label="In progress"
        value={String(byStatus.in_progress)}
        help={`All open queue: ${byStatus.open + byStatus.in_progress}`}
        title="The console's All open queue counts both open and in-progress tickets"
      />
      <NumberStat label="Per day" value={perDay.format(stats.avg_tickets_per_day)} help="average" />
      <AgreementStat agreement={stats.ai_agreement} />
    </SimpleGrid>
  );
}

function AgreementStat({ agreement }: { agreement: TicketStats["ai_agreement"] }) {
  const classified = agreement.classified_tickets;
  if (classified === 0 || agreement.category_rate === null) {
    return <NumberStat label="AI agreement" value="—" help="nothing classified yet" />;
  }
  if (classified < MIN_CLASSIFIED_FOR_AGREEMENT) {
    return (
      <NumberStat
        label="AI agreement"
        value="—"
        help={`not enough data: ${ticketCount(classified)} classified`}
        title={`A rate needs at least ${MIN_CLASSIFIED_FOR_AGREEMENT} tickets with a suggestion`}
      />
    );
  }
  const priority = agreement.priority_rate === null ? "—" : formatPercent(agreement.priority_rate);
  return (
    <NumberStat
      label="AI agreement"
      value={formatPercent(agreement.category_rate)}
      help={`category; priority ${priority}; of ${ticketCount(classified)}`}
      title={`Of ${ticketCount(classified)} with a suggestion, how often the final category and priority are the ones suggested`}
    />
  );
}

type NumberStatProps = { label: string; value: string; help?: string; title?: string };

function NumberStat({ label, value, help, title }: NumberStatProps) {
  return (
    <Stat.Root borderWidth="1px" borderRadius="l2" p="3" gap="1" title={title}>
      <Stat.Label>{label}</Stat.Label>
      <Stat.ValueText>{value}</Stat.ValueText>
      {help && (
        // A <dd>: a <dl> may hold only terms and descriptions.
        <Stat.HelpText as="dd">
          <Text as="span" textStyle="xs">
            {help}
          </Text>
        </Stat.HelpText>
      )}
    </Stat.Root>
  );
}
