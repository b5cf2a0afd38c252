# The todo UI (app/frontend, Next.js standalone output), built from the repository root:
#   docker build -f docker/frontend.Dockerfile -t todo-frontend .
# The ignore file is docker/frontend.Dockerfile.dockerignore (BuildKit and buildah >= 1.28).
# At run time the server forwards /api to BACKEND_URL (e.g. http://backend:8000).
#
# NODE_IMAGE: any Node 24 image with a non-root `node` user (uid 1000). Nothing here calls a
# distribution's package manager, so the same file builds on alpine, Debian or a stand-in.
# Behind a TLS-intercepting proxy, hand npm its CA as a build secret (never stored in a
# layer): --secret id=extra_ca,src=/path/to/ca-bundle.crt
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS deps
WORKDIR /repo
COPY package.json package-lock.json ./
COPY app/frontend/package.json app/frontend/
RUN --mount=type=secret,id=extra_ca \
    if [ -f /run/secrets/extra_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/extra_ca; fi \
 && npm ci --workspace app/frontend --include-workspace-root --ignore-scripts --no-audit --no-fund

# `next build` writes .next/standalone: server.js plus only the traced node_modules.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY tsconfig.base.json ./
COPY app/frontend/ app/frontend/
RUN npm run build --workspace app/frontend

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /repo/app/frontend/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "app/frontend/server.js"]
