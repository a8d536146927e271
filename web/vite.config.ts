import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run web:dev`: hot reload on :5173, the API (npm start, :3000) behind /api.
// `npm run web:build` (also run by npm install and npm start): web/dist, served by the API at /.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // The app imports the domain's pure lists from ../src/domain.
    fs: { allow: ['..'] },
    proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
