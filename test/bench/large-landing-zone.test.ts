// The large benchmark landing zones (300 to 2,000 requesters over eight regions): the hand-wired
// stack declares what the pattern declares, as at the small sizes (hand-wired-equivalence.test.ts).
import { Testing } from "cdktf";
import { buildHandWiredStack } from "../../bench/stacks/hand-wired";
import { LARGE_REQUESTER_REGIONS, largeRequesterSpecs, landingZoneSpecs } from "../../bench/stacks/landing-zone-spec";
import { buildPatternStack } from "../../bench/stacks/pattern";
import { parseCidr, isIssue, cidrsOverlap } from "../../lib/validation";
import { normalizeStack } from "./normalize";
import { addressesOf, warningsOf } from "../cdktf-helpers";

describe("large benchmark landing zone", () => {
  test("2,000 requesters: round-robin over eight regions, disjoint /20 blocks outside the hub's /16", () => {
    const specs = largeRequesterSpecs(2000);
    expect(new Set(specs.map((s) => s.region))).toEqual(new Set(LARGE_REQUESTER_REGIONS));
    const blocks = ["10.0.0.0/16", ...specs.map((s) => s.vpcCidrBlock)].map((c) => parseCidr(c, "c"));
    expect(blocks.some(isIssue)).toBe(false);
    const sorted = (blocks as Exclude<(typeof blocks)[number], { code: string }>[]).sort((a, b) => a.first - b.first);
    for (let i = 1; i < sorted.length; i++) expect(cidrsOverlap(sorted[i - 1], sorted[i])).toBe(false);
    expect(landingZoneSpecs(254)).toHaveLength(254);
    expect(landingZoneSpecs(300)[0].vpcCidrBlock).toBe("10.1.0.0/20");
  });

  test("the pattern stacks raise no warning at the small and the large sizes (every region): the bench measures synth, not warnings' stack traces", () => {
    for (const count of [100, 300]) {
      const stack = buildPatternStack(Testing.app(), count);
      Testing.synth(stack);
      expect({ count, warnings: warningsOf(stack) }).toEqual({ count, warnings: [] });
    }
  });

  test("the hand-wired stack declares the same as the pattern with 300 requesters", () => {
    const synth = (build: typeof buildPatternStack) => normalizeStack(JSON.parse(Testing.synth(build(Testing.app(), 300), true)));
    const [pattern, handWired] = [synth(buildPatternStack), synth(buildHandWiredStack)];
    expect(handWired.counts).toEqual(pattern.counts);
    expect(handWired.rest).toEqual(pattern.rest);
    expect(handWired.blocks).toEqual(pattern.blocks);
  });

  test("the nested hand-wired stack has the pattern's own addresses: its JSON is the pattern's, key for key", () => {
    const pattern = JSON.parse(Testing.synth(buildPatternStack(Testing.app(), 300), true));
    const nested = JSON.parse(Testing.synth(buildHandWiredStack(Testing.app(), 300, true), true));
    expect(addressesOf(nested)).toEqual(addressesOf(pattern));
    expect(JSON.stringify(nested).length).toBe(JSON.stringify(pattern).length);
    expect(normalizeStack(nested).blocks).toEqual(normalizeStack(pattern).blocks);
  });
});
