import { Button, Link, Stack, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { FormAlert } from "@/components/ui/form-alert";
import { formErrors } from "@/lib/form-errors";
import type { Me } from "@/types/api";
import { useVerifyEmail } from "../api/verify-email";

type VerifyEmailProps = {
  verificationKey: string;
  onSignedIn: (me: Me) => void;
};

/**
 * Confirms on a click rather than on load: mail scanners open links too, and one of
 * them must not use up the key.
 */
export function VerifyEmail({ verificationKey, onSignedIn }: VerifyEmailProps) {
  const verify = useVerifyEmail();
  const errors = formErrors(verify.error, ["key"]);

  if (verify.isSuccess && verify.data === null) {
    return (
      <FormAlert status="success" title="Your email address is confirmed" messages={[]}>
        <Link asChild colorPalette="teal" variant="underline">
          <RouterLink to="/sign-in">Sign in</RouterLink>
        </Link>
      </FormAlert>
    );
  }

  return (
    <Stack gap="4">
      <Text>Confirm that this email address is yours to finish setting up your account.</Text>
      {verify.isError && (
        <FormAlert
          title="This link no longer works"
          messages={errors.field.key ? [errors.field.key] : errors.other}
        />
      )}
      <Button
        colorPalette="teal"
        loading={verify.isPending}
        loadingText="Confirming"
        onClick={() =>
          verify.mutate(verificationKey, {
            onSuccess: (me) => {
              if (me) {
                onSignedIn(me);
              }
            },
          })
        }
      >
        Confirm my email address
      </Button>
    </Stack>
  );
}
