#!/usr/bin/env node
// `npm test`'s checks before jest: the type-check on one side, lint, formatting (`npm run format`
// mends it) then the web build on the other.
// They read the sources and write nothing the others read (vite writes dist/web, which only the
// browser tests use), so on two cores they run side by side: the type-check (three tsc programs)
// takes about as long as the other two together. Each one's output is printed whole when it ends,
// not interleaved; any failure fails the whole, after every check has had its say.
const { spawn } = require('node:child_process');

const lanes = [['typecheck'], ['lint', 'format:check', 'build:web']];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString();
      process.stdout.write(
        `${ok ? '✓' : '✗'} npm run ${script} (${seconds} s)${ok ? '' : signal ? `: killed by ${signal}` : `: exit ${code}`}\n` +
          (text.trim() ? `${text.replace(/\n?$/, '\n')}` : ''),
      );
      resolve(ok);
    });
  });
}

async function lane(scripts) {
  let ok = true;
  for (const script of scripts) ok = (await run(script)) && ok;
  return ok;
}

Promise.all(lanes.map(lane)).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
