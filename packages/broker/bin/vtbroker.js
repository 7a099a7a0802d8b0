#!/usr/bin/env node
// The `vtbroker` command. Node (22.18+) runs the TypeScript sources directly.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
