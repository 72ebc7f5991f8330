// The console.error calls of the running test (collected by test/setup.ts).
export const consoleErrors: unknown[][] = [];

/** Returns the console.error calls so far and clears them, so the test does not fail on them. */
export function takeConsoleErrors(): unknown[][] {
  return consoleErrors.splice(0);
}
