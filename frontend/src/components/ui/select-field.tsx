import { Field, NativeSelect, Spinner } from "@chakra-ui/react";
import type { ReactNode } from "react";

export type SelectOption = { value: string; label: string };

type SelectFieldProps = {
  label: ReactNode;
  name: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** Text of the empty first option; without it the select always holds a value. */
  placeholder?: string;
  loading?: boolean;
  disabled?: boolean;
  helperText?: ReactNode;
  errorText?: ReactNode;
  size?: "xs" | "sm" | "md" | "lg";
};

/** A labelled native `<select>`: real keyboard and screen-reader behaviour on every device. */
export function SelectField({
  label,
  name,
  value,
  options,
  onChange,
  placeholder,
  loading = false,
  disabled = false,
  helperText,
  errorText,
  size = "md",
}: SelectFieldProps) {
  return (
    <Field.Root invalid={Boolean(errorText)} disabled={disabled}>
      <Field.Label>{label}</Field.Label>
      <NativeSelect.Root size={size} disabled={disabled}>
        <NativeSelect.Field
          name={name}
          value={value}
          aria-busy={loading}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect.Field>
        {loading ? (
          <NativeSelect.Indicator>
            <Spinner size="xs" color="colorPalette.solid" />
          </NativeSelect.Indicator>
        ) : (
          <NativeSelect.Indicator />
        )}
      </NativeSelect.Root>
      {helperText && !errorText && <Field.HelperText>{helperText}</Field.HelperText>}
      {errorText && <Field.ErrorText>{errorText}</Field.ErrorText>}
    </Field.Root>
  );
}
