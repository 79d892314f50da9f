import { Alert } from "@chakra-ui/react";
import type { ReactNode } from "react";

type FormAlertProps = {
  title?: string;
  messages: readonly string[];
  status?: "error" | "warning" | "info" | "success";
  children?: ReactNode;
};

/** What went wrong with a form that belongs to none of its fields; announced as it appears. */
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
