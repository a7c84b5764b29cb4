/** Workload rules: caseload against the employer's limit, protected time against the programme's share. Pure. */
export interface WorkloadWeek {
  weekStarting: string;
  caseload: number;
  contractedHours: number;
  protectedHours: number;
}

export interface WeekVerdict extends WorkloadWeek {
  protectedTarget: number;
  overCaseload: boolean;
  shortOfProtectedTime: boolean;
}

/** Protected time is short when below the share of contracted hours (rounded to the quarter hour). */
export function judgeWeeks(weeks: WorkloadWeek[], maxCaseload: number | null, protectedShare: number): WeekVerdict[] {
  return [...weeks]
    // ISO dates sort as plain strings (localeCompare is many times slower, and a desk sorts hundreds).
    .sort((a, b) => (a.weekStarting < b.weekStarting ? -1 : a.weekStarting > b.weekStarting ? 1 : 0))
    .map((w) => {
      const protectedTarget = Math.round(w.contractedHours * protectedShare * 4) / 4;
      return {
        ...w,
        protectedTarget,
        overCaseload: maxCaseload !== null && w.caseload > maxCaseload,
        shortOfProtectedTime: w.protectedHours + 1e-9 < protectedTarget,
      };
    });
}

export function breaches(verdicts: WeekVerdict[]) {
  return verdicts.filter((v) => v.overCaseload || v.shortOfProtectedTime).length;
}

/** Points for the server-rendered chart, scaled into a width × height box. */
export function chartPoints(values: number[], width: number, height: number, max: number) {
  if (values.length === 0) return [];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: Math.round(i * step * 10) / 10,
    y: Math.round((height - (v / max) * height) * 10) / 10,
  }));
}
