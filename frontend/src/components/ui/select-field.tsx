import { Field, Kbd, NativeSelect, Spinner } from "@chakra-ui/react";
import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";

export type SelectOption<T extends string = string> = { value: T; label: string };

type CommonProps<T extends string> = {
  label: ReactNode;
  name: string;
  options: readonly SelectOption<T>[];
  loading?: boolean;
  disabled?: boolean;
  helperText?: ReactNode;
  errorText?: ReactNode;
  size?: "xs" | "sm" | "md" | "lg";
};

/** Without a placeholder the select always holds one of the options. */
type RequiredChoiceProps<T extends string> = CommonProps<T> & {
  value: T;
  onChange: (value: T) => void;
  placeholder?: undefined;
};

/** The placeholder is an empty first option: "" stands for "none chosen". */
type OptionalChoiceProps<T extends string> = CommonProps<T> & {
  value: T | "";
  onChange: (value: T | "") => void;
  placeholder: string;
};

export type SelectFieldProps<T extends string> = RequiredChoiceProps<T> | OptionalChoiceProps<T>;

/** Keys that make a closed `<select>` step to another option (and fire `change`) at once. */
const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"]);

/**
 * Whether the key steps a closed select to another option. Alt+Arrow and Space open the
 * list instead, and a printable character jumps to the option it starts.
 */
function stepsClosedSelect(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return false;
  }
  return STEP_KEYS.has(event.key) || (event.key.length === 1 && event.key !== " ");
}

/**
 * A labelled native `<select>`: real keyboard and screen-reader behaviour on every device.
 *
 * Browsers change a closed select's value on every arrow key, firing `change` each time.
 * Those steps stay a draft here: `onChange` is called once, with the option chosen from
 * the open list, on Enter, or when the select loses focus. Escape drops the draft.
 */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const {
    label,
    name,
    options,
    placeholder,
    loading = false,
    disabled = false,
    helperText,
    errorText,
    size = "md",
  } = props;
  const [draft, setDraft] = useState<T | "" | null>(null);
  const stepping = useRef(false);

  const commit = (choice: T | "") => {
    setDraft(null);
    if (choice === props.value) {
      return;
    }
    if (props.placeholder === undefined) {
      if (choice !== "") {
        props.onChange(choice);
      }
    } else {
      props.onChange(choice);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (draft !== null && event.key === "Enter") {
      event.preventDefault();
      commit(draft);
    } else if (draft !== null && event.key === "Escape") {
      event.preventDefault();
      setDraft(null);
    } else {
      stepping.current = stepsClosedSelect(event);
    }
  };

  const onSelect = (raw: string) => {
    const choice = raw === "" ? "" : options.find((option) => option.value === raw)?.value;
    if (choice === undefined) {
      return;
    }
    if (stepping.current) {
      setDraft(choice);
    } else {
      commit(choice);
    }
  };

  return (
    <Field.Root invalid={Boolean(errorText)} disabled={disabled}>
      <Field.Label>{label}</Field.Label>
      <NativeSelect.Root size={size} disabled={disabled}>
        <NativeSelect.Field
          name={name}
          value={draft ?? props.value}
          aria-busy={loading}
          onKeyDown={onKeyDown}
          onKeyUp={() => {
            stepping.current = false;
          }}
          onChange={(event) => onSelect(event.currentTarget.value)}
          onBlur={() => {
            if (draft !== null) {
              commit(draft);
            }
          }}
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
      {draft !== null && draft !== props.value ? (
        <Field.HelperText>
          <Kbd size="sm">Enter</Kbd> saves, <Kbd size="sm">Esc</Kbd> goes back
        </Field.HelperText>
      ) : (
        helperText && !errorText && <Field.HelperText>{helperText}</Field.HelperText>
      )}
      {errorText && <Field.ErrorText>{errorText}</Field.ErrorText>}
    </Field.Root>
  );
}
