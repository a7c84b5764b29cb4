/**
 * How hard a sign-in attempt is held back, from the failures before it in the window. A stranger
 * must not be able to lock someone out: refusing the right password to everyone behind one office
 * address, or to an account from anywhere, is what an attacker would use. So:
 *
 * - the pair (this account from this address) slows down after two failures and is refused after
 *   `pairLimit`: guessing one account from one place stops there, and nobody else is affected;
 * - an address slows down, growing, after `addressFree` failures across all accounts, but is never
 *   refused: a colleague behind the same address who knows their password gets in, a little later;
 * - an account slows down after `accountFree` failures from anywhere, and is refused at
 *   `accountLimit` (a guess spread over many addresses), except from an address it has signed in from
 *   before (`knownAddress`), so the person themselves is not locked out by the spread guessing.
 *
 * Delays are waits before the password is checked: they make each guess slow without telling anyone
 * apart from a person who mistyped.
 */
export interface Failures {
  /** Failed attempts on this account from this address in the window, before this one. */
  pair: number;
  /** Failed attempts from this address on any account. */
  address: number;
  /** Failed attempts on this account from any address. */
  account: number;
  /** This account has signed in from this address before (in the last `KNOWN_ADDRESS_DAYS`). */
  knownAddress: boolean;
}

export interface ThrottleLimits {
  pairLimit: number;
  addressFree: number;
  accountFree: number;
  accountLimit: number;
}

export interface Throttle {
  refused: boolean;
  /** How long to wait before checking the password, in milliseconds. */
  delayMs: number;
}

export const KNOWN_ADDRESS_DAYS = 90;

/**
 * Password-reset requests, counted the same way: three links an account in the window is plenty for
 * a person and stops anyone filling their inbox; an address asking for many slows down. A request
 * over the limit is answered as any other and sends nothing, so it tells no one anything.
 */
export const RESET_LIMITS: ThrottleLimits = { pairLimit: 3, addressFree: 10, accountFree: 3, accountLimit: 3 };
/** The longest any attempt waits: enough to make guessing slow, short enough for a person. */
export const MAX_DELAY_MS = 8_000;
const FIRST_DELAY_MS = 500;
/** A pair's own mistakes slow it from the third attempt. */
const PAIR_FREE = 2;
/** Past their free failures, the address's and the account's delays double every this many. */
const DOUBLING_EVERY = 5;

/** 0 up to `free` failures, then 0.5 s doubling every `every` more, never more than MAX_DELAY_MS. */
export function growingDelay(failures: number, free: number, every = 1) {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.floor((failures - free) / every), MAX_DELAY_MS);
}

export function signInThrottle(failures: Failures, limits: ThrottleLimits): Throttle {
  const refused =
    failures.pair >= limits.pairLimit || (failures.account >= limits.accountLimit && !failures.knownAddress);
  const delayMs = Math.max(
    growingDelay(failures.pair, PAIR_FREE),
    growingDelay(failures.address, limits.addressFree, DOUBLING_EVERY),
    growingDelay(failures.account, limits.accountFree, DOUBLING_EVERY),
  );
  return { refused, delayMs: refused ? 0 : delayMs };
}
