# The todo API (app/backend), built from the repository root:
#   docker build -f docker/backend.Dockerfile -t todo-backend .
# The ignore file is docker/backend.Dockerfile.dockerignore (BuildKit and buildah >= 1.28).
#
# NODE_IMAGE: any Node 24 image with a non-root `node` user (uid 1000). Nothing here calls a
# distribution's package manager, so the same file builds on alpine, Debian or a stand-in.
# Behind a TLS-intercepting proxy, hand npm its CA as a build secret (never stored in a
# layer): --secret id=extra_ca,src=/path/to/ca-bundle.crt
ARG NODE_IMAGE=node:24-alpine

# Dependencies for the build: the backend's and the root's dev tools (TypeScript).
FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
COPY app/backend/package.json app/backend/
RUN --mount=type=secret,id=extra_ca \
    if [ -f /run/secrets/extra_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra_ca; fi \
 && npm ci --workspace app/backend --include-workspace-root --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY tsconfig.base.json ./
COPY app/backend/ app/backend/
RUN npm run build --workspace app/backend

# Production dependencies of the backend alone, without what Node never loads at run time
# (source maps, TypeScript sources and declarations, markdown).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /repo
COPY package.json package-lock.json ./
COPY app/backend/package.json app/backend/
RUN --mount=type=secret,id=extra_ca \
    if [ -f /run/secrets/extra_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra_ca; fi \
 && npm ci --workspace app/backend --include-workspace-root=false --omit=dev --ignore-scripts \
      --no-audit --no-fund \
 && mkdir -p app/backend/node_modules \
 && find node_modules app/backend/node_modules -type f \( -name '*.map' -o -name '*.ts' \
      -o -name '*.mts' -o -name '*.cts' -o -name '*.md' \) -delete

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    TODO_DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /repo/node_modules ./node_modules
# Versions that conflict with another workspace's are installed under the workspace.
COPY --from=prod-deps /repo/app/backend/node_modules ./app/backend/node_modules
COPY --from=build /repo/app/backend/package.json ./app/backend/
COPY --from=build /repo/app/backend/drizzle ./app/backend/drizzle
COPY --from=build /repo/app/backend/dist ./app/backend/dist
# Embedded PGlite (no DATABASE_URL) keeps its files here; mount a volume to keep them.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "app/backend/dist/server.js"]
