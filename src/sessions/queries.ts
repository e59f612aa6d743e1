/** What the commands and the TUI read: one import for every lookup and its row types. */
export { listUsers, USER_SORTS, type UserCursor, type UserListOptions, type UserPage, type UserSort } from './users.js';
export { sessionEvents, userSessions, UnknownUserError, type EventLookupOptions, type SessionLookupOptions, type UserSessionsOptions } from './lookups.js';
export { sessionStats, LATE_RECEIPT_MINUTES, type BreakdownRow, type DayRow, type PeriodComparison, type SessionStats } from './stats.js';
export {
  ALL_TIME,
  dataSpan,
  describePeriod,
  isAllTime,
  lastDays,
  monthPeriod,
  parseTypedPeriod,
  periodOfFlags,
  previousPeriod,
  type Period,
} from './period.js';
export { funnelSteps, type FunnelStep } from './funnel.js';
export { rowAsJson, runQuery, statementPages, STATEMENT_PAGE, type QueryAnswer, type RunQueryOptions } from './console.js';
export { requireEvents, requireSessions } from './readiness.js';
export { OUTCOMES, type EventRow, type Outcome, type SessionRow, type UserRow } from './types.js';
export { BookedStagesSplitError, bookedRanks, gapCurve, kneeOf, MAX_CURVE_GAP, type GapCurve, type GapPoint } from './gaps.js';
