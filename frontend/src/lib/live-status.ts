import { createContext, useContext } from "react";

/**
 * Whether other people's changes to tickets arrive as they happen: "open" while the
 * live-updates stream is connected, "connecting" while it is being opened or opened
 * again, "off" when there is none (requesters, or a server that does not serve it).
 */
export type LiveStatus = "off" | "connecting" | "open";

export const LiveStatusContext = createContext<LiveStatus>("off");

export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}

/**
 * How often a query that shows tickets is polled: `intervalMs`, except while the stream
 * is open, which tells of every change and makes the polling redundant.
 */
export function usePollingInterval(intervalMs: number): number | false {
  return useLiveStatus() === "open" ? false : intervalMs;
}
