/** README.txt of an audit bundle: what is in it and how anyone verifies it, in the inspectors' language. */
export const BUNDLE_README = (
  courtName: string,
  exportedAt: string,
  keyId: string,
) => `${courtName} 整改任务跟踪系统 审计导出包
导出时间：${exportedAt}    签名密钥：${keyId}（Ed25519）

一、包内文件
  events.jsonl      导出范围内的全部事件，每行一个，按记录顺序；含元数据（谁、何时、因何命令）和哈希链（hash、previousHash）。
  anchors.json      法院的全部审计锚点（经法院密钥签名），及本包中各流被锚定的流头的默克尔证明。
  attachments.json  本包事件所附佐证材料的文件名、大小和 SHA-256。
  public-key.pem    法院的审计公钥。
  history.xlsx      供阅读的中文历史表（核验以 events.jsonl 为准）。
  manifest.json     导出范围、各流的起止序号和事件数、以上各文件的 SHA-256；manifest.sig 是法院密钥对它的签名。
  （全院导出不含账号目录：其中有密码哈希。）

二、如何核验（无需服务器和数据库）
  在本系统的源代码目录中运行：
    npm run audit:verify -- 本导出包.zip
  核验内容：清单签名和各文件的 SHA-256；每个流的哈希链逐个事件重算；事件顺序；各流事件是否齐全；
  每个审计锚点的签名，以及锚定的流头是否与包中事件一致；佐证材料的哈希是否与记录它的事件一致。
  全部通过时输出"核验通过"；否则逐条指出哪个文件、第几行、哪个事件、什么问题。

三、手工核验清单签名（可选）
  base64 -d manifest.sig > manifest.sig.bin
  openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig.bin

四、与纸质文件对照
  导出的台账、通报和报告页脚印有"校验码"和锚点时间，可在 anchors.json 或系统"审计锚点"页中找到同一锚点。
`;
