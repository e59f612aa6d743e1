/** At least this long between two visits of a user, so that only a visit's own returns come back sooner. */
export const MIN_GAP_MS = 16 * 60_000;

/**
 * Who is busy when: a user picked for a visit must not be in the middle of another one, or the two
 * would merge into one long session and gaps between a user's sessions would not be what we say.
 */
export class Agenda {
  private readonly busy = new Map<number, [from: number, to: number][]>();

  isFree(user: number, from: number, to: number): boolean {
    const visits = this.busy.get(user);
    return !visits?.some(([start, end]) => from < end + MIN_GAP_MS && start < to + MIN_GAP_MS);
  }

  book(user: number, from: number, to: number): void {
    const visits = this.busy.get(user);
    if (visits) visits.push([from, to]);
    else this.busy.set(user, [[from, to]]);
  }

  /** Drops visits that can no longer clash with one starting at `time` or later, so memory follows the active users only. */
  forgetBefore(time: number): void {
    for (const [user, visits] of this.busy) {
      const current = visits.filter(([, end]) => end + MIN_GAP_MS > time);
      if (current.length === 0) this.busy.delete(user);
      else this.busy.set(user, current);
    }
  }
}
