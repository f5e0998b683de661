/** Polls `probe` until it returns something, or fails after `timeoutMs`: for work a test cannot await directly. */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000, intervalMs = 2): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
