/** `hosts_entry`: the `<ip> todo.local` line; shows how to add/remove it per OS, or changes the hosts file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import { appAddress } from './deploy.js';
import type { OpsContext, OpsTool } from './deps.js';

/** The marker that makes todo-ops' own line recognisable (only that line is removed). */
export const MARKER = '# added by todo-ops';

/** The hosts file of an OS (TODO_OPS_HOSTS_FILE overrides it). */
export function hostsFilePath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string {
  if (env.TODO_OPS_HOSTS_FILE) return env.TODO_OPS_HOSTS_FILE;
  return platform === 'win32' ? 'C:\\Windows\\System32\\drivers\\etc\\hosts' : '/etc/hosts';
}

/** Manual commands to add and remove the line, per OS. */
export function hostsInstructions(
  platform: NodeJS.Platform,
  line: string,
  host: string,
): { add: string; remove: string } {
  const escaped = host.replace(/\./g, '\\.');
  if (platform === 'win32')
    return {
      add: `PowerShell as Administrator: Add-Content -Path "$env:windir\\System32\\drivers\\etc\\hosts" -Value "${line} ${MARKER}"`,
      remove: `PowerShell as Administrator: (Get-Content "$env:windir\\System32\\drivers\\etc\\hosts") -notmatch '\\s${escaped}(\\s|$)' | Set-Content "$env:windir\\System32\\drivers\\etc\\hosts"`,
    };
  if (platform === 'darwin')
    return {
      add: `echo "${line} ${MARKER}" | sudo tee -a /etc/hosts && sudo dscacheutil -flushcache`,
      remove: `sudo sed -i '' '/[[:space:]]${escaped}[[:space:]]*\\(#.*\\)\\{0,1\\}$/d' /etc/hosts`,
    };
  return {
    add: `echo "${line} ${MARKER}" | sudo tee -a /etc/hosts`,
    remove: `sudo sed -i '/[[:space:]]${escaped}[[:space:]]*\\(#.*\\)\\{0,1\\}$/d' /etc/hosts`,
  };
}

/** Lines of a hosts file that map `host` (any IP). */
export function linesForHost(text: string, host: string): string[] {
  return text
    .split(/\r?\n/)
    .filter(
      (l) =>
        !l.trim().startsWith('#') && l.split('#')[0]?.trim().split(/\s+/).slice(1).includes(host),
    );
}

const ACTIONS = ['show', 'add', 'remove'] as const;

const output = onFirstUse(() =>
  z.object({
    action: z.enum(ACTIONS).describe('what was asked'),
    line: z.string().describe('the hosts line, "<ip> <host>"'),
    file: z.string().describe('the hosts file'),
    present: z.boolean().describe('whether the file maps the host afterwards'),
    changed: z.boolean().describe('whether the file was changed'),
    instructions: z
      .object({
        add: z.string().describe('command that adds the line by hand on this OS'),
        remove: z.string().describe('command that removes it by hand on this OS'),
      })
      .describe('manual commands, for when todo-ops may not write the file'),
  }),
);

/** What `hosts_entry` returns. */
export type HostsData = z.infer<ReturnType<typeof output>>;

const input = z.object({
  action: z
    .enum(ACTIONS)
    .describe(
      'show: print the line and how to add it; add/remove: change the hosts file (needs write access, confirmed first).',
    ),
});

async function address(ctx: OpsContext): Promise<{ line: string }> {
  try {
    return { line: (await appAddress(ctx)).hostsLine };
  } catch {
    return { line: `127.0.0.1 ${ctx.deps.config.host}` };
  }
}

/** Shows or edits the hosts entry. */
export const hostsEntryTool: OpsTool<typeof input, HostsData> = {
  name: 'hosts_entry',
  title: 'Hosts file entry',
  description:
    'The hosts-file line that maps todo.local to the cluster (Minikube IP), with the commands to add or remove it on Linux, macOS and Windows. action "show" only reads; "add"/"remove" change the hosts file and need write access to it.',
  input,
  get output() {
    return output();
  },
  effect: 'write',
  effectOf: (args) => (args.action === 'show' ? 'read' : 'write'),
  idempotent: true,
  openWorld: true,
  positionals: ['action'],
  plan: (args, deps) => {
    const file = hostsFilePath(deps.platform, deps.env);
    return args.action === 'add'
      ? `add the line "<cluster IP> ${deps.config.host} ${MARKER}" to ${file}`
      : args.action === 'remove'
        ? `remove the lines mapping ${deps.config.host} from ${file}`
        : `show the ${deps.config.host} line of ${file}`;
  },
  view: (data) => [
    { kind: 'text', text: `add:    ${data.instructions.add}\nremove: ${data.instructions.remove}` },
  ],
  run: (args, ctx) =>
    guard(
      ctx,
      async () => {
        const { host } = ctx.deps.config;
        const { line } = await address(ctx);
        const file = hostsFilePath(ctx.deps.platform, ctx.deps.env);
        const instructions = hostsInstructions(ctx.deps.platform, line, host);
        let text = '';
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          // unreadable: treated as absent; add/remove report the write error below
        }
        const existing = linesForHost(text, host);
        const data = (present: boolean, changed: boolean): HostsData => ({
          action: args.action,
          line,
          file,
          present,
          changed,
          instructions,
        });
        if (args.action === 'show')
          return ok(
            existing.length
              ? `${file} maps ${host}: ${existing.join(' | ')}${existing.some((l) => l.includes(line)) ? '' : ` (expected ${line})`}`
              : `${host} is not in ${file}; add: ${instructions.add}`,
            data(existing.length > 0, false),
          );
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const kept = text.split(/\r?\n/).filter((l) => !existing.includes(l));
        if (args.action === 'add' && existing.length === 1 && existing[0]?.trim().startsWith(line))
          return ok(`${file} already has ${line}`, data(true, false));
        if (args.action === 'remove' && existing.length === 0)
          return ok(`${host} is not in ${file}: nothing to remove`, data(false, false));
        const next =
          args.action === 'add'
            ? [
                ...kept.filter((l, i) => l !== '' || i < kept.length - 1),
                `${line} ${MARKER}`,
                '',
              ].join(eol)
            : kept.join(eol);
        try {
          writeFileSync(file, next);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          return fail(
            code === 'EACCES' || code === 'EPERM' ? 'forbidden' : 'failed',
            `cannot write ${file} (${code ?? 'error'})`,
            `run it with the needed rights: ${args.action === 'add' ? instructions.add : instructions.remove}`,
            data(existing.length > 0, false),
          );
        }
        return ok(
          args.action === 'add' ? `added "${line}" to ${file}` : `removed ${host} from ${file}`,
          data(args.action === 'add', true),
        );
      },
      { cluster: false },
    ),
};
