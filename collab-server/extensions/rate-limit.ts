/** Token-bucket state, kept on the limited object itself (no allocation per connection). */
export type BucketState = { tokens: number; last: number };

/** Takes one token (`rate` per second, bursts up to `burst`); false when over the limit. */
export function takeToken(state: BucketState, rate: number, burst: number): boolean {
  const now = Date.now();
  state.tokens = Math.min(burst, state.tokens + ((now - state.last) / 1000) * rate);
  state.last = now;
  if (state.tokens < 1) return false;
  state.tokens -= 1;
  return true;
}
