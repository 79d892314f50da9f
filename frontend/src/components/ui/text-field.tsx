import { Field, Input, type InputProps } from "@chakra-ui/react";
import type { ReactNode, Ref } from "react";

type TextFieldProps = {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password" | "search";
  autoComplete?: string;
  required?: boolean;
  helperText?: ReactNode;
  errorText?: ReactNode;
  placeholder?: string;
  maxLength?: number;
  size?: InputProps["size"];
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  readOnly?: boolean;
};

/** A labelled input whose error, from the client or the server, shows right under it. */
export function TextField({
  label,
  name,
  value,
  onChange,
  type = "text",
  autoComplete,
  required = false,
  helperText,
  errorText,
  placeholder,
  maxLength,
  size,
  inputRef,
  autoFocus,
  readOnly,
}: TextFieldProps) {
  return (
    <Field.Root required={required} invalid={Boolean(errorText)}>
      <Field.Label>
        {label}
        {required && <Field.RequiredIndicator />}
      </Field.Label>
      <Input
        ref={inputRef}
        name={name}
        type={type}
        value={value}
        size={size}
        autoComplete={autoComplete}
        placeholder={placeholder}
        maxLength={maxLength}
        readOnly={readOnly}
        autoFocus={autoFocus}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {helperText && !errorText && <Field.HelperText>{helperText}</Field.HelperText>}
      {errorText && <Field.ErrorText>{errorText}</Field.ErrorText>}
    </Field.Root>
  );
}
