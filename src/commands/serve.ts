import os from 'node:os';
import { clientUrlsOf } from './client-urls.js';
import { defineCommand, outputFlags } from './command.js';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'keep the embedded database up and print its connection URLs, for a SQL client of your own, until Ctrl-C',
  flags: {
    json: outputFlags.json!,
  },
  examples: ['serve', "serve --json   # {\"url\": ..., \"readOnlyUrl\": ...}"],
  async run(context) {
    const db = await context.openDatabase();
    try {
      const urls = clientUrlsOf(db, 'serve');
      context.io.stdout.write(
        context.flags.json
          ? `${JSON.stringify({ url: urls.owner, readOnlyUrl: urls.reader })}\n`
          : `The ${db.description} is up. Connect as its owner:\n  ${urls.owner}\n` +
              `or, to read only (as the console's read-only mode):\n  ${urls.reader}\n` +
              'Only this account (and root) can open its socket. Ctrl-C stops it, unless another app still uses it.\n',
      );
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve(name));
      });
      // Ctrl-C is how serve is meant to end; another signal is reported as usual
      return signal === 'SIGINT' ? 0 : 128 + os.constants.signals[signal];
    } finally {
      await db.close();
    }
  },
});
