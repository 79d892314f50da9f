import { Grid, Stack } from "@chakra-ui/react";
import { ChangePasswordForm } from "@/features/account/components/change-password-form";
import { MyTokens } from "@/features/account/components/my-tokens";
import { ProfileForm } from "@/features/account/components/profile-form";
import { ROLE_LABELS, useCurrentUser } from "@/lib/session";
import { PageHeader } from "../page-header";

export function AccountPage() {
  const me = useCurrentUser();
  if (!me) {
    return null;
  }
  return (
    <>
      <PageHeader
        title="My account"
        description={`Signed in as ${me.email} · ${ROLE_LABELS[me.role]}`}
      />
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 5fr) minmax(0, 7fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <Stack gap={{ base: "4", md: "6" }}>
          <ProfileForm me={me} />
          <ChangePasswordForm />
        </Stack>
        <MyTokens />
      </Grid>
    </>
  );
}
