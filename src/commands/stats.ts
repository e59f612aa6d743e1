import { UserError } from '../errors.js';
import {
  describePeriod,
  gapCurve,
  isAllTime,
  sessionStats,
  type BreakdownRow,
  type DayRow,
  type FunnelStep,
  type GapCurve,
  type GapPoint,
  type SessionStats,
} from '../sessions/queries.js';
import { gapChartLines, gapLegend } from '../format/gap-chart.js';
import { chooseTheme } from '../format/theme.js';
import { titles } from '../format/column-titles.js';
import { formatCount, formatPercent, formatPoints, formatSeconds } from '../format/values.js';
import { defineCommand, outputFlags, type CommandContext } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, printReport, renderCsv, renderTable, section, write, type Column, type OutputFormat, type Section } from '../format/output.js';
import { periodFlags, periodOf } from './period-flags.js';
import { withDatabase } from './with-database.js';

interface Line {
  metric: string;
  value: string;
}

const percent = (fraction: number | null) => (fraction === null ? '' : formatPercent(fraction));
const ofSessions = (count: number, stats: SessionStats) =>
  `${formatCount(count)}${stats.sessions > 0 ? ` (${formatPercent(count / stats.sessions)})` : ''}`;
const signed = (difference: number) =>
  difference === 0 ? 'the same' : difference > 0 ? `${formatCount(difference)} fewer` : `${formatCount(-difference)} more`;

function comparisonLines(stats: SessionStats): Line[] {
  const previous = stats.previous;
  if (!previous) return [];
  const { change } = previous;
  const ratio = change.sessionsRatio === null ? '' : `, ${formatPercent(Math.abs(change.sessionsRatio - 1))} ${change.sessionsRatio >= 1 ? 'more' : 'fewer'}`;
  return [
    { metric: 'period before', value: describePeriod(previous.period) },
    { metric: 'sessions before', value: `${formatCount(previous.sessions)} (${change.sessions >= 0 ? '+' : '-'}${formatCount(Math.abs(change.sessions))} now${ratio})` },
    { metric: 'booked share before', value: `${percent(previous.bookedShare) || 'n/a'} (${formatPoints(change.bookedSharePoints)} now)` },
  ];
}

function perDay(days: readonly DayRow[]): string {
  if (days.length === 0) return 'n/a';
  const busiest = days.reduce((a, b) => (b.sessions > a.sessions ? b : a));
  const quietest = days.reduce((a, b) => (b.sessions < a.sessions ? b : a));
  return `${days[0]!.day} to ${days.at(-1)!.day}: ${formatCount(quietest.sessions)} to ${formatCount(busiest.sessions)} a day (busiest ${busiest.day})`;
}

function summaryLines(stats: SessionStats): Line[] {
  const { rideAware, timestamps } = stats;
  return [
    { metric: 'period', value: describePeriod(stats.period) },
    { metric: 'layout', value: stats.layout },
    { metric: 'events', value: formatCount(stats.events) },
    { metric: 'users', value: formatCount(stats.users) },
    { metric: 'devices', value: formatCount(stats.devices) },
    { metric: 'sessions', value: `${formatCount(stats.sessions)} (gap ${stats.gapMinutes ?? '?'} minutes)` },
    { metric: 'booked', value: ofSessions(stats.outcomes.booked, stats) },
    ...comparisonLines(stats),
    { metric: 'looked', value: ofSessions(stats.outcomes.looked, stats) },
    { metric: 'browsed', value: ofSessions(stats.outcomes.browsed, stats) },
    { metric: 'seed flag', value: ofSessions(stats.seedFlagSessions, stats) },
    { metric: 'seed flag, no ride started', value: formatCount(stats.bookedWithoutRide) },
    { metric: 'median time to book', value: formatSeconds(stats.medianSecondsToBook, 'n/a') },
    { metric: 'median ride time', value: formatSeconds(stats.medianRideSeconds, 'n/a') },
    { metric: 'ride-aware sessions', value: `${formatCount(rideAware.sessions)} (${signed(rideAware.fewerSessions)})` },
    { metric: 'ride-aware seed flag', value: `${formatCount(rideAware.seedFlagSessions)} (${signed(rideAware.fewerBookedSessions)})` },
    { metric: 'ride-aware median ride', value: formatSeconds(rideAware.medianRideSeconds, 'n/a') },
    ...(timestamps
      ? [
          { metric: 'received before created', value: formatCount(timestamps.receivedBeforeCreated) },
          { metric: `received > ${timestamps.lateMinutes} min late`, value: formatCount(timestamps.receivedLate) },
        ]
      : [{ metric: 'timestamp quality', value: 'over all time only (stats without --from/--to)' }]),
    { metric: 'sessions per day', value: perDay(stats.sessionsPerDay) },
  ];
}

const lineColumns: Column<Line>[] = [
  { header: 'metric', value: (l) => l.metric },
  { header: 'value', value: (l) => l.value },
];

const funnelColumns: Column<FunnelStep>[] = [
  { header: 'stage', value: (f) => f.stage },
  { header: titles.outcome, value: (f) => f.outcome },
  { header: 'sessions', value: (f) => formatCount(f.sessions), align: 'right' },
  { header: 'step', value: (f) => percent(f.stepConversion), align: 'right' },
  { header: 'overall', value: (f) => percent(f.overallConversion), align: 'right' },
];

function funnelWithChange(stats: SessionStats): Column<FunnelStep>[] {
  const change = stats.previous?.change.funnel;
  if (!change) return funnelColumns;
  const before = stats.previous!.funnel;
  return [
    ...funnelColumns,
    { header: 'overall before', value: (f) => percent(before.find((b) => b.rank === f.rank)?.overallConversion ?? null), align: 'right' },
    { header: 'change', value: (f) => formatPoints(change.find((c) => c.stage === f.stage)?.overallPoints ?? null), align: 'right' },
  ];
}

function breakdownColumns(name: string): Column<BreakdownRow>[] {
  return [
    { header: name, value: (b) => b.value ?? '(none)' },
    { header: titles.sessions, value: (b) => formatCount(b.sessions), align: 'right' },
    { header: titles.booked, value: (b) => formatCount(b.bookingSessions), align: 'right' },
    { header: titles.looked, value: (b) => formatCount(b.lookedSessions), align: 'right' },
    { header: titles.seedFlag, value: (b) => formatCount(b.seedFlagSessions), align: 'right' },
    { header: titles.bookedShare, value: (b) => percent(b.sessions ? b.bookingSessions / b.sessions : null), align: 'right' },
  ];
}

const dayColumns: Column<DayRow>[] = [
  { header: 'day', value: (d) => d.day },
  { header: titles.sessions, value: (d) => formatCount(d.sessions), align: 'right' },
  { header: titles.booked, value: (d) => formatCount(d.bookingSessions), align: 'right' },
  { header: titles.seedFlag, value: (d) => formatCount(d.seedFlagSessions), align: 'right' },
];

function sections(stats: SessionStats, withDays: boolean): Section[] {
  return [
    section('Totals', summaryLines(stats), lineColumns),
    section('Funnel (sessions reaching each stage)', stats.funnel, funnelWithChange(stats)),
    section('By city', stats.breakdowns.city, breakdownColumns(titles.city)),
    section('By OS', stats.breakdowns.os, breakdownColumns(titles.os)),
    section('By app version', stats.breakdowns.appVersion, breakdownColumns(titles.appVersion)),
    ...(withDays ? [section('Sessions per day', stats.sessionsPerDay, dayColumns)] : []),
  ];
}

/** Gaps the table of `stats --gaps` lists, besides the setting and the knee. */
const TABLE_GAPS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120];

function gapColumns(curve: GapCurve): Column<GapPoint>[] {
  const atSetting = curve.points.find((p) => p.gap === curve.gapMinutes)?.sessions;
  const mark = (p: GapPoint) => [p.gap === curve.gapMinutes ? 'setting' : '', p.gap === curve.knee ? 'knee' : ''].filter(Boolean).join(', ');
  return [
    { header: 'gap (min)', value: (p) => p.gap, align: 'right' },
    { header: titles.sessions, value: (p) => formatCount(p.sessions), align: 'right' },
    ...(atSetting
      ? [{ header: 'vs setting', value: (p: GapPoint) => `${p.sessions === atSetting ? '±' : p.sessions > atSetting ? '+' : '-'}${formatPercent(Math.abs(p.sessions / atSetting - 1))}`, align: 'right' as const }]
      : []),
    { header: titles.seedFlag, value: (p) => formatCount(p.seedFlagSessions), align: 'right' },
    { header: titles.booked, value: (p) => formatCount(p.bookedSessions), align: 'right' },
    { header: titles.bookedShare, value: (p) => percent(p.sessions ? p.bookedSessions / p.sessions : null), align: 'right' },
    { header: '', value: mark },
  ];
}

async function printGaps(context: CommandContext, format: OutputFormat, curve: GapCurve): Promise<void> {
  // the curve's own contract: seedFlagSessions and bookedSessions (the outcome) side by side, so these
  // fields bypass the older contract's renaming of seedFlagSessions to bookedSessions (src/format/output.ts)
  if (format === 'json') return write(context.io, `${JSON.stringify(curve.points, null, 2)}\n`);
  if (format === 'csv') {
    const fields = ['gap', 'sessions', 'seedFlagSessions', 'bookedSessions'] as const;
    return write(context.io, renderCsv(curve.points, fields.map((field) => ({ header: field, value: (p: GapPoint) => p[field] }))));
  }
  const width = Math.max(40, Math.min(context.io.stdout.columns ?? 80, 132));
  const chart = gapChartLines(curve, width, 14, chooseTheme({ env: process.env, colorFlag: context.flags.color !== false }).barFull);
  const listed = curve.points.filter((p) => TABLE_GAPS.includes(p.gap) || p.gap === curve.gapMinutes || p.gap === curve.knee);
  write(
    context.io,
    [
      `Sessions against the session gap (${formatCount(curve.keys)} keys; every count exact, from one pass over the events)`,
      '',
      ...chart.map((line) => line.trimEnd()),
      gapLegend(curve),
      '',
      '',
    ].join('\n') + renderTable(listed, gapColumns(curve)),
  );
}

export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'totals, outcomes, the booking funnel, breakdowns by city, OS and app version, timestamp quality',
  flags: {
    ...periodFlags,
    gaps: { type: 'boolean', description: 'sessions against the session gap, 1 to 120 minutes, with those holding the seed\'s flag and the booked ones' },
    ...outputFlags,
  },
  examples: ['stats', 'stats --json', 'stats --from 2020-01-01 --to 2020-01-31', 'stats --gaps', 'stats --gaps --json'],
  async run(context) {
    expectArgs('stats', context.args, []);
    const format = outputFormat(context.flags);
    const period = periodOf(context);
    if (context.flags.gaps === true) {
      if (!isAllTime(period)) throw new UserError('stats --gaps covers every event: it takes no --from or --to.', 2);
      const curve = await withDatabase(context, (db) => gapCurve(db));
      await printGaps(context, format, curve);
      return;
    }
    const stats = await withDatabase(context, (db) => sessionStats(db, period));
    // 366 lines of days would drown the human report (it gets a one-line summary); CSV keeps them
    printReport(context.io, format, stats, sections(stats, format === 'csv'));
  },
});
