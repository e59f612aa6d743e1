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
