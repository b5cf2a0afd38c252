import { resolveBackendUrl } from './backend-url';

/** Ends the process with a one-line reason when BACKEND_URL is missing or invalid. */
export function exitOnBadConfiguration(): void {
  const backend = resolveBackendUrl();
  if (!backend.ok) {
    console.error(`Error: ${backend.message}`);
    process.exit(78); // EX_CONFIG
  }
}
