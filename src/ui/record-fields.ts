import type { EventRow, SessionRow, UserRow } from '../sessions/queries.js';
import { titles } from '../format/column-titles.js';
import type { Field } from './components/record-view.js';
import { formatDuration, formatGap, formatTimestamp } from '../format/values.js';

/** Every field of a row, as the detail pane (`d`, or Enter on an event) lists them. */

const seconds = (value: number | null) => (value === null ? '-' : formatDuration(value * 1000));

export function userFields(u: UserRow): Field[] {
  return [
    [titles.anonymousId, u.anonymousId],
    ['user key', u.userKey],
    [titles.devices, u.devices],
    [titles.sessions, u.sessions],
    [titles.booked, u.bookingSessions],
    [titles.looked, u.lookedSessions],
    [titles.browsed, u.browsedSessions],
    [titles.seedFlag, u.seedFlagSessions],
    [titles.firstSeen, u.firstSeen],
    [titles.lastSeen, u.lastSeen],
  ];
}

export function sessionFields(s: SessionRow): Field[] {
  return [
    [titles.device, s.device || '(none)'],
    [titles.session, s.index],
    [titles.start, formatTimestamp(s.start)],
    [titles.end, formatTimestamp(s.end)],
    [titles.length, seconds(s.durationSeconds)],
    [titles.events, s.events],
    [titles.outcome, s.outcome],
    [titles.stage, s.stage],
    [titles.decidedBy, s.decidingEvent && `${s.decidingEvent} at ${s.decidedAt}`],
    [titles.toBook, seconds(s.secondsToBook)],
    [titles.ride, seconds(s.rideSeconds)],
    [titles.seedFlag, s.booked ? 'booked' : 'not booked'],
    [titles.droppedOff, s.dropOff],
    [titles.city, s.city],
    [titles.os, s.os],
    [titles.appVersion, s.appVersion],
  ];
}

/** How long after it happened an event reached the server; negative when the device clock ran ahead. */
function receivedAfter(e: EventRow): string {
  const ms = Date.parse(`${e.receivedAt.replace(' ', 'T')}Z`) - Date.parse(`${e.createdAt.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return formatTimestamp(e.receivedAt);
  return `${formatTimestamp(e.receivedAt)} (${ms < 0 ? `${formatDuration(-ms)} before` : `${formatDuration(ms)} after`} it was created)`;
}

export function eventFields(e: EventRow, outcome?: string): Field[] {
  return [
    [titles.event, e.event],
    [titles.createdAt, formatTimestamp(e.createdAt)],
    [titles.receivedAt, receivedAfter(e)],
    [titles.gap, e.gapMinutes === null ? "the device's first event" : formatGap(e.gapMinutes)],
    [titles.session, e.session],
    [titles.decided, e.decides && outcome ? `this event decided the outcome: ${outcome}` : null],
    [titles.anonymousId, e.anonymousId],
    [titles.device, e.deviceId],
    [titles.city, e.city],
    [titles.os, e.os],
    [titles.appVersion, e.appVersion],
  ];
}
