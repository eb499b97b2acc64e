// Runs the wavec CLI in this process, as bin/wavec.js does (the bundle), and
// reports its peak RSS (KiB) on stderr's last line, so the bench can measure
// memory without /usr/bin/time.
import { processIo, run } from '../dist/bundle/main.js';

const io = { ...processIo(), stdout: { write: () => true } };
process.exitCode = await run(process.argv.slice(2), io);
process.stderr.write(`\nmaxrss-kib ${process.resourceUsage().maxRSS}\n`);
