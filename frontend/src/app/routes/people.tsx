import { Grid, Stack } from "@chakra-ui/react";
import { InviteForm } from "@/features/people/components/invite-form";
import { PeopleDirectory } from "@/features/people/components/people-directory";
import { SignupSetting } from "@/features/people/components/signup-setting";
import { useCurrentUser } from "@/lib/session";
import { PageHeader } from "../page-header";

export function PeoplePage() {
  const me = useCurrentUser();
  if (!me) {
    return null;
  }
  return (
    <>
      <PageHeader title="People" description="Who may sign in, and what each person may do." />
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 4fr) minmax(0, 8fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <Stack gap={{ base: "4", md: "6" }}>
          <InviteForm />
          <SignupSetting />
        </Stack>
        <PeopleDirectory me={me} />
      </Grid>
    </>
  );
}
