/**
 * The Helm adapter: helm 4 through execa argv arrays. Every call is scoped to one
 * namespace (and kube context); failures are thrown as `HelmError` with a kind and hint.
 */
import type { ToolErrorKind } from '../contract.js';
import { redactText } from '../redact.js';
import { type ExecOutcome, failureText, type Runner, runCommand, succeeded } from './exec.js';

/** A failed helm call, classified. */
export class HelmError extends Error {
  constructor(
    readonly kind: ToolErrorKind,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'HelmError';
  }
}

/** One line of `helm history`. */
export interface HelmRevision {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  appVersion: string;
  description: string;
}

/** The parts of `helm status -o json` the tools use. */
export interface HelmReleaseStatus {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  description: string;
  lastDeployed?: string;
  chart?: string;
  appVersion?: string;
  notes?: string;
}

/** `helm upgrade` options. */
export interface UpgradeOptions {
  release: string;
  chart: string;
  install?: boolean;
  createNamespace?: boolean;
  reuseValues?: boolean;
  /** `--set key=value` pairs, applied in order. */
  set?: Record<string, string | number | boolean>;
  valuesFiles?: string[];
  /** Wait until resources are ready (`--wait=watcher`). */
  wait?: boolean;
  /** Roll back to the last good revision when the upgrade fails (helm 4's --atomic). */
  rollbackOnFailure?: boolean;
  /**
   * Take fields back from other server-side-apply managers: `--server-side=true
   * --force-conflicts` (Helm 4 refuses --force-conflicts on a release last applied
   * client-side, which `--server-side=auto` would keep).
   */
  forceConflicts?: boolean;
  timeoutSeconds: number;
}

/** What the tools need from Helm. */
export interface HelmClient {
  /** `helm version --short`, or undefined when helm is missing. */
  version(): Promise<string | undefined>;
  upgrade(options: UpgradeOptions, onLine?: (line: string) => void): Promise<HelmReleaseStatus>;
  rollback(release: string, revision: number | undefined, timeoutSeconds: number): Promise<void>;
  history(release: string): Promise<HelmRevision[]>;
  /** undefined when the release does not exist. */
  status(release: string): Promise<HelmReleaseStatus | undefined>;
  /** The release's values; with `all`, including chart defaults. */
  getValues(release: string, all?: boolean): Promise<Record<string, unknown>>;
  uninstall(release: string, timeoutSeconds: number): Promise<{ existed: boolean }>;
  /**
   * The manifests of the release (`helm get manifest`), of one revision when given;
   * undefined when there is no such release. Absent where helm cannot run (in the cluster).
   */
  manifest?(release: string, revision?: number): Promise<string | undefined>;
  /**
   * The manifests an upgrade with these options would apply, rendered and checked by the
   * API server without changing anything (`--dry-run=server`). Absent where helm cannot run.
   */
  renderUpgrade?(options: UpgradeOptions): Promise<string>;
}

/** Where helm runs and against what. */
export interface HelmTarget {
  namespace: string;
  kubeContext?: string;
  kubeconfig?: string;
  /** The helm binary (default `helm` on PATH). */
  bin?: string;
  runner?: Runner;
  env?: Record<string, string | undefined>;
  /**
   * Reads of the release without a helm process (its records through the Kubernetes API,
   * tools/platform/helm-records.ts): status, history, values and manifests ask these first
   * and run helm only when they fail (no rights to read the records, say).
   */
  reads?: ReleaseReads;
}

/** What a release's records answer without helm. */
export type ReleaseReads = Pick<HelmClient, 'status' | 'history' | 'getValues'> &
  Required<Pick<HelmClient, 'manifest'>>;

const SET_KEY = /^[A-Za-z0-9_.\-[\]]+$/;

/** Escapes a value for `--set` (helm splits on commas and treats backslashes specially). */
export function escapeSetValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

/** Builds `--set k=v` arguments; throws HelmError for keys helm would misread. */
export function setArgs(set: Record<string, string | number | boolean> = {}): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(set)) {
    if (!SET_KEY.test(key))
      throw new HelmError(
        'invalid_input',
        `invalid values key "${key}"`,
        'use dotted chart keys such as backend.replicas',
      );
    args.push('--set', `${key}=${escapeSetValue(String(value))}`);
  }
  return args;
}

/** Classifies helm's stderr into an error kind and hint. */
export function classifyHelmFailure(outcome: ExecOutcome, what: string): HelmError {
  if (outcome.notFound)
    return new HelmError(
      'missing_dependency',
      'helm is not installed or not on PATH',
      'install Helm 4 (https://helm.sh/docs/intro/install/) and retry; `todo-ops doctor` prints the command for your OS',
    );
  const text = redactText(failureText(outcome));
  const all = `${outcome.stderr}\n${outcome.stdout}`;
  if (
    outcome.timedOut ||
    /context deadline exceeded|timed out waiting|resource not ready/i.test(all)
  )
    return new HelmError(
      'timeout',
      `${what} timed out: ${text}`,
      'pods did not become ready in time: run `todo-ops diagnose` to see why',
    );
  if (/release: not found|has no deployed releases/i.test(all))
    return new HelmError(
      'not_found',
      `${what}: release not found`,
      'deploy it first: todo-ops deploy',
    );
  if (/cluster unreachable|connection refused|no such host|i\/o timeout/i.test(all))
    return new HelmError(
      'unreachable',
      `${what}: Kubernetes cluster unreachable: ${text}`,
      'is the cluster running? start it (todo-ops setup-cluster) or pick another --context',
    );
  if (/forbidden|unauthorized/i.test(all))
    return new HelmError(
      'forbidden',
      `${what}: forbidden: ${text}`,
      'the kube user lacks RBAC permission for this; use an account with access to the namespace',
    );
  if (/another operation \(install\/upgrade\/rollback\) is in progress/i.test(all))
    return new HelmError(
      'conflict',
      `${what}: another helm operation is in progress`,
      'wait for it to finish, or roll back the stuck release: todo-ops rollback',
    );
  if (/execution error|values don't meet the specifications|schema|parse error|required/i.test(all))
    return new HelmError(
      'invalid_input',
      `${what}: the chart rejected the values: ${text}`,
      'fix the value named in the message (see charts/todo-app/values.yaml) and retry',
    );
  return new HelmError('failed', `${what} failed: ${text}`, 'run `todo-ops diagnose` for details');
}

/** A release as helm prints it (`status -o json`) or stores it (its release records). */
export function parseStatus(raw: unknown): HelmReleaseStatus {
  const r = (raw ?? {}) as {
    name?: string;
    namespace?: string;
    version?: number;
    info?: { status?: string; description?: string; last_deployed?: string; notes?: string };
    chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  };
  const meta = r.chart?.metadata;
  return {
    name: r.name ?? '',
    namespace: r.namespace ?? '',
    revision: r.version ?? 0,
    status: r.info?.status ?? 'unknown',
    description: r.info?.description ?? '',
    ...(r.info?.last_deployed ? { lastDeployed: r.info.last_deployed } : {}),
    ...(meta?.name ? { chart: `${meta.name}-${meta.version ?? ''}` } : {}),
    ...(meta?.appVersion ? { appVersion: meta.appVersion } : {}),
    ...(r.info?.notes ? { notes: r.info.notes } : {}),
  };
}

/** Parses `helm status -o json`. */
export const parseHelmStatus = (json: string): HelmReleaseStatus => parseStatus(JSON.parse(json));

/** Parses `helm history -o json`. */
export function parseHelmHistory(json: string): HelmRevision[] {
  const rows = JSON.parse(json) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    revision: Number(row.revision),
    updated: String(row.updated ?? ''),
    status: String(row.status ?? ''),
    chart: String(row.chart ?? ''),
    appVersion: String(row.app_version ?? ''),
    description: String(row.description ?? ''),
  }));
}

/** The real helm client. */
export function createHelmClient(target: HelmTarget): HelmClient {
  const bin = target.bin ?? 'helm';
  const run = target.runner ?? runCommand;
  const scope = [
    '--namespace',
    target.namespace,
    ...(target.kubeContext ? ['--kube-context', target.kubeContext] : []),
    ...(target.kubeconfig ? ['--kubeconfig', target.kubeconfig] : []),
  ];
  const helm = (args: string[], timeoutMs = 60_000, onLine?: (line: string) => void) =>
    run(bin, [...args, ...scope], {
      timeoutMs,
      ...(target.env ? { env: target.env } : {}),
      // stdout is `-o json` output holding the release's values: never progress text.
      ...(onLine ? { onLine, lineStreams: 'stderr' as const } : {}),
    });

  /** The arguments of `helm upgrade` that say what to apply (not how to wait for it). */
  const upgradeArgs = (options: UpgradeOptions): string[] => [
    'upgrade',
    options.release,
    options.chart,
    ...(options.install ? ['--install'] : []),
    ...(options.createNamespace ? ['--create-namespace'] : []),
    ...(options.reuseValues ? ['--reuse-values'] : []),
    ...(options.valuesFiles ?? []).flatMap((file) => ['--values', file]),
    ...setArgs(options.set),
  ];

  /** The read through the records when it answers, else through helm. */
  const read = async <T>(
    fromRecords: (reads: ReleaseReads) => Promise<T>,
    fromHelm: () => Promise<T>,
  ): Promise<T> => {
    if (target.reads) {
      try {
        return await fromRecords(target.reads);
      } catch {
        // helm reads the same records with the same credentials; let it say what is wrong
      }
    }
    return fromHelm();
  };

  return {
    async version() {
      const out = await run(bin, ['version', '--short'], { timeoutMs: 15_000 });
      return succeeded(out) ? out.stdout.trim() : undefined;
    },
    async upgrade(options, onLine) {
      const args = [
        ...upgradeArgs(options),
        ...(options.wait ? ['--wait=watcher'] : []),
        ...(options.rollbackOnFailure ? ['--rollback-on-failure'] : []),
        ...(options.forceConflicts ? ['--server-side=true', '--force-conflicts'] : []),
        '--timeout',
        `${options.timeoutSeconds}s`,
        '--output',
        'json',
      ];
      const out = await helm(args, (options.timeoutSeconds + 60) * 1000, onLine);
      if (!succeeded(out)) throw classifyHelmFailure(out, `helm upgrade ${options.release}`);
      try {
        return parseStatus(JSON.parse(out.stdout));
      } catch {
        return {
          name: options.release,
          namespace: target.namespace,
          revision: 0,
          status: 'deployed',
          description: '',
        };
      }
    },
    async rollback(release, revision, timeoutSeconds) {
      const args = [
        'rollback',
        release,
        ...(revision !== undefined ? [String(revision)] : []),
        '--wait=watcher',
        '--timeout',
        `${timeoutSeconds}s`,
      ];
      const out = await helm(args, (timeoutSeconds + 60) * 1000);
      if (!succeeded(out)) throw classifyHelmFailure(out, `helm rollback ${release}`);
    },
    history: (release) =>
      read(
        (reads) => reads.history(release),
        async () => {
          const out = await helm(['history', release, '--max', '20', '--output', 'json']);
          if (!succeeded(out)) throw classifyHelmFailure(out, `helm history ${release}`);
          return parseHelmHistory(out.stdout);
        },
      ),
    status: (release) =>
      read(
        (reads) => reads.status(release),
        async () => {
          const out = await helm(['status', release, '--output', 'json']);
          if (!succeeded(out)) {
            const error = classifyHelmFailure(out, `helm status ${release}`);
            if (error.kind === 'not_found') return undefined;
            throw error;
          }
          return parseHelmStatus(out.stdout);
        },
      ),
    getValues: (release, all = false) =>
      read(
        (reads) => reads.getValues(release, all),
        async () => {
          const out = await helm([
            'get',
            'values',
            release,
            ...(all ? ['--all'] : []),
            '--output',
            'json',
          ]);
          if (!succeeded(out)) throw classifyHelmFailure(out, `helm get values ${release}`);
          const parsed = JSON.parse(out.stdout || '{}') as Record<string, unknown> | null;
          return parsed ?? {};
        },
      ),
    manifest: (release, revision) =>
      read(
        (reads) => reads.manifest(release, revision),
        async () => {
          const out = await helm([
            'get',
            'manifest',
            release,
            ...(revision !== undefined ? ['--revision', String(revision)] : []),
          ]);
          if (succeeded(out)) return out.stdout;
          const error = classifyHelmFailure(out, `helm get manifest ${release}`);
          if (error.kind === 'not_found') return undefined;
          throw error;
        },
      ),
    async renderUpgrade(options) {
      const args = [
        ...upgradeArgs(options),
        ...(options.forceConflicts ? ['--server-side=true', '--force-conflicts'] : []),
        '--dry-run=server',
        '--timeout',
        `${options.timeoutSeconds}s`,
        '--output',
        'json',
      ];
      const out = await helm(args, (options.timeoutSeconds + 60) * 1000);
      if (!succeeded(out))
        throw classifyHelmFailure(out, `helm upgrade ${options.release} --dry-run=server`);
      // The release as it would be; only its manifest is read (its config holds the values).
      const release = JSON.parse(out.stdout) as { manifest?: unknown };
      return typeof release.manifest === 'string' ? release.manifest : '';
    },
    async uninstall(release, timeoutSeconds) {
      const out = await helm(
        ['uninstall', release, '--wait=watcher', '--timeout', `${timeoutSeconds}s`],
        (timeoutSeconds + 60) * 1000,
      );
      if (succeeded(out)) return { existed: true };
      const error = classifyHelmFailure(out, `helm uninstall ${release}`);
      if (error.kind === 'not_found') return { existed: false };
      throw error;
    },
  };
}
