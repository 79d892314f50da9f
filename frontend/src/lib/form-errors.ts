import { ApiError } from "@/lib/api-client";

/**
 * Splits a failed request's messages into those for the form's fields and the rest,
 * which the form shows above its button.
 */
export function formErrors<F extends string>(error: Error | null, fields: readonly F[]) {
  if (!error) {
    return { field: {} as Partial<Record<F, string>>, other: [] as string[] };
  }
  if (!(error instanceof ApiError)) {
    return { field: {} as Partial<Record<F, string>>, other: [error.message] };
  }
  const byField = error.fieldErrors;
  const field: Partial<Record<F, string>> = {};
  for (const name of fields) {
    if (byField[name]) {
      field[name] = byField[name].join(" ");
    }
  }
  const other = error.errors
    .filter((item) => !fields.some((name) => name === item.attr))
    .map((item) => item.detail);
  return {
    field,
    other: other.length > 0 || Object.keys(field).length > 0 ? other : [error.message],
  };
}
