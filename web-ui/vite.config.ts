import { defineConfig } from 'vitest/config';

// The gateway serves the build from the web-ui jar's META-INF/resources (Spring's static locations), so index.html
// is at / and the assets under /assets. `npm run dev` proxies the API to a gateway on :8080.
export default defineConfig({
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
