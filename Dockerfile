# syntax=docker/dockerfile:1
# The API (and, with WORKER=only, the worker) as a production image: built in one stage, run from a second that
# holds only the compiled output and production dependencies, as a non-root user. Not built on the machine this
# repository is developed on (it has no container engine): linted by the test suite, see the README.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY contract/package.json contract/
COPY openapi/package.json openapi/
COPY db/package.json db/
COPY server/package.json server/
COPY client-sdk/package.json client-sdk/
COPY admin/package.json admin/
COPY tests/package.json tests/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY --from=build /app/pnpm-lock.yaml /app/pnpm-workspace.yaml /app/package.json ./
COPY --from=build /app/contract/package.json contract/
COPY --from=build /app/openapi/package.json openapi/
COPY --from=build /app/db/package.json db/
COPY --from=build /app/server/package.json server/
COPY --from=build /app/client-sdk/package.json client-sdk/
COPY --from=build /app/admin/package.json admin/
COPY --from=build /app/tests/package.json tests/
RUN pnpm install --frozen-lockfile --prod --filter @nexus/server... && pnpm store prune
COPY --from=build /app/contract/dist contract/dist
COPY --from=build /app/openapi/dist openapi/dist
COPY --from=build /app/db/dist db/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/admin/dist admin/dist
# Media on local disk (MEDIA_DIR) is the only thing written: a volume in docker-compose.yml.
RUN mkdir -p /app/.data/media && chown -R node:node /app/.data
USER node
EXPOSE 3000
# Five tries at 10 s cover start-up (migrations included) without --start-period, which dockerfilelint predates.
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 receives SIGTERM itself (exec form, no shell in between): the server drains and exits 0.
CMD ["node", "server/dist/main.js"]
