import { Box, HStack, Text } from "@chakra-ui/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { type LiveStatus, LiveStatusContext, useLiveStatus } from "@/lib/live-status";
import { connectLiveUpdates } from "@/lib/live-updates";
import { configQueryOptions } from "@/lib/session";
import type { Me } from "@/types/api";

/**
 * Keeps the live-updates stream open for agents and admins while they are signed in,
 * when the server serves one, and tells the pages below whether it is open. Signing out
 * unmounts it, which closes the stream.
 */
export function LiveUpdates({ me, children }: { me: Me; children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data: config } = useQuery(configQueryOptions());
  // Requesters are refused the stream: they are never sent to it. A browser without
  // EventSource polls.
  const supported = typeof EventSource !== "undefined";
  const url = me.role === "requester" || !supported ? null : config?.events_url;
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    if (url) {
      return connectLiveUpdates({ url, queryClient, onStatus: setStatus });
    }
  }, [url, queryClient]);
  return <LiveStatusContext value={url ? status : "off"}>{children}</LiveStatusContext>;
}

/**
 * Says how fresh the page is: "Live" while the stream is open, else how often it is
 * polled. Words as well as a dot, so the colour is not the only sign.
 */
export function LiveIndicator({ pollingIntervalMs }: { pollingIntervalMs: number }) {
  const live = useLiveStatus() === "open";
  return (
    <HStack
      gap="1.5"
      textStyle="xs"
      color="fg.muted"
      whiteSpace="nowrap"
      data-testid="live-indicator"
      title={
        live
          ? "Changes by others show as they happen"
          : "Changes by others show when the page next refreshes"
      }
    >
      <Box
        aria-hidden
        boxSize="2"
        borderRadius="full"
        bg={live ? "green.solid" : "transparent"}
        borderWidth="1.5px"
        borderColor={live ? "green.solid" : "fg.subtle"}
      />
      <Text>{live ? "Live" : `Updates every ${pollingIntervalMs / 1000} s`}</Text>
    </HStack>
  );
}
