import { Static } from 'ink';

/**
 * An empty `<Static>`, mounted afresh (by a new `key`) whenever a screen that had one goes away.
 *
 * Ink 6 lays out the last `<Static>` it created on every frame, even once it has been unmounted and its
 * layout node freed (vadimdemedes/ink#904 and #979; fixed in Ink 7, which needs Node 22). When that freed
 * memory is reused, the frame reads garbage: a made-up height that allocates gigabytes, or a bad pointer,
 * "memory access out of bounds" in `getComputedWidth`. A newly created `<Static>` becomes the one Ink
 * remembers, and this one is never unmounted while the screen it replaced is gone.
 */
export function StaticReset() {
  return <Static items={[]}>{() => null}</Static>;
}
