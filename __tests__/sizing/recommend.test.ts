import fc from 'fast-check';
import { InvalidSettingsError } from '../../lib/rules/errors';
import { maxPartitionsFor } from '../../lib/rules/limits';
import {
  SizingRecommendation,
  inflateCapFor,
  processingUnitsFor,
  recommendSizing,
  throughputUnitsFor,
  validateSizingInput,
} from '../../lib/sizing/recommend';

/** The guide's formula evaluated exactly, in integers: ceil(events * 3 / (60 * 1024)) + 1. */
function guideUnits(eventsPerMinute: number): number {
  const numerator = BigInt(eventsPerMinute) * 3n;
  const denominator = 60n * 1024n;
  return Number((numerator + denominator - 1n) / denominator) + 1;
}

/** The smallest integer rate for which the guide's formula gives more than `units` throughput units. */
function firstRateAbove(units: number): number {
  // (units - 1) * 60 * 1024 / 3 is the last rate giving `units`; it is a whole number.
  return ((units - 1) * 60 * 1024) / 3 + 1;
}

const TIER_RANK = { Standard: 0, Premium: 1, Dedicated: 2 } as const;

describe("throughputUnitsFor (the guide's formula, rounded up)", () => {
  it('gives 1 TU for 0 events and 2 for any rate above 0, however small', () => {
    expect(throughputUnitsFor(0)).toBe(1);
    expect(throughputUnitsFor(Number.MIN_VALUE)).toBe(2);
    expect(throughputUnitsFor(1)).toBe(2);
  });

  it('crosses every integer from 1 to 1,100 TUs exactly where the exact formula does', () => {
    for (let units = 1; units <= 1100; units++) {
      const last = firstRateAbove(units) - 1;
      expect(guideUnits(last)).toBe(units);
      expect(throughputUnitsFor(last)).toBe(units);
      expect(throughputUnitsFor(last + 1)).toBe(units + 1);
      expect(throughputUnitsFor(last + 1e-6)).toBe(units + 1);
    }
  });

  it('agrees with the exact formula on any whole rate', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (rate) => throughputUnitsFor(rate) === guideUnits(rate)));
  });
});

describe('recommendSizing at the boundaries of the guide formula', () => {
  type Row = [string, number, number | undefined, Partial<Record<string, unknown>>];
  const rows: Row[] = [
    ['0 events', 0, undefined, { tier: 'Standard', throughputUnits: 1, inflateCap: 2, partitions: 1 }],
    ['the smallest whole rate giving 2 TUs', 1, undefined, { tier: 'Standard', throughputUnits: 2, inflateCap: 4, partitions: 2 }],
    ['the largest rate giving 2 TUs', firstRateAbove(2) - 1, undefined, { tier: 'Standard', throughputUnits: 2, inflateCap: 4 }],
    ['the smallest whole rate giving 3 TUs', firstRateAbove(2), undefined, { tier: 'Standard', throughputUnits: 3, inflateCap: 6 }],
    ["the issue's example", 120_000, 20_000, { tier: 'Standard', throughputUnits: 7, inflateCap: 14, partitions: 7 }],
    ['19 TUs: cap 38', firstRateAbove(19) - 1, undefined, { tier: 'Standard', throughputUnits: 19, inflateCap: 38 }],
    [
      "20 TUs: cap 40, the first to reach Azure's maximum",
      firstRateAbove(19),
      undefined,
      { tier: 'Standard', throughputUnits: 20, inflateCap: 40 },
    ],
    ['21 TUs: cap stays 40', firstRateAbove(20), undefined, { tier: 'Standard', throughputUnits: 21, inflateCap: 40 }],
    [
      '32 TUs: the last Standard size',
      firstRateAbove(32) - 1,
      undefined,
      { tier: 'Standard', throughputUnits: 32, inflateCap: 40, partitions: 32 },
    ],
    ['33 TUs: Premium', firstRateAbove(32), undefined, { tier: 'Premium', throughputUnits: 33, processingUnits: 8, partitions: 33 }],
    [
      '40 TUs: the most 8 PUs carry',
      firstRateAbove(40) - 1,
      10_000,
      { tier: 'Premium', throughputUnits: 40, processingUnits: 8, partitions: 40 },
    ],
    ['41 TUs: 16 PUs', firstRateAbove(40), 10_000, { tier: 'Premium', throughputUnits: 41, processingUnits: 16, partitions: 41 }],
    [
      '80 TUs: the most 16 PUs carry',
      firstRateAbove(80) - 1,
      49_999,
      { tier: 'Premium', throughputUnits: 80, processingUnits: 16, partitions: 80 },
    ],
    ['81 TUs: 16 PUs fall short', firstRateAbove(80), 49_999, { tier: 'Dedicated', throughputUnits: 81, partitions: 81 }],
    ['81 TUs without an endpoint count', firstRateAbove(80), undefined, { tier: 'Dedicated', throughputUnits: 81 }],
    ['33 TUs, 49,999 endpoints', firstRateAbove(32), 49_999, { tier: 'Premium', processingUnits: 8 }],
    ['33 TUs, exactly 50,000 endpoints (not more than 50,000)', firstRateAbove(32), 50_000, { tier: 'Premium', processingUnits: 8 }],
    ['33 TUs, 50,001 endpoints', firstRateAbove(32), 50_001, { tier: 'Dedicated', throughputUnits: 33, partitions: 33 }],
    ['32 TUs, 50,001 endpoints: the rate still fits Standard', firstRateAbove(32) - 1, 50_001, { tier: 'Standard', throughputUnits: 32 }],
    [
      '1,024 TUs: the most partitions a dedicated hub has',
      firstRateAbove(1024) - 1,
      undefined,
      { tier: 'Dedicated', throughputUnits: 1024, partitions: 1024 },
    ],
    [
      '1,025 TUs: partitions clamped to 1,024',
      firstRateAbove(1024),
      undefined,
      { tier: 'Dedicated', throughputUnits: 1025, partitions: 1024 },
    ],
  ];

  it.each(rows)('%s (%d events/min, %s endpoints)', (_name, eventsPerMinute, endpoints, expected) => {
    const recommendation = recommendSizing({ eventsPerMinute, endpoints });
    expect(recommendation).toMatchObject({ ...expected, retentionDays: 1, eventsPerMinute });
    expect(recommendation.throughputUnits).toBe(guideUnits(eventsPerMinute));
  });

  it('has no Standard-only or Premium-only fields on the other tiers', () => {
    expect(recommendSizing({ eventsPerMinute: 0 })).not.toHaveProperty('processingUnits');
    expect(recommendSizing({ eventsPerMinute: firstRateAbove(32) })).not.toHaveProperty('inflateCap');
    const dedicated = recommendSizing({ eventsPerMinute: firstRateAbove(80) });
    expect(dedicated).not.toHaveProperty('inflateCap');
    expect(dedicated).not.toHaveProperty('processingUnits');
    expect(recommendSizing({ eventsPerMinute: 0 })).not.toHaveProperty('endpoints');
  });
});

describe('processingUnitsFor (5 TUs per PU, the smallest of 1, 2, 4, 8, 16)', () => {
  it.each([
    [1, 1],
    [5, 1],
    [6, 2],
    [10, 2],
    [11, 4],
    [20, 4],
    [21, 8],
    [40, 8],
    [41, 16],
    [80, 16],
    [81, undefined],
  ])('%d TUs -> %s PUs', (units, pus) => {
    expect(processingUnitsFor(units)).toBe(pus);
  });
});

describe('reasons', () => {
  it("show the formula's value and the rounding", () => {
    const { reasons } = recommendSizing({ eventsPerMinute: 120_000, endpoints: 20_000 });
    expect(reasons[0]).toBe(
      "The guide's formula (120,000 / 60 * 3 / 1024) + 1 = 6.859, rounded up to 7 (never down: under-provisioning loses events): 7 throughput units.",
    );
    expect(reasons.join('\n')).toMatch(/Standard tier/);
    expect(reasons.join('\n')).toMatch(/Auto-inflate cap 14 = min\(40, 2 \* 7\)/);
  });

  it('never show a value just below an integer as that integer', () => {
    expect(recommendSizing({ eventsPerMinute: firstRateAbove(2) - 1.001 }).reasons[0]).toMatch(/= 1\.999, rounded up to 2/);
    expect(recommendSizing({ eventsPerMinute: 1 }).reasons[0]).toMatch(/= just over 1, rounded up to 2/);
  });

  it('say why Premium or a dedicated cluster, naming the endpoint count or its absence', () => {
    const rate = firstRateAbove(32);
    expect(recommendSizing({ eventsPerMinute: rate, endpoints: 50_000 }).reasons.join('\n')).toMatch(
      /50,000 endpoints is not more than 50,000/,
    );
    expect(recommendSizing({ eventsPerMinute: rate }).reasons.join('\n')).toMatch(/no endpoint count was given/);
    expect(recommendSizing({ eventsPerMinute: rate, endpoints: 50_001 }).reasons.join('\n')).toMatch(/50,001 endpoints exceed 50,000/);
    expect(recommendSizing({ eventsPerMinute: firstRateAbove(80) }).reasons.join('\n')).toMatch(/exceed the 80 that 16 processing units/);
    expect(recommendSizing({ eventsPerMinute: firstRateAbove(1024) }).reasons.join('\n')).toMatch(
      /1024 partitions, the most .* Dedicated .* 1,025/,
    );
  });
});

describe('input that is not a finite non-negative number', () => {
  it.each([
    [{ eventsPerMinute: Number.NaN }, 'eventsPerMinute = NaN: must be a finite number, 0 or more'],
    [{ eventsPerMinute: Number.POSITIVE_INFINITY }, 'eventsPerMinute = Infinity: must be a finite number'],
    [{ eventsPerMinute: -1 }, 'eventsPerMinute = -1: must be a finite number, 0 or more'],
    [{ eventsPerMinute: '1000' }, 'eventsPerMinute = "1000": must be a finite number'],
    [{ eventsPerMinute: 1, endpoints: 1.5 }, 'endpoints = 1.5: must be a whole number of endpoints, 0 or more'],
    [{ eventsPerMinute: 1, endpoints: -3 }, 'endpoints = -3: must be a whole number'],
    [{ eventsPerMinute: 1, endpoints: Number.NaN }, 'endpoints = NaN: must be a whole number'],
  ])('%p is refused', (input, message) => {
    expect(() => recommendSizing(input as never)).toThrow(InvalidSettingsError);
    expect(() => recommendSizing(input as never)).toThrow(message);
  });

  it("reports both inputs at once, under the caller's names", () => {
    const problems = validateSizingInput(
      { eventsPerMinute: -1, endpoints: 0.5 },
      { eventsPerMinute: '--events-per-minute', endpoints: '--endpoints' },
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^--events-per-minute = -1: /);
    expect(problems[1]).toMatch(/^--endpoints = 0.5: /);
  });

  it('accepts 0 endpoints and fractional rates', () => {
    expect(validateSizingInput({ eventsPerMinute: 0.5, endpoints: 0 })).toEqual([]);
  });
});

const rate = fc.oneof(
  fc.integer({ min: 0, max: 25_000_000 }),
  fc.double({ min: 0, max: 25_000_000, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: 1, max: 1100 }).map((units) => firstRateAbove(units) - 1),
);
const endpoints = fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined });

function sizeWithinTier(r: SizingRecommendation): number {
  if (r.tier === 'Standard') return r.inflateCap;
  return r.tier === 'Premium' ? r.processingUnits : 0;
}

describe('properties', () => {
  it('more events never yield fewer TUs, partitions or a smaller tier; within a tier, never a smaller cap or fewer PUs', () => {
    fc.assert(
      fc.property(rate, rate, endpoints, (a, b, n) => {
        const [low, high] = [
          recommendSizing({ eventsPerMinute: Math.min(a, b), endpoints: n }),
          recommendSizing({ eventsPerMinute: Math.max(a, b), endpoints: n }),
        ];
        expect(high.throughputUnits).toBeGreaterThanOrEqual(low.throughputUnits);
        expect(high.partitions).toBeGreaterThanOrEqual(low.partitions);
        expect(TIER_RANK[high.tier]).toBeGreaterThanOrEqual(TIER_RANK[low.tier]);
        if (high.tier === low.tier) expect(sizeWithinTier(high)).toBeGreaterThanOrEqual(sizeWithinTier(low));
      }),
    );
  });

  it('more endpoints never yield a smaller tier', () => {
    fc.assert(
      fc.property(rate, fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }), (r, x, y) => {
        const fewer = recommendSizing({ eventsPerMinute: r, endpoints: Math.min(x, y) });
        const more = recommendSizing({ eventsPerMinute: r, endpoints: Math.max(x, y) });
        expect(TIER_RANK[more.tier]).toBeGreaterThanOrEqual(TIER_RANK[fewer.tier]);
      }),
    );
  });

  it("every recommendation keeps the tier's rules and the decisions of help/decisions.md", () => {
    fc.assert(
      fc.property(rate, endpoints, (r, n) => {
        const s = recommendSizing({ eventsPerMinute: r, endpoints: n });
        expect(s.retentionDays).toBe(1);
        expect(s.partitions).toBe(
          Math.min(s.throughputUnits, maxPartitionsFor(s.tier, s.tier === 'Premium' ? s.processingUnits : undefined)),
        );
        expect(s.reasons.length).toBeGreaterThanOrEqual(4);
        if (s.tier === 'Standard') {
          expect(s.throughputUnits).toBeLessThanOrEqual(32);
          expect(s.inflateCap).toBe(Math.min(40, 2 * s.throughputUnits));
          expect(s.inflateCap).toBeGreaterThanOrEqual(s.throughputUnits + 1);
          expect(s.inflateCap).toBe(inflateCapFor(s.throughputUnits));
        } else {
          expect(s.throughputUnits).toBeGreaterThan(32);
        }
        if (s.tier === 'Premium') {
          expect(5 * s.processingUnits).toBeGreaterThanOrEqual(s.throughputUnits);
          const smaller = [1, 2, 4, 8, 16].filter((p) => p < s.processingUnits);
          for (const p of smaller) expect(5 * p).toBeLessThan(s.throughputUnits);
          expect(n === undefined || n <= 50_000).toBe(true);
        }
        if (s.tier === 'Dedicated') expect(s.throughputUnits > 80 || (n !== undefined && n > 50_000)).toBe(true);
      }),
    );
  });
});
