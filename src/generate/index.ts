/** The synthetic event log: what the `generate` command, the tests and the benchmarks use. */
export { SAMPLE, eventLogChunks, type EventLogOptions } from './event-log.js';
export { writeEventLog, type WriteEventLogOptions } from './write.js';
