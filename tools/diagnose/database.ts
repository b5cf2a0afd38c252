/** Database unreachable: the backend's logs say it cannot reach PostgreSQL. */
import { componentOf, workloadProgress } from '../common.js';
import type { Analyzer, Finding } from './types.js';
import { lastLines } from './util.js';

const DB_FAILURE =
  /ECONNREFUSED[^\n]*:5432|ENOTFOUND[^\n]*(postgres|db)|password authentication failed|database "[^"]+" does not exist|Connection terminated unexpectedly|connect ETIMEDOUT[^\n]*5432|"database"\s*:\s*"disconnected"|database (is )?unreachable|could not connect to (the )?database/i;

export const analyzeDatabase: Analyzer = (state) => {
  const evidence: string[] = [];
  const pods: string[] = [];
  for (const pod of state.pods) {
    if (componentOf(pod) !== 'backend') continue;
    const name = pod.metadata?.name ?? '';
    const hits = lastLines(state.logs[name], 200).filter((l) => DB_FAILURE.test(l));
    if (hits.length === 0) continue;
    pods.push(name);
    evidence.push(`pod/${name} log: ${hits.at(-1)}`);
  }
  if (pods.length === 0) return [];
  const db = state.statefulSets.find((s) => componentOf(s) === 'postgresql');
  if (db) {
    const p = workloadProgress(db);
    evidence.push(`statefulset/${db.metadata?.name}: ${p.ready}/${p.desired} ready`);
  } else {
    evidence.push('no in-cluster postgresql StatefulSet in the release (external DATABASE_URL?)');
  }
  const auth = evidence.some((e) => /password authentication failed/i.test(e));
  const finding: Finding = {
    class: 'DatabaseUnreachable',
    severity: 'critical',
    resource: `pod/${pods[0]}`,
    component: 'backend',
    title: auth ? 'the backend cannot log in to PostgreSQL' : 'the backend cannot reach PostgreSQL',
    evidence: evidence.slice(0, 5),
    fix: auth
      ? 'the password in DATABASE_URL does not match postgresql.auth.password: redeploy with matching secrets (todo-ops deploy)'
      : db
        ? 'check the postgresql pod (todo-ops logs postgresql, todo-ops diagnose postgresql); the backend reconnects on its own once it is up'
        : 'check DATABASE_URL (host, port, sslmode) and that the external database accepts connections from the cluster',
  };
  return [finding];
};
