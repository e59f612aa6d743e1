import fs from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { describeFileError, fileProblemKind, UserError } from '../errors.js';
import { eventLogChunks, type EventLogOptions } from './event-log.js';

export interface WriteEventLogOptions extends EventLogOptions {
  /** A file path (a `.gz` name writes gzip), or a stream the caller owns and ends itself, such as stdout. */
  out: string | Writable;
}


/** Streams the event log to `out`, pulling text only as fast as `out` takes it. */
export async function writeEventLog({ rows, seed, out }: WriteEventLogOptions): Promise<void> {
  const source = Readable.from(eventLogChunks({ rows, seed }));
  if (typeof out !== 'string') return pipeline(source, out, { end: false });

  // written beside the target and renamed when complete: an interrupted run never leaves a truncated file behind
  const partial = `${out}.partial`;
  try {
    const file = fs.createWriteStream(partial);
    await (out.endsWith('.gz') ? pipeline(source, createGzip(), file) : pipeline(source, file));
    await fs.promises.rename(partial, out);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    const kind = fileProblemKind(error);
    if (kind === 'other') throw error;
    // writing, a missing path is a missing folder
    const reason = kind === 'missing' || kind === 'no-folder' ? 'its folder does not exist' : describeFileError(error);
    throw new UserError(`Cannot write ${out}: ${reason}.`);
  }
}
