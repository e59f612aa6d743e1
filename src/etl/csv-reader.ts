import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UserError } from '../errors.js';
import { EVENT_COLUMNS } from './columns.js';
import { RecordSplitter, type SourceRecord } from './record-splitter.js';

export type { SourceRecord };

export interface SourceFile {
  path: string;
  size: number;
  /** Records in the order of the file, a chunk of the file's records at a time (one await per chunk, not per row). */
  records: AsyncIterable<SourceRecord[]>;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's stats, or a one-sentence UserError: missing, unreadable, a folder, empty. */
export function statFile(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`File not found: ${file}.`);
    if (code === 'EACCES') throw new UserError(`Cannot read ${file}: permission denied.`);
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a folder, not a CSV file.`);
  if (stat.size === 0) throw new UserError(`The file ${file} is empty.`);
  return stat;
}

function checkHeader(file: string, header: SourceRecord | undefined): void {
  if (header === undefined) throw new UserError(`The file ${file} is empty.`);
  const names = header.fields.map((h) => h.trim().toLowerCase());
  if (names.length === EVENT_COLUMNS.length && names.every((n, i) => n === EVENT_COLUMNS[i])) return;
  const hint = names.length === 1 && /[,\t|]/.test(names[0]!) ? ' (the file does not look `;`-separated)' : '';
  throw new UserError(`The header of ${file} is not recognised${hint}: expected ${EVENT_COLUMNS.join(';')}.`);
}

/** Lines of UTF-8 text, a chunk at a time; `onChunk` sees each chunk's size in bytes as it arrives. */
async function* lineChunks(bytes: Readable, onChunk: (size: number) => void): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    onChunk(chunk.length);
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop()!;
    yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
}

/**
 * Streams the records of an event-log CSV (plain or gzip, sniffed from its first bytes; UTF-8, BOM and CRLF
 * allowed), header checked. Bad records are not dropped here: a record with the wrong number of fields still
 * comes through, for the loader to reject with its line and raw text. Blank lines are not records.
 */
export function openSource(file: string, onBytes: (bytesRead: number) => void): SourceFile {
  const absolute = path.resolve(file);
  const stat = statFile(absolute);
  const gzipped = readHead(absolute, 2).equals(GZIP_MAGIC);

  const input = fs.createReadStream(absolute, { highWaterMark: 1 << 16 });
  let bytesRead = 0;
  const countBytes = (size: number) => onBytes((bytesRead += size));
  // Progress counts bytes of the file on disk: compressed ones for gzip, where the pipe already reads them.
  const bytes = gzipped ? input.pipe(zlib.createGunzip()) : input;
  if (gzipped) {
    input.on('data', (chunk: Buffer | string) => countBytes(chunk.length));
    input.on('error', (error: Error) => bytes.destroy(error));
  }

  async function* records(): AsyncGenerator<SourceRecord[]> {
    const splitter = new RecordSplitter();
    let header: SourceRecord | undefined;
    const take = (record: SourceRecord, into: SourceRecord[]) => {
      if (header !== undefined) into.push(record);
      else checkHeader(absolute, (header = record));
    };
    try {
      for await (const lines of lineChunks(bytes, gzipped ? () => {} : countBytes)) {
        const chunk: SourceRecord[] = [];
        for (const raw of lines) {
          const text = header === undefined && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
          for (const record of splitter.push(text)) take(record, chunk);
        }
        if (chunk.length > 0) yield chunk;
      }
      const last: SourceRecord[] = [];
      for (const record of splitter.end()) take(record, last);
      if (last.length > 0) yield last;
      if (header === undefined) checkHeader(absolute, undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
        throw new UserError(`The file ${absolute} is not valid gzip (truncated or corrupt).`);
      }
      throw error;
    } finally {
      input.destroy();
    }
  }

  return { path: absolute, size: stat.size, records: records() };
}
