/** The in-cluster todo-ops server and the kagent objects that point kagent at it. */
import { describe, expect, it } from 'vitest';
import { describeWithEnv } from '../support/env.js';
import { find, type K8sObject, type Manifest, render } from './helm-chart.js';
import { crdSchema, kagentCrdsMissing, schemaProblems } from './kagent-crds.js';
import { documentedPermissions, rolePermissions } from './ops-permissions.js';

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

  it('runs without helm in its namespace and release, reaching the backend directly', () => {
    const env = Object.fromEntries(
      (pod.containers[0].env as Manifest[]).map((e) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env.TODO_OPS_IN_CLUSTER).toBe('1');
    expect(env.TODO_OPS_VERIFY_URL).toBe('http://todo-app-backend:8000');
    expect(env.TODO_OPS_RELEASE).toBe('todo-app');
    expect(env.TODO_OPS_NAMESPACE).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
    // The only secret in its environment is its own MCP bearer token, read by the kubelet.
    expect(env.TODO_OPS_MCP_TOKEN).toEqual({
      secretKeyRef: { name: 'todo-app-secrets', key: 'TODO_OPS_MCP_TOKEN' },
    });
    expect(JSON.stringify(pod).match(/secretKeyRef/g)).toHaveLength(1);
  });

  it("runs `todo-ops mcp` over HTTP with the offered tools, taking its client's approval", () => {
    expect(pod.containers[0].args).toEqual([
      'mcp',
      '--http',
      '0.0.0.0:7070',
      '--tools',
      'status,logs,events,diagnose,history,verify,guide,scale,restart',
      '--client-confirms-writes',
    ]);
    const readOnly = render(
      { ...opsValues, 'ops.readOnly': true },
      { extra: ['--namespace', 'todo'] },
    );
    const args = find(readOnly, 'Deployment', 'todo-app-ops').spec.template.spec.containers[0].args;
    expect(args).toEqual([
      'mcp',
      '--http',
      '0.0.0.0:7070',
      '--tools',
      'status,logs,events,diagnose,history,guide',
      '--read-only',
    ]);
    const refusing = render({ ...opsValues, 'ops.clientConfirmsWrites': false });
    expect(
      find(refusing, 'Deployment', 'todo-app-ops').spec.template.spec.containers[0].args,
    ).not.toContain('--client-confirms-writes');
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

  it('holds exactly the documented permissions, and only the changes its tools make', () => {
    expect(rolePermissions(role)).toEqual(documentedPermissions());
    // Changes are limited by name to the app's own workloads: never the ops Deployment.
    const patches = (role.rules as Manifest[]).filter((r) => r.verbs.includes('patch'));
    for (const rule of patches)
      expect(rule.resourceNames, rule.resources.join()).not.toContain('todo-app-ops');
    expect(patches.flatMap((r) => r.resourceNames).sort()).toEqual([
      'todo-app-backend',
      'todo-app-backend',
      'todo-app-frontend',
      'todo-app-frontend',
      'todo-app-postgresql',
    ]);
  });

  it('drops every change with ops.readOnly, and grants per tool', () => {
    const ro = find(
      render({ ...opsValues, 'ops.readOnly': true }),
      'Role',
      'todo-app-ops',
    ) as Manifest;
    const verbs = new Set((ro.rules as Manifest[]).flatMap((r) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list']);
    const logsOnly = find(
      render(
        { ...opsValues, 'ops.kagent.enabled': false },
        { extra: ['--set', 'ops.tools={logs}'] },
      ),
      'Role',
      'todo-app-ops',
    ) as Manifest;
    expect(rolePermissions(logsOnly)).toEqual([
      'deployments.apps |  | list',
      'pods |  | list',
      'pods/log |  | get',
      'secrets | todo-app-secrets | get',
      'statefulsets.apps |  | list',
    ]);
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
    expect(tools[0].mcpServer.requireApproval).toEqual(['scale', 'restart', 'verify']);
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
