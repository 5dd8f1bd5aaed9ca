// A delivery's proof of record (GET /v1/deliveries/{id}/verification) checked in the browser the
// way `reskflow verify` checks it (docs/chain.md, "Checking a record"): only the record bytes and
// the sibling hashes are taken from our server; the verdict comes from the chain's public node.
import { api, call, type Schemas } from './client';

export type ProofOfRecord = Schemas['ProofOfRecord'];
export type RecordProof = ProofOfRecord['records'][number];

export const getVerification = (deliveryId: string) =>
  call(api.GET('/v1/deliveries/{delivery_id}/verification', { params: { path: { delivery_id: deliveryId } } }));

const milestoneNames = ['created', 'picked_up', 'delivered', 'proof_photo', 'signature', 'temperature'] as const;
export type MilestoneName = (typeof milestoneNames)[number];

/** A record decoded from its canonical bytes (docs/chain.md, "The canonical encoding"). */
export interface DecodedRecord {
  milestone: MilestoneName;
  deliveryId: string;
  atUs: bigint;
  detail: Uint8Array;
}

export function hexToBytes(hex: string): Uint8Array | null {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The record's fields, or null when the bytes are not in the documented encoding (version 1). */
export function decodeRecord(bytes: Uint8Array): DecodedRecord | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const field = (): Uint8Array | null => {
    if (at + 2 > bytes.length) return null;
    const n = view.getUint16(at);
    if (at + 2 + n > bytes.length) return null;
    const out = bytes.subarray(at + 2, at + 2 + n);
    at += 2 + n;
    return out;
  };
  if (bytes.length < 2 || bytes[0] !== 1) return null;
  const milestone = milestoneNames[bytes[1]! - 1];
  at = 2;
  const id = field();
  if (!milestone || !id || at + 8 > bytes.length) return null;
  const atUs = view.getBigInt64(at);
  at += 8;
  const detail = field();
  if (!detail || at !== bytes.length) return null;
  let deliveryId: string;
  try {
    deliveryId = new TextDecoder('utf-8', { fatal: true }).decode(id);
  } catch {
    return null;
  }
  return { milestone, deliveryId, atUs, detail };
}

export type Verdict =
  | { outcome: 'verified'; batchId: number; anchor: { txHash: string; block: number } | null }
  | { outcome: 'pending'; why: string }
  | { outcome: 'failed'; why: string };

export interface MilestoneCheck {
  /** The milestone as the record says, or as the answer labels it when the record is unreadable. */
  milestone: string;
  record: DecodedRecord | null;
  verdict: Verdict;
}

/** The whole check, or why none of it could be done (the node unreachable, another chain). */
export type ChainCheck = { ok: true; milestones: MilestoneCheck[] } | { ok: false; why: string };

interface RpcAnswer {
  result?: unknown;
  error?: { message?: string };
}

/** One JSON-RPC call to the public node; throws with a sentence a customer can read. */
async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
  } catch {
    throw new Error('The public blockchain node cannot be reached from your browser.');
  }
  const answer = (await response.json().catch(() => ({}))) as RpcAnswer;
  if (!response.ok || answer.error || answer.result === undefined)
    throw new Error(`The public blockchain node refused the request${answer.error?.message ? `: ${answer.error.message}` : '.'}`);
  return answer.result;
}

type Ethers = typeof import('ethers');

/** Folds the sibling hashes up to a root: each parent hashes its two children in ascending order. */
export function rootFromProof(ethers: Ethers, leaf: string, proof: string[]): string {
  return proof.reduce((node, sibling) => {
    const [a, b] = node.toLowerCase() < sibling.toLowerCase() ? [node, sibling] : [sibling, node];
    return ethers.keccak256(ethers.concat([a, b]));
  }, leaf);
}

const registryAbi = [
  'function batches(uint64) view returns (bytes32 root, uint32 recordCount, uint64 anchoredAt)',
  'function verify(uint64 batchId, bytes32 leaf, bytes32[] proof) view returns (bool)',
  'event BatchAnchored(uint64 indexed batchId, bytes32 root, uint32 recordCount, address anchor)',
];

interface Receipt {
  status?: string;
  blockNumber?: string;
  logs?: { address: string; topics: string[]; data: string }[];
}

/**
 * The transaction the server names, if the chain shows it anchored this batch's root (a
 * BatchAnchored event of the registry): its hash and block as the chain has them.
 */
async function anchoringTransaction(ethers: Ethers, url: string, contract: string, batchId: number, root: string, txHash: string | null | undefined) {
  if (!txHash || !/^0x[0-9a-fA-F]{64}$/.test(txHash)) return null;
  const receipt = (await rpc(url, 'eth_getTransactionReceipt', [txHash])) as Receipt | null;
  if (!receipt || receipt.status !== '0x1' || !receipt.blockNumber) return null;
  const registry = new ethers.Interface(registryAbi);
  const anchored = (receipt.logs ?? []).some((log) => {
    if (log.address.toLowerCase() !== contract.toLowerCase()) return false;
    const event = registry.parseLog(log);
    return event?.name === 'BatchAnchored' && event.args[0] === BigInt(batchId) && String(event.args[1]).toLowerCase() === root.toLowerCase();
  });
  return anchored ? { txHash, block: Number(BigInt(receipt.blockNumber)) } : null;
}

async function checkOne(ethers: Ethers, url: string, contract: string, deliveryId: string, item: RecordProof): Promise<MilestoneCheck> {
  const bytes = hexToBytes(item.record);
  const record = bytes ? decodeRecord(bytes) : null;
  const failed = (why: string): MilestoneCheck => ({ milestone: record?.milestone ?? item.milestone, record, verdict: { outcome: 'failed', why } });
  if (!bytes || !record) return failed('The record is not in the documented encoding.');
  if (record.deliveryId !== deliveryId) return failed(`The record is about another delivery (${record.deliveryId}).`);
  const batch = item.batch;
  if (!batch) return { milestone: record.milestone, record, verdict: { outcome: 'pending', why: 'Not in a batch yet.' } };
  const proof = item.proof;
  if (!proof.every((p) => /^0x[0-9a-fA-F]{64}$/.test(p))) return failed('The proof is not a list of 32-byte hashes.');
  const leaf = ethers.keccak256(ethers.keccak256(bytes));
  const registry = new ethers.Interface(registryAbi);
  const stored = (await rpc(url, 'eth_call', [{ to: contract, data: registry.encodeFunctionData('batches', [batch.id]) }, 'latest'])) as string;
  const root = ethers.dataSlice(stored, 0, 32);
  if (BigInt(root) === 0n)
    return { milestone: record.milestone, record, verdict: { outcome: 'pending', why: `Batch ${batch.id} is not anchored on the chain yet.` } };
  if (rootFromProof(ethers, leaf, proof).toLowerCase() !== root.toLowerCase())
    return failed(`The record does not lead to the root the chain holds for batch ${batch.id}: it was changed, or the proof is wrong.`);
  const answer = (await rpc(url, 'eth_call', [{ to: contract, data: registry.encodeFunctionData('verify', [batch.id, leaf, proof]) }, 'latest'])) as string;
  if (!registry.decodeFunctionResult('verify', answer)[0]) return failed("The registry contract's own check refuses the record.");
  const anchor = await anchoringTransaction(ethers, url, contract, batch.id, root, batch.tx_hash);
  return { milestone: record.milestone, record, verdict: { outcome: 'verified', batchId: batch.id, anchor } };
}

/**
 * Checks every record of `answer` against the registry at `rpcUrl`. ethers (Keccak-256 and ABI
 * encoding) is loaded here, on first use, so no other page carries it.
 */
export async function checkOnChain(answer: ProofOfRecord, deliveryId: string, rpcUrl: string): Promise<ChainCheck> {
  try {
    const ethers = await import('ethers');
    if (!ethers.isAddress(answer.contract)) return { ok: false, why: 'The answer names no valid contract address.' };
    const served = BigInt((await rpc(rpcUrl, 'eth_chainId', [])) as string);
    if (served !== BigInt(answer.chain_id))
      return { ok: false, why: `The public node serves chain ${served}, but the records name chain ${answer.chain_id}.` };
    const milestones: MilestoneCheck[] = [];
    for (const item of answer.records) milestones.push(await checkOne(ethers, rpcUrl, answer.contract, deliveryId, item));
    return { ok: true, milestones };
  } catch (e) {
    // The node's own errors are already sentences; anything else (the chunk not loading, an
    // answer that is not ABI data) is said plainly.
    return { ok: false, why: e instanceof Error && e.message.startsWith('The public') ? e.message : 'The chain could not be read from your browser. Try again later.' };
  }
}
