import { MINUTE_MS } from './calendar.js';
import type { Random } from './random.js';

export interface TimedEvent {
  /** created_at, epoch milliseconds. */
  at: number;
  name: string;
}

/** How far a session gets; every drop-off of the funnel occurs, with shares of a plausible app. */
type Plan = 'push-only' | 'opened' | 'map' | 'scooter' | 'qr' | 'payment' | 'ride-failed' | 'booked';

const PLANS: readonly (readonly [Plan, number])[] = [
  ['push-only', 2],
  ['opened', 6],
  ['map', 22],
  ['scooter', 12],
  ['qr', 10],
  ['payment', 5],
  ['ride-failed', 4],
  ['booked', 39],
];

const SECOND_MS = 1000;

/** Events appended at random pauses, as a user taps through the app. */
class Timeline {
  readonly events: TimedEvent[] = [];

  constructor(
    private readonly random: Random,
    private now: number,
  ) {}

  /** The next event, after a pause of minSeconds..maxSeconds, short pauses being the most common. */
  after(minSeconds: number, maxSeconds: number, name: string): void {
    this.at(this.now + Math.round(this.random.between(minSeconds, maxSeconds, 2) * SECOND_MS), name);
  }

  at(time: number, name: string): void {
    this.now = time;
    this.events.push({ at: time, name });
  }

  get time(): number {
    return this.now;
  }

  /** A finished session: the app is sent to the background, or just left open. */
  close(): TimedEvent[] {
    if (this.random.chance(0.4)) this.after(2, 90, 'Application Backgrounded');
    return this.events;
  }
}

/** The events of one session starting at `start`: browsing, looking without booking, or a ride. */
export function simulateSession(random: Random, start: number): TimedEvent[] {
  const plan = random.weighted(PLANS);
  const timeline = new Timeline(random, start);
  // a notification arriving while the app is closed: a session with no funnel event at all
  if (plan === 'push-only') {
    timeline.after(0, 0, 'Push Notification - Received');
    return timeline.events;
  }
  // most sessions open the app; the rest resume it from the background straight onto the map
  if (plan === 'opened' || random.chance(0.92)) timeline.after(0, 0, 'Application Opened');
  if (random.chance(0.04)) timeline.after(2, 30, 'Signup - Started');
  if (random.chance(0.06)) timeline.after(2, 20, 'Login - Successful');
  if (plan === 'opened') return timeline.close();

  let locationDenied = false;
  if (random.chance(0.12)) {
    timeline.after(1, 5, 'Location Permission - Shown');
    locationDenied = random.chance(0.25);
    timeline.after(1, 15, locationDenied ? 'Location Permission - Denied' : 'Location Permission - Granted');
  }
  timeline.after(1, 6, 'Home Screen Viewed');
  if (random.chance(0.1)) timeline.after(5, 60, random.chance(0.5) ? 'Settings - Opened' : 'Help Center - Opened');
  if (random.chance(0.15)) timeline.after(10, 240, 'Home Screen Viewed');
  if (plan === 'map') return timeline.close();

  const selection = () => (locationDenied || random.chance(0.4) ? 'Scooter Selected - User' : 'Scooter Selected - Auto');
  timeline.after(5, 180, selection());
  if (random.chance(0.2)) timeline.after(5, 60, selection());
  if (plan === 'scooter') return timeline.close();

  timeline.after(10, 240, 'Qr Scanner - Opened');
  const failedScans = plan === 'qr' ? random.int(0, 2) : random.chance(0.2) ? random.int(1, 2) : 0;
  for (let i = 0; i < failedScans; i++) timeline.after(3, 30, 'Qr Scanner - Scan Failed');
  if (plan === 'qr') return timeline.close();
  timeline.after(3, 40, 'Qr Scanner - Scan Successful');

  if (plan === 'payment' || random.chance(0.2)) {
    timeline.after(1, 5, 'Payment Dialog - Shown');
    if (random.chance(0.1)) timeline.after(5, 60, 'Promo Code - Applied');
    if (plan === 'payment' || random.chance(0.15)) timeline.after(10, 120, 'Payment Dialog - Failed');
    if (plan === 'payment') return timeline.close();
    timeline.after(10, 120, 'Payment Method - Added');
  }
  if (plan === 'ride-failed' || random.chance(0.06)) timeline.after(2, 15, 'Ride Started - Failed');
  if (plan === 'ride-failed') return timeline.close();

  timeline.after(2, 20, 'Ride Started - Successful');
  // the phone dies or the app is killed mid-ride: no Ride Done ever arrives
  if (random.chance(0.03)) return timeline.events;
  // 3 to 40 minutes, most rides short; about a third outlast a 15-minute session gap
  const rideMs = Math.round(random.between(3, 40, 2.5) * MINUTE_MS);
  const rideStart = timeline.time;
  if (random.chance(0.15)) timeline.after(60, (rideMs * 0.8) / SECOND_MS, 'Push Notification - Received');
  timeline.at(rideStart + rideMs, 'Ride Done - Successful');
  if (random.chance(0.85)) {
    timeline.after(1, 10, 'Rating Screen - Shown');
    if (random.chance(0.55)) timeline.after(5, 60, 'Rating Screen - Submitted');
  }
  return timeline.close();
}
