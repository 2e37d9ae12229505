// What a call throws, for suites that check an error's words (not a test file).

/** Runs fn and returns what it throws (fails the test when it does not throw). */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}
