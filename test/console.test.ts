// The console.error guard of test/setup.ts: an expected error can be taken and asserted on.
import { expect, test } from "vitest";
import { takeConsoleErrors } from "./console";

test("console.error calls are collected for the running test", () => {
  console.error("expected by this test", 42);
  expect(takeConsoleErrors()).toEqual([["expected by this test", 42]]);
  expect(takeConsoleErrors()).toEqual([]);
});
