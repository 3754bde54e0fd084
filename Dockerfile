# syntax=docker/dockerfile:1
# Build stage: the tools better-sqlite3 needs when no prebuilt binary fits; TypeScript compiled to dist/, then the
# development dependencies dropped.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run stage: no compilers and no TypeScript; the bot, the hilo command and the shards run the compiled dist/.
FROM node:20-bookworm-slim
# Live by default: with no token the bot polls and prints to the log instead of exiting when stdin is empty.
# The health server listens on every interface so a Prometheus container can scrape it; nothing is published
# to the host unless compose or `docker run -p` asks. The databases keep their defaults under /app/data (the volume):
# data/hilo.db live, data/demo.db for the console demo, so the demo's fiction never lands in the live file.
ENV NODE_ENV=production \
    HILO_LIVE=1 \
    HILO_HEALTH_HOST=0.0.0.0 \
    HILO_HEALTH_PORT=9464
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY content ./content
# The code stays root-owned and read-only to the bot; only the database folder is its own.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 9464
# A plain script, not TypeScript: it runs every 30 s and should not start a compiler each time.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "bin/healthcheck.js"]
# Exec form, so node is PID 1 and receives SIGTERM itself: main.js stops the adapters and closes the database
# within 8 s, inside docker stop's 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/main.js"]
