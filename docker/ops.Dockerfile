# todo-ops itself (the root package), built from the repository root:
#   docker build -f docker/ops.Dockerfile -t todo-ops .
# The ignore file is docker/ops.Dockerfile.dockerignore (BuildKit and buildah >= 1.28).
# Default command: the MCP server over HTTP on 0.0.0.0:7070. Beyond loopback it requires a
# bearer token: pass TODO_OPS_MCP_TOKEN at run time (never baked into the image).
#
# NODE_IMAGE: any Node 24 image with a non-root `node` user (uid 1000). Nothing here calls a
# distribution's package manager, so the same file builds on alpine, Debian or a stand-in.
# Behind a TLS-intercepting proxy, hand npm its CA as a build secret (never stored in a
# layer): --secret id=extra_ca,src=/path/to/ca-bundle.crt
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=extra_ca \
    if [ -f /run/secrets/extra_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra_ca; fi \
 && npm ci --workspaces=false --include-workspace-root --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY scripts/build-cli.mjs scripts/
COPY src/ src/
COPY tools/ tools/
# The CLI only, as one bundle with its dependencies inside (dist/cli): the app workspaces
# are not part of this image, and neither is node_modules.
RUN npm run build:cli

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo/package.json ./
COPY bin/ ./bin/
COPY --from=build /repo/dist/cli ./dist/cli
# The chart's files. No helm in the image: in the cluster todo-ops reads the release from
# Helm's records through the API and scales and restarts through it (charts/todo-app/README.md).
COPY charts/ ./charts/
# The system prompt and MCP prompt templates, read from the package root at run time.
COPY prompts/ ./prompts/
USER node
EXPOSE 7070
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7070/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The entrypoint is the CLI, so `args` in Kubernetes (or a podman command) pick the subcommand.
ENTRYPOINT ["node", "bin/todo-ops.js"]
CMD ["mcp", "--http", "0.0.0.0:7070"]
