import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run with this folder as root (`vite build apps/web`): the API serves dist/web from the same origin.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd and ECharts chunks are large but split per page; the bench prints what a page really loads.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/admin': 'http://localhost:3000' },
  },
});
