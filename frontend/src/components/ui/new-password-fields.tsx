import type { ReactNode } from "react";
import { TextField } from "./text-field";

type NewPasswordFieldsProps = {
  /** Name of the first input; the second is always `confirmation`. */
  name: string;
  label: string;
  repeatLabel: string;
  value: string;
  confirmation: string;
  onChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  errorText?: ReactNode;
  confirmationErrorText?: ReactNode;
};

/** A new password and its repetition, both marked for password managers as new. */
export function NewPasswordFields({
  name,
  label,
  repeatLabel,
  value,
  confirmation,
  onChange,
  onConfirmationChange,
  errorText,
  confirmationErrorText,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={onChange}
        errorText={errorText}
        required
      />
      <TextField
        label={repeatLabel}
        name="confirmation"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmationChange}
        errorText={confirmationErrorText}
        required
      />
    </>
  );
}
