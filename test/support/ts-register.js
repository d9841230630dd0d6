// Runs TypeScript sources in a plain node process (a worker child a test kills, the bench):
// each file is transpiled alone, as ts-jest does, and @tracker/* resolves to libs/*/src.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const ROOT = path.resolve(__dirname, '..', '..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
tsconfigPaths.register({ baseUrl: ROOT, paths: { '@tracker/*': ['libs/*/src'] } });
