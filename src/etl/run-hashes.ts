/** Slots of the first table; it doubles up to MAX_SLOTS, 16 bytes a slot (32 MiB at most). */
const INITIAL_SLOTS = 1 << 16;
const MAX_SLOTS = 1 << 21;
const MAX_LOAD = 0.75;

/**
 * The row hashes (md5, 128 bits) a bulk load has sent, so that a row repeating one of an earlier batch is counted
 * as a duplicate before COPY and the set-based search for repeats can be skipped. Bounded: past MAX_SLOTS·MAX_LOAD
 * hashes it gives up (`overflowed`) and frees its memory, and the search for repeats runs as before.
 */
export class RunHashes {
  private slots = INITIAL_SLOTS;
  private table: Uint32Array | null = new Uint32Array(4 * INITIAL_SLOTS);
  private count = 0;
  // an all-zero digest would read as an empty slot
  private zeroSeen = false;

  get overflowed(): boolean {
    return this.table === null;
  }

  /** Whether `hex` (32 hex digits) was added before; adds it if not. Always false once overflowed. */
  seenBefore(hex: string): boolean {
    if (this.table === null) return false;
    const a = parseInt(hex.slice(0, 8), 16) >>> 0;
    const b = parseInt(hex.slice(8, 16), 16) >>> 0;
    const c = parseInt(hex.slice(16, 24), 16) >>> 0;
    const d = parseInt(hex.slice(24, 32), 16) >>> 0;
    if ((a | b | c | d) === 0) {
      const seen = this.zeroSeen;
      this.zeroSeen = true;
      return seen;
    }
    if (this.find(this.table, this.slots, a, b, c, d)) return true;
    if (++this.count > this.slots * MAX_LOAD && !this.grow()) return false;
    this.insert(this.table!, this.slots, a, b, c, d);
    return false;
  }

  /** Whether the table holds the hash (linear probing from its first word: an md5 is uniform already). */
  private find(table: Uint32Array, slots: number, a: number, b: number, c: number, d: number): boolean {
    for (let i = a & (slots - 1); ; i = (i + 1) & (slots - 1)) {
      const at = 4 * i;
      if ((table[at]! | table[at + 1]! | table[at + 2]! | table[at + 3]!) === 0) return false;
      if (table[at] === a && table[at + 1] === b && table[at + 2] === c && table[at + 3] === d) return true;
    }
  }

  private insert(table: Uint32Array, slots: number, a: number, b: number, c: number, d: number): void {
    let i = a & (slots - 1);
    while ((table[4 * i]! | table[4 * i + 1]! | table[4 * i + 2]! | table[4 * i + 3]!) !== 0) i = (i + 1) & (slots - 1);
    table[4 * i] = a;
    table[4 * i + 1] = b;
    table[4 * i + 2] = c;
    table[4 * i + 3] = d;
  }

  /** Doubles the table; past MAX_SLOTS, drops it. */
  private grow(): boolean {
    const old = this.table!;
    if (this.slots >= MAX_SLOTS) {
      this.table = null;
      return false;
    }
    const slots = this.slots * 2;
    const table = new Uint32Array(4 * slots);
    for (let at = 0; at < old.length; at += 4) {
      if ((old[at]! | old[at + 1]! | old[at + 2]! | old[at + 3]!) !== 0) this.insert(table, slots, old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
    this.table = table;
    this.slots = slots;
    return true;
  }
}
