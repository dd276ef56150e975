#!/usr/bin/env node
// The installed command: runs the compiled CLI built by `npm ci` (package.json "prepare").
require('../dist/src/cli.js').main(process.argv).catch((err) => {
  process.stderr.write(`complaintd: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
