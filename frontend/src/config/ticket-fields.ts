import {
  CATEGORIES,
  type Category,
  type Classifier,
  PRIORITIES,
  type Priority,
  STATUSES,
  type Status,
} from "@/types/api";

/** Human labels and badge colours for the ticket enums, shared by every feature. */
export const CATEGORY_LABELS: Record<Category, string> = {
  billing: "Billing",
  technical: "Technical",
  account: "Account",
  general: "General",
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const STATUS_LABELS: Record<Status, string> = {
  open: "Open",
  in_progress: "In progress",
  resolved: "Resolved",
  closed: "Closed",
};

export const CLASSIFIER_LABELS: Record<Classifier, string> = {
  ollama: "Local model",
  cloud: "Cloud",
  learned: "Learned model",
  rules: "Keyword rules",
};

/** The choices of a select, in the order the API lists the values. */
function options<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const CATEGORY_OPTIONS = options(CATEGORIES, CATEGORY_LABELS);
export const PRIORITY_OPTIONS = options(PRIORITIES, PRIORITY_LABELS);
export const STATUS_OPTIONS = options(STATUSES, STATUS_LABELS);

export const PRIORITY_COLORS: Record<Priority, string> = {
  low: "green",
  medium: "yellow",
  high: "orange",
  critical: "red",
};

export const CATEGORY_COLORS: Record<Category, string> = {
  billing: "purple",
  technical: "blue",
  account: "cyan",
  general: "pink",
};

export const STATUS_COLORS: Record<Status, string> = {
  open: "blue",
  in_progress: "purple",
  resolved: "green",
  closed: "gray",
};
