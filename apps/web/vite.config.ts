import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web runtime. `pnpm dev` serves it with hot reload on WEB_PORT (5173) and proxies /api to
 * a running server (TESSERA_API, default http://localhost:3000); `pnpm start` builds it into
 * dist/, which the server serves at `/` (apps/server/src/web).
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: { '/api': { target: process.env.TESSERA_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: process.env.TESSERA_WEB_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
});
