/**
 * Subnet maths for the closed VPC, kept pure so it is tested without Pulumi.
 *
 * We do not use `@pulumi/awsx` `ec2.Vpc`: it creates and attaches an Internet Gateway
 * unconditionally, even with isolated subnets only (pulumi-awsx `awsx/ec2/vpc.ts`, issue #947),
 * and a closed government-cloud VPC must have none.
 */
import type { JapanRegion } from "./catalog";

/**
 * AZs in a fixed order per region. Tokyo's ap-northeast-1b is closed to new accounts, so it is
 * skipped; subnets are named after their AZ, which keeps logical names stable.
 */
export const AVAILABILITY_ZONES: Readonly<Record<JapanRegion, readonly string[]>> = {
  "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
  "ap-northeast-3": ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"],
};

/** AWS's smallest subnet. */
export const MIN_SUBNET_PREFIX = 28;

/**
 * Each AZ gets one isolated subnet from a grid of four equal slots (/16 → four /18s), so a
 * fourth slot stays free for later use; small blocks shrink the grid down to /28 subnets.
 */
export function isolatedSubnetPrefix(vpcCidr: string): number {
  return Math.min(prefixOf(vpcCidr) + 2, MIN_SUBNET_PREFIX);
}

export function subnetSlots(vpcCidr: string): number {
  return 2 ** (isolatedSubnetPrefix(vpcCidr) - prefixOf(vpcCidr));
}

/** The CIDR block of each isolated subnet, keyed by AZ name, in AZ order. */
export function isolatedSubnetCidrs(vpcCidr: string, availabilityZones: readonly string[]): Record<string, string> {
  if (availabilityZones.length > subnetSlots(vpcCidr)) {
    throw new Error(
      `${vpcCidr} has room for ${subnetSlots(vpcCidr)} isolated subnet(s) of at least /${MIN_SUBNET_PREFIX}, ` +
        `not ${availabilityZones.length}`,
    );
  }
  const base = ipv4ToNumber(vpcCidr.split("/")[0]);
  const subnetPrefix = isolatedSubnetPrefix(vpcCidr);
  const size = 2 ** (32 - subnetPrefix);
  return Object.fromEntries(
    availabilityZones.map((zone, slot) => [zone, `${numberToIpv4(base + slot * size)}/${subnetPrefix}`]),
  );
}

export function prefixOf(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

export function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}
