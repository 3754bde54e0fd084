# syntax=docker/dockerfile:1
# Build stage: compile the native SQLite binding with the tools it needs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Run stage: production dependencies, the sources and the story, as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HILO_DB_PATH=/app/data/hilo.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY bin ./bin
COPY content ./content
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
CMD ["node", "--import", "tsx", "src/main.ts"]
