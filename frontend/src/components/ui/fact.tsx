import { Box } from "@chakra-ui/react";
import type { ReactNode } from "react";

/** One term and its value in a two-column description list (a `dl` grid). */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <Box display="contents">
      <Box as="dt" color="fg.muted">
        {term}
      </Box>
      <Box as="dd" minW="0" wordBreak="break-word">
        {children}
      </Box>
    </Box>
  );
}
