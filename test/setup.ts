// Runs before every test file. Any console.error fails the test that caused it
// (as in the Epic Stack): an error nobody asserted on is a bug nobody will see.
// A test that expects one takes it with takeConsoleErrors() from test/console.ts.
import { afterEach, beforeEach, vi } from "vitest";
import { consoleErrors } from "./console";

const original = console.error.bind(console);

beforeEach(() => {
  consoleErrors.length = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
    original(...args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  const unexpected = consoleErrors.splice(0);
  if (unexpected.length > 0) {
    const first = unexpected[0]?.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ");
    throw new Error(
      `console.error was called ${unexpected.length} time(s) during this test; the first: ${first}\n` +
        "If the test expects it, take it with takeConsoleErrors() from test/console.ts and assert on it.",
    );
  }
});
