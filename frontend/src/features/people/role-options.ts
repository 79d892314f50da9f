import { ROLE_LABELS } from "@/lib/session";
import { ROLES } from "@/types/api";

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
