import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/**
 * The NL Design System's React library is one module whose every component is followed by
 * `X.displayName = 'X'`: an assignment the bundler must keep, and with it every component, used
 * or not. The names serve only React's developer tools, so the production build drops them and
 * the components no page uses fall away.
 */
function withoutDisplayNames(): Plugin {
  return {
    name: 'samenspel:utrecht-without-display-names',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@utrecht/component-library-react/dist/index.mjs')) return null;
      return { code: code.replace(/^\w+\.displayName = '\w+';$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  // Brotli and gzip copies beside every script and style sheet, which the server sends to
  // browsers that accept them (`preCompressed`): compressed once at build, not per request.
  plugins: [
    react(),
    withoutDisplayNames(),
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  resolve: {
    alias: {
      '@samenspel/contracts': fileURLToPath(new URL('../packages/contracts/src/index.ts', import.meta.url)),
    },
  },
  // In development the API runs beside Vite (`npx samenspel serve`); in production it serves this build.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
});
