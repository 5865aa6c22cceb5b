#!/usr/bin/env node
import { main } from '../dist/main.js';

// A closed pipe (`vigil drift ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Last line of defence: main() handles every error it can see; anything escaping it (a rejection
// inside a library callback, say) still ends as one line and exit code 2, never a stack trace.
const fatal = (error) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vigil: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (process.env.VIGIL_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.exitCode = await main(process.argv.slice(2));
