import { readFileSync } from 'node:fs';
import { unzipFiles, verifyBundle } from '@tracker/audit';

/**
 * `npm run audit:verify -- bundle.zip`: verifies an audit export offline — no server, no database,
 * only the bundle and the public key inside it (compare its key id with the court's published
 * one). Prints 核验通过 with what was checked, or every failure; exits 0 or 1 (2: cannot read).
 */
async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path) {
    console.error('用法：npm run audit:verify -- 审计导出包.zip');
    return 2;
  }
  let files: Map<string, Buffer>;
  try {
    files = await unzipFiles(readFileSync(path));
  } catch (error) {
    console.error(`无法读取 ${path}：${(error as Error).message}`);
    return 2;
  }
  const verdict = verifyBundle(files);
  const { events, streams, anchors, heads, attachments } = verdict.checked;
  const figures = `${events} 个事件、${streams} 个流、${anchors} 个审计锚点（${heads} 个流头证明）、${attachments} 份佐证材料`;
  if (verdict.ok) {
    console.log(`核验通过：${figures}`);
    return 0;
  }
  console.log(`核验未通过（已检查 ${figures}），发现 ${verdict.failures.length} 处问题：`);
  for (const failure of verdict.failures) console.log(`  - ${failure}`);
  return 1;
}

main().then((code) => process.exit(code));
