const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number made of the decimal digits at [from, to), or -1 if any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The same, over bytes. */
function byteDigits(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Whether the fields (each -1 when not digits) name a real date and time of day. */
function validDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (second < 0 || second > 59) return false;
  return day <= (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * The timestamp as PostgreSQL will store it (`YYYY-MM-DD HH:MM:SS[.ffffff]`), or null when it is not one.
 * Checked here, in full, so that no value can make a COPY fail and take its whole batch down with it.
 * A trailing `Z` or ` UTC` is dropped: the column holds UTC wall-clock times without a zone.
 * Hand-written rather than a regular expression: it runs twice per row on the load's hot path.
 */
export function normalizeTimestamp(input: string): string | null {
  let text = input.trim();
  if (text.endsWith('Z')) text = text.slice(0, -1);
  else if (text.endsWith(' UTC')) text = text.slice(0, -4);
  const length = text.length;
  if (length < 19 || length === 20 || length > 26) return null;
  const sep = text.charCodeAt(10);
  if (text[4] !== '-' || text[7] !== '-' || (sep !== 32 && sep !== 84) || text[13] !== ':' || text[16] !== ':') return null;
  if (length > 19 && (text[19] !== '.' || digits(text, 20, length) < 0)) return null;
  const valid = validDateTime(
    digits(text, 0, 4),
    digits(text, 5, 7),
    digits(text, 8, 10),
    digits(text, 11, 13),
    digits(text, 14, 16),
    digits(text, 17, 19),
  );
  if (!valid) return null;
  return sep === 84 ? `${text.slice(0, 10)} ${text.slice(11)}` : text;
}

/**
 * Whether the bytes at [from, to) are a timestamp already in the form normalizeTimestamp returns, so that it would
 * return them unchanged: the loader's byte path sends such a field as read, without making a string of it.
 */
export function isNormalTimestamp(bytes: Uint8Array, from: number, to: number): boolean {
  const length = to - from;
  if (length < 19 || length === 20 || length > 26) return false;
  if (bytes[from + 4] !== 45 || bytes[from + 7] !== 45 || bytes[from + 10] !== 32 || bytes[from + 13] !== 58 || bytes[from + 16] !== 58) return false;
  if (length > 19 && (bytes[from + 19] !== 46 || byteDigits(bytes, from + 20, to) < 0)) return false;
  return validDateTime(
    byteDigits(bytes, from, from + 4),
    byteDigits(bytes, from + 5, from + 7),
    byteDigits(bytes, from + 8, from + 10),
    byteDigits(bytes, from + 11, from + 13),
    byteDigits(bytes, from + 14, from + 16),
    byteDigits(bytes, from + 17, from + 19),
  );
}
