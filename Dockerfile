# CareScore: the API and the worker from one image (README, "Production").
#   docker build -t carescore .
#   docker run … carescore                          the API (PORT, default 3000)
#   docker run … carescore node dist/worker/main.js a worker
#   docker run … carescore node dist/api/migrate.js migrations (also seed.js, create-admin.js)
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: every dependency, then `npm run build` (server bundles, the one-file CLI, the console).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` with the committed lockfile (npm ci refuses lockfiles made without other platforms' optional binaries).
RUN npm install --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies and the build output only.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/console/dist ./apps/console/dist
COPY rule-templates ./rule-templates
COPY bin ./bin
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/main.js"]
