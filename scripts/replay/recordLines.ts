/** The fields of a delivered record a person reads first. */
interface RecordView {
  readonly levelname?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly exc_info?: unknown;
}

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

function firstLine(value: unknown, width: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** `INFO 3, ERROR 1`: how many records of each level, in level order. */
export function levelCounts(records: readonly RecordView[]): string {
  const counts = new Map<string, number>();
  for (const record of records) {
    const level = String(record.levelname);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const order = [
    ...LEVELS,
    ...[...counts.keys()].filter((level) => !(LEVELS as readonly string[]).includes(level)),
  ];
  return order
    .filter((level) => counts.has(level))
    .map((level) => `${level} ${counts.get(level) ?? 0}`)
    .join(', ');
}

/**
 * One short `LEVEL name message` line per record (the message's first line, cut to fit `width`),
 * and under a record with `exc_info` that trace's first line, indented.
 */
export function recordLines(record: RecordView, width = 120): string[] {
  const level = String(record.levelname).padEnd(8);
  const name = firstLine(record.name, 28).padEnd(28);
  const lines = [`  ${level} ${name} ${firstLine(record.message, Math.max(20, width - 40))}`];
  if (record.exc_info !== undefined && record.exc_info !== null && record.exc_info !== '') {
    lines.push(
      `  ${' '.repeat(8)} ${' '.repeat(28)} ${firstLine(record.exc_info, Math.max(20, width - 40))}`,
    );
  }
  return lines;
}
