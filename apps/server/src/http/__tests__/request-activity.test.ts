import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackRequestActivity } from '../request-activity';

/**
 * The quiet-moment gate the background demo-data writer waits on: it opens only when no API
 * request is in flight (assets do not count), and a steady stream of requests cannot hold it shut.
 */
let app: FastifyInstance;
let url: string;
let release: () => void = () => {};

beforeAll(async () => {
  app = Fastify();
  trackRequestActivity(app);
  app.get('/api/slow', () => new Promise<string>((resolve) => (release = () => resolve('done'))));
  app.get('/assets/slow', () => new Promise<string>((resolve) => (release = () => resolve('done'))));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

/** Lets pending timers and I/O callbacks run (no time passes on purpose). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

async function whileServing(path: string, during: () => Promise<void>): Promise<void> {
  const answer = fetch(`${url}${path}`).then((r) => r.text());
  // the route has the request once `release` points at it
  const before = release;
  while (release === before) await settle();
  await during();
  release();
  expect(await answer).toBe('done');
}

describe('request activity', () => {
  it('counts API requests in flight and opens the gate only after the last one ended', async () => {
    expect(app.requestActivity.inFlight).toBe(0);
    let opened = false;
    let gate: Promise<void> | undefined;
    await whileServing('/api/slow', async () => {
      expect(app.requestActivity.inFlight).toBe(1);
      gate = app.requestActivity.whenQuiet({ quietMs: 0, maxWaitMs: 600_000 }).then(() => {
        opened = true;
      });
      await settle();
      expect(opened).toBe(false);
    });
    await gate;
    expect(opened).toBe(true);
    expect(app.requestActivity.inFlight).toBe(0);
  });

  it('does not count the web app’s files', async () => {
    await whileServing('/assets/slow', async () => {
      expect(app.requestActivity.inFlight).toBe(0);
    });
  });

  it('opens after maxWaitMs even while a request is still being served', async () => {
    await whileServing('/api/slow', async () => {
      await app.requestActivity.whenQuiet({ quietMs: 0, maxWaitMs: 1 });
      expect(app.requestActivity.inFlight).toBe(1);
    });
  });
});
