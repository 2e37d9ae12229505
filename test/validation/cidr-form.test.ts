// A CIDR block must be written a.b.c.d/n, whole: text before or after it, a missing prefix length,
// or a form ipaddr.js would also accept (hex octets) is "not an IPv4 CIDR block" with the fix that
// shows the form; octets or a prefix length out of range get the fix that names the ranges.
import { DashScopeEndpoint } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { fixture, props, validationError } from "../endpoint/helpers";

const FORM_FIX = 'write the network as address/prefix-length, e.g. "10.0.0.0/16" (IPv6 is not supported by these security group rules)';

function vpcCidrIssue(vpcCidrBlock: string) {
  const { stack, provider } = fixture();
  const issues = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { vpcCidrBlock, allowedCidrs: ["10.10.0.0/16"] }))).issues;
  return issues.filter((i) => i.problem.startsWith("vpcCidrBlock "));
}

describe("the written form of a CIDR block", () => {
  test.each(["10.10.0.0", "x10.10.0.0/16", "10.10.0.0/16x", "0xa.10.0.0/16", " 10.10.0.0/16"])("%j is not a CIDR block, and the fix shows the form", (cidr) => {
    expect(vpcCidrIssue(cidr)).toEqual([
      expect.objectContaining({ code: ValidationCode.CIDR_INVALID, problem: "vpcCidrBlock is not an IPv4 CIDR block", received: JSON.stringify(cidr), fix: FORM_FIX }),
    ]);
  });

  test("octets out of range have the form but get the fix that names the ranges", () => {
    expect(vpcCidrIssue("10.300.0.0/16")).toEqual([
      expect.objectContaining({ code: ValidationCode.CIDR_INVALID, fix: "use octets from 0 to 255 and a prefix length from 0 to 32" }),
    ]);
  });
});
