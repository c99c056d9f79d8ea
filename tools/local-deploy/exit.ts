/** Ends a command-line process with the exit code `main` answers, or 1 with the stack of what it threw. */
export function exitWith(main: Promise<number>): void {
  main.then(
    code => {
      process.exitCode = code;
      // Everything is closed by now; this only guards against a stray handle keeping the process up.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    err => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
