import { Card, Heading, Skeleton, Switch, Text } from "@chakra-ui/react";
import { LoadError } from "@/components/ui/load-error";
import { toaster } from "@/components/ui/toaster";
import { useSettings, useUpdateSettings } from "../api/site-settings";

export function SignupSetting() {
  const settings = useSettings();
  const update = useUpdateSettings();

  return (
    <Card.Root as="section" size="sm" aria-labelledby="settings-heading">
      <Card.Header>
        <Heading as="h2" size="md" id="settings-heading">
          Sign-up
        </Heading>
      </Card.Header>
      <Card.Body gap="2">
        {settings.isPending ? (
          <Skeleton height="6" />
        ) : settings.isError ? (
          <LoadError
            title="The settings could not be loaded"
            error={settings.error}
            retrying={settings.isRefetching}
            onRetry={() => settings.refetch()}
          />
        ) : (
          <>
            <Switch.Root
              colorPalette="teal"
              checked={settings.data.signup_open}
              disabled={update.isPending}
              onCheckedChange={({ checked }) =>
                update.mutate(
                  { signup_open: checked },
                  {
                    onError: (error) =>
                      toaster.error({
                        title: "The setting was not changed",
                        description: error.message,
                      }),
                  },
                )
              }
            >
              <Switch.HiddenInput />
              <Switch.Control />
              <Switch.Label>Requesters may sign up</Switch.Label>
            </Switch.Root>
            <Text textStyle="sm" color="fg.muted">
              {settings.data.signup_open
                ? "Anyone can create a requester account from the sign-in page."
                : "Only people you invite can sign in."}
            </Text>
          </>
        )}
      </Card.Body>
    </Card.Root>
  );
}
