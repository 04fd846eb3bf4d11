#!/usr/bin/env node
// Launcher only: the CLI lives in dist/cli (built from src/cli by `npm run build`, run by `npm ci`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
