import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The dashboard is served by the API at /admin; in development Vite serves it and forwards the API to a local server.
const api = process.env.NEXUS_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources, as everywhere else in the repo: no SDK build first.
  resolve: { conditions: ['@nexus/source', 'browser', 'module', 'import', 'default'] },
  server: { port: 5173, proxy: { '/api': api, '/media': api } },
  // One bundle (640 KB, 190 KB gzipped, half of it React and the contract's schemas) for a tool admins open once a
  // day and cache for a year: splitting per screen would cost more round trips than it saves.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
