// Runs the wavec CLI in this process, as bin/wavec.js does (the bundle with
// its code cache), and reports its peak RSS (KiB) on stderr's last line, so
// the bench can measure memory without /usr/bin/time.
import { loadCli } from '../bin/load-cli.js';

const argv = process.argv.slice(2);
const { processIo, run } = loadCli(argv);
const io = { ...processIo(), stdout: { write: () => true } };
process.exitCode = await run(argv, io);
process.stderr.write(`\nmaxrss-kib ${process.resourceUsage().maxRSS}\n`);
