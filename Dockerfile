# syntax=docker/dockerfile:1
# Multi-stage: compile TypeScript and better-sqlite3's native addon with the build tools, then ship
# the compiled app with production dependencies only (no compiler in the runtime image).

# Node 22 LTS (maintained until April 2027): Node 20 left maintenance in April 2026.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled from the source the lockfile pins (node-gyp: python3, make, g++),
# against the headers of this image's Node, so nothing is downloaded besides npm packages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_build_from_source=true npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
# Install scripts are run by hand: the project's own (prepare builds dist/) needs the sources copied
# below, and better-sqlite3's is the only dependency one the image needs.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund
# Validate the bank once, here: the result is cached under node_modules/.cache/backprop (keyed by
# the files' hashes), which the runtime stage copies, so the container starts without parsing YAML.
COPY data ./data
RUN node dist/scripts/bank-cache.js

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies, with better-sqlite3 already built for this same base image.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# dist/ already holds the Lua scripts and SQL migrations beside the compiled store (npm run build).
COPY data ./data
# The fonts pictures are drawn with (resvg reads no system fonts): assets/fonts, beside package.json.
COPY assets ./assets
# The embedded store (SQLite) writes here; mount a volume to keep it, or set REDIS_URL.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
ENV DATA_DIR=/app/.data PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
