import { Alert } from "@chakra-ui/react";
import type { ReactNode } from "react";

type FormAlertProps = {
  title?: string;
  messages: readonly string[];
  status?: "error" | "warning" | "info" | "success";
  children?: ReactNode;
};

/**
 * An error, warning or notice, announced as it appears: what went wrong with a form
 * beyond its fields, or (through LoadError) why a panel could not load. One look for
 * every error in the app.
 */
export function FormAlert({ title, messages, status = "error", children }: FormAlertProps) {
  if (messages.length === 0 && !children) {
    return null;
  }
  return (
    <Alert.Root status={status} role="alert" size="sm">
      <Alert.Indicator />
      <Alert.Content>
        {title && <Alert.Title>{title}</Alert.Title>}
        {messages.length > 0 && <Alert.Description>{messages.join(" ")}</Alert.Description>}
        {children}
      </Alert.Content>
    </Alert.Root>
  );
}
