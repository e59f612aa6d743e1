import { HOUR_MS } from './calendar.js';
import type { Random } from './random.js';

/**
 * When the tracking pipeline received an event: usually 0.05-30 s after the phone created it,
 * about 1% a few seconds before (the phone's clock runs fast), about 0.5% hours later (the phone was offline).
 */
export function receivedAt(random: Random, createdAt: number): number {
  const draw = random.next();
  if (draw < 0.01) return createdAt - Math.round(random.between(0.5, 5) * 1000);
  if (draw < 0.015) return createdAt + Math.round(random.between(1, 12) * HOUR_MS);
  return createdAt + Math.round(random.between(0.05, 30, 3) * 1000);
}

/** Real pipelines deliver at least once: about 0.3% of lines arrive twice, byte for byte. */
export function isDeliveredTwice(random: Random): boolean {
  return random.chance(0.003);
}
