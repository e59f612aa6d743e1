import { formatCount } from '../src/format/values.js';

export { formatCount as count };

/** Durations of loads and builds, always in seconds so that figures side by side compare at a glance. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Lookup latencies: sub-millisecond values matter. */
export function millis(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}x`;
}

export function perSecond(value: number): string {
  return `${formatCount(Math.round(value))} rows/s`;
}
