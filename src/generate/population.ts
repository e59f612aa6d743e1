import { Random } from './random.js';

export type OsName = 'iOS' | 'Android';

export interface Device {
  os: OsName;
  /** As the OS reports it: identifierForVendor (upper-case UUID) on iOS, ANDROID_ID (lower-case hex) on Android. */
  id: string;
  /** How many days behind the latest release this phone's app stays. */
  updateLagDays: number;
}

export interface User {
  /** Lower case; iOS rows print it upper case, as the iOS SDK does. */
  anonymousId: string;
  homeCity: string;
  /** One phone for most, a second phone or a tablet for some (possibly on the other OS). */
  devices: readonly Device[];
}

const CITIES: readonly (readonly [string, number])[] = [
  ['berlin', 25],
  ['paris', 20],
  ['rome', 15],
  ['madrid', 12],
  ['vienna', 10],
  ['lisbon', 10],
  ['stockholm', 8],
];

const RELEASES: readonly (readonly [version: string, releasedAt: number])[] = [
  ['3.8.1', Date.UTC(2019, 11, 2)],
  ['3.9.0', Date.UTC(2020, 1, 10)],
  ['3.9.1', Date.UTC(2020, 2, 2)],
  ['3.10.0', Date.UTC(2020, 4, 4)],
  ['3.10.2', Date.UTC(2020, 5, 15)],
  ['3.11.0', Date.UTC(2020, 7, 24)],
  ['3.11.1', Date.UTC(2020, 8, 14)],
  ['3.12.0', Date.UTC(2020, 10, 9)],
];

const DAY_MS = 86_400_000;

/**
 * The users of the app. Each user is derived from (seed, index) alone, so nothing is stored per user
 * and memory stays flat however many users a large file has.
 */
export class Population {
  readonly size: number;

  constructor(
    private readonly seed: number,
    rows: number,
  ) {
    // about 45 events per user over the year; a floor keeps tiny files from being one person's diary
    this.size = Math.max(20, Math.round(rows / 45));
  }

  /** A user index, a few heavy users much more likely than the long tail. */
  pickIndex(random: Random): number {
    return Math.floor(this.size * random.next() ** 2);
  }

  user(index: number): User {
    const random = new Random(this.seed, index, 0x05e7);
    const anonymousId = uuid(random);
    const homeCity = random.weighted(CITIES);
    const deviceCount = random.chance(0.15) ? 2 : 1;
    const devices: Device[] = [];
    for (let i = 0; i < deviceCount; i++) {
      const os: OsName = random.chance(0.45) ? 'iOS' : 'Android';
      devices.push({
        os,
        id: os === 'iOS' ? uuid(random).toUpperCase() : random.hex(16),
        updateLagDays: Math.floor(random.between(0, 150, 3)),
      });
    }
    return { anonymousId, homeCity, devices };
  }

  /** Mostly the home city, now and then a trip elsewhere. */
  cityOf(user: User, random: Random): string {
    return random.chance(0.95) ? user.homeCity : random.weighted(CITIES);
  }
}

export function anonymousIdAsSent(user: User, device: Device): string {
  return device.os === 'iOS' ? user.anonymousId.toUpperCase() : user.anonymousId;
}

/** The newest release the device had installed at `at`. */
export function appVersion(device: Device, at: number): string {
  const installedBy = at - device.updateLagDays * DAY_MS;
  let version = (RELEASES[0] as readonly [string, number])[0];
  for (const [name, releasedAt] of RELEASES) if (releasedAt <= installedBy) version = name;
  return version;
}

/** A version-4 UUID in lower case. */
function uuid(random: Random): string {
  const variant = '89ab'[random.int(0, 3)] as string;
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${variant}${random.hex(3)}-${random.hex(12)}`;
}
