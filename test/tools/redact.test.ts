import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, redact, redactText, registerSecret } from '../../tools/redact.js';

afterEach(() => clearRegisteredSecrets());

describe('redact', () => {
  it('masks the password of a database URL but keeps the host', () => {
    const out = redactText('connecting to postgresql://todo:s3cr3t-pw@db:5432/todo failed');
    expect(out).not.toContain('s3cr3t-pw');
    expect(out).toContain('postgresql://todo:[REDACTED]@db:5432/todo');
  });

  it('masks JWTs, API keys and bearer tokens', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const out = redactText(
      `token ${jwt} key sk-proj-abcdefghijklmnop1234 Authorization: Bearer abc.def.ghi`,
    );
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('sk-proj-abcdefghijklmnop1234');
    expect(out).not.toContain('abc.def.ghi');
  });

  it('masks KEY=value pairs whose name says secret', () => {
    const out = redactText('JWT_SECRET=hunter2hunter2 OPENAI_API_KEY="xyz123456" LOG_LEVEL=info');
    expect(out).not.toContain('hunter2hunter2');
    expect(out).not.toContain('xyz123456');
    expect(out).toContain('LOG_LEVEL=info');
  });

  it('masks registered values and their base64 form anywhere', () => {
    registerSecret('plain-value-42');
    const b64 = Buffer.from('plain-value-42').toString('base64');
    expect(redactText(`x plain-value-42 y ${b64}`)).toBe('x [REDACTED] y [REDACTED]');
  });

  it('masks Secret data and secret-named fields in objects, leaving the rest', () => {
    const out = redact({
      kind: 'Secret',
      metadata: { name: 'todo-app' },
      data: { JWT_SECRET: 'aGVsbG8=', DATABASE_URL: 'cG9zdGdyZXM=' },
      nested: [{ password: 'pw', replicas: 3, note: 'see postgres://u:p4ss@h/db' }],
    });
    expect(out.metadata.name).toBe('todo-app');
    expect(out.data).toEqual({ JWT_SECRET: '[REDACTED]', DATABASE_URL: '[REDACTED]' });
    expect(out.nested[0]).toEqual({
      password: '[REDACTED]',
      replicas: 3,
      note: 'see postgres://u:[REDACTED]@h/db',
    });
  });
});
