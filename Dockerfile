# API and worker image (one image, two commands). Not exercised by CI: no Docker engine there.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
# The worker bundles the compiled workflow code (dist/src/workflows) at start.
COPY --from=build /app/dist ./dist
EXPOSE 3000
CMD ["node", "dist/src/api/main.js"]
