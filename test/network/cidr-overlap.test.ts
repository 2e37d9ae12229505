// The CIDR overlap check (a sorted sweep) reports exactly the pairs a pairwise comparison finds, in
// attachment order, for nested, equal, adjacent and disjoint blocks.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { findCidrOverlaps } from "../../lib/network/checks";
import { ValidationCode, cidrsOverlap, isIssue, parseCidr } from "../../lib/validation";
import * as cidrChecks from "../../lib/validation/checks";

const net = (i: number, cidr: string) => ({ name: `n${i}`, vpcId: `vpc-${i}`, vpcCidrBlock: cidr });

/** The pairs, by attachment index, that a plain pairwise scan finds. */
function pairwise(cidrs: string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      const [a, b] = [parseCidr(cidrs[i], "a"), parseCidr(cidrs[j], "b")];
      if (!isIssue(a) && !isIssue(b) && cidrsOverlap(a, b)) pairs.push(`"n${i}"-"n${j}"`);
    }
  }
  return pairs;
}

const found = (cidrs: string[]) =>
  findCidrOverlaps(cidrs.map((c, i) => net(i, c))).map((issue) => {
    const names = issue.problem.match(/"n\d+"/g)!;
    return `${names[0]}-${names[1]}`;
  });

describe("findCidrOverlaps", () => {
  test("nested, equal and adjacent blocks", () => {
    const cidrs = ["10.1.0.0/16", "10.0.0.0/8", "10.1.2.0/24", "10.2.0.0/16", "10.1.0.0/16", "11.0.0.0/8", "10.1.2.128/25"];
    expect(found(cidrs)).toEqual(pairwise(cidrs));
    expect(found(cidrs)).toEqual([
      '"n0"-"n1"', '"n0"-"n2"', '"n0"-"n4"', '"n0"-"n6"', '"n1"-"n2"', '"n1"-"n3"', '"n1"-"n4"', '"n1"-"n6"', '"n2"-"n4"', '"n2"-"n6"', '"n4"-"n6"',
    ]);
  });

  test("the issue names both attachments with their VPCs and CIDRs, and the fix names the second one", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const vpcId = new TerraformVariable(stack, "vpc", { type: "string" }).stringValue;
    expect(findCidrOverlaps([net(0, "10.0.0.0/16"), { name: "later", vpcId, vpcCidrBlock: "10.0.1.0/24" }])).toEqual([
      {
        code: ValidationCode.CIDR_OVERLAP,
        problem:
          'VPC attachments "n0" (VPC vpc-0, 10.0.0.0/16) and "later" (a VPC whose id is known at apply, 10.0.1.0/24) have overlapping CIDR blocks, so the transit routers cannot route between them',
        received: '"10.0.0.0/16" and "10.0.1.0/24"',
        allowed: "disjoint CIDR blocks for every VPC the CEN connects",
        fix: 're-address one of the two VPCs, or leave "later" out of this network',
      },
    ]);
  });

  test("a token CIDR is skipped", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    expect(findCidrOverlaps([net(0, "10.0.0.0/16"), { name: "t", vpcId: "vpc-t", vpcCidrBlock: cidr }])).toEqual([]);
  });

  test("a block that starts at the last address of another overlaps it", () => {
    expect(found(["10.0.0.0/24", "10.0.0.255/32", "10.0.1.0/32"])).toEqual(['"n0"-"n1"']);
  });

  test("disjoint blocks give no issue; malformed ones are skipped", () => {
    expect(found(["10.0.0.0/16", "10.1.0.0/16", "not a cidr", "192.168.0.0/24"])).toEqual([]);
  });

  test("disjoint blocks are never compared pair by pair: the sweep closes each block before the next starts", () => {
    const compare = jest.spyOn(cidrChecks, "cidrsOverlap");
    try {
      const cidrs = Array.from({ length: 500 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`).reverse();
      expect(found(cidrs)).toEqual([]);
      expect(compare).not.toHaveBeenCalled();
      // Nested blocks are compared with the blocks that enclose them only.
      compare.mockClear();
      expect(found(["10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.2.1.0/24"])).toEqual(['"n0"-"n1"', '"n0"-"n2"', '"n0"-"n3"', '"n2"-"n3"']);
      expect(compare).toHaveBeenCalledTimes(4);
    } finally {
      compare.mockRestore();
    }
  });

  test("random landing zones: the same pairs as a pairwise scan", () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 50; round++) {
      const cidrs = Array.from({ length: 30 }, () => {
        const prefix = 8 + random(17);
        const value = (10 * 2 ** 24 + random(2 ** 16) * 2 ** 8) >>> 0;
        const network = value - (value % 2 ** (32 - prefix));
        return `${[24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".")}/${prefix}`;
      });
      expect(found(cidrs)).toEqual(pairwise(cidrs));
    }
  });
});
