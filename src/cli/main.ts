#!/usr/bin/env node
/** Process entry of the `todo-ops` binary. */
import { buildProgram } from './index.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`todo-ops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
