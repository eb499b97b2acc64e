// Runs the wavec CLI in this process, as bin/wavec.js does (the bundle), and reports its peak RSS (KiB) on
// stderr's last line, so the bench can measure memory without /usr/bin/time.
import { createRequire } from 'node:module';

const { processIo, run } = createRequire(import.meta.url)('../dist/cli.cjs');
const argv = process.argv.slice(2);
const io = { ...processIo(), stdout: { write: () => true } };
process.exitCode = await run(argv, io);
process.stderr.write(`\nmaxrss-kib ${process.resourceUsage().maxRSS}\n`);
