import path from 'node:path';
import type { NextConfig } from 'next';

// The npm workspace root: dependencies are hoisted there, so tracing and Turbopack must
// see it for the standalone output to be complete.
const workspaceRoot = path.resolve(import.meta.dirname, '../..');

/** One image runs anywhere: no backend address here; the server reads BACKEND_URL at run time. */
const nextConfig: NextConfig = {
  output: 'standalone',
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
  // No next/image here, so no image optimizer at run time (sharp is never loaded).
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
