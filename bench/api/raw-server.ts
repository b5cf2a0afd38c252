/**
 * The benchmark's baseline: the same two endpoints as the todo API (list and create tasks)
 * written with nothing but node:http and pg, doing the same work per request: HS256 token
 * check, ownership check, the same SQL, JSON in and out.
 *
 *   DATABASE_URL=... JWT_SECRET=... PORT=... node bench/api/raw-server.ts
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const secret = process.env.JWT_SECRET ?? '';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

function subject(header: string | undefined): number | undefined {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [head, payload, signature] = token.split('.');
  if (!head || !payload || !signature) return undefined;
  const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    sub: string;
    exp: number;
  };
  return claims.exp * 1000 > Date.now() ? Number(claims.sub) : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const row = (r: Record<string, unknown>) => ({
  id: r.id,
  user_id: r.user_id,
  title: r.title,
  description: r.description,
  completed: r.completed,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const columns = 'id, user_id, title, description, completed, created_at, updated_at';

const server = createServer((request, response) => {
  void (async () => {
    const match = /^\/api\/(\d+)\/tasks(?:\?.*)?$/.exec(request.url ?? '');
    if (!match) return send(response, 404, { error: 'not_found' });
    const userId = subject(request.headers.authorization);
    if (userId === undefined) return send(response, 401, { error: 'unauthorized' });
    if (Number(match[1]) !== userId) return send(response, 403, { error: 'forbidden' });
    if (request.method === 'GET') {
      const result = await pool.query(
        `SELECT ${columns} FROM tasks WHERE user_id = $1 ORDER BY id`,
        [userId],
      );
      return send(response, 200, result.rows.map(row));
    }
    if (request.method === 'POST') {
      const body = (await readJson(request)) as { title?: unknown };
      if (typeof body.title !== 'string' || body.title.trim() === '' || body.title.length > 200) {
        return send(response, 400, { error: 'bad_request', field: 'title' });
      }
      const result = await pool.query(
        `INSERT INTO tasks (user_id, title) VALUES ($1, $2) RETURNING ${columns}`,
        [userId, body.title.trim()],
      );
      return send(response, 201, row(result.rows[0] as Record<string, unknown>));
    }
    return send(response, 405, { error: 'method_not_allowed' });
  })().catch((error: unknown) => {
    console.error(error);
    send(response, 500, { error: 'internal' });
  });
});

server.listen(Number(process.env.PORT ?? 8001), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void pool.end();
});
