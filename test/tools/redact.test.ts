import { afterEach, describe, expect, it } from 'vitest';
import {
  clearRegisteredSecrets,
  redact,
  redactText,
  registerSecret,
  stripTerminalControls,
} from '../../tools/redact.js';

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

  it('masks lower-case keys: YAML, logfmt and env styles', () => {
    const out = redactText(
      'password: s3cret\nhost=db password=x user=todo\napi_key = "abc def ghi"\ntoken:t0k3n-value',
    );
    expect(out).toBe(
      'password: [REDACTED]\nhost=db password=[REDACTED] user=todo\napi_key = [REDACTED]\ntoken:[REDACTED]',
    );
  });

  it('masks URL passwords that contain / or @, keeping the host', () => {
    expect(redactText('DB at postgres://todo:pa/ss@w0rd@db.internal:5432/todo now')).toBe(
      'DB at postgres://todo:[REDACTED]@db.internal:5432/todo now',
    );
    expect(redactText('redis://:p@ss/w@cache:6379')).toBe('redis://:[REDACTED]@cache:6379');
    // A port and an @ in the query are not a password.
    expect(redactText('see https://example.com:8443/a?mail=x@y.z')).toBe(
      'see https://example.com:8443/a?mail=x@y.z',
    );
  });

  it('masks a JWT wrapped across lines, and nothing after it', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const wrapped = `issued ${jwt.slice(0, 50)}\n  ${jwt.slice(50, 100)}\n  ${jwt.slice(100)}\nserver ready`;
    const out = redactText(wrapped);
    for (const part of [jwt.slice(20, 50), jwt.slice(50, 100), jwt.slice(100)])
      expect(out).not.toContain(part);
    expect(out).toBe('issued [REDACTED]\nserver ready');
    // Log lines as a list: the same JWT across three entries.
    const lines = redact({
      lines: [`token ${jwt.slice(0, 60)}`, jwt.slice(60, 110), jwt.slice(110), 'done'],
    }).lines;
    expect(lines.join('\n')).not.toContain(jwt.slice(60, 110));
    expect(lines.at(-1)).toBe('done');
  });

  it('masks numeric values under secret keys, in objects and in JSON text', () => {
    expect(redact({ password: 123456, pin: 42, replicas: 3 })).toEqual({
      password: '[REDACTED]',
      pin: 42,
      replicas: 3,
    });
    expect(redactText('{"apiToken": 98765, "port": 5432, "Password":true}')).toBe(
      '{"apiToken": "[REDACTED]", "port": 5432, "Password":"[REDACTED]"}',
    );
    expect(redactText('PASSWORD=424242')).toBe('PASSWORD=[REDACTED]');
  });

  it('strips terminal control sequences from text from the cluster', () => {
    const out = redactText(
      'ok\u001b[2J\u001b[1;1H\u001b]0;owned\u0007 \u001b[31mred\u001b[0m\u0008\r\tdone\u009b2K',
    );
    expect(out).toBe('ok red\tdone');
    expect(stripTerminalControls('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe(
      'alinkb',
    );
  });
});
