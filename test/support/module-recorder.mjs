// Used as `node --import test/support/module-recorder.mjs ...`: appends the URL of every
// module file the process loads (import or require) to $TODO_OPS_LOADED_MODULES_FILE, one a
// line, as it happens, so a process that is killed still leaves its list.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.TODO_OPS_LOADED_MODULES_FILE;
if (file) {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) appendFileSync(file, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
