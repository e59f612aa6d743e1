import fs from 'node:fs';
import path from 'node:path';

/** The largest memory a process tree held at once, as PSS (shared pages split among their sharers, so a sum is fair). */
export interface TreePeak {
  /** App and server together, at the sample where their sum was largest. */
  totalMb: number;
  /** The part of that sample held by our command (and whatever it ran that is not the server). */
  appMb: number;
  /** The part held by the PostgreSQL server of the data folder: the postmaster and its children. */
  serverMb: number;
  samples: number;
}

const INTERVAL_MS = 200;

/** Every process's parent, from /proc/<pid>/stat (the field after the command name, which may hold spaces and parens). */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited since the listing
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(name));
    children.set(ppid, siblings);
  }
  return children;
}

function withDescendants(root: number, children: Map<number, number[]>): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** PSS in kB, or 0 for a process that has gone (or whose memory we may not read). */
function pssKb(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The postmaster's pid, from the first line of postmaster.pid, while the server of `folder` runs. */
function postmasterOf(folder: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(folder, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const sumMb = (pids: readonly number[]) => pids.reduce((kb, pid) => kb + pssKb(pid), 0) / 1024;

/**
 * Runs `run`, sampling every 200 ms the PSS of the process it reports through `watch` (and that one's descendants)
 * plus the PostgreSQL server of the data folder, which is started detached (so it is not under the watched
 * process): its postmaster from postmaster.pid, and that one's children. Linux only (/proc/<pid>/smaps_rollup);
 * elsewhere the figures stay 0.
 */
export async function withTreeMemory<T>(folder: string, run: (watch: (pid: number) => void) => Promise<T>): Promise<[T, TreePeak]> {
  const peak: TreePeak = { totalMb: 0, appMb: 0, serverMb: 0, samples: 0 };
  let root: number | null = null;
  const sample = () => {
    if (root === null || process.platform !== 'linux') return;
    const children = parents();
    const postmaster = postmasterOf(folder);
    const server = postmaster === null ? [] : withDescendants(postmaster, children);
    const app = withDescendants(root, children).filter((pid) => !server.includes(pid));
    const [appMb, serverMb] = [sumMb(app), sumMb(server)];
    peak.samples++;
    if (appMb + serverMb > peak.totalMb) Object.assign(peak, { totalMb: appMb + serverMb, appMb, serverMb });
  };
  const timer = setInterval(sample, INTERVAL_MS);
  try {
    const result = await run((pid) => {
      root = pid;
      sample();
    });
    const { totalMb, appMb, serverMb, samples } = peak;
    return [result, { totalMb: Math.round(totalMb), appMb: Math.round(appMb), serverMb: Math.round(serverMb), samples }];
  } finally {
    clearInterval(timer);
  }
}
