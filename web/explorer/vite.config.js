import { defineConfig } from 'vite';

// The Go package explore embeds the output and serves it at /explore/, so
// every asset URL must live under that prefix.
export default defineConfig({
  base: '/explore/',
  build: {
    outDir: '../../explore/dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2048,
  },
});
