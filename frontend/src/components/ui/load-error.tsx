import { Alert, Button } from "@chakra-ui/react";

type LoadErrorProps = {
  title: string;
  error: Error;
  retrying: boolean;
  onRetry: () => void;
};

/** What a panel shows when its data could not be loaded: the reason and a retry. */
export function LoadError({ title, error, retrying, onRetry }: LoadErrorProps) {
  return (
    <Alert.Root status="error" alignItems="center">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description>{error.message}</Alert.Description>
      </Alert.Content>
      <Button size="sm" variant="outline" loading={retrying} onClick={onRetry}>
        Retry
      </Button>
    </Alert.Root>
  );
}
