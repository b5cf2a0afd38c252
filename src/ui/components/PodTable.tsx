import { Box, Text } from 'ink';

/** A pod row as tools report it (fields beyond these are ignored). */
export interface PodRow {
  name?: unknown;
  ready?: unknown;
  status?: unknown;
  phase?: unknown;
  restarts?: unknown;
  age?: unknown;
}

const COLUMNS: Array<[string, (pod: PodRow) => unknown]> = [
  ['POD', (pod) => pod.name],
  ['READY', (pod) => pod.ready],
  ['STATUS', (pod) => pod.status ?? pod.phase],
  ['RESTARTS', (pod) => pod.restarts],
  ['AGE', (pod) => pod.age],
];

/** Finds a list of pods in a tool result's data, if it has one. */
export function podsIn(data: unknown): PodRow[] | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const pods = (data as { pods?: unknown }).pods;
  return Array.isArray(pods) && pods.every((pod) => pod && typeof pod === 'object' && 'name' in pod)
    ? (pods as PodRow[])
    : undefined;
}

/** Pods as an aligned table, like `kubectl get pods`. */
export function PodTable({ pods }: { pods: PodRow[] }) {
  const cells = pods.map((pod) => COLUMNS.map(([, get]) => String(get(pod) ?? '')));
  const widths = COLUMNS.map(([title], i) =>
    Math.max(title.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    <Box flexDirection="column">
      <Text bold>{line(COLUMNS.map(([title]) => title))}</Text>
      {cells.map((row, i) => (
        // Pod names are unique within a result.
        <Text key={row[0] ?? i}>{line(row)}</Text>
      ))}
    </Box>
  );
}
