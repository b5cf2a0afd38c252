/**
 * Runs external programs (helm, docker, minikube) as argv arrays through execa: never a
 * shell string. Outcomes are values; a missing binary or a timeout is not an exception.
 * execa loads with the first program run, not with every command of the CLI.
 */

/** How one external command ended. */
export interface ExecOutcome {
  command: string;
  args: string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** The program is not installed (ENOENT). */
  notFound: boolean;
  timedOut: boolean;
  cancelled: boolean;
}

/** Options for one run. */
export interface ExecOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  input?: string;
  /** Called with each output line as it arrives (progress on long work). */
  onLine?: (line: string) => void;
  /** Which streams feed `onLine` (default both); stdout that carries data (JSON) stays out. */
  lineStreams?: 'stderr' | 'both';
}

/** Runs `file` with `args`; never throws for a failing, missing or timed-out program. */
export type Runner = (file: string, args: string[], options?: ExecOptions) => Promise<ExecOutcome>;

/** The real runner. */
export const runCommand: Runner = async (file, args, options = {}) => {
  const { execa } = await import('execa');
  const subprocess = execa(file, args, {
    reject: false,
    all: false,
    stripFinalNewline: true,
    ...(options.env ? { env: options.env, extendEnv: true } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  if (options.onLine) {
    const onLine = options.onLine;
    let pending = '';
    const feed = (chunk: Buffer | string): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    };
    if (options.lineStreams !== 'stderr') subprocess.stdout?.on('data', feed);
    subprocess.stderr?.on('data', feed);
  }
  const result = await subprocess;
  const code = (result as { code?: string }).code;
  return {
    command: file,
    args,
    exitCode: result.exitCode,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    notFound: code === 'ENOENT',
    timedOut: Boolean(result.timedOut),
    cancelled: Boolean(result.isCanceled),
  };
};

/** True when the command ran and exited 0. */
export const succeeded = (outcome: ExecOutcome): boolean =>
  !outcome.notFound && !outcome.timedOut && outcome.exitCode === 0;

/** The last meaningful lines of a failed command's output, for an error message. */
export function failureText(outcome: ExecOutcome, maxLines = 6): string {
  if (outcome.notFound) return `${outcome.command} is not installed or not on PATH`;
  if (outcome.timedOut) return `${outcome.command} ${outcome.args[0] ?? ''} timed out`;
  if (outcome.cancelled) return `${outcome.command} ${outcome.args[0] ?? ''} was cancelled`;
  const text = (outcome.stderr.trim() || outcome.stdout.trim()).split('\n');
  return text.slice(-maxLines).join('\n') || `${outcome.command} exited with ${outcome.exitCode}`;
}
