/** A failure the user can act on. The CLI prints only its one-sentence message (no stack unless --debug). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** What went wrong with a file, classified once from the system's error code or from what the file is. */
export type FileProblemKind = 'missing' | 'no-folder' | 'permission' | 'folder' | 'empty' | 'disk-full' | 'read-only' | 'other';

const KIND_OF_CODE: Record<string, FileProblemKind> = {
  ENOENT: 'missing',
  ENOTDIR: 'no-folder',
  EEXIST: 'no-folder',
  EACCES: 'permission',
  EPERM: 'permission',
  EISDIR: 'folder',
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
};

const WORDS: Record<Exclude<FileProblemKind, 'other'>, string> = {
  missing: 'it does not exist',
  'no-folder': 'a file stands where the folder should be',
  permission: 'permission denied',
  folder: 'it is a folder',
  empty: 'it is empty',
  'disk-full': 'the disk is full',
  'read-only': 'the file system is read-only',
};

export function fileProblemKind(error: unknown): FileProblemKind {
  return KIND_OF_CODE[(error as NodeJS.ErrnoException).code ?? ''] ?? 'other';
}

/** A file-system error in words: a full disk or a read-only folder says so, not ENOENT. */
export function describeFileError(error: unknown): string {
  const kind = fileProblemKind(error);
  return kind === 'other' ? (error as Error).message.replace(/\.$/, '') : WORDS[kind];
}

/** A file that cannot be used, in one sentence, with its kind for those who offer a way out (the file prompt). */
export class FileProblem extends UserError {
  constructor(
    message: string,
    readonly kind: FileProblemKind,
    readonly file: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}
