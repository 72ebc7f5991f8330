// Runs before every test file. Any console.error fails the test (or, from a
// beforeAll/afterAll hook, the file) that caused it, as in the Epic Stack: an
// error nobody asserted on is a bug nobody will see. A test that expects one
// takes it with takeConsoleErrors() from test/console.ts.
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { consoleErrors } from "./console";

// With DATABASE_URL, lib/env.ts requires APP_URL; tests use the address it defaults to when embedded.
if (process.env.DATABASE_URL && !process.env.APP_URL) process.env.APP_URL = "http://localhost:3000";

const original = console.error.bind(console);

function install() {
  if (vi.isMockFunction(console.error)) return;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
    original(...args);
  });
}

function check(when: string) {
  const unexpected = consoleErrors.splice(0);
  if (unexpected.length === 0) return;
  const first = unexpected[0]?.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ");
  throw new Error(
    `console.error was called ${unexpected.length} time(s) ${when}; the first: ${first}\n` +
      "If the test expects it, take it with takeConsoleErrors() from test/console.ts and assert on it.",
  );
}

install();
// Again before each test, in case a test restored every mock.
beforeEach(install);
afterEach(() => check("during this test (or a beforeAll hook before it)"));
afterAll(() => check("in an afterAll hook"));
