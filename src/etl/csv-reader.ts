import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describeFileError, FileProblem, fileProblemKind, UserError } from '../errors.js';
import { EVENT_COLUMNS } from './columns.js';
import { firstNonSpace, RecordSplitter, type SourceRecord, type SourceRow } from './record-splitter.js';
import { byteLines, DEFAULT_MAX_LINE_BYTES, lineDecoder, type TextLine } from './text-lines.js';

export type { SourceRecord, SourceRow };

export interface SourceFile {
  /** The file as the user named it (absolute), or `standard input`. */
  path: string;
  size: number;
  /** Standard input or a FIFO: read once, so a load of it cannot resume. */
  stream: boolean;
  /** Where the bytes are (a stream's temporary copy). */
  fingerprintPath: string;
  /** Removes a stream's temporary copy. */
  close(): void;
  /**
   * Records in the order of the file, a chunk of the file's records at a time (one await per chunk, not per row);
   * most lines of a UTF-8 file come as bytes, for the loader to split itself.
   */
  records: AsyncIterable<SourceRow[]>;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** The file's stats, or a one-sentence UserError: missing, unreadable, a folder, empty. */
export function statFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const kind = fileProblemKind(error);
    if (kind === 'missing') throw new FileProblem(`File not found: ${file}.`, kind, file);
    throw new FileProblem(`Cannot read ${file}: ${describeFileError(error)}.`, kind, file);
  }
  if (stat.isDirectory()) throw new FileProblem(`${file} is a folder, not a CSV file.`, 'folder', file);
  if (stat.isFile() && stat.size === 0) throw new FileProblem(`The file ${file} is empty.`, 'empty', file);
  return stat;
}

function checkHeader(file: string, header: SourceRecord | undefined): void {
  if (header === undefined) throw new UserError(`The file ${file} is empty.`);
  if (header.reject !== undefined) throw new UserError(`The first line of ${file} is not the header: ${header.reject}.`);
  const names = header.fields.map((h) => h.trim().toLowerCase());
  if (names.length === EVENT_COLUMNS.length && names.every((n, i) => n === EVENT_COLUMNS[i])) return;
  const hint = names.length === 1 && /[,\t|]/.test(names[0]!) ? ' (the file does not look `;`-separated)' : '';
  throw new UserError(`The header of ${file} is not recognised${hint}: expected ${EVENT_COLUMNS.join(';')}.`);
}

export interface SourceOptions {
  /** The file's text encoding, any label Node's TextDecoder knows (default UTF-8). */
  encoding?: string;
  /** Longest line read; longer ones are rejected (default 1 MiB). */
  maxLineBytes?: number;
}

/** Reads the whole gzip stream once, so that a corrupt or truncated file is refused before any row is loaded. */
async function checkGzip(file: string): Promise<void> {
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), new Writable({ write: (_chunk, _enc, done) => done() }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new UserError(`The file ${file} is not valid gzip (truncated or corrupt); nothing was loaded.`);
    }
    throw error;
  }
}

/**
 * Standard input, a FIFO or `<(...)`: copied to a temporary file first, so that it is read like any file (sniffed,
 * checked whole if gzip, counted in bytes). Such a load cannot resume: the stream is gone once read.
 */
async function spool(file: string): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'session-explorer-stdin-'));
  const copy = path.join(folder, 'input');
  const input = file === '-' ? process.stdin : fs.createReadStream(file);
  try {
    await pipeline(input, fs.createWriteStream(copy, { mode: 0o600 }));
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw new UserError(`Could not copy ${file === '-' ? 'standard input' : file} to a temporary file (${describeFileError(error)}).`);
  }
  return copy;
}

/** Why the file read is not the file that was there at the start, or null: the same inode, size and bytes read. */
function describeChange(file: string, before: fs.Stats, read: number): string | null {
  let now: fs.Stats;
  try {
    now = fs.statSync(file);
  } catch {
    return `${file} was removed during the load`;
  }
  if (now.ino !== before.ino || now.dev !== before.dev) return `${file} was replaced during the load`;
  const size = now.size;
  if (size < before.size || read < before.size) return `${file} shrank during the load (${before.size} bytes at the start, ${size} now)`;
  if (size > before.size || read > before.size) return `${file} grew during the load (${before.size} bytes at the start, ${size} now)`;
  return null;
}

/**
 * Streams the records of an event-log CSV (plain or gzip, sniffed from its first bytes; UTF-8 unless told
 * otherwise, BOM and CRLF allowed), header checked. Bad records are not dropped here: a record with the wrong
 * number of fields, invalid bytes or an over-long line still comes through, for the loader to reject with its line
 * and raw text. Blank lines are not records. `file` may be `-` (standard input) or a FIFO.
 */
export async function openSource(file: string, onBytes: (bytesRead: number) => void, options: SourceOptions = {}): Promise<SourceFile> {
  const decoder = lineDecoder(options.encoding);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const named = file === '-' ? 'standard input' : path.resolve(file);
  const stream = file === '-' || !statFile(named).isFile();
  const readable = stream ? await spool(file) : named;
  const removeSpool = () => {
    if (stream) fs.rmSync(path.dirname(readable), { recursive: true, force: true });
  };
  try {
    const fd = fs.openSync(readable, 'r');
    const stat = fs.fstatSync(fd);
    if (stat.size === 0) {
      fs.closeSync(fd);
      throw new UserError(file === '-' ? 'Standard input is empty.' : `The ${stream ? 'input' : 'file'} ${named} is empty.`);
    }
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    const gzipped = head.equals(GZIP_MAGIC);
    if (gzipped) await checkGzip(readable).catch((error: unknown) => {
      fs.closeSync(fd);
      throw error instanceof UserError ? new UserError(error.message.replace(readable, named)) : error;
    });
    let reading = false;
    const close = () => {
      if (!reading) fs.closeSync(fd);
      reading = true;
      removeSpool();
    };
    const start = () => (reading = true);
    return { path: named, size: stat.size, stream, fingerprintPath: readable, records: records(fd, stat, gzipped, start), close };
  } catch (error) {
    removeSpool();
    throw error;
  }

  async function* records(fd: number, stat: fs.Stats, gzipped: boolean, start: () => void): AsyncGenerator<SourceRow[]> {
    start();
    // the stream owns the descriptor from here and closes it when destroyed
    const input = fs.createReadStream(readable, { fd, start: 0, highWaterMark: 1 << 16 });
    let rawBytes = 0;
    input.on('data', (chunk: Buffer | string) => onBytes((rawBytes += chunk.length)));
    const bytes: Readable = gzipped ? input.pipe(zlib.createGunzip()) : input;
    if (gzipped) input.on('error', (error: Error) => bytes.destroy(error));
    const splitter = new RecordSplitter();
    let header: SourceRecord | undefined;
    const keep = (record: SourceRecord, into: SourceRow[]) => {
      if (header !== undefined) into.push(record);
      else checkHeader(named, (header = record));
    };
    const take = (text: TextLine, into: SourceRow[]) => {
      const line = header === undefined && typeof text === 'string' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      for (const record of splitter.push(line)) keep(record, into);
    };
    /**
     * The lines of a block of valid UTF-8: a line that can be a plain record (no quote, no quoted field open, not
     * blank in ASCII terms) stays bytes; any other goes through the splitter as text, as every line once did.
     */
    const takeBlock = (block: Buffer, into: SourceRow[]) => {
      let quote = block.indexOf(QUOTE);
      for (let start = 0; start < block.length; ) {
        const end = block.indexOf(NEWLINE, start);
        if (quote !== -1 && quote < start) quote = block.indexOf(QUOTE, start);
        const last = end > start && block[end - 1] === CR ? end - 1 : end;
        const first = firstNonSpace(block, start, last);
        if (header === undefined || !splitter.idle || (quote !== -1 && quote < end) || (first < last && block[first]! >= 0x80)) {
          take(block.toString('utf8', start, end), into);
        } else {
          const line = splitter.skip();
          if (first < last) into.push({ bytes: block, start, end: last, line });
        }
        start = end + 1;
      }
    };
    try {
      for await (const lines of byteLines(bytes as AsyncIterable<Buffer>, decoder, maxLineBytes)) {
        const chunk: SourceRow[] = [];
        for (const item of lines) {
          if (Buffer.isBuffer(item)) takeBlock(item, chunk);
          else take(item, chunk);
        }
        if (chunk.length > 0) yield chunk;
      }
      const last: SourceRow[] = [];
      for (const record of splitter.end()) keep(record, last);
      if (last.length > 0) yield last;
      if (header === undefined) checkHeader(named, undefined);
      const change = stream ? null : describeChange(readable, stat, rawBytes);
      if (change !== null) throw new UserError(`${change}; the rows read so far are kept, load the file again once it is complete.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
        throw new UserError(`The file ${named} is not valid gzip (truncated or corrupt).`);
      }
      throw error;
    } finally {
      input.destroy();
    }
  }
}
