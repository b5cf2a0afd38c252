#!/usr/bin/env node
/** Process entry of the `todo-ops` binary. */
import { runCli } from './index.js';

process.exitCode = await runCli(process.argv);
