import { Badge } from "@chakra-ui/react";
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from "@/config/ticket-fields";
import type { Category, Priority, Status } from "@/types/api";

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge colorPalette={PRIORITY_COLORS[priority]} variant="solid" title="Priority">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

export function CategoryBadge({ category }: { category: Category }) {
  return (
    <Badge colorPalette={CATEGORY_COLORS[category]} variant="subtle" title="Category">
      {CATEGORY_LABELS[category]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return (
    <Badge colorPalette={STATUS_COLORS[status]} variant="outline" title="Status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
