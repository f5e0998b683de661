/** A bundle that cannot be read or is refused; its message is shown to the user as it is. */
export class BundleError extends Error {}

/** Reading the bundle was stopped through its AbortSignal (Ctrl-C, SIGTERM, a cancelled progress). */
export class BundleCancelledError extends BundleError {
  constructor() {
    super('reading the bundle was cancelled');
  }
}
