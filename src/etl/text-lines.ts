import { isUtf8 } from 'node:buffer';
import { UserError } from '../errors.js';

/** One line of the file without its line break: its text, or why it cannot be read as text at all. */
export type TextLine = string | { reject: string; raw: string };
/**
 * What `byteLines` yields: single lines, or (UTF-8 only) a Buffer of whole lines, each ending in `\n`, checked
 * valid UTF-8 and left as bytes, so that a reader that can work on bytes makes no string of them.
 */
export type LineItem = TextLine | Buffer;

/** The longest line read by default; a longer one is rejected without being held whole. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/** How much of a rejected line's bytes the rejects keep. */
const KEPT_BYTES = 1024;
const NEWLINE = 0x0a;

/**
 * The byte offset (0-based) of the first byte that is not part of a well-formed UTF-8 sequence, and the line's
 * text with every such byte shown as `\xNN`: what the rejects keep, with nothing replaced or merged.
 */
export function describeInvalidUtf8(bytes: Buffer): { offset: number; text: string } {
  let offset = -1;
  let text = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (offset === -1) offset = i;
    text += bytes.toString('utf8', start, i) + `\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
    start = ++i;
  }
  return { offset, text: text + bytes.toString('utf8', start) };
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), or 0. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Turns the bytes of one line into text, or a reject. */
export interface LineDecoder {
  /**
   * Text of bytes holding whole lines, each ending in `\n`; in UTF-8, where valid lines are the file's bytes as
   * they are, those bytes themselves once checked; null when some line is not valid in the encoding.
   */
  block(bytes: Buffer): string | Buffer | null;
  line(bytes: Buffer): TextLine;
}

/**
 * A decoder for `encoding` (any label Node's TextDecoder knows) in which every byte 0x0A is a line break, as in
 * UTF-8 and the single- and multi-byte encodings that extend ASCII. UTF-16 and the like are refused.
 */
export function lineDecoder(encoding = 'utf-8'): LineDecoder {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new UserError(`--encoding ${encoding} is not an encoding Node.js can decode (for example utf-8, latin1, windows-1252).`, 2);
  }
  if (decoder.encoding === 'utf-8') {
    return {
      block: (bytes) => (isUtf8(bytes) ? bytes : null),
      line(bytes) {
        if (isUtf8(bytes)) return bytes.toString('utf8');
        const { offset, text } = describeInvalidUtf8(bytes);
        return { reject: `invalid UTF-8 at byte ${offset + 1}`, raw: text };
      },
    };
  }
  const probe = Buffer.from('a;\n', 'ascii');
  let ascii = false;
  try {
    ascii = decoder.decode(probe) === 'a;\n';
  } catch {
    ascii = false;
  }
  if (!ascii) throw new UserError(`--encoding ${encoding} is not supported: the file's lines must end in the byte 0x0A, as in UTF-8 or Latin-1.`, 2);
  const decode = (bytes: Buffer): string | null => {
    try {
      return decoder.decode(bytes);
    } catch {
      return null;
    }
  };
  return {
    block: decode,
    line(bytes) {
      const text = decode(bytes);
      if (text !== null) return text;
      return { reject: `not valid ${decoder.encoding}`, raw: bytes.toString('latin1') };
    },
  };
}

function overlongReject(head: Buffer, bytes: number, max: number): TextLine {
  return {
    reject: `line longer than ${max} bytes (${bytes} bytes; the first ${Math.min(bytes, KEPT_BYTES)} are kept)`,
    raw: describeInvalidUtf8(head.subarray(0, KEPT_BYTES)).text,
  };
}

/**
 * Lines of the byte stream, a chunk at a time, each line's trailing `\r` kept (the record splitter drops it).
 * Linear time and bounded memory: a line longer than `maxLineBytes` is rejected as it streams past, keeping only
 * its first KiB, so a file without line breaks is refused as fast as it is read. Whole runs of valid lines are
 * checked at once and, in UTF-8, handed on as bytes (decoded at once in other encodings); only a run with an
 * invalid line is decoded line by line.
 */
export async function* byteLines(
  chunks: AsyncIterable<Buffer>,
  decoder: LineDecoder,
  maxLineBytes: number,
): AsyncGenerator<LineItem[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Bytes of an over-long line seen so far, or -1; its head is in `overlongHead`. */
  let overlong = -1;
  let overlongHead = Buffer.alloc(0);

  /** The end of the line that began in earlier chunks. */
  const finishPending = (tail: Buffer): TextLine => {
    if (overlong >= 0) {
      const line = overlongReject(overlongHead, overlong + tail.length, maxLineBytes);
      overlong = -1;
      return line;
    }
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    if (bytes.length > maxLineBytes) return overlongReject(bytes, bytes.length, maxLineBytes);
    return decoder.line(bytes);
  };

  for await (const chunk of chunks) {
    const lines: LineItem[] = [];
    const first = chunk.indexOf(NEWLINE);
    if (first === -1) {
      if (overlong >= 0) overlong += chunk.length;
      else {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > maxLineBytes) {
          overlongHead = Buffer.concat(pending).subarray(0, KEPT_BYTES);
          overlong = pendingBytes;
          pending = [];
          pendingBytes = 0;
        }
      }
      continue;
    }
    lines.push(finishPending(chunk.subarray(0, first)));
    const last = chunk.lastIndexOf(NEWLINE);
    if (last > first) {
      const block = chunk.subarray(first + 1, last + 1);
      const text = block.length <= maxLineBytes ? decoder.block(block) : null;
      if (Buffer.isBuffer(text)) {
        lines.push(text);
      } else if (text !== null) {
        const split = text.split('\n');
        split.pop();
        for (const line of split) lines.push(line);
      } else {
        for (let start = first + 1; start <= last; ) {
          const end = chunk.indexOf(NEWLINE, start);
          const bytes = chunk.subarray(start, end);
          if (bytes.length > maxLineBytes) lines.push(overlongReject(bytes, bytes.length, maxLineBytes));
          else lines.push(decoder.line(bytes));
          start = end + 1;
        }
      }
    }
    if (last + 1 < chunk.length) {
      const rest = chunk.subarray(last + 1);
      if (rest.length > maxLineBytes) {
        overlongHead = Buffer.from(rest.subarray(0, KEPT_BYTES));
        overlong = rest.length;
      } else {
        // a copy: the stream may reuse the chunk's memory
        pending = [Buffer.from(rest)];
        pendingBytes = rest.length;
      }
    }
    yield lines;
  }
  if (overlong >= 0 || pendingBytes > 0) yield [finishPending(Buffer.alloc(0))];
}
