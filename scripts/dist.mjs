// npm run dist: the release build. electron-builder rebuilds better-sqlite3 from source against
// Electron's headers (npmRebuild + buildDependenciesFromSource in electron-builder.yml) in an
// environment without .npmrc's nodedir (native-target.mjs); scripts/after-pack.cjs then checks the
// unpacked binary. Extra arguments go to electron-builder.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { releaseBuildEnv } from './native-target.mjs';

const require = createRequire(import.meta.url);
const cli = require.resolve('electron-builder/cli.js');
const r = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { stdio: 'inherit', env: releaseBuildEnv() });
process.exit(r.status ?? 1);
