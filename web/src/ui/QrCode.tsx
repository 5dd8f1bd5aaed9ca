// A QR code drawn as SVG. The encoder (uqr) is loaded on first use so that pages without a QR
// code do not ship it.
import { useEffect, useState } from 'preact/hooks';

export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const [modules, setModules] = useState<boolean[][] | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      if (live) setModules(encode(value, { ecc: 'M', border: 2 }).data);
    });
    return () => {
      live = false;
    };
  }, [value]);
  if (!modules) return <p role="status">Drawing the QR code…</p>;
  const n = modules.length;
  let d = '';
  modules.forEach((row, y) =>
    row.forEach((on, x) => {
      if (on) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${n} ${n}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
      class="qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
