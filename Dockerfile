# syntax=docker/dockerfile:1
# Joined Up: a production image (docs/deploy.md). Two stages: the first installs the runtime dependencies only
# (npm ci --omit=dev; tsx, which runs the TypeScript sources, is one of them), the second copies them beside the
# sources and runs as the unprivileged `node` user. Node 22 (LTS): Node 20 reached end of life in April 2026.
# Not built where this file was written (no container engine there): see "Container image" in docs/deploy.md.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/joined-up
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json package-lock.json tsconfig.json ./
COPY --chown=root:root migrations ./migrations
COPY --chown=root:root src ./src
# The app's files stay owned by root (read-only to the app); only DATA_DIR is the app's to write.
RUN mkdir -p /var/lib/joined-up && chown node:node /var/lib/joined-up
USER node
VOLUME ["/var/lib/joined-up"]
EXPOSE 3000
# Liveness only: readiness (/ready) is for the load balancer or orchestrator.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (no npm, no shell): docker stop's SIGTERM reaches the server, which closes cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
