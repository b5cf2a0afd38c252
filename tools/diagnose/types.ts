/** What an analyzer sees and says. */
import type { ReleaseState } from '../cluster-state.js';

/** How bad a finding is: critical (app down), error (a part broken), warning (degraded). */
export type Severity = 'critical' | 'error' | 'warning';

/** Failure classes, one analyzer file each. */
export type FailureClass =
  | 'CrashLoopBackOff'
  | 'ImagePull'
  | 'OOMKilled'
  | 'Pending'
  | 'ReadinessFailing'
  | 'CreateContainerConfigError'
  | 'ServiceWithoutEndpoints'
  | 'IngressWithoutAddress'
  | 'ProgressDeadlineExceeded'
  | 'DatabaseUnreachable'
  | 'HelmReleaseFailed';

/** One diagnosed problem: what, where, the evidence, and the fix. */
export interface Finding {
  class: FailureClass;
  severity: Severity;
  /** `pod/name`, `service/name`, `release/name`, ... */
  resource: string;
  component?: string;
  title: string;
  evidence: string[];
  fix: string;
}

/** A pure function over a release snapshot. */
export type Analyzer = (state: ReleaseState, now: Date) => Finding[];

/** Severity order for sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2 };
