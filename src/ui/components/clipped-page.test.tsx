import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { ClippedPage } from './clipped-page.js';

test('content taller than its view is cut, and the footer keeps its lines at the bottom', () => {
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
  const { lastFrame } = render(
    <ClippedPage height={5} view={3} width={40} hints={[['Q', 'quit']]} status="lines 1-3 of 10">
      <Box flexDirection="column" flexShrink={0}>
        {lines.map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </Box>
    </ClippedPage>,
  );
  assert.deepEqual(lastFrame()?.split('\n'), ['line 1', 'line 2', 'line 3', 'lines 1-3 of 10', 'Q quit  ? help']);
});
