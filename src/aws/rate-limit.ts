/** Time as the rate limiter sees it; tests pass a fake one so no test waits for real seconds. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: at most `ratePerSecond` on average, at most `burst` at once. `take()` waits for a
 * token. Default burst 1, so no one-second window ever holds more than `ratePerSecond` calls.
 */
export class TokenBucket {
  readonly #interval: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, clock: Clock = SYSTEM_CLOCK, burst = 1) {
    this.#interval = 1000 / ratePerSecond;
    this.#burst = burst;
    this.#clock = clock;
    this.#tokens = burst;
    this.#last = clock.now();
  }

  async take(): Promise<void> {
    this.#refill();
    while (this.#tokens < 1) {
      await this.#clock.sleep(Math.ceil((1 - this.#tokens) * this.#interval));
      this.#refill();
    }
    this.#tokens -= 1;
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) / this.#interval);
    this.#last = now;
  }
}
