// The synth suite's shape: every check reads cases the suite has (a check whose cases no group
// defines is skipped in silence, so a typo would drop a target from every run), and the targets
// are the issue's.
import { synthChecks, synthGroups } from "../../bench/synth-cases";

describe("synth suite", () => {
  const ids = synthGroups().flatMap((g) => g.cases.map((c) => c.id));

  test("has unique case ids, and every check reads cases it has", () => {
    expect(new Set(ids).size).toBe(ids.length);
    const missing = synthChecks().flatMap((check) => check.needs.filter((id) => !ids.includes(id)).map((id) => `${check.id} needs ${id}`));
    expect(missing).toEqual([]);
  });

  test("splits each landing-zone size into the library's code and the addresses", () => {
    for (const n of [300, 1000, 2000]) {
      expect(ids).toEqual(expect.arrayContaining([`synth.fresh.pattern:${n}`, `synth.fresh.hand-wired:${n}`, `synth.fresh.hand-wired-nested:${n}`]));
      const checks = synthChecks().map((c) => c.id);
      expect(checks).toEqual(expect.arrayContaining([`synth.overhead.nested.rss:${n}`, `synth.addresses.rss:${n}`, `synth.overhead.nested.wall:${n}`, `synth.addresses.wall:${n}`]));
    }
  });

  test("holds the issue's targets", () => {
    const targets = Object.fromEntries(synthChecks().filter((c) => c.target).map((c) => [c.id, c.target]));
    const overhead = { op: "<=", limit: 1.05 };
    expect(targets).toEqual({
      ...Object.fromEntries([1, 10, 100, 300, 1000, 2000].flatMap((n) => [[`synth.overhead.wall:${n}`, overhead], [`synth.overhead.rss:${n}`, overhead]])),
      "synth.scaling.fresh": { op: "<=", limit: 4 },
      "synth.example.npm": { op: "<=", limit: 1000 },
      "synth.scaling.inprocess.2000": { op: "<=", limit: 2.2 },
    });
  });
});
