// Stack events in the CDK CLI's style:
//   Stack | 1/3 | 12:00:01 | CREATE_IN_PROGRESS   | Custom::ChimePhoneNumberOrder | Numbers/Resource/Default
// plus a spinner for the resource at work, only on a terminal.

export interface Writer {
  write(text: string): unknown;
}

export interface ProgressEvent {
  status: string;
  type: string;
  /** Construct path without the stack prefix, or the logical ID. */
  display: string;
  logicalId?: string;
  reason?: string;
  elapsedMs?: number;
}

const STATUS_WIDTH = 20;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class StackProgress {
  /** Lines of the *_FAILED events, repeated under "Failed resources:" at the end. */
  readonly failures: string[] = [];
  private done = 0;
  /** Resources at work, each with when it started; drawn as one spinner line on a terminal. */
  private readonly busyLabels = new Map<symbol, { label: string; started: number }>();
  private spinner?: { timer: NodeJS.Timeout; frame: number };

  constructor(
    private readonly out: Writer,
    private readonly stackName: string,
    private total: number,
    private readonly typeWidth: number,
    private readonly tty: boolean,
  ) {}

  /** Resources in this operation, plus the stack itself. */
  restart(total: number): void {
    this.total = total;
    this.done = 0;
  }

  event(e: ProgressEvent): void {
    this.clearLine();
    if (/_(COMPLETE|SKIPPED)$/.test(e.status) && !e.status.includes('CLEANUP')) this.done = Math.min(this.total, this.done + 1);
    const digits = String(this.total).length;
    const display = e.reason || e.status.endsWith('_FAILED') ? `${e.display}${e.logicalId ? ` (${e.logicalId})` : ''}` : e.display;
    const line = [
      this.stackName,
      `${String(this.done).padStart(digits)}/${this.total}`,
      clock(),
      e.status.padEnd(STATUS_WIDTH),
      e.type.padEnd(this.typeWidth),
      `${display}${e.reason ? ` ${oneLine(e.reason)}` : ''}${e.elapsedMs !== undefined ? ` (${(e.elapsedMs / 1000).toFixed(1)}s)` : ''}`,
    ].join(' | ');
    this.out.write(`${line}\n`);
    if (e.status.endsWith('_FAILED')) this.failures.push(line);
    this.draw();
  }

  /** Shows the resource at work (with any others) until the returned function is called. */
  busy(label: string): () => void {
    if (!this.tty) return () => undefined;
    const key = Symbol(label);
    this.busyLabels.set(key, { label, started: Date.now() });
    if (!this.spinner) {
      const timer = setInterval(() => this.draw(), 100);
      timer.unref();
      this.spinner = { timer, frame: 0 };
    }
    this.draw();
    return () => {
      this.busyLabels.delete(key);
      if (this.busyLabels.size > 0) return this.draw();
      this.clearLine();
      clearInterval(this.spinner!.timer);
      this.spinner = undefined;
    };
  }

  private draw(): void {
    const s = this.spinner;
    if (!s || this.busyLabels.size === 0) return;
    s.frame = (s.frame + 1) % FRAMES.length;
    const labels = [...this.busyLabels.values()].map(b => b.label);
    const since = Math.min(...[...this.busyLabels.values()].map(b => b.started));
    const shown = labels.length > 2 ? `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more` : labels.join(', ');
    this.out.write(`\r\x1b[2K${FRAMES[s.frame]} ${shown} (${Math.floor((Date.now() - since) / 1000)}s)`);
  }

  private clearLine(): void {
    if (this.spinner) this.out.write('\r\x1b[2K');
  }
}

/** Reasons carry the handler's line breaks ("...\n\nLogs: ..."); an event is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
