#!/usr/bin/env node
// Bundles the three entry points with esbuild: the VS Code client (vscode external), the
// language server and the CLI (both standalone Node programs). `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // remark's dependencies are ESM; esbuild converts them. `vscode` only exists inside the editor.
  external: ['vscode'],
  // prefer ESM builds: jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot resolve
  mainFields: ['module', 'main'],
  // vega's Node build of vega-canvas probes the optional `canvas` package with a top-level await,
  // which a CommonJS bundle cannot hold; its browser build is equivalent without a DOM (no canvas:
  // the CLI renders SVG only)
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // the trend charts (vega) of `zhoubao trend`: a bundle of their own, loaded only when a chart is drawn
  { entryPoints: ['server/src/cli/trend-chart.ts'], outfile: 'dist/trend-chart.js' },
];

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

// the JSON schema of `.zhoubao.json`, generated from the zod profile schema
if (!watch) await import('./schema.mjs');
