import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console: `npm run build:console` writes dist/, which the API serves at `/`;
 * `npm run dev:console` serves it with hot reload and proxies /api to the API on :3000.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // /s/<token>: the survey pages clients answer, served by the API too.
    proxy: { '/api': { target: process.env.CARESCORE_API ?? 'http://localhost:3000', changeOrigin: true }, '/s/': { target: process.env.CARESCORE_API ?? 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // One long-lived chunk per vendor family; each resource's screens are lazy-loaded routes.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group)[\\/]/ },
            { name: 'charts', test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|immer|reselect)[\\/]/ },
            { name: 'react-admin', test: /node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form|react-router|react-router-dom|query-string|lodash|inflection|node-polyglot)[\\/]/ },
          ],
        },
      },
    },
  },
});
