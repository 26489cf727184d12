#!/usr/bin/env node
// Generates schemas/zhoubao.schema.json (the JSON schema VS Code uses to validate and complete
// `.zhoubao.json`, via `contributes.jsonValidation`) from the zod schema of a profile override,
// so the editor's schema and the server's validation cannot drift apart. Run by `npm run build`.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'schemas', 'zhoubao.schema.json');

// bundle the schema module together with zod's toJSONSchema (one zod instance), then import it
const bundle = await esbuild.build({
  stdin: {
    contents: "export { profileOverrideSchema } from './server/src/core/profile/schema';\nexport { toJSONSchema } from 'zod';\n",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const generated = mod.toJSONSchema(mod.profileOverrideSchema, {
  target: 'draft-7',
  io: 'input',
  // refinements (e.g. "filePattern must contain {week}") cannot be expressed: the server checks them
  unrepresentable: 'any',
});
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Zhoubao team profile (.zhoubao.json)',
  description: 'Overrides of the default weekly-report profile: sections, metrics, targets, file-name pattern and rule severities. Lists of sections and metrics merge by id.',
  allowComments: true,
  allowTrailingCommas: true,
  ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
};
const text = JSON.stringify(schema, null, 2) + '\n';
fs.mkdirSync(path.dirname(out), { recursive: true });
if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
