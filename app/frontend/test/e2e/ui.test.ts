/**
 * The todo UI in a real browser: Debian's Chromium driven by playwright-core, against the
 * production build (`next build`, standalone server) and the real API (app/backend on
 * embedded PGlite in a temporary directory) with a scripted OpenAI-compatible model.
 * Screenshots and figures land in app/frontend/test-results/e2e/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEnv } from '../../../../test/support/env';
import { type FakeModel, startFakeModel } from '../support/fake-model';
import {
  directorySize,
  freePort,
  newestMtime,
  type RunningProcess,
  runToCompletion,
  startProcess,
  waitForHttp,
} from '../support/processes';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const backendDir = process.env.TODO_E2E_BACKEND_DIR ?? join(repoRoot, 'app/backend');
const chromiumPath = process.env.TODO_OPS_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(appDir, 'test-results/e2e');
const standaloneServer = join(appDir, '.next/standalone/app/frontend/server.js');
/** Sign-in attempts per client and account per minute (the API's default). */
const signinLimit = 10;
/** First-load JS budget per route, gzipped. */
const firstLoadBudgetBytes = 150 * 1024;

function missingEnvironment(): string | undefined {
  if (!existsSync(chromiumPath)) {
    return `no Chromium at ${chromiumPath}: run scripts/test-env/chromium.sh install`;
  }
  if (!existsSync(join(backendDir, 'package.json'))) return `no todo API in ${backendDir}`;
  return undefined;
}

/** The API's entry: the build when there is one, else its source (Node strips the types). */
function backendEntry(): string {
  const built = join(backendDir, 'dist/server.js');
  return existsSync(built) ? built : join(backendDir, 'src/server.ts');
}

describeWithEnv('todo UI in Chromium against the real API', missingEnvironment(), () => {
  const figures: Record<string, unknown> = {};
  const processes: RunningProcess[] = [];
  let dataDir = '';
  let fakeModel: FakeModel | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let baseUrl = '';
  const password = 'correct horse battery';
  const suffix = randomBytes(3).toString('hex');
  const alice = { name: 'Alice', email: `alice-${suffix}@example.com` };
  const bob = { name: 'Bob', email: `bob-${suffix}@example.com` };

  const shot = (name: string, target: Page = page) =>
    target.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'todo-frontend-e2e-'));

    // Build only when the sources changed since the last build: `next build` takes minutes.
    const sourcesChanged =
      !existsSync(standaloneServer) ||
      newestMtime([
        join(appDir, 'src'),
        join(appDir, 'public'),
        join(appDir, 'next.config.ts'),
        join(appDir, 'package.json'),
      ]) > statSync(standaloneServer).mtimeMs;
    if (sourcesChanged) {
      const started = Date.now();
      await runToCompletion('npm', ['run', 'build'], {
        cwd: appDir,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      });
      figures.buildSeconds = Math.round((Date.now() - started) / 100) / 10;
    }
    figures.standaloneMegabytes =
      Math.round(directorySize(join(appDir, '.next/standalone')) / 1024 / 102.4) / 10;

    fakeModel = await startFakeModel();
    const apiPort = await freePort();
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      TODO_DATA_DIR: join(dataDir, 'db'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      OPENAI_API_KEY: 'test-key-not-secret',
      OPENAI_BASE_URL: fakeModel.baseUrl,
      OPENAI_MODEL: 'fake-model',
      OPENAI_MAX_RETRIES: '0',
      LOG_LEVEL: 'warn',
      // The UI's server is the proxy in front of the API here, as in the cluster.
      TRUSTED_PROXIES: '127.0.0.1',
      SIGNIN_RATE_LIMIT: String(signinLimit),
    };
    delete apiEnv.DATABASE_URL;
    const api = startProcess(process.execPath, [backendEntry()], {
      cwd: backendDir,
      env: apiEnv,
      logFile: join(artifacts, 'backend.log'),
    });
    processes.push(api);
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, api);

    const webPort = await freePort();
    const web = startProcess(process.execPath, [standaloneServer], {
      cwd: join(appDir, '.next/standalone/app/frontend'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(webPort),
        HOSTNAME: '127.0.0.1',
        BACKEND_URL: `http://127.0.0.1:${apiPort}`,
      },
      logFile: join(artifacts, 'frontend.log'),
    });
    processes.push(web);
    baseUrl = `http://127.0.0.1:${webPort}`;
    await waitForHttp(`${baseUrl}/healthz`, web);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    writeFileSync(join(artifacts, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    await browser?.close();
    for (const p of processes.reverse()) await p.stop();
    await fakeModel?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signUp(user: { name: string; email: string }) {
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${baseUrl}/tasks`);
  }

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/signin`);
  }

  const taskList = () => page.getByRole('list', { name: /tasks$/ });
  const taskTitles = async () =>
    (await taskList().locator('.task__title').allTextContents()).map((t) => t.trim());

  it('sends a visitor to sign in, and signs up a new user into an empty task list', async () => {
    await page.goto(`${baseUrl}/tasks`);
    await page.waitForURL(/\/signin\?next=%2Ftasks$/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('01-signin');
    await page.goto(`${baseUrl}/signup`);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await shot('02-signup');
    await signUp(alice);
    await page.getByText('No tasks yet').waitFor();
    await page.getByText(alice.name).waitFor();
    await shot('03-tasks-empty');
  });

  it('serves the API under /api for clients when no ingress is in front', async () => {
    const signin = await fetch(`${baseUrl}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: alice.email, password }),
    });
    expect(signin.status).toBe(200);
    const { token, user } = (await signin.json()) as { token: string; user: { id: number } };
    const tasks = await fetch(`${baseUrl}/api/${user.id}/tasks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tasks.status).toBe(200);
    expect(await tasks.json()).toEqual([]);
    // Like the ingress, the pass-through does not turn cookies into credentials.
    const cookieOnly = await fetch(`${baseUrl}/api/${user.id}/tasks`, {
      headers: { cookie: `todo_token=${token}` },
    });
    expect(cookieOnly.status).toBe(401);
  });

  it('keeps the token out of reach of page scripts', async () => {
    const cookies = await context.cookies(baseUrl);
    const token = cookies.find((c) => c.name === 'todo_token');
    expect(token?.httpOnly).toBe(true);
    expect(token?.sameSite).toBe('Lax');
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('signs out and back in, refusing a wrong password with a visible error', async () => {
    await signOut();
    await page.goto(`${baseUrl}/tasks`);
    await page.waitForURL(/\/signin/);
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Next.js keeps an empty role=alert route announcer on every page; find ours by its text.
    await page
      .getByRole('alert')
      .filter({ hasText: /invalid email or password/i })
      .waitFor();
    await shot('04-signin-error');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/tasks`);
    await page.getByText('No tasks yet').waitFor();
  });

  it('adds two tasks, one with the keyboard alone', async () => {
    await page.getByLabel('New task').fill('Write the report');
    await page.getByLabel('Description (optional)').fill('Quarterly numbers');
    await page.getByRole('button', { name: 'Add task' }).click();
    await taskList().getByText('Write the report').waitFor();
    // Focus returns to the title field, so the next task is typed and sent with Enter.
    await page.keyboard.type('Call the plumber');
    await page.keyboard.press('Enter');
    await taskList().getByText('Call the plumber').waitFor();
    expect(await taskTitles()).toEqual(['Write the report', 'Call the plumber']);
  });

  it('edits a task in place', async () => {
    await page.getByRole('button', { name: 'Edit “Call the plumber”' }).click();
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Call the electrician');
    await page.getByLabel('Description', { exact: true }).fill('Kitchen lights');
    await shot('05-tasks-editing');
    await page.getByRole('button', { name: 'Save' }).click();
    await taskList().getByText('Call the electrician').waitFor();
    await taskList().getByText('Kitchen lights').waitFor();
    expect(await taskTitles()).toEqual(['Write the report', 'Call the electrician']);
    // Focus is back on the task's Edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Edit “Call the electrician”',
    );
  });

  it('completes a task and filters by status', async () => {
    const checkbox = page.getByRole('checkbox', { name: 'Write the report' });
    await checkbox.check();
    await page.locator('.task--done').getByText('Write the report').waitFor();
    expect(await checkbox.isChecked()).toBe(true);
    await shot('06-tasks-two');

    await page.getByRole('link', { name: 'Pending' }).click();
    await page.waitForURL(`${baseUrl}/tasks?status=pending`);
    await page.getByRole('list', { name: 'Pending tasks' }).waitFor();
    expect(await taskTitles()).toEqual(['Call the electrician']);

    await page.getByRole('link', { name: 'Completed' }).click();
    await page.waitForURL(`${baseUrl}/tasks?status=completed`);
    await page.getByRole('list', { name: 'Completed tasks' }).waitFor();
    expect(await taskTitles()).toEqual(['Write the report']);
    await shot('07-tasks-completed-filter');

    await page.getByRole('link', { name: 'All' }).click();
    await page.waitForURL(`${baseUrl}/tasks`);
    await page.getByRole('list', { name: 'All tasks' }).waitFor();
    expect(await taskTitles()).toEqual(['Write the report', 'Call the electrician']);
  });

  it('deletes only after confirmation; Escape cancels', async () => {
    const deleteButton = page.getByRole('button', { name: 'Delete “Write the report”' });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete task?' });
    await dialog.waitFor();
    // The safe choice has focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shot('08-delete-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await taskTitles()).toEqual(['Write the report', 'Call the electrician']);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await taskList().getByText('Write the report').waitFor({ state: 'detached' });
    expect(await taskTitles()).toEqual(['Call the electrician']);
  });

  it('asks the assistant to add a task, shows its tool call, and the task is in the list', async () => {
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.waitForURL(`${baseUrl}/chat`);
    await page.getByText('No conversations yet.').waitFor();
    await shot('09-chat-empty');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('add a task to buy milk');
    await box.press('Enter');
    const reply = page.locator('.message--assistant').last();
    await reply.getByText('Done: I added “buy milk” to your list.').waitFor();
    const actions = reply.getByRole('list', { name: 'Actions taken' });
    expect(await actions.textContent()).toMatch(
      /add_task\(title: “buy milk”\).*“buy milk” \(#\d+\)/,
    );
    await page.waitForURL(/\/chat\?c=\d+$/);
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link')
      .first()
      .waitFor();
    await shot('10-chat-reply');
    expect(fakeModel?.requests.length).toBe(2);

    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.waitForURL(`${baseUrl}/tasks`);
    await taskList().getByText('buy milk').waitFor();
    expect(await taskTitles()).toEqual(['Call the electrician', 'buy milk']);
    await shot('11-tasks-after-chat');
  });

  it('finds the whole conversation again after a reload', async () => {
    await page.goBack();
    await page.waitForURL(/\/chat\?c=\d+$/);
    await page.reload();
    const log = page.getByRole('list', { name: 'Messages' });
    await log.getByText('add a task to buy milk').waitFor();
    await log.getByText('Done: I added “buy milk” to your list.').waitFor();
    await log.getByRole('list', { name: 'Actions taken' }).getByText('add_task').waitFor();
    const current = page
      .getByRole('navigation', { name: 'Conversations' })
      .locator('[aria-current="page"]');
    expect(await current.count()).toBe(1);
    await shot('12-chat-history-after-reload');
  });

  it('shows a failed answer as an error and keeps the message for another try', async () => {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('please fail');
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'No answer from the assistant' }).waitFor();
    expect(await box.inputValue()).toBe('please fail');
    await shot('13-chat-error');
    await box.fill('');
  });

  it('fits a phone-width screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await shot('14-phone-chat');
    await page.goto(`${baseUrl}/tasks`);
    await taskList().getByText('buy milk').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await shot('15-phone-tasks');
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  it('signs out, and a second user sees none of the first one’s tasks or chats', async () => {
    const userCookie = (await context.cookies(baseUrl)).find((c) => c.name === 'todo_user');
    const aliceId = (JSON.parse(decodeURIComponent(userCookie?.value ?? '{}')) as { id?: number })
      .id;
    expect(aliceId).toBeGreaterThan(0);
    await signOut();
    await page.goto(`${baseUrl}/chat`);
    await page.waitForURL(/\/signin/);

    await signUp(bob);
    await page.getByText('No tasks yet').waitFor();
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByText('No conversations yet.').waitFor();
    await shot('16-second-user-chat');
    // Even asking for the first user's tasks by id gets nothing.
    const status = await page.evaluate(
      async (id) => (await fetch(`/bff/api/${id}/tasks`)).status,
      aliceId,
    );
    expect(status).toBe(403);
  });

  it('returns to /tasks, never to another host, after a sign-in link with a crafted next', async () => {
    // `/%09/evil.example` arrives as `/\t/evil.example`, which a browser reads as
    // `//evil.example`; the backslash and protocol-relative forms likewise.
    for (const next of ['/%09/evil.example', '/%5C/evil.example', '//evil.example']) {
      const visitor = await browser?.newContext();
      if (!visitor) throw new Error('no browser');
      try {
        const tab = await visitor.newPage();
        await tab.goto(`${baseUrl}/signin?next=${next}`);
        await tab.getByLabel('Email').fill(alice.email);
        await tab.getByLabel('Password').fill(password);
        await tab.getByRole('button', { name: 'Sign in' }).click();
        await tab.waitForURL(`${baseUrl}/tasks`);
        expect(new URL(tab.url()).host).toBe(new URL(baseUrl).host);
      } finally {
        await visitor.close();
      }
    }
  });

  it('locks out only the client that failed: a second client signs in to the same account through the UI', async () => {
    const carol = { email: `carol-${suffix}@example.com`, password };
    const signup = await fetch(`${baseUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...carol, name: 'Carol' }),
    });
    expect(signup.status).toBe(201);
    const attacker = '127.0.0.2';
    const wrong = { email: carol.email, password: 'not her password' };
    for (let i = 0; i < signinLimit; i++) {
      expect(await postFrom(attacker, '/bff/auth/signin', wrong)).toBe(401);
    }
    expect(await postFrom(attacker, '/bff/auth/signin', wrong)).toBe(429);
    // Claiming another address does not help: the UI's server reports its real peer.
    expect(
      await postFrom(attacker, '/bff/auth/signin', carol, { 'x-forwarded-for': '198.51.100.77' }),
    ).toBe(429);
    // Carol, from her own machine, through the same UI server.
    expect(await postFrom('127.0.0.3', '/bff/auth/signin', carol)).toBe(200);
  });

  /** POSTs JSON to the UI's server from a socket bound to `from` (a loopback address). */
  function postFrom(
    from: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<number> {
    const text = JSON.stringify(body);
    const target = new URL(path, baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          localAddress: from,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            ...headers,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  it('keeps every route within the first-load JS budget', async () => {
    const signedIn = await context.storageState();
    // First-load JS: every script the document loads, as the server sends it, gzipped.
    const measure = async (path: string, state?: typeof signedIn) => {
      const fresh = await browser?.newContext(state ? { storageState: state } : {});
      if (!fresh) throw new Error('no browser');
      const p = await fresh.newPage();
      await p.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
      expect(new URL(p.url()).pathname).toBe(path);
      const urls = await p.evaluate(() =>
        // noModule scripts (Next's legacy polyfills) are skipped by the browsers we serve.
        Array.from(document.scripts)
          .filter((s) => s.src.length > 0 && !s.noModule)
          .map((s) => s.src),
      );
      await fresh.close();
      let total = 0;
      for (const url of new Set(urls)) {
        const response = await fetch(url);
        expect(response.ok, url).toBe(true);
        total += gzipSync(Buffer.from(await response.arrayBuffer())).length;
      }
      return total;
    };
    const sizes: Record<string, number> = {};
    for (const path of ['/signin', '/signup']) sizes[path] = await measure(path);
    for (const path of ['/tasks', '/chat']) sizes[path] = await measure(path, signedIn);
    figures.firstLoadJsGzipKb = Object.fromEntries(
      Object.entries(sizes).map(([k, v]) => [k, Math.round(v / 102.4) / 10]),
    );
    for (const [path, size] of Object.entries(sizes)) {
      expect(size, `${path} first-load JS (gzip)`).toBeGreaterThan(0);
      expect(size, `${path} first-load JS (gzip)`).toBeLessThanOrEqual(firstLoadBudgetBytes);
    }
  });
});
