/**
 * The subnet split, tested as properties over generated VPC blocks rather than restated examples.
 * Addresses are parsed here independently of infra/network.ts, so a wrong helper there cannot
 * make a wrong split look right.
 */
import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import fc from "fast-check";
import { ConfigError, type MunicipalityConfig, parseStackConfig } from "../../infra/config";
import { AVAILABILITY_ZONES, isolatedSubnetCidrs } from "../../infra/network";

/** AWS's smallest subnet is a /28 (16 addresses); Amazon VPC User Guide, "Subnet sizing". */
const SMALLEST_SUBNET_ADDRESSES = 16;
const RUNS = { numRuns: 150 };

interface Block {
  readonly start: number;
  readonly prefix: number;
  readonly size: number;
}

function parseCidr(cidr: string): Block {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  ok(match, `${cidr} is not an IPv4 CIDR block`);
  const octets = match.slice(1, 5).map(Number);
  ok(
    octets.every((octet) => octet <= 255),
    cidr,
  );
  const prefix = Number(match[5]);
  return { start: octets.reduce((acc, octet) => acc * 256 + octet, 0), prefix, size: 2 ** (32 - prefix) };
}

function cidrOf(start: number, prefix: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join(".")}/${prefix}`;
}

/** A network address and prefix; `aligned: false` sets some host bits. */
const vpcBlock = (prefixes: fc.Arbitrary<number>, aligned = true) =>
  fc.tuple(prefixes, fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 16 })).map(([prefix, address, hostBits]) => {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(address / size) * size;
    return cidrOf(aligned ? start : start + 1 + (hostBits % Math.max(size - 1, 1)), prefix);
  });

/** RFC 1918's private blocks and RFC 6598's shared address space: what a closed VPC may use. */
const PRIVATE_RANGES = [
  { start: 10 * 2 ** 24, prefix: 8 },
  { start: (172 * 256 + 16) * 2 ** 16, prefix: 12 },
  { start: (192 * 256 + 168) * 2 ** 16, prefix: 16 },
  { start: (100 * 256 + 64) * 2 ** 16, prefix: 10 },
];

function isPrivate(vpc: Block): boolean {
  return PRIVATE_RANGES.some(
    (range) =>
      vpc.prefix >= range.prefix && vpc.start >= range.start && vpc.start < range.start + 2 ** (32 - range.prefix),
  );
}

/** A block inside one of the private ranges. */
const privateBlock = (prefixes: fc.Arbitrary<number>, aligned = true) =>
  fc
    .tuple(fc.constantFrom(...PRIVATE_RANGES), prefixes, fc.nat({ max: 2 ** 24 - 1 }), fc.nat({ max: 2 ** 16 }))
    .map(([range, prefix, offset, hostBits]) => {
      const size = 2 ** (32 - prefix);
      const start = range.start + Math.floor((offset % 2 ** (32 - range.prefix)) / size) * size;
      return cidrOf(aligned ? start : start + 1 + (hostBits % Math.max(size - 1, 1)), prefix);
    });

/**
 * The promise of infra/network.ts in addresses: four equal slots of the block, but never a slot
 * under AWS's smallest subnet.
 */
function promisedSubnetAddresses(vpc: Block): number {
  return Math.max(vpc.size / 4, SMALLEST_SUBNET_ADDRESSES);
}

function assertSplit(vpcCidr: string, zones: readonly string[], subnets: Record<string, string>): void {
  const vpc = parseCidr(vpcCidr);
  deepStrictEqual(Object.keys(subnets), [...zones], "one subnet per AZ, in AZ order");
  const blocks = zones.map((zone) => parseCidr(subnets[zone]));
  for (const [i, block] of blocks.entries()) {
    strictEqual(block.size, promisedSubnetAddresses(vpc), `${subnets[zones[i]]} of ${vpcCidr}`);
    strictEqual(block.start % block.size, 0, `${subnets[zones[i]]} is not a network address`);
    ok(
      block.start >= vpc.start && block.start + block.size <= vpc.start + vpc.size,
      `${subnets[zones[i]]} outside ${vpcCidr}`,
    );
    for (const other of blocks.slice(0, i)) {
      ok(block.start >= other.start + other.size || other.start >= block.start + block.size, `overlap in ${vpcCidr}`);
    }
  }
  // Packed from the base, so whatever is left over is one contiguous free range at the top.
  strictEqual(blocks[0]?.start ?? vpc.start, vpc.start);
}

describe("subnet maths (infra/network.ts)", () => {
  it("splits any aligned /16-/28 block into aligned, disjoint subnets inside it, one per AZ", () => {
    fc.assert(
      fc.property(vpcBlock(fc.integer({ min: 16, max: 28 })), fc.integer({ min: 1, max: 4 }), (cidr, wanted) => {
        const vpc = parseCidr(cidr);
        const room = vpc.size / promisedSubnetAddresses(vpc);
        fc.pre(wanted <= room);
        const zones = Array.from({ length: wanted }, (_, i) => `zone-${i}`);
        assertSplit(cidr, zones, isolatedSubnetCidrs(cidr, zones));
      }),
      RUNS,
    );
  });

  it("leaves at least one slot free for three AZs in blocks of /26 or larger", () => {
    fc.assert(
      fc.property(vpcBlock(fc.integer({ min: 16, max: 26 })), (cidr) => {
        const vpc = parseCidr(cidr);
        const zones = ["a", "b", "c"];
        const used = Object.values(isolatedSubnetCidrs(cidr, zones)).reduce(
          (sum, subnet) => sum + parseCidr(subnet).size,
          0,
        );
        strictEqual(vpc.size - used, vpc.size / 4);
      }),
      RUNS,
    );
  });

  it("refuses more AZs than the block has room for, naming how many fit", () => {
    fc.assert(
      fc.property(vpcBlock(fc.integer({ min: 16, max: 28 })), fc.integer({ min: 1, max: 6 }), (cidr, extra) => {
        const vpc = parseCidr(cidr);
        const room = vpc.size / promisedSubnetAddresses(vpc);
        const zones = Array.from({ length: room + extra }, (_, i) => `zone-${i}`);
        throws(
          () => isolatedSubnetCidrs(cidr, zones),
          new RegExp(`^Error: ${cidr.replace(/[./]/g, "\\$&")} has room for ${room} isolated subnet\\(s\\)`),
        );
      }),
      RUNS,
    );
  });
});

describe("VPC config → subnets (infra/config.ts with infra/network.ts)", () => {
  function municipality(vpc: { cidrBlock: string; availabilityZoneCount: number }, region: string) {
    return {
      account: "municipality",
      accountId: "222222222222",
      region,
      municipalityName: "sapporo",
      operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
      vpc,
    };
  }

  function vpcProblems(raw: unknown): string[] {
    try {
      parseStackConfig(raw);
      return [];
    } catch (error) {
      ok(error instanceof ConfigError, String(error));
      return error.problems.filter((p) => p.key.startsWith("bedrock-lz:vpc.")).map((p) => p.message);
    }
  }

  const anyBlock = fc.oneof(
    vpcBlock(fc.integer({ min: 8, max: 32 })),
    vpcBlock(fc.integer({ min: 16, max: 28 })),
    privateBlock(fc.integer({ min: 16, max: 28 })),
    privateBlock(fc.integer({ min: 16, max: 28 })),
    privateBlock(fc.integer({ min: 16, max: 28 }), false),
  );
  const region = fc.constantFrom(...(Object.keys(AVAILABILITY_ZONES) as (keyof typeof AVAILABILITY_ZONES)[]));

  it("accepts exactly the blocks and AZ counts the split can serve, and the split of an accepted one is sound", () => {
    fc.assert(
      fc.property(anyBlock, fc.integer({ min: 1, max: 3 }), region, (cidrBlock, availabilityZoneCount, regionName) => {
        const vpc = parseCidr(cidrBlock);
        const aligned = vpc.start % vpc.size === 0;
        const sized = vpc.prefix >= 16 && vpc.prefix <= 28;
        const fits = sized && availabilityZoneCount <= vpc.size / promisedSubnetAddresses(vpc);
        const raw = municipality({ cidrBlock, availabilityZoneCount }, regionName);
        if (!(aligned && fits && isPrivate(vpc))) {
          const problems = vpcProblems(raw);
          strictEqual(problems.length, 1, `${cidrBlock} × ${availabilityZoneCount}: ${problems.join(" | ")}`);
          return;
        }
        const config = parseStackConfig(raw) as MunicipalityConfig;
        const zones = config.vpc?.availabilityZones ?? [];
        strictEqual(zones.length, availabilityZoneCount);
        strictEqual(new Set(zones).size, zones.length);
        ok(zones.every((zone) => zone.startsWith(regionName)));
        // ap-northeast-1b is closed to new accounts.
        ok(!zones.includes("ap-northeast-1b"));
        assertSplit(cidrBlock, zones, isolatedSubnetCidrs(config.vpc?.cidrBlock ?? "", zones));
      }),
      RUNS,
    );
  });

  it("says why a block is refused", () => {
    deepStrictEqual(
      vpcProblems(municipality({ cidrBlock: "10.0.0.5/16", availabilityZoneCount: 1 }, "ap-northeast-1")),
      ['"10.0.0.5/16" has host bits set; use the network address (e.g. 10.0.0.0/16)'],
    );
    deepStrictEqual(
      vpcProblems(municipality({ cidrBlock: "10.0.0.0/29", availabilityZoneCount: 1 }, "ap-northeast-1")),
      ["must have a prefix length between /16 and /28 (the VPC limits)"],
    );
    deepStrictEqual(
      vpcProblems(municipality({ cidrBlock: "10.0.0.0/27", availabilityZoneCount: 3 }, "ap-northeast-1")),
      [
        "10.0.0.0/27 has room for 2 isolated subnet(s) of at least /28, not 3 (vpc.availabilityZoneCount); use a larger block",
      ],
    );
  });

  it("refuses a public block, and accepts every private range up to its edges", () => {
    for (const cidr of ["8.8.0.0/16", "11.0.0.0/16", "172.32.0.0/16", "192.169.0.0/16", "100.128.0.0/16"]) {
      deepStrictEqual(vpcProblems(municipality({ cidrBlock: cidr, availabilityZoneCount: 1 }, "ap-northeast-1")), [
        `"${cidr}" is a public address range. AWS accepts one, but in this closed VPC it would shadow the real ` +
          "internet addresses of that range (the VPC routes them to itself), and nothing here needs one: use a " +
          "private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)",
      ]);
    }
    for (const cidr of ["10.255.0.0/16", "172.16.0.0/16", "172.31.255.240/28", "192.168.0.0/16", "100.127.0.0/16"]) {
      deepStrictEqual(vpcProblems(municipality({ cidrBlock: cidr, availabilityZoneCount: 1 }, "ap-northeast-1")), []);
    }
  });
});
