import { findIdentifying, type Finding } from "~/modules/signoff/anonymise";
import { CORPUS, type KeepKind } from "../fixtures/anonymisation-corpus";

interface Span {
  start: number;
  end: number;
}

/** Where each labelled text is: the first occurrence not already taken by an earlier label. */
function locate(text: string, labels: string[]): Span[] {
  const taken: Span[] = [];
  for (const label of labels) {
    let at = text.indexOf(label);
    while (at >= 0 && taken.some((t) => at < t.end && t.start < at + label.length)) at = text.indexOf(label, at + 1);
    if (at < 0) throw new Error(`"${label}" is not in "${text}"`);
    taken.push({ start: at, end: at + label.length });
  }
  return taken;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function measure() {
  let labelled = 0;
  let found = 0;
  const missed: string[] = [];
  const falsePositives: string[] = [];
  const wronglyFlagged: Record<KeepKind, string[]> = {
    citation: [],
    framework: [],
    job_title: [],
    organisation: [],
    event_date: [],
  };
  for (const passage of CORPUS) {
    const findings = findIdentifying(passage.text);
    const flags = locate(
      passage.text,
      passage.flag.map(([, t]) => t),
    ).map((span, i) => ({ ...span, kind: passage.flag[i]![0] }));
    for (const flag of flags) {
      labelled++;
      if (findings.some((f) => f.kind === flag.kind && overlaps(f, flag))) found++;
      else missed.push(`${flag.kind} "${passage.text.slice(flag.start, flag.end)}" in: ${passage.text}`);
    }
    const isLabelled = (f: Finding) => flags.some((flag) => overlaps(f, flag));
    for (const f of findings.filter((x) => !isLabelled(x)))
      falsePositives.push(`${f.kind} "${f.text}" in: ${passage.text}`);
    const keeps = passage.keep ?? [];
    const keepSpans = locate(
      passage.text,
      keeps.map(([, t]) => t),
    );
    for (const [i, span] of keepSpans.entries()) {
      const [what, t] = keeps[i]!;
      // A meeting or hearing date must not be taken for a date of birth; the others must not be flagged at all.
      const wrong = findings.filter(
        (f) => overlaps(f, span) && (what !== "event_date" || f.kind === "date_of_birth" || f.kind === "date"),
      );
      if (wrong.length) wronglyFlagged[what].push(`"${t}" flagged as ${wrong.map((f) => f.kind).join(", ")}`);
    }
  }
  return { labelled, found, missed, falsePositives, wronglyFlagged };
}

describe("the anonymisation check against a labelled corpus", () => {
  const result = measure();

  it("has at least 60 passages, each label where it says", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it("finds at least 95% of what a moderator would flag", () => {
    const recall = result.found / result.labelled;
    console.log(
      `anonymisation corpus: ${CORPUS.length} passages, ${result.labelled} labelled passages to flag, ` +
        `${result.found} found (recall ${(recall * 100).toFixed(1)}%), ${result.falsePositives.length} false positives`,
    );
    for (const m of result.missed) console.log(`  missed: ${m}`);
    for (const f of result.falsePositives) console.log(`  false positive: ${f}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it("flags no legal citation, framework code, job title or organisation, and no meeting date as a date of birth", () => {
    expect(result.wronglyFlagged).toEqual({
      citation: [],
      framework: [],
      job_title: [],
      organisation: [],
      event_date: [],
    });
  });

  it("keeps false positives few: at most one for every twenty passages", () => {
    expect(result.falsePositives.length).toBeLessThanOrEqual(Math.floor(CORPUS.length / 20));
  });

  it("reads a 5,000-word portfolio in a fraction of a second", () => {
    const words: string[] = [];
    for (let i = 0; words.length < 5_000; i++) words.push(...CORPUS[i % CORPUS.length]!.text.split(/\s+/));
    const text = words.slice(0, 5_000).join(" ");
    findIdentifying(text);
    // Processor time, not the clock: the test machine is shared, and waiting for a core is not the check's cost.
    // About 40 ms alone; the bound catches a pattern gone quadratic, not a few milliseconds under load.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = process.cpuUsage();
      findIdentifying(text);
      const used = process.cpuUsage(started);
      times.push((used.user + used.system) / 1000);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`anonymisation check on 5,000 words: median ${median.toFixed(1)} ms of processor time`);
    expect(median).toBeLessThan(250);
  });

  it("reads a hostile 100,000-character text in well under a second", () => {
    // One long word, hyphen and apostrophe chains, a wall of capitals and of citations: each once took seconds.
    for (const text of [
      "A".repeat(100_000),
      "A-B-".repeat(25_000),
      "O'O'".repeat(25_000),
      "x-y.".repeat(25_000) + "@",
      "Abc Def Ghi Jkl ".repeat(6_000),
      "Smith v Jones ".repeat(7_000),
      "Munro (2011) ".repeat(7_000),
    ]) {
      const started = process.cpuUsage();
      findIdentifying(text);
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1000, text.slice(0, 16)).toBeLessThan(1_000);
    }
  });
});
