// Runs the CLI from the TypeScript sources, for tests that need the daemon as a separate process
// (signals, restarts) without depending on a fresh build in dist/.
import { main } from '../../src/cli';

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`complaintd: ${(err as Error).message}\n`);
  process.exit(1);
});
