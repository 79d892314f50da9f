import { Badge, Box, Link, Skeleton } from "@chakra-ui/react";
import type { MouseEvent } from "react";
import type { Queue, QueueCounts } from "@/types/api";

export const QUEUE_LABELS: Record<Queue, string> = {
  mine: "My open",
  unassigned: "Unassigned",
  triage: "Triage",
  open: "All open",
  resolved_recently: "Resolved recently",
  all: "All",
};

const QUEUE_ORDER: readonly Queue[] = [
  "mine",
  "unassigned",
  "triage",
  "open",
  "resolved_recently",
  "all",
];

type QueueNavProps = {
  current: Queue;
  /** Undefined while loading, and when they could not be loaded: the queues work without. */
  counts: QueueCounts | undefined;
  countsLoading: boolean;
  hrefFor: (queue: Queue) => string;
  onSelect: (queue: Queue) => void;
};

/**
 * The queues with their counts: a column beside the list on wide screens, chips above it
 * on a phone, wrapping onto more lines so that every queue and count is in view.
 */
export function QueueNav({ current, counts, countsLoading, hrefFor, onSelect }: QueueNavProps) {
  const follow = (event: MouseEvent, queue: Queue) => {
    // A new tab or window keeps the browser's own behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    onSelect(queue);
  };

  return (
    <Box as="nav" aria-label="Queues" minW="0">
      <Box
        as="ul"
        listStyleType="none"
        display="flex"
        flexDirection={{ base: "row", md: "column" }}
        gap="1"
        flexWrap="wrap"
      >
        {QUEUE_ORDER.map((queue) => {
          const selected = queue === current;
          return (
            <Box as="li" key={queue} flexShrink="0">
              <Link
                href={hrefFor(queue)}
                onClick={(event) => follow(event, queue)}
                aria-current={selected ? "page" : undefined}
                display="flex"
                alignItems="center"
                justifyContent="space-between"
                gap="3"
                px="3"
                py={{ base: "1", md: "1.5" }}
                borderRadius={{ base: "full", md: "l2" }}
                borderWidth={{ base: "1px", md: "0" }}
                textStyle="sm"
                fontWeight="medium"
                color="fg"
                whiteSpace="nowrap"
                _hover={{ bg: "bg.emphasized", textDecoration: "none" }}
                css={{
                  "&[aria-current=page]": {
                    bg: "teal.subtle",
                    color: "teal.fg",
                    borderColor: "teal.muted",
                  },
                }}
              >
                {QUEUE_LABELS[queue]}
                {counts ? (
                  <Badge
                    variant={selected ? "solid" : "subtle"}
                    colorPalette={selected ? "teal" : "gray"}
                    size="sm"
                    minW="6"
                    justifyContent="center"
                    data-testid={`queue-count-${queue}`}
                  >
                    {counts[queue]}
                  </Badge>
                ) : (
                  countsLoading && <Skeleton height="4" width="6" />
                )}
              </Link>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
