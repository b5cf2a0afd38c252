/** Small helpers the analyzers share. */
import type { CoreV1Event, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { componentOf } from '../common.js';

/** Every container status of a pod (init containers first). */
export const containerStatuses = (pod: V1Pod): V1ContainerStatus[] => [
  ...(pod.status?.initContainerStatuses ?? []),
  ...(pod.status?.containerStatuses ?? []),
];

/** `pod/name`. */
export const podRef = (pod: V1Pod): string => `pod/${pod.metadata?.name ?? ''}`;

/** The component label, or undefined. */
export const podComponent = (pod: V1Pod): string | undefined => componentOf(pod);

/** Events about one object, newest first. */
export function eventsFor(events: CoreV1Event[], kind: string, name: string): CoreV1Event[] {
  return events
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name)
    .sort((a, b) => eventTime(b) - eventTime(a));
}

function eventTime(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/** The last non-empty lines of a log. */
export function lastLines(text: string | undefined, n: number): string[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-n);
}

/** Minutes between two instants, rounded, at least 1. */
export const minutesBetween = (from: Date | string | undefined, now: Date): number =>
  from ? Math.max(1, Math.round((now.getTime() - new Date(from).getTime()) / 60_000)) : 0;

/** The `--set` key prefix for a component's values in the chart. */
export const valuesKey = (component: string | undefined): string => component ?? '<component>';
