import type { Database } from '../src/db/database.js';
import { quoteIdent } from '../src/db/database.js';
import { openDatabase } from '../src/db/connect.js';
import { targetFromText } from '../src/config/target.js';

/**
 * Throwaway databases `se_bench_<pid>_<label>` on the benchmark's server, dropped when done (and all of them by
 * `dropAll`, also after a failure). The pid keeps two benchmarks on one server out of each other's way.
 */
export class ScratchDatabases {
  private readonly live = new Set<string>();
  private admin: Database | undefined;

  constructor(private readonly maintenanceUrl: string) {}

  private async connection(): Promise<Database> {
    this.admin ??= await openDatabase(targetFromText(this.maintenanceUrl));
    return this.admin;
  }

  urlOf(name: string): string {
    const url = new URL(this.maintenanceUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async serverVersion(): Promise<string> {
    const { rows } = await (await this.connection()).query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version;
  }

  /** A new, empty database; returns its URL. */
  async create(label: string): Promise<string> {
    const name = `se_bench_${process.pid}_${label}`;
    const admin = await this.connection();
    await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)}`);
    this.live.add(name);
    return this.urlOf(name);
  }

  async drop(url: string): Promise<void> {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    await (await this.connection()).exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    this.live.delete(name);
  }

  async dropAll(): Promise<void> {
    for (const name of this.live) await this.drop(this.urlOf(name));
    await this.admin?.close();
    this.admin = undefined;
  }
}
