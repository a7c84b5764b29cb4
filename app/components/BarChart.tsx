/**
 * A small server-rendered SVG chart of horizontal bars, one per label, with the number written at
 * the end of each bar (so nothing depends on reading a length or a colour). Sized with attributes,
 * so the CSP needs no inline styles. The same figures go in a table beside it.
 */
export function BarChart({
  id,
  title,
  description,
  rows,
}: {
  id: string;
  title: string;
  description: string;
  rows: { label: string; value: number }[];
}) {
  const width = 600;
  const labelWidth = 200;
  const barHeight = 22;
  const gap = 10;
  const valueRoom = 50;
  const height = Math.max(1, rows.length) * (barHeight + gap) + gap;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const inner = width - labelWidth - valueRoom;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width="100%"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {rows.map((r, i) => {
        const y = gap + i * (barHeight + gap);
        const w = (r.value / max) * inner;
        return (
          <g key={r.label}>
            <text x={labelWidth - 8} y={y + barHeight / 2 + 4} textAnchor="end" fontSize={13} fill="#0b0c0c">
              {r.label}
            </text>
            <rect x={labelWidth} y={y} width={Math.max(w, r.value ? 2 : 0)} height={barHeight} fill="#2f7d95" />
            <text x={labelWidth + w + 6} y={y + barHeight / 2 + 4} fontSize={13} fill="#0b0c0c">
              {r.value}
            </text>
          </g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={0} y2={height} stroke="#505a5f" strokeWidth={1} />
    </svg>
  );
}
