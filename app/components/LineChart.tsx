import { chartPoints } from "~/modules/workload/rules";

/**
 * A small server-rendered SVG chart: one series as a line or as bars, with an optional
 * reference line (a limit or a target). Sized with attributes, so the CSP needs no inline styles.
 */
export function LineChart({
  id,
  title,
  description,
  labels,
  values,
  reference,
  referenceLabel,
  kind = "line",
}: {
  id: string;
  title: string;
  description: string;
  labels: string[];
  values: number[];
  reference?: number | number[] | null;
  referenceLabel?: string;
  kind?: "line" | "bars";
}) {
  const width = 600;
  const height = 160;
  const pad = { left: 40, top: 10, bottom: 30, right: 30 };
  const refs =
    reference === null || reference === undefined
      ? []
      : Array.isArray(reference)
        ? reference
        : values.map(() => reference);
  const max = Math.max(1, ...values, ...refs) * 1.15;
  const inner = width - pad.left - pad.right;
  const barWidth = Math.max(4, Math.min(24, inner / Math.max(values.length, 1) - 4));
  // Bars are inset by half a bar, so the first and last stay inside the axes.
  const inset = kind === "bars" ? barWidth / 2 + 2 : 0;
  const shift = (list: { x: number; y: number }[]) => list.map((p) => ({ x: p.x + inset, y: p.y }));
  const points = shift(chartPoints(values, inner - 2 * inset, height, max));
  const refPoints = shift(chartPoints(refs, inner - 2 * inset, height, max));
  const ticks = [...new Set([0, Math.round(max / 2), Math.floor(max)])];
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height + pad.top + pad.bottom}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width="100%"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g transform={`translate(${pad.left} ${pad.top})`}>
        {ticks.map((t) => {
          const y = height - (t / max) * height;
          return (
            <g key={t}>
              <line x1={0} x2={width - pad.left - pad.right} y1={y} y2={y} stroke="#b1b4b6" strokeWidth={1} />
              <text x={-8} y={y + 4} textAnchor="end" fontSize={12} fill="#484949">
                {t}
              </text>
            </g>
          );
        })}
        {kind === "bars" ? (
          points.map((p, i) => (
            <rect key={i} x={p.x - barWidth / 2} y={p.y} width={barWidth} height={height - p.y} fill="#2f7d95" />
          ))
        ) : (
          <polyline
            points={points.map((p) => `${p.x},${p.y}`).join(" ")}
            fill="none"
            stroke="#1d3b53"
            strokeWidth={3}
          />
        )}
        {kind === "line" ? points.map((p, i) => <circle key={i} cx={p.x} cy={p.y} r={4} fill="#1d3b53" />) : null}
        {refPoints.length ? (
          <polyline
            points={refPoints.map((p) => `${p.x},${p.y}`).join(" ")}
            fill="none"
            stroke="#b3261e"
            strokeWidth={2}
            strokeDasharray="6 4"
          />
        ) : null}
        {labels.map((label, i) =>
          i === 0 || i === labels.length - 1 || labels.length <= 8 ? (
            <text key={i} x={points[i]?.x ?? 0} y={height + 20} textAnchor="middle" fontSize={12} fill="#484949">
              {label}
            </text>
          ) : null,
        )}
      </g>
      {referenceLabel ? (
        <text x={width - pad.right} y={pad.top + 12} textAnchor="end" fontSize={12} fill="#b3261e">
          {referenceLabel}
        </text>
      ) : null}
    </svg>
  );
}
