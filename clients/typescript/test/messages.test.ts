import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { generate, target } from '../scripts/generate-messages.mjs';

describe('generated message types', () => {
  it('src/messages.ts is what the JSON Schemas generate (run `npm run generate` otherwise)', async () => {
    expect(await readFile(target, 'utf8')).toBe(await generate());
  });
});
