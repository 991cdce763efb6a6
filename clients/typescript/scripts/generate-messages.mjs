// Generates src/messages.ts from the protocol's JSON Schemas (schemas/src/main/resources/protocol/json-schema),
// the single source of the wire format. `npm run generate` rewrites the file; messages.test.ts fails when the
// checked-in file differs from what this produces, so a schema change cannot go unnoticed.
//   node scripts/generate-messages.mjs [--check]
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const schemaDir = path.resolve(here, '../../../schemas/src/main/resources/protocol/json-schema');
export const target = path.resolve(here, '../src/messages.ts');

/** One exported union per endpoint and direction; the message types come out of their $refs. */
const ROOTS = [
  'logs-server-message',
  'logs-client-message',
  'terminal-server-message',
  'terminal-client-message',
  'status-server-message',
  'status-client-message',
];

export async function generate() {
  const root = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'ProtocolMessages',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(ROOTS.map((name) => [name, { $ref: `${name}.schema.json` }])),
  };
  const source = await compile(root, 'ProtocolMessages', {
    cwd: schemaDir,
    bannerComment: [
      '/* eslint-disable */',
      '/**',
      ' * envstream WebSocket protocol v1 messages, generated from',
      ' * schemas/src/main/resources/protocol/json-schema by scripts/generate-messages.mjs.',
      ' * Do not edit: run `npm run generate` after changing a schema.',
      ' */',
    ].join('\n'),
    additionalProperties: false,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return source;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== source) {
      console.error(`${target} is out of date: run npm run generate`);
      process.exit(1);
    }
  } else {
    await writeFile(target, source);
    console.log(`wrote ${target}`);
  }
}
