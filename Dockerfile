# syntax=docker/dockerfile:1
# Multi-stage: compile TypeScript with dev dependencies, then ship production dependencies only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Lua scripts are read at run time next to the compiled store.
COPY src/store/lua ./dist/src/store/lua
COPY data ./data
# The embedded store writes here; mount a volume to keep it, or set REDIS_URL.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
ENV DATA_DIR=/app/.data PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
