// An order's delivery records checked against the blockchain in the customer's browser: our
// server gives the records and their Merkle proofs; the verdict per milestone comes from the
// registry contract read over the public node the server names (docs/chain.md).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadWebConfig, type WebConfig } from '../../api/config';
import { deliveryOfOrder } from '../../api/deliveries';
import {
  checkOnChain,
  getVerification,
  type ChainCheck,
  type DecodedRecord,
  type MilestoneCheck,
  type ProofOfRecord,
} from '../../api/verification';
import { useSession } from '../../auth/useSession';
import { Alert, Badge, formatDateTimeSeconds, Link, Page } from '../../ui';
import { logInAndReturn, orderPath } from './paths';

const milestoneWords: Record<string, string> = {
  created: 'Delivery created',
  picked_up: 'Picked up',
  delivered: 'Delivered',
  proof_photo: 'Proof photo',
  signature: 'Signature',
  temperature: 'Temperature',
};

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const i64At = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(at);

/** What the record itself says, in words (the bytes the chain vouches for). */
function recordWords(r: DecodedRecord): string {
  const d = r.detail;
  switch (r.milestone) {
    case 'delivered':
      return d[0] === 1 ? 'On time.' : 'Late.';
    case 'proof_photo':
    case 'signature':
      return `SHA-256 ${hex(d)}`;
    case 'temperature': {
      if (d.length !== 41) return '';
      const readings = i64At(d, 1);
      const celsius = (at: number) => (Number(i64At(d, at)) / 1000).toFixed(1);
      const range = readings > 0n ? `, ${celsius(25)} °C to ${celsius(33)} °C` : '';
      return `${d[0] === 1 ? 'Kept in range' : 'Out of range'}: ${readings} readings${range}, ${i64At(d, 9)} s out of range.`;
    }
    default:
      return '';
  }
}

function explorerLink(template: string | null, txHash: string): ComponentChildren {
  if (!template) return <code>{txHash}</code>;
  return (
    <a href={template.replace('{tx}', txHash)} rel="noopener noreferrer" target="_blank">
      <code>{txHash}</code>
    </a>
  );
}

function VerdictRow({ check, explorer }: { check: MilestoneCheck; explorer: string | null }) {
  const { verdict, record } = check;
  const when = record ? formatDateTimeSeconds(new Date(Number(record.atUs / 1000n)).toISOString()) : null;
  const says = record ? recordWords(record) : '';
  return (
    <li class="card verification-row" data-milestone={check.milestone} data-outcome={verdict.outcome}>
      <h3>
        {milestoneWords[check.milestone] ?? check.milestone}{' '}
        <Badge tone={verdict.outcome === 'verified' ? 'success' : verdict.outcome === 'pending' ? 'warning' : 'danger'}>
          {verdict.outcome === 'verified' ? 'Verified' : verdict.outcome === 'pending' ? 'Pending' : 'Failed'}
        </Badge>
      </h3>
      {when && <p class="muted">{when}</p>}
      {says && <p class="cell-note">{says}</p>}
      {verdict.outcome === 'verified' ? (
        verdict.anchor ? (
          <p>
            Anchored in batch {verdict.batchId}, block {verdict.anchor.block}, transaction{' '}
            {explorerLink(explorer, verdict.anchor.txHash)}.
          </p>
        ) : (
          <p>In the root the chain holds for batch {verdict.batchId}; its anchoring transaction was not found on this node.</p>
        )
      ) : (
        <p>{verdict.why}</p>
      )}
    </li>
  );
}

/** Without a public node configured: the records to download, and the command that checks them. */
function NotConfigured({ answer, deliveryId }: { answer: ProofOfRecord; deliveryId: string }) {
  const [download, setDownload] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(answer)], { type: 'application/json' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [answer]);
  return (
    <Alert tone="info" title="Checking in your browser is not set up on this server">
      <p>
        You can check the {answer.records.length} record{answer.records.length === 1 ? '' : 's'} of this delivery
        yourself: download them, then run the <code>reskflow</code> tool against any node of chain {answer.chain_id} you
        trust.
      </p>
      {download && (
        <p>
          <a href={download} download="verification.json">
            Download the records (verification.json)
          </a>
        </p>
      )}
      <pre class="command">
        reskflow verify --delivery {deliveryId} --file verification.json --rpc https://your-node.example
      </pre>
    </Alert>
  );
}

function Checked({ check, explorer }: { check: ChainCheck | null; explorer: string | null }) {
  if (!check) return <p role="status">Reading the blockchain…</p>;
  if (!check.ok) return <Alert tone="error" title="Nothing could be checked">{check.why}</Alert>;
  if (check.milestones.length === 0) return <p>Nothing of this delivery is recorded yet.</p>;
  const count = (o: string) => check.milestones.filter((m) => m.verdict.outcome === o).length;
  return (
    <>
      <p role="status">
        {count('verified')} verified, {count('pending')} pending, {count('failed')} failed.
      </p>
      <ol class="stack verification-list">
        {check.milestones.map((m, i) => (
          <VerdictRow key={i} check={m} explorer={explorer} />
        ))}
      </ol>
    </>
  );
}

type Loaded = { answer: ProofOfRecord; deliveryId: string; config: WebConfig } | { error: string };

function useVerification(orderId: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const delivery = await deliveryOfOrder(orderId);
      if (!delivery.ok) return live && setLoaded({ error: delivery.error.status === 404 ? 'This order has no delivery to check yet.' : delivery.error.message });
      const [answer, config] = await Promise.all([getVerification(delivery.data.id), loadWebConfig()]);
      if (!live) return;
      if (!answer.ok) return setLoaded({ error: answer.error.message });
      setLoaded({ answer: answer.data, deliveryId: delivery.data.id, config });
      const rpcUrl = config.chain?.publicRpcUrl;
      if (rpcUrl) {
        const checked = await checkOnChain(answer.data, delivery.data.id, rpcUrl);
        if (live) setCheck(checked);
      }
    })();
    return () => {
      live = false;
    };
  }, [orderId]);
  return { loaded, check };
}

function VerificationView({ nav, orderId }: { nav: ComponentChildren; orderId: string }) {
  const { loaded, check } = useVerification(orderId);
  return (
    <Page title="Delivery records on the blockchain" portal="Customer" nav={nav}>
      <p>
        Each step of this delivery is recorded, and the records are anchored on a public blockchain: anyone can check
        them against the chain without taking our word for it.
      </p>
      {!loaded ? (
        <p role="status">Loading the records…</p>
      ) : 'error' in loaded ? (
        <Alert tone="error">{loaded.error}</Alert>
      ) : loaded.config.chain?.publicRpcUrl ? (
        <Checked check={check} explorer={loaded.config.chain.explorerTxUrl} />
      ) : (
        <NotConfigured answer={loaded.answer} deliveryId={loaded.deliveryId} />
      )}
      <p>
        <Link href={orderPath(orderId)}>Back to the order</Link>
      </p>
    </Page>
  );
}

export function Verification({ nav, orderId }: { nav: ComponentChildren; orderId: string }) {
  const session = useSession();
  if (session === 'authenticated' || session === 'expired') return <VerificationView nav={nav} orderId={orderId} />;
  return (
    <Page title="Delivery records on the blockchain" portal="Customer" nav={nav}>
      {session === 'restoring' ? (
        <p role="status">Checking your session…</p>
      ) : (
        <p>
          <Link class="btn btn-primary" href={logInAndReturn()}>
            Log in to check your delivery
          </Link>
        </p>
      )}
    </Page>
  );
}
