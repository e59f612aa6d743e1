import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** Sums consecutive values into at most `width` buckets of equal length (the last may be shorter). */
export function bucket(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const size = Math.ceil(values.length / Math.max(1, width));
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size).reduce((a, b) => a + b, 0));
  return out;
}

/** A one-line chart: one glyph per bucket, its height the bucket's share of the highest one. */
export function Sparkline({ values, width }: { values: readonly number[]; width: number }) {
  const theme = useTheme();
  const buckets = bucket(values, width);
  const max = Math.max(1, ...buckets);
  const top = theme.sparkLevels.length - 1;
  const glyphs = buckets.map((v) => (v === 0 ? ' ' : theme.sparkLevels[Math.min(top, Math.floor((v / max) * (top + 1)))]));
  return <Text color={theme.accent}>{glyphs.join('')}</Text>;
}
