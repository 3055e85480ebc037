# The development token issuer, for local runs only (docker-compose.dev.yml).
# It signs whatever it is asked to, so it is not part of the production image
# (Dockerfile), and it refuses to start under NODE_ENV=production.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=development
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
CMD ["node", "--enable-source-maps", "dist/apps/dev-issuer/src/main.js"]
