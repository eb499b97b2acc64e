// Loaded into a measured process with `--import`: at exit, prints its CPU
// time on stderr, of the main thread alone (Linux: /proc) and of all threads.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const all = process.cpuUsage();
  let main = '';
  try {
    // utime and stime, fields 14 and 15 of the thread's stat, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    main = ` main-thread-ms ${(Number(fields[11]) + Number(fields[12])) * 10}`;
  } catch {
    // not Linux: all threads only
  }
  process.stderr.write(`\ncpu-ms ${(all.user + all.system) / 1000}${main}\n`);
});
