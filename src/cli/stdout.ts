/**
 * Standard output written straight to its file descriptor. `process.stdout` is a stream that
 * Node opens on first use, loading its stream modules: several milliseconds of a command
 * that prints one answer and exits. What the descriptor does not take at once (a full
 * non-blocking pipe: EAGAIN; a closed one: EPIPE) goes to `process.stdout`, which handles
 * it as it always did, and so does everything written after it, in order. On Windows the
 * stream writes a console as text (the descriptor would take bytes in the console's code
 * page): everything goes through it there.
 */
import { writeSync } from 'node:fs';

let stream: NodeJS.WriteStream | undefined;

/** Writes text to standard output (see above). */
export function writeStdout(text: string): void {
  if (stream || process.platform === 'win32') {
    stream ??= process.stdout;
    stream.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) {
      const written = writeSync(1, bytes, done);
      if (written <= 0) break;
      done += written;
    }
    if (done === bytes.length) return;
  } catch {
    // Left to the stream, below.
  }
  stream = process.stdout;
  stream.write(bytes.subarray(done));
}
