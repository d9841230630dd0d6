import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run with this folder as root (`vite build apps/web`): the API serves dist/web from the same origin.
export default defineConfig(({ command, mode }) => {
  // `vite build` makes a development bundle whenever NODE_ENV is already set to anything else in
  // the shell (NODE_ENV=test in CI, development in a developer's profile): antd then ships its
  // css-dev-only-do-not-override class names and React its development runtime. What a court
  // runs is always the production build (another --mode keeps Vite's own choice).
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
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
  };
});
