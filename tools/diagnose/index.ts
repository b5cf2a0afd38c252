/**
 * The diagnose engine: runs every analyzer over one snapshot of the release and orders
 * the findings by severity. A healthy release gives none.
 */
import type { ReleaseState } from '../cluster-state.js';
import { analyzeConfigError } from './config-error.js';
import { analyzeCrashLoop } from './crash-loop.js';
import { analyzeDatabase } from './database.js';
import { analyzeHelmRelease } from './helm-release.js';
import { analyzeImagePull } from './image-pull.js';
import { analyzeIngressAddress } from './ingress-address.js';
import { analyzeOomKilled } from './oom-killed.js';
import { analyzePending } from './pending.js';
import { analyzeProgressDeadline } from './progress-deadline.js';
import { analyzeReadiness } from './readiness.js';
import { analyzeServiceEndpoints } from './service-endpoints.js';
import { type Analyzer, type Finding, SEVERITY_RANK } from './types.js';

export type { Analyzer, FailureClass, Finding, Severity } from './types.js';

/** Every analyzer, one per failure class. */
export const ANALYZERS: Record<string, Analyzer> = {
  helmRelease: analyzeHelmRelease,
  crashLoop: analyzeCrashLoop,
  imagePull: analyzeImagePull,
  configError: analyzeConfigError,
  oomKilled: analyzeOomKilled,
  pending: analyzePending,
  database: analyzeDatabase,
  readiness: analyzeReadiness,
  progressDeadline: analyzeProgressDeadline,
  serviceEndpoints: analyzeServiceEndpoints,
  ingressAddress: analyzeIngressAddress,
};

/** Runs all analyzers; findings ordered by severity, then by resource. */
export function analyze(state: ReleaseState, now = new Date(), component?: string): Finding[] {
  const findings = Object.values(ANALYZERS).flatMap((analyzer) => analyzer(state, now));
  return findings
    .filter(
      (f) =>
        !component ||
        f.component === component ||
        (!f.component && f.class === 'HelmReleaseFailed'),
    )
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.resource.localeCompare(b.resource),
    );
}
