// The server as a separate process (the built dist/), configured by its environment as
// `vigil serve` is; prints "listening <url>" once it accepts connections.
import { loadEnv, serve } from '../../dist/index.js';

const s = await serve(loadEnv());
process.stdout.write(`listening ${s.url}\n`);
process.on('SIGTERM', () => {
  s.stop().then(() => process.exit(0));
});
