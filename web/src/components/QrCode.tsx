import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code drawn as one SVG path from qrcode-generator's module matrix (no innerHTML, so
 * nothing the page's CSP would refuse). Drawn in the browser, never by a third-party image
 * service: a two-factor otpauth URI holds the secret, a hand-off link the signed share.
 */
export function QrCode({ value, size = 180, label, testId = 'totp-qr' }: { value: string; size?: number; label: string; testId?: string }) {
  const { n, d } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    const count = qr.getModuleCount();
    let path = '';
    for (let r = 0; r < count; r++) {
      for (let c = 0; c < count; c++) if (qr.isDark(r, c)) path += `M${c + 4},${r + 4}h1v1h-1z`;
    }
    return { n: count + 8, d: path };
  }, [value]);
  return (
    <svg role="img" aria-label={label} data-testid={testId} width={size} height={size} viewBox={`0 0 ${n} ${n}`} shapeRendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
