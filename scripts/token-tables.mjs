// Writes one rank table per encoding to dist/tokens/ (src/analyse/rank-table.ts
// describes the format): a CLI process reads the file instead of building
// the lookup from gpt-tokenizer's vocabulary on every start. Run by `npm run
// build` after tsc, whose output it uses to build exactly what the runtime
// would build without the file.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRankTable, TABLE_FOLDER } from '../dist/analyse/token-tables.js';
import { ENCODINGS } from '../dist/schema/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, TABLE_FOLDER);

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
for (const encoding of ENCODINGS) await writeFile(path.join(OUT, `${encoding}.bin`), buildRankTable(encoding));
