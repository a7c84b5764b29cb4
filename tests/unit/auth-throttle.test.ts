import { growingDelay, MAX_DELAY_MS, RESET_LIMITS, signInThrottle, type Failures } from "~/modules/auth/throttle";

const LIMITS = { pairLimit: 5, addressFree: 30, accountFree: 10, accountLimit: 50 };
const none: Failures = { pair: 0, address: 0, account: 0, knownAddress: false };
const after = (f: Partial<Failures>) => signInThrottle({ ...none, ...f }, LIMITS);

describe("how a sign-in attempt is held back", () => {
  it("lets a first and second mistake through at once, then slows the pair, doubling", () => {
    expect(after({ pair: 1, address: 1, account: 1 })).toEqual({ refused: false, delayMs: 0 });
    expect(after({ pair: 2, address: 2, account: 2 }).delayMs).toBe(500);
    expect(after({ pair: 3, address: 3, account: 3 }).delayMs).toBe(1_000);
    expect(after({ pair: 4, address: 4, account: 4 }).delayMs).toBe(2_000);
  });

  it("refuses the pair at its fifth failure, without making it wait", () => {
    expect(after({ pair: 5, address: 5, account: 5 })).toEqual({ refused: true, delayMs: 0 });
  });

  it("never refuses an address, only slows it after thirty failures, doubling every five, at most eight seconds", () => {
    expect(after({ address: 29 })).toEqual({ refused: false, delayMs: 0 });
    expect(after({ address: 30 })).toEqual({ refused: false, delayMs: 500 });
    expect(after({ address: 34 }).delayMs).toBe(500);
    expect(after({ address: 35 }).delayMs).toBe(1_000);
    expect(after({ address: 10_000 })).toEqual({ refused: false, delayMs: MAX_DELAY_MS });
  });

  it("slows an account guessed at from many addresses after ten, and refuses it at fifty unless the address is known", () => {
    expect(after({ account: 9 }).delayMs).toBe(0);
    expect(after({ account: 10 }).delayMs).toBe(500);
    expect(after({ account: 49 }).refused).toBe(false);
    expect(after({ account: 50 }).refused).toBe(true);
    expect(after({ account: 50, knownAddress: true })).toEqual({ refused: false, delayMs: MAX_DELAY_MS });
  });

  it("takes the longest of the three delays", () => {
    expect(after({ pair: 2, address: 40, account: 12 }).delayMs).toBe(2_000);
  });

  it("grows from half a second and stops at the cap", () => {
    expect(growingDelay(0, 0)).toBe(500);
    expect(growingDelay(4, 0)).toBe(8_000);
    expect(growingDelay(40, 0)).toBe(8_000);
  });

  it("sends an account three reset links in the window, from anywhere", () => {
    const reset = (f: Partial<Failures>) => signInThrottle({ ...none, ...f }, RESET_LIMITS);
    expect(reset({ pair: 2, account: 2 }).refused).toBe(false);
    expect(reset({ pair: 0, account: 3 }).refused).toBe(true);
    expect(reset({ address: 40 }).refused).toBe(false);
  });
});
