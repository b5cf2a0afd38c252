/**
 * Which errors mean "the database is not reachable yet" (retry, answer 503) rather than a
 * fault that will not fix itself (exit). In Kubernetes the backend often starts before the
 * database: its Service name does not resolve until the database pod is ready.
 */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/http/errors.ts';

const nodeError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['getaddrinfo EAI_AGAIN todo-app-postgresql', 'EAI_AGAIN'],
    ['getaddrinfo ENOTFOUND todo-app-postgresql', 'ENOTFOUND'],
    ['connect ECONNREFUSED 10.0.0.12:5432', 'ECONNREFUSED'],
    ['connect ENETUNREACH 10.0.0.12:5432', 'ENETUNREACH'],
    ['the database system is starting up', '57P03'],
  ])('retries on %s', (message, code) => {
    expect(isDatabaseUnavailable(nodeError(message, code))).toBe(true);
    // Also when wrapped, as the migrator wraps the driver's error.
    expect(
      isDatabaseUnavailable(new Error('migration failed', { cause: nodeError(message, code) })),
    ).toBe(true);
  });

  it.each([
    ['password authentication failed for user "todo"', '28P01'],
    ['relation "tasks" already exists', '42P07'],
  ])('does not retry on %s', (message, code) => {
    expect(isDatabaseUnavailable(nodeError(message, code))).toBe(false);
  });
});
