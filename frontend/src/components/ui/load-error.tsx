import { Button } from "@chakra-ui/react";
import { FormAlert } from "./form-alert";

type LoadErrorProps = {
  title: string;
  error: Error;
  retrying: boolean;
  onRetry: () => void;
};

/**
 * What a panel shows when its data could not be loaded: the reason and a retry, in the
 * same alert every other error uses.
 */
export function LoadError({ title, error, retrying, onRetry }: LoadErrorProps) {
  return (
    <FormAlert title={title} messages={[error.message]}>
      <Button
        size="xs"
        variant="outline"
        alignSelf="start"
        mt="2"
        loading={retrying}
        onClick={onRetry}
      >
        Retry
      </Button>
    </FormAlert>
  );
}
