import { useState } from "react";

export type FieldMessages<F extends string> = Partial<Record<F, string>>;

/**
 * The required fields left empty, each with the message to show under it. Each field
 * comes with the value to test, trimmed or not as the field wants.
 */
export function missingFields<F extends string>(
  required: Record<F, readonly [value: string, message: string]>,
): FieldMessages<F> {
  const missing: FieldMessages<F> = {};
  for (const field in required) {
    const [value, message] = required[field];
    if (!value) {
      missing[field] = message;
    }
  }
  return missing;
}

/**
 * Errors a form finds before sending. `check` shows the ones given, replacing the last,
 * and says whether there were none, so the form can go ahead.
 */
export function useClientErrors<F extends string>() {
  const [errors, setErrors] = useState<FieldMessages<F>>({});
  const check = (found: FieldMessages<F>) => {
    setErrors(found);
    return Object.keys(found).length === 0;
  };
  return [errors, check] as const;
}
