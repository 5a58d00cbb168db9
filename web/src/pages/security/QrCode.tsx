import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code drawn as one SVG path from qrcode-generator's module matrix (no innerHTML, so
 * nothing the page's CSP would refuse). The otpauth URI holds the secret: it is drawn in the
 * browser and never sent to a third-party image service.
 */
export function QrCode({ value, size = 180, label }: { value: string; size?: number; label: string }) {
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
    <svg role="img" aria-label={label} data-testid="totp-qr" width={size} height={size} viewBox={`0 0 ${n} ${n}`} shapeRendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
