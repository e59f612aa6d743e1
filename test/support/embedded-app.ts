/**
 * A stand-in for an app process on an embedded database, for the lifecycle tests: it opens the folder given as its
 * argument, prints `open <server pid>`, then closes the database when its standard input ends (or never, if killed).
 */
import { openDatabase } from '../../src/db/connect.js';
import { runningServer } from '../../src/db/embedded/server-process.js';

const folder = process.argv[2]!;
const db = await openDatabase({ kind: 'embedded', dataDir: folder }, { create: true });
await db.query('SELECT 1');
process.stdout.write(`open ${runningServer(folder)?.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void db.close().then(() => process.stdout.write('closed\n'));
});
