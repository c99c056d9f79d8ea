// Structured JSON log lines. Phone numbers are sensitive in the Chime API model, so every
// digit run long enough to be one is masked to its last four digits before it is written.
// Digit runs inside identifiers (order IDs are UUIDs) are left alone.
const NUMBER_LIKE = /(?<![\w-])\+?\d{7,15}(?![\w-])/g;

export function redact(text: string): string {
  return text.replace(NUMBER_LIKE, m => `***${m.slice(-4)}`);
}

type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const record = JSON.parse(redact(JSON.stringify({ message, ...fields })));
  if (process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON') {
    // The Lambda runtime adds timestamp, level and requestId around what we pass.
    const write = { DEBUG: console.debug, INFO: console.info, WARN: console.warn, ERROR: console.error }[level];
    write(record);
  } else {
    process.stdout.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, ...record })}\n`);
  }
}
