import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * The glog header, `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`, as golang/glog and
 * kubernetes/klog write it (their `formatHeader` comment: "Log lines have this form"): the
 * severity's initial (`I` `W` `E` `F`), month and day, the time to the microsecond, the thread
 * (in Go, the process) id padded to seven, the caller's file and line, `] `, the message. Every
 * Kubernetes component writes it, so it is what an EKS cluster's control-plane logs hold in
 * CloudWatch Logs (kube-apiserver, kube-scheduler, kube-controller-manager), beside Go programs
 * that use either library. klog's structured calls (`InfoS`) write a quoted message and
 * `key="value"` pairs after the header: kept in the message as written, as the logrus and
 * zerolog console lines keep theirs.
 *
 * Read: the level, `time` as written (it has no year), `pid`, `file` and `line` (the names
 * log4jFileLine.ts gives a caller's location), a stack after the message (FATAL's goroutine
 * dump) as exc_info. The line carries no logger name.
 */

const LEVELS: Readonly<Record<string, LevelName>> = { I: 'INFO', W: 'WARNING', E: 'ERROR', F: 'CRITICAL' };
// `mmdd hh:mm:ss.uuuuuu`, the id right-aligned in seven (wider ids push it), `file:line] `.
const HEADER = /[IWEF](\d{4} \d{2}:\d{2}:\d{2}\.\d{6}) +(\d{1,10}) ([^\s:\]]{1,256}):(\d{1,9})\] ?/y;

const GOROUTINES = '\ngoroutine ';

export const glog: TextFormat = {
  name: 'glog',
  parse(line): ParsedLine | undefined {
    const c = line.charCodeAt(1);
    if (c < 0x30 || c > 0x39 /* a digit after the severity */) return undefined;
    HEADER.lastIndex = 0;
    const header = HEADER.exec(line);
    if (header === null) return undefined;
    const rest = line.slice(HEADER.lastIndex).trimEnd();
    // FATAL writes every goroutine's stack after the line (`goroutine 1 [running]:` on).
    const dump = rest.indexOf(GOROUTINES);
    const { message, exc_info } =
      dump < 0 ? splitStack(rest) : { message: rest.slice(0, dump), exc_info: rest.slice(dump + 1) };
    return {
      message,
      levelname: LEVELS[line.charAt(0)],
      exc_info,
      fields: {
        time: header[1],
        pid: Number(header[2]),
        file: header[3],
        line: Number(header[4]),
      },
    };
  },
};
