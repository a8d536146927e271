# API and worker image (one image, two commands). Not exercised by CI: no Docker engine there.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/
# Scripts off: the root's postinstall builds the web app, whose sources are copied next.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm run web:build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY web/package.json web/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts
# The worker bundles the compiled workflow code (dist/src/workflows) at start.
COPY --from=build /app/dist ./dist
# The API serves the built web app at / (WEB_DIST_DIR).
COPY --from=build /app/web/dist ./web/dist
EXPOSE 3000
CMD ["node", "dist/src/api/main.js"]
