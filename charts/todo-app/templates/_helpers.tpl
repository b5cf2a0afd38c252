{{/*
The chart name, or nameOverride.
*/}}
{{- define "todo-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The resource-name prefix: fullnameOverride, or the release name (plus the chart name
when the release name does not contain it). Truncated to leave room for suffixes such
as -postgresql within the 63-character DNS label limit.
*/}}
{{- define "todo-app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
helm.sh/chart label value.
*/}}
{{- define "todo-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: name + instance. Each workload adds app.kubernetes.io/component so
backend, frontend, database and ops select only their own pods.
*/}}
{{- define "todo-app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Common labels on every object.
*/}}
{{- define "todo-app.labels" -}}
helm.sh/chart: {{ include "todo-app.chart" . }}
{{ include "todo-app.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-app
{{- end }}

{{/*
Labels of one component: (dict "ctx" $ "component" "backend").
*/}}
{{- define "todo-app.componentLabels" -}}
{{ include "todo-app.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Selector labels of one component: (dict "ctx" $ "component" "backend").
*/}}
{{- define "todo-app.componentSelectorLabels" -}}
{{ include "todo-app.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
An image reference: (dict "ctx" $ "image" .Values.backend.image). The tag defaults to
the chart's appVersion; `latest` is rejected by validateValues.
*/}}
{{- define "todo-app.image" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .ctx.Chart.AppVersion | toString) }}
{{- end }}

{{/*
Name of the Secret the pods read: existingSecret or the chart's own.
*/}}
{{- define "todo-app.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "todo-app.fullname" .) }}
{{- end }}

{{/*
ServiceAccount of the app pods.
*/}}
{{- define "todo-app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Host of the in-cluster PostgreSQL (its headless Service).
*/}}
{{- define "todo-app.postgresqlHost" -}}
{{- printf "%s-postgresql" (include "todo-app.fullname" .) }}
{{- end }}

{{/*
Backend URL the frontend forwards /api to outside the ingress (server side).
*/}}
{{- define "todo-app.backendUrl" -}}
{{- printf "http://%s-backend:%d" (include "todo-app.fullname" .) (int .Values.backend.port) }}
{{- end }}

{{/*
Security context of every container: non-root, read-only root filesystem, no
privilege escalation, all capabilities dropped, RuntimeDefault seccomp.
*/}}
{{- define "todo-app.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Pod security context for images running as the node user (uid/gid 1000).
*/}}
{{- define "todo-app.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
NetworkPolicy egress rule allowing DNS to any resolver (CoreDNS labels and node-local
DNS addresses differ between clusters).
*/}}
{{- define "todo-app.dnsEgress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/*
The tools the in-cluster todo-ops server offers, comma-separated: ops.tools, only the
read ones with ops.readOnly. Its Role (ops-rbac.yaml) grants what these need.
*/}}
{{- define "todo-app.opsTools" -}}
{{- $reads := list "status" "logs" "events" "diagnose" "history" "guide" }}
{{- $offered := list }}
{{- range $tool := .Values.ops.tools }}
{{- if or (not $.Values.ops.readOnly) (has $tool $reads) }}
{{- $offered = append $offered $tool }}
{{- end }}
{{- end }}
{{- join "," $offered }}
{{- end }}

{{/*
Cross-field rules the schema cannot express. Each failure says what to change.
*/}}
{{- define "todo-app.validateValues" -}}
{{- $errors := list }}
{{- range $component := list "backend" "frontend" "ops" "postgresql" }}
{{- $image := (index $.Values $component).image }}
{{- if eq (toString $image.tag) "latest" }}
{{- $errors = append $errors (printf "%s.image.tag is \"latest\": use a unique tag (the content-hash tag todo-ops build_images prints, or leave it empty for the chart's appVersion %s) so rollbacks return to the same image" $component $.Chart.AppVersion) }}
{{- end }}
{{- end }}
{{- range $component := list "backend" "frontend" }}
{{- $hpa := (index $.Values $component).autoscaling }}
{{- if and $hpa.enabled (gt (int $hpa.minReplicas) (int $hpa.maxReplicas)) }}
{{- $errors = append $errors (printf "%s.autoscaling.minReplicas (%d) is greater than maxReplicas (%d): lower minReplicas or raise maxReplicas" $component (int $hpa.minReplicas) (int $hpa.maxReplicas)) }}
{{- end }}
{{- end }}
{{- if and .Values.ingress.enabled (not (trim .Values.ingress.host)) }}
{{- $errors = append $errors "ingress.host is empty: set it (--set ingress.host=todo.local) or disable the Ingress with --set ingress.enabled=false" }}
{{- end }}
{{- if and .Values.ingress.enabled .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) }}
{{- $errors = append $errors "ingress.tls.enabled is true but ingress.tls.secretName is empty: name a kubernetes.io/tls Secret holding the certificate for ingress.host" }}
{{- end }}
{{- if and .Values.postgresql.enabled .Values.secrets.databaseUrl }}
{{- $errors = append $errors "secrets.databaseUrl is set while postgresql.enabled is true: for an external database add --set postgresql.enabled=false; for the in-cluster one drop secrets.databaseUrl (the chart derives it)" }}
{{- end }}
{{- if and .Values.ops.enabled (not .Values.secrets.existingSecret) }}
{{- $errors = append $errors "ops.enabled needs secrets.existingSecret: the in-cluster todo-ops server reads Helm release records from ConfigMaps (HELM_DRIVER=configmap), so the release values must not hold secrets. Create the Secret (kubectl create secret generic todo-app-secrets --from-literal=DATABASE_URL=... --from-literal=JWT_SECRET=... --from-literal=OPENAI_API_KEY=... --from-literal=TODO_OPS_MCP_TOKEN=\"Bearer $(openssl rand -hex 32)\" [--from-literal=POSTGRES_PASSWORD=...]) and pass --set secrets.existingSecret=todo-app-secrets" }}
{{- end }}
{{- if and .Values.ops.kagent.enabled (not .Values.ops.enabled) }}
{{- $errors = append $errors "ops.kagent.enabled needs ops.enabled: the kagent RemoteMCPServer points at the in-cluster todo-ops server; add --set ops.enabled=true" }}
{{- end }}
{{- range $tool := .Values.ops.kagent.requireApproval }}
{{- if not (has $tool $.Values.ops.kagent.toolNames) }}
{{- $errors = append $errors (printf "ops.kagent.requireApproval lists %q, which is not in ops.kagent.toolNames: add it there or remove it from requireApproval" $tool) }}
{{- end }}
{{- end }}
{{- if .Values.ops.kagent.enabled }}
{{- range $tool := .Values.ops.kagent.toolNames }}
{{- if not (has $tool $.Values.ops.tools) }}
{{- $errors = append $errors (printf "ops.kagent.toolNames lists %q, which the server does not offer: add it to ops.tools or remove it from toolNames" $tool) }}
{{- end }}
{{- if and $.Values.ops.clientConfirmsWrites (has $tool (list "scale" "restart" "verify")) (not (has $tool $.Values.ops.kagent.requireApproval)) }}
{{- $errors = append $errors (printf "ops.kagent.toolNames offers %q, which changes something, without approval: the server runs it on kagent's word (ops.clientConfirmsWrites), so add it to ops.kagent.requireApproval" $tool) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nInvalid values for the todo-app chart:\n  - %s\n" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}
