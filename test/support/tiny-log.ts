import { csv, writeFile } from './files.js';

/**
 * A hand-made event log whose sessions are known by heart, for the TUI's tests:
 * AAAA-1 (iOS, upper case) has a booked session (ride started, 6 events) and 56 minutes later a browsed one;
 * bbbb-2 (Android) has one session where a scooter was selected but nothing more (looked).
 */
const rows: [string, string, string, string, string, string][] = [
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Application Opened', '2020-03-01 08:00:00.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Home Screen Viewed', '2020-03-01 08:00:30.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Scooter Selected - User', '2020-03-01 08:02:00.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Qr Scanner - Opened', '2020-03-01 08:03:00.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Qr Scanner - Scan Successful', '2020-03-01 08:03:20.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Ride Started - Successful', '2020-03-01 08:04:00.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Application Opened', '2020-03-01 09:00:00.000'],
  ['AAAA-1', 'berlin', 'DEV-A', 'iOS', 'Home Screen Viewed', '2020-03-01 09:00:10.000'],
  ['bbbb-2', 'paris', 'dev-b', 'Android', 'Application Opened', '2020-03-02 10:00:00.000'],
  ['bbbb-2', 'paris', 'dev-b', 'Android', 'Scooter Selected - Auto', '2020-03-02 10:01:00.000'],
  ['bbbb-2', 'paris', 'dev-b', 'Android', 'Application Backgrounded', '2020-03-02 10:05:00.000'],
];

export const TINY_LOG_ROWS = rows.length;

export function writeTinyLog(dir: string): string {
  const lines = rows.map(([user, city, device, os, event, created]) => {
    const received = created.replace(/\.000$/, '.900');
    return `${user};${city};3.10.0;${device};${os};${event};${received};${created}`;
  });
  return writeFile(dir, 'tiny.csv', csv(lines));
}
