/**
 * The session key of an id: iOS sends ids in upper case, Android in lower. Folded here, in one place, for the
 * loader and for every lookup, rather than by the database's lower(), whose result depends on the database's
 * locale (a C-locale database folds ASCII only): the same id gets the same key on every database.
 */
export function foldKey(id: string): string {
  return id.toLowerCase();
}

/** The same folding of one byte of an id in ASCII (the loader folds such ids without making strings of them). */
export function foldAsciiByte(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}
