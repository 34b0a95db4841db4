# Les Connectés booking assistant — production image.
#   docker build -t les-connectes-bot .
#   docker compose up        (the bot and a durable Redis, see compose.yaml)
# Stage 1 compiles TypeScript; stage 2 installs only the runtime dependencies and runs as an
# unprivileged user. Configuration comes only from environment variables (.env.example).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY dialogs ./dialogs
COPY scripts ./scripts
COPY locales ./locales
COPY data ./data
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# Only the runtime dependencies (botbuilder-dialogs and its recognisers are for the tests only).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY locales ./locales
COPY data ./data
COPY public ./public
# The image's files belong to root and are read-only for the app; it runs as `node` (uid 1000).
USER node
EXPOSE 3978
# /healthz answers 200 when Redis answers (503 otherwise): the orchestrator restarts a stuck process.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM finishes the turns in flight (src/index.ts), so `docker stop` loses no booking.
# Same node flags as `npm start` (test/unit/node-flags.test.ts): see docs/decisions/heap-limit.md.
CMD ["node", "--max-old-space-size=384", "dist/src/index.js"]
