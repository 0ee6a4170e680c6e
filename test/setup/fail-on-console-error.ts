import { afterEach, beforeEach, vi } from 'vitest';

// A test fails on an unexpected console.error: errors must be asserted, not printed. The test
// harness routes the server's error-level log lines here too.
let errors: string[] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    throw new Error(`Unexpected console.error during the test:\n${errors.join('\n')}`);
  }
});

/** For a test that expects errors: returns and clears what was printed so far. */
export function consumeConsoleErrors(): string[] {
  const taken = errors;
  errors = [];
  return taken;
}
