import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Box, Static, Text } from 'ink';
import { render } from 'ink-testing-library';
import { StaticReset } from './static-reset.js';

/**
 * The crash and the runaway: a screen with a <Static> (the load) gives way to a screen that creates and
 * frees many layout nodes (the browser under key bursts). Without StaticReset, Ink goes on laying out the
 * freed <Static>; once its memory is reused, frames print stray lines (these seeds), allocate gigabytes, or
 * die with "memory access out of bounds".
 */

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function Churn({ depth, next, tag }: { depth: number; next: () => number; tag: string }) {
  const children = Math.floor(next() * 4);
  return (
    <Box flexDirection={next() > 0.5 ? 'row' : 'column'} width={Math.floor(next() * 80) + 1}>
      <Text wrap="truncate-end">{'x'.repeat(Math.floor(next() * 30)) + tag}</Text>
      {depth > 0 ? Array.from({ length: children }, (_, i) => <Churn key={`${tag}.${i}.${next()}`} depth={depth - 1} next={next} tag={`${tag}.${i}`} />) : null}
    </Box>
  );
}

function Screens({ frame, next }: { frame: number; next: () => number }) {
  const loading = frame === 0;
  return (
    <>
      <StaticReset key={loading ? 'load' : 'browse'} />
      {loading ? (
        <Box flexDirection="column">
          <Static items={['printed once']}>{(line) => <Text key={line}>{line}</Text>}</Static>
          <Text>loading</Text>
        </Box>
      ) : (
        <Box flexDirection="column">
          <Text>TOP</Text>
          <Churn depth={3} next={next} tag={String(frame)} />
        </Box>
      )}
    </>
  );
}

for (const seed of [1, 2, 3]) {
  test(`after a <Static> screen is gone, frames carry nothing of it (churn seed ${seed})`, async () => {
    const next = random(seed);
    const app = render(<Screens frame={0} next={next} />);
    for (let frame = 1; frame <= 150; frame++) {
      app.rerender(<Screens frame={frame} next={next} />);
      await new Promise((resolve) => setImmediate(resolve));
      // In ink-testing-library every frame is the static output so far, then the screen.
      const shown = app.lastFrame() ?? '';
      assert.equal(shown.indexOf('TOP'), 'printed once\n'.length, `frame ${frame} starts with:\n${shown.slice(0, 200)}`);
    }
    app.unmount();
  });
}
