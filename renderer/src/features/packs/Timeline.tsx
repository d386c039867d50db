// The status timeline of the installed packs as a picture: one lane per pack, one coloured band per
// status period, a marker for today. Each band carries its text as a tooltip; the table below it gives
// the same facts for screen readers.
import type { PackSummary } from '../../../../shared/ipc/contract';
import { formatDate } from '../../components/format';

const COLORS: Record<string, string> = {
  pre_rule: '#8f99a8',
  effective_compliance_not_required: '#d1980b',
  in_force: '#238551',
  codified_not_enforced: '#cd4246',
  enforced_posture: '#2d72d2',
};
const LABELS: Record<string, string> = {
  pre_rule: 'Pre-rule regime',
  effective_compliance_not_required: 'Effective, compliance not yet required',
  in_force: 'In force',
  codified_not_enforced: 'Codified, not enforced',
  enforced_posture: 'Enforcement posture',
};

function days(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

export function Timeline({ packs, today }: { packs: PackSummary[]; today: string }) {
  const W = 980;
  const LEFT = 240;
  const LANE = 34;
  const lanes = packs;
  const starts = lanes.flatMap((p) => p.status.map((s) => s.from));
  const ends = lanes.flatMap((p) => p.status.map((s) => s.to ?? today));
  const min = days(starts.sort()[0] ?? today) - 30;
  const max = Math.max(days(today), ...ends.map(days)) + 120;
  const x = (d: string) => LEFT + ((days(d) - min) / (max - min)) * (W - LEFT - 10);
  const years: number[] = [];
  for (let y = new Date(min * 86_400_000).getUTCFullYear() + 1; y <= new Date(max * 86_400_000).getUTCFullYear(); y++) years.push(y);
  const H = 24 + lanes.length * LANE + 40;
  const usedCodes = [...new Set(lanes.flatMap((p) => p.status.map((s) => s.code)))];
  return (
    <div className="tl-timeline">
      {/* Scales to the panel (a 1024-px window shows every year and today without scrolling sideways). */}
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-label={`Status timeline of ${lanes.length} rule packs`} data-testid="pack-timeline">
        {years.map((y) => (
          <g key={y}>
            <line x1={x(`${y}-01-01`)} x2={x(`${y}-01-01`)} y1={14} y2={24 + lanes.length * LANE} stroke="#dce0e5" className="tl-timeline-grid" />
            <text x={x(`${y}-01-01`) + 3} y={12}>{y}</text>
          </g>
        ))}
        {lanes.map((p, i) => {
          const y = 24 + i * LANE;
          return (
            <g key={`${p.id}@${p.version}`}>
              <text x={4} y={y + 14} style={{ fontWeight: 600 }}>{p.id.length > 34 ? `${p.id.slice(0, 33)}…` : p.id}</text>
              <text x={4} y={y + 27}>v{p.version} · {p.mode.replace('_', ' ')}{p.active ? ' · active' : ''}</text>
              {p.status.map((s, j) => {
                const x1 = x(s.from);
                const x2 = x(s.to ?? new Date(max * 86_400_000).toISOString().slice(0, 10));
                return (
                  <rect key={j} x={x1} y={y + 6} width={Math.max(2, x2 - x1 - 1)} height={LANE - 12} rx={2} fill={COLORS[s.code] ?? '#5f6b7c'} opacity={p.active ? 1 : 0.45}>
                    <title>{`${formatDate(s.from)} → ${s.to ? formatDate(s.to) : 'open'}: ${LABELS[s.code] ?? s.code}. ${s.text} (${s.citation})`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        <line x1={x(today)} x2={x(today)} y1={16} y2={24 + lanes.length * LANE} stroke="#1c2127" strokeDasharray="3 2" className="tl-timeline-today" />
        <text x={x(today) - 4} y={24 + lanes.length * LANE + 12} textAnchor="end">today {formatDate(today)}</text>
        {usedCodes.map((c, i) => (
          <g key={c} transform={`translate(${LEFT + usedCodes.slice(0, i).reduce((w, k) => w + (LABELS[k] ?? k).length * 6.4 + 34, 0)}, ${H - 12})`}>
            <rect width={10} height={10} y={-9} fill={COLORS[c] ?? '#5f6b7c'} rx={2} />
            <text x={14}>{LABELS[c] ?? c}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}
