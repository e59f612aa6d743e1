import { sessionStats, type BreakdownRow, type DayRow, type FunnelStep, type SessionStats } from '../sessions/queries.js';
import { titles } from '../ui/column-titles.js';
import { formatCount, formatPercent, formatSeconds } from '../format/values.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, printReport, section, type Column, type Section } from '../format/output.js';
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

function perDay(days: readonly DayRow[]): string {
  if (days.length === 0) return 'n/a';
  const busiest = days.reduce((a, b) => (b.sessions > a.sessions ? b : a));
  const quietest = days.reduce((a, b) => (b.sessions < a.sessions ? b : a));
  return `${days[0]!.day} to ${days.at(-1)!.day}: ${formatCount(quietest.sessions)} to ${formatCount(busiest.sessions)} a day (busiest ${busiest.day})`;
}

function summaryLines(stats: SessionStats): Line[] {
  const { rideAware, timestamps } = stats;
  return [
    { metric: 'layout', value: stats.layout },
    { metric: 'events', value: formatCount(stats.events) },
    { metric: 'users', value: formatCount(stats.users) },
    { metric: 'devices', value: formatCount(stats.devices) },
    { metric: 'sessions', value: `${formatCount(stats.sessions)} (gap ${stats.gapMinutes ?? '?'} minutes)` },
    { metric: 'booked', value: ofSessions(stats.outcomes.booked, stats) },
    { metric: 'looked', value: ofSessions(stats.outcomes.looked, stats) },
    { metric: 'browsed', value: ofSessions(stats.outcomes.browsed, stats) },
    { metric: 'seed flag', value: ofSessions(stats.bookedSessions, stats) },
    { metric: 'seed flag, no ride started', value: formatCount(stats.bookedWithoutRide) },
    { metric: 'median time to book', value: formatSeconds(stats.medianSecondsToBook, 'n/a') },
    { metric: 'median ride time', value: formatSeconds(stats.medianRideSeconds, 'n/a') },
    { metric: 'ride-aware sessions', value: `${formatCount(rideAware.sessions)} (${signed(rideAware.fewerSessions)})` },
    { metric: 'ride-aware seed flag', value: `${formatCount(rideAware.bookedSessions)} (${signed(rideAware.fewerBookedSessions)})` },
    { metric: 'ride-aware median ride', value: formatSeconds(rideAware.medianRideSeconds, 'n/a') },
    { metric: 'received before created', value: formatCount(timestamps.receivedBeforeCreated) },
    { metric: `received > ${timestamps.lateMinutes} min late`, value: formatCount(timestamps.receivedLate) },
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

function breakdownColumns(name: string): Column<BreakdownRow>[] {
  return [
    { header: name, value: (b) => b.value ?? '(none)' },
    { header: titles.sessions, value: (b) => formatCount(b.sessions), align: 'right' },
    { header: titles.booked, value: (b) => formatCount(b.bookingSessions), align: 'right' },
    { header: titles.looked, value: (b) => formatCount(b.lookedSessions), align: 'right' },
    { header: titles.seedFlag, value: (b) => formatCount(b.bookedSessions), align: 'right' },
    { header: titles.bookedShare, value: (b) => percent(b.sessions ? b.bookingSessions / b.sessions : null), align: 'right' },
  ];
}

const dayColumns: Column<DayRow>[] = [
  { header: 'day', value: (d) => d.day },
  { header: titles.sessions, value: (d) => formatCount(d.sessions), align: 'right' },
  { header: titles.booked, value: (d) => formatCount(d.bookingSessions), align: 'right' },
  { header: titles.seedFlag, value: (d) => formatCount(d.bookedSessions), align: 'right' },
];

function sections(stats: SessionStats, withDays: boolean): Section[] {
  return [
    section('Totals', summaryLines(stats), lineColumns),
    section('Funnel (sessions reaching each stage)', stats.funnel, funnelColumns),
    section('By city', stats.breakdowns.city, breakdownColumns(titles.city)),
    section('By OS', stats.breakdowns.os, breakdownColumns(titles.os)),
    section('By app version', stats.breakdowns.appVersion, breakdownColumns(titles.appVersion)),
    ...(withDays ? [section('Sessions per day', stats.sessionsPerDay, dayColumns)] : []),
  ];
}

export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'totals, outcomes, the booking funnel, breakdowns by city, OS and app version, timestamp quality',
  flags: { ...outputFlags },
  examples: ['stats', 'stats --json'],
  async run(context) {
    expectArgs('stats', context.args, []);
    const format = outputFormat(context.flags);
    const stats = await withDatabase(context, sessionStats);
    // 366 lines of days would drown the human report (it gets a one-line summary); CSV keeps them
    printReport(context.io, format, stats, sections(stats, format === 'csv'));
  },
});
