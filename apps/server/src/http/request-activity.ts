import type { FastifyInstance } from 'fastify';

/**
 * How busy the API is, so background work can give way to people. On the embedded database one
 * backend runs every transaction in turn: a demo-data batch started between two of a page's
 * requests makes each of them wait for it (logins took 12–27 s, and pool checkouts timed out
 * after 10 s, while the first start generated its demo data). The background writer waits for a
 * quiet moment instead — no API request in flight for `quietMs` — but never longer than
 * `maxWaitMs`, so steady traffic slows it down without stopping it.
 */
export interface RequestActivity {
  /** API requests being served now. */
  readonly inFlight: number;
  whenQuiet(options?: { quietMs?: number; maxWaitMs?: number }): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    readonly requestActivity: RequestActivity;
  }
}

/** Counts the API requests in flight (root hook, so every route counts) as `app.requestActivity`. */
export function trackRequestActivity(app: FastifyInstance): void {
  let inFlight = 0;
  let lastEnd = 0;
  let wake: (() => void)[] = [];
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    inFlight += 1;
    // 'close' fires once, whether the answer was sent or the client went away
    reply.raw.once('close', () => {
      inFlight -= 1;
      lastEnd = performance.now();
      if (inFlight === 0) {
        const waiting = wake;
        wake = [];
        for (const w of waiting) w();
      }
    });
  });
  const activity: RequestActivity = {
    get inFlight() {
      return inFlight;
    },
    async whenQuiet({ quietMs = 300, maxWaitMs = 3000 } = {}) {
      const deadline = performance.now() + maxWaitMs;
      for (;;) {
        const now = performance.now();
        if (now >= deadline) return;
        if (inFlight === 0 && now - lastEnd >= quietMs) return;
        const wait = inFlight === 0 ? quietMs - (now - lastEnd) : deadline - now;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wake = wake.filter((w) => w !== done);
            resolve();
          };
          const timer = setTimeout(done, Math.min(wait, deadline - now));
          if (inFlight > 0) wake.push(done);
        });
      }
    },
  };
  app.decorate('requestActivity', activity);
}
