/**
 * The tools a bench measures: the real registry when it is there, else the recording test
 * tools (figures then describe the harness, not the product; the output says which).
 */

import { newToolLog, testTools } from '../../test/support/test-tools.js';
import type { Tool } from '../../tools/contract.js';

/** Tools and where they came from. */
export async function benchTools(): Promise<{ tools: Tool[]; source: string }> {
  // A variable path: the registry lands on another branch, and this must compile without it.
  const registryPath = '../../tools/registry.js';
  try {
    const registry = (await import(registryPath)) as { allTools?: () => Tool[] };
    if (registry.allTools) return { tools: registry.allTools(), source: 'tools/registry.ts' };
  } catch {
    // fall through to the test tools
  }
  return { tools: testTools(newToolLog()), source: 'test tools (tools/registry.ts not present)' };
}
