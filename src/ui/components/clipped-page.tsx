import type { ReactNode } from 'react';
import { Box } from 'ink';
import { Footer, type Hint } from './footer.js';

export interface ClippedPageProps {
  /** Lines of the whole page, footer included. */
  height: number;
  /** Lines the content may take; what is below them is cut, not wrapped onto the footer. */
  view: number;
  width: number;
  hints: readonly Hint[];
  /** The footer's left part, e.g. which lines of a scrolled page show. */
  status?: string;
  children: ReactNode;
}

/** A page of a fixed height: its content clipped to `view` lines, and the footer always on the last lines. */
export function ClippedPage({ height, view, width, hints, status, children }: ClippedPageProps) {
  return (
    <Box flexDirection="column" height={height}>
      <Box flexDirection="column" height={view} overflowY="hidden">
        {children}
      </Box>
      <Footer status={status} hints={hints} width={width} />
    </Box>
  );
}
