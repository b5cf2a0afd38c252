/** Starts the Ink chat on the process terminal; resolves when the person leaves. */
import { render } from 'ink';
import { App, type CreateAgent } from './App.js';
import { themeFor } from './hooks/useTheme.js';

/** What the chat command passes in. */
export interface StartChatOptions {
  createAgent: CreateAgent;
  version: string;
  info?: string;
  env?: Record<string, string | undefined>;
}

/** Renders the chat; Ctrl+C is handled by the app (cancel, then exit), not by Ink. */
export async function startChat(options: StartChatOptions): Promise<void> {
  const instance = render(
    <App
      createAgent={options.createAgent}
      version={options.version}
      theme={themeFor(options.env ?? process.env)}
      {...(options.info ? { info: options.info } : {})}
    />,
    // The chat only starts on a terminal (the CLI checks), so it stays interactive even
    // where CI=true would make Ink fall back to printing the last frame at exit.
    { exitOnCtrlC: false, interactive: true },
  );
  await instance.waitUntilExit();
}
