// Compiles contracts/*.sol with solc-js into OUT_DIR/<Name>.abi.json and OUT_DIR/<Name>.bin
// (the creation bytecode, hex). The EVM target is Shanghai: local test nodes
// (ganache 7) reject Cancun's opcodes, and Polygon PoS runs Shanghai code unchanged.
import fs from 'node:fs';
import path from 'node:path';
import solc from 'solc';

const [sourceDir, outDir] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error('usage: node scripts/compile-contracts.mjs CONTRACTS_DIR OUT_DIR');
  process.exit(2);
}
const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol'))) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'shanghai',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0 || (output.errors ?? []).length > 0) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
for (const [, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    fs.writeFileSync(path.join(outDir, `${name}.abi.json`), JSON.stringify(contract.abi, null, 2));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), contract.evm.bytecode.object);
  }
}
