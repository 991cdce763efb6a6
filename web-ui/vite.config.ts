import { defineConfig } from 'vitest/config';

// The gateway serves the build from the web-ui jar's META-INF/resources (Spring's static locations), so index.html
// is at / and the assets under /assets. `npm run dev` (and `vite preview`) proxy the API to a gateway:
// ENVSTREAM_GATEWAY, default http://localhost:8080.
export default defineConfig({
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: process.env.ENVSTREAM_GATEWAY ?? 'http://localhost:8080', ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
