import { defineConfig } from 'vite';

// The Go package playground embeds the output and serves it at /playground/,
// so every asset URL must live under that prefix.
export default defineConfig({
  base: '/playground/',
  build: {
    outDir: '../../playground/dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      onwarn(warning, warn) {
        // framer-motion and friends start with "use client"; harmless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
