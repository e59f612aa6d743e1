/**
 * A small seeded PRNG (sfc32), so the sample data is reproducible byte for byte on every machine
 * without a dependency. Math.random cannot be seeded; sfc32 is fast and statistically sound.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Any number of non-negative integers (up to 2^53) select the stream; nearby seeds give unrelated streams. */
  constructor(...seedParts: number[]) {
    let h = 0x9e3779b9;
    for (const part of seedParts) {
      h = mix(h, part >>> 0);
      h = mix(h, Math.floor(part / 2 ** 32) >>> 0);
    }
    this.a = mix(h, 1);
    this.b = mix(h, 2);
    this.c = mix(h, 3);
    this.d = 1;
    // sfc32's first outputs still resemble the seed words
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max); `skew` > 1 leans towards min, as waiting times do. */
  between(min: number, max: number, skew = 1): number {
    return min + (max - min) * this.next() ** skew;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of the choices, each as likely as its weight (weights need not sum to 1). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let point = this.next() * total;
    for (const [value, weight] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(this.next() * 16)];
    return out;
  }
}

const HEX = '0123456789abcdef';

/** murmur3's finalizer over a running hash: spreads every input bit over the whole word. */
function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ value, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
