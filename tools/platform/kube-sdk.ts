/**
 * The parts of @kubernetes/client-node the Kubernetes adapter (kube.ts) uses at run time.
 * The CLI bundle builds this file on its own, so the client loads only when a tool first
 * talks to the cluster; kube.ts is typed against it, so a name missing here fails `tsc`.
 */
export {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  PortForward,
  StorageV1Api,
  setHeaderOptions,
  VersionApi,
} from '@kubernetes/client-node';
