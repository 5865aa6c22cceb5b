// The end of a demo run: say the server stops now, or with --keep serve until SIGINT/SIGTERM.

/**
 * keepOrStop prints how to keep the demo's server up (`rerun` is the command with --keep) and
 * returns, or with `keep` prints where it serves and resolves only on SIGINT or SIGTERM.
 */
export async function keepOrStop(
  say: (line?: string) => void,
  options: { keep: boolean; url: string; rerun: string },
): Promise<void> {
  if (!options.keep) {
    say(`  (the server stops now: run \`${options.rerun}\` to keep it up for the commands above)`);
    return;
  }
  say();
  say(`serving on ${options.url} until Ctrl-C (--keep)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
