import { Avatar, Box, Button, Menu, Portal, Text } from "@chakra-ui/react";
import { useNavigate } from "@tanstack/react-router";
import { ChevronDown, Gauge, LogOut, UserRound } from "lucide-react";
import { toaster } from "@/components/ui/toaster";
import { mayOpen, NAV_ITEMS } from "@/config/navigation";
import { useSignOut } from "@/features/auth/api/sign-out";
import { ROLE_LABELS } from "@/lib/session";
import type { Me } from "@/types/api";

export function UserMenu({ me }: { me: Me }) {
  const navigate = useNavigate();
  const signOut = useSignOut();
  // The pages the header shows on wider screens only.
  const phonePages = NAV_ITEMS.filter((item) => item.phoneMenu && mayOpen(me.role, item.to));

  const onSelect = ({ value }: { value: string }) => {
    const page = phonePages.find((item) => item.to === value);
    if (page) {
      navigate({ to: page.to });
    } else if (value === "account") {
      navigate({ to: "/account" });
    } else if (value === "sign-out") {
      signOut.mutate(undefined, {
        onSuccess: () => navigate({ to: "/sign-in" }),
        onError: (error) =>
          toaster.error({ title: "You are still signed in", description: error.message }),
      });
    }
  };

  return (
    <Menu.Root onSelect={onSelect} positioning={{ placement: "bottom-end" }}>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="sm" px="1.5" data-testid="user-menu">
          <Avatar.Root size="xs" colorPalette="teal" aria-hidden>
            <Avatar.Fallback name={me.name} />
          </Avatar.Root>
          {/* The button is named by the words it shows; on a phone they are for readers only. */}
          <Box textAlign="start" hideBelow="md" lineHeight="short">
            <Text textStyle="sm" fontWeight="medium">
              {me.name}
            </Text>
            <Text textStyle="xs" color="fg.muted">
              {ROLE_LABELS[me.role]}
            </Text>
          </Box>
          <Text srOnly hideFrom="md">
            {me.name}, {ROLE_LABELS[me.role]}
          </Text>
          <ChevronDown size={14} aria-hidden />
        </Button>
      </Menu.Trigger>
      <Portal>
        <Menu.Positioner>
          <Menu.Content minW="56">
            <Box px="2" py="1.5">
              <Text textStyle="sm" fontWeight="medium">
                {me.name}
              </Text>
              <Text textStyle="xs" color="fg.muted">
                {me.email} · {ROLE_LABELS[me.role]}
              </Text>
            </Box>
            <Menu.Separator />
            {phonePages.map((item) => (
              <Menu.Item key={item.to} value={item.to} hideFrom="sm">
                <Gauge size={14} aria-hidden /> {item.label}
              </Menu.Item>
            ))}
            <Menu.Item value="account">
              <UserRound size={14} aria-hidden /> My account
            </Menu.Item>
            <Menu.Item value="sign-out" disabled={signOut.isPending}>
              <LogOut size={14} aria-hidden /> Sign out
            </Menu.Item>
          </Menu.Content>
        </Menu.Positioner>
      </Portal>
    </Menu.Root>
  );
}
