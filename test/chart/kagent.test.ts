/** The in-cluster todo-ops server and the kagent objects that point kagent at it. */
import { describe, expect, it } from 'vitest';
import { describeWithEnv } from '../support/env.js';
import { find, type K8sObject, type Manifest, render } from './helm-chart.js';
import { crdSchema, kagentCrdsMissing, schemaProblems } from './kagent-crds.js';

const opsValues = {
  'secrets.existingSecret': 'todo-app-secrets',
  'ops.enabled': true,
  'ops.kagent.enabled': true,
};
const objects = render(opsValues, { extra: ['--namespace', 'todo'] });
const kagentKinds = ['ModelConfig', 'RemoteMCPServer', 'Agent'];

describe('in-cluster todo-ops server', () => {
  const deployment = find(objects, 'Deployment', 'todo-app-ops');
  const pod = deployment.spec.template.spec;
  const role = find(objects, 'Role', 'todo-app-ops') as Manifest;

  it('serves MCP on 7070 through a Service and runs as its own ServiceAccount', () => {
    const svc = find(objects, 'Service', 'todo-app-ops');
    expect(svc.spec.ports[0].port).toBe(7070);
    expect(pod.serviceAccountName).toBe('todo-app-ops');
    expect(pod.automountServiceAccountToken).toBe(true);
    const binding = find(objects, 'RoleBinding', 'todo-app-ops') as Manifest;
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'todo-app-ops',
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'todo-app-ops', namespace: 'todo' },
    ]);
  });

  it('keeps Helm release records in ConfigMaps and is scoped to its namespace and release', () => {
    const env = Object.fromEntries(
      (pod.containers[0].env as Manifest[]).map((e) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env.HELM_DRIVER).toBe('configmap');
    expect(env.TODO_OPS_RELEASE).toBe('todo-app');
    expect(env.TODO_OPS_NAMESPACE).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
    // The only secret it gets is its own MCP bearer token, read by the kubelet; the
    // Role grants no access to Secrets.
    expect(env.TODO_OPS_MCP_TOKEN).toEqual({
      secretKeyRef: { name: 'todo-app-secrets', key: 'TODO_OPS_MCP_TOKEN' },
    });
    expect(JSON.stringify(pod).match(/secretKeyRef/g)).toHaveLength(1);
  });

  it('runs `todo-ops mcp` over HTTP on all interfaces at the Service port', () => {
    expect(pod.containers[0].args).toEqual(['mcp', '--http', '0.0.0.0:7070']);
    const readOnly = render(
      { ...opsValues, 'ops.readOnly': true },
      { extra: ['--namespace', 'todo'] },
    );
    const args = find(readOnly, 'Deployment', 'todo-app-ops').spec.template.spec.containers[0].args;
    expect(args).toEqual(['mcp', '--http', '0.0.0.0:7070', '--read-only']);
  });

  it("kagent's RemoteMCPServer sends the server's bearer token from the same Secret key", () => {
    const remote = find(objects, 'RemoteMCPServer', 'todo-app-ops') as Manifest;
    expect(remote.spec.url).toBe('http://todo-app-ops.todo.svc.cluster.local:7070/mcp');
    expect(remote.spec.headersFrom).toEqual([
      {
        name: 'Authorization',
        valueFrom: { type: 'Secret', name: 'todo-app-secrets', key: 'TODO_OPS_MCP_TOKEN' },
      },
    ]);
  });

  it('may read what the tools read, scale and restart Deployments, and nothing in Secrets', () => {
    const can = (group: string, resource: string, verb: string) =>
      (role.rules as Manifest[]).some(
        (r) =>
          r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb),
      );
    for (const resource of [
      'pods',
      'pods/log',
      'services',
      'endpoints',
      'events',
      'configmaps',
      'persistentvolumeclaims',
    ]) {
      expect(can('', resource, 'list'), resource).toBe(true);
    }
    for (const resource of ['deployments', 'replicasets', 'statefulsets'])
      expect(can('apps', resource, 'get'), resource).toBe(true);
    expect(can('networking.k8s.io', 'ingresses', 'list')).toBe(true);
    expect(can('apps', 'deployments/scale', 'patch')).toBe(true);
    expect(can('apps', 'deployments', 'patch')).toBe(true);
    expect(can('', 'configmaps', 'create')).toBe(true);
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) {
      expect(can('', 'secrets', verb), verb).toBe(false);
    }
    expect(can('', 'pods', 'delete')).toBe(false);
    expect(can('apps', 'statefulsets', 'delete')).toBe(false);
  });

  it('drops every write permission with ops.readOnly', () => {
    const ro = find(
      render({ ...opsValues, 'ops.readOnly': true }),
      'Role',
      'todo-app-ops',
    ) as Manifest;
    const verbs = new Set((ro.rules as Manifest[]).flatMap((r) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
    const args = find(render({ ...opsValues, 'ops.readOnly': true }), 'Deployment', 'todo-app-ops')
      .spec.template.spec.containers[0].args;
    expect(args).toContain('--read-only');
  });
});

describe('kagent objects', () => {
  const [model, server, agent] = kagentKinds.map(
    (kind) => objects.find((o) => o.kind === kind) as K8sObject,
  );

  it('are only rendered with ops.kagent.enabled', () => {
    const without = render({ ...opsValues, 'ops.kagent.enabled': false });
    expect(without.filter((o) => kagentKinds.includes(o.kind))).toEqual([]);
    for (const o of [model, server, agent]) expect(o?.apiVersion).toBe('kagent.dev/v1alpha2');
  });

  it('point the RemoteMCPServer at the ops Service over Streamable HTTP', () => {
    expect(server?.spec.protocol).toBe('STREAMABLE_HTTP');
    expect(server?.spec.url).toBe('http://todo-app-ops.todo.svc.cluster.local:7070/mcp');
  });

  it('give the model the OpenAI key by Secret reference, never by value', () => {
    expect(model?.spec).toMatchObject({
      provider: 'OpenAI',
      apiKeySecret: 'todo-app-secrets',
      apiKeySecretKey: 'OPENAI_API_KEY',
    });
  });

  it('wire the Agent to the ModelConfig and the RemoteMCPServer, with approval for changes', () => {
    const tools = agent?.spec.declarative.tools as Manifest[];
    expect(agent?.spec.declarative.modelConfig).toBe(model?.metadata.name);
    expect(tools).toHaveLength(1);
    expect(tools[0].type).toBe('McpServer');
    expect(tools[0].mcpServer).toMatchObject({
      apiGroup: 'kagent.dev',
      kind: 'RemoteMCPServer',
      name: server?.metadata.name,
    });
    expect(tools[0].mcpServer.toolNames).toContain('status');
    expect(tools[0].mcpServer.requireApproval).toEqual(['scale', 'restart']);
    for (const write of tools[0].mcpServer.requireApproval)
      expect(tools[0].mcpServer.toolNames).toContain(write);
  });
});

describeWithEnv('kagent objects against the real kagent CRDs', kagentCrdsMissing(), () => {
  it.each(kagentKinds)(
    '%s uses only fields the CRD defines, with required fields and valid enums',
    (kind) => {
      const obj = objects.find((o) => o.kind === kind) as K8sObject;
      const version = obj.apiVersion.split('/')[1] as string;
      expect(schemaProblems(obj, crdSchema(kind, version))).toEqual([]);
    },
  );

  it('catches a misspelt field (the check can fail)', () => {
    const agent = structuredClone(objects.find((o) => o.kind === 'Agent')) as Manifest;
    agent.spec.declarative.modelconfig = agent.spec.declarative.modelConfig;
    delete agent.spec.declarative.modelConfig;
    expect(schemaProblems(agent, crdSchema('Agent', 'v1alpha2'))).toContain(
      'spec.declarative: unknown field modelconfig',
    );
  });
});
