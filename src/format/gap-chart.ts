import type { GapCurve } from '../sessions/queries.js';
import { formatCount } from '../format/values.js';

/** Marks under the chart's columns: the stored setting and the knee. */
const SETTING_MARK = '^';
const KNEE_MARK = '*';

/**
 * Sessions against gap as lines of text: one column per gap (every few gaps when narrower than the curve), a bar per
 * column scaled between the curve's lowest and highest count, the y axis labelled with both. `full` is the bar's
 * glyph (ASCII on a dumb terminal); everything else is plain ASCII, so it reads anywhere.
 */
export function gapChartLines(curve: GapCurve, width: number, height: number, full: string): string[] {
  const points = curve.points;
  if (points.length === 0) return [];
  const top = points[0]!.sessions;
  // the axis starts at zero, so the bars' heights compare as the counts do
  const bottom = 0;
  const label = Math.max(formatCount(top).length, formatCount(bottom).length);
  const columns = Math.max(1, Math.min(points.length, width - label - 2));
  const step = points.length / columns;
  const shown = Array.from({ length: columns }, (_, c) => points[Math.floor(c * step)]!);
  const rows = Math.max(2, height - 3);
  const level = (sessions: number) => (top === bottom ? rows : Math.max(1, Math.round(((sessions - bottom) / (top - bottom)) * (rows - 1)) + 1));
  const lines: string[] = [];
  for (let r = rows; r >= 1; r--) {
    const axis = r === rows ? formatCount(top) : r === 1 ? formatCount(bottom) : '';
    lines.push(`${axis.padStart(label)} |${shown.map((p) => (level(p.sessions) >= r ? full : ' ')).join('')}`);
  }
  const columnOf = (gap: number) => Math.min(columns - 1, Math.floor((gap - 1) / step));
  const marks = new Array<string>(columns).fill(' ');
  if (curve.knee !== null) marks[columnOf(curve.knee)] = KNEE_MARK;
  if (curve.gapMinutes !== null && curve.gapMinutes <= points.length) marks[columnOf(curve.gapMinutes)] = SETTING_MARK;
  lines.push(`${' '.repeat(label)} +${'-'.repeat(columns)}`);
  lines.push(`${' '.repeat(label)}  ${marks.join('')}`);
  const last = `${points.at(-1)!.gap} min`;
  lines.push(`${' '.repeat(label)}  ${'1'.padEnd(Math.max(1, columns - last.length))}${last}`);
  return lines;
}

/** What the marks mean, with the counts at them. */
export function gapLegend(curve: GapCurve): string {
  const at = (gap: number) => curve.points.find((p) => p.gap === gap)?.sessions;
  const parts: string[] = [];
  if (curve.gapMinutes !== null) {
    const count = at(curve.gapMinutes);
    parts.push(`${SETTING_MARK} setting ${curve.gapMinutes} min${count === undefined ? '' : `: ${formatCount(count)} sessions`}`);
  }
  if (curve.knee !== null) parts.push(`${KNEE_MARK} knee ${curve.knee} min: ${formatCount(at(curve.knee)!)} sessions`);
  else parts.push('no knee (the curve is flat)');
  return parts.join('   ');
}
