import { PER_THROUGHPUT_UNIT, capacityFacts, throughputOf } from '../../lib/sizing/capacity';
import { recommendSizing } from '../../lib/sizing/recommend';

describe('throughputOf (the guide: 1 TU = 1 MB/s or 1,000 events/s in, 2 MB/s or 4,096 events/s out)', () => {
  it.each([1, 7, 32, 40])('%d TUs', (units) => {
    expect(throughputOf(units)).toEqual({
      throughputUnits: units,
      ingressMegabytesPerSecond: units,
      ingressEventsPerSecond: 1000 * units,
      egressMegabytesPerSecond: 2 * units,
      egressEventsPerSecond: 4096 * units,
    });
  });

  it('uses the per-unit quotas of help/guide-facts.md', () => {
    expect(PER_THROUGHPUT_UNIT).toEqual({
      ingressMegabytesPerSecond: 1,
      ingressEventsPerSecond: 1000,
      egressMegabytesPerSecond: 2,
      egressEventsPerSecond: 4096,
    });
  });
});

describe('capacityFacts', () => {
  it("Standard: the allocated units, the auto-inflate ceiling and the guide's scale-up levels", () => {
    const facts = capacityFacts(recommendSizing({ eventsPerMinute: 120_000, endpoints: 20_000 }));
    expect(facts.tier).toBe('Standard');
    expect(facts.measuredEventsPerSecond).toBe(2000);
    expect(facts.formulaIngressMegabytesPerSecond).toBeCloseTo(((120_000 / 60) * 3) / 1024, 10);
    expect(facts.allocated).toEqual(throughputOf(7));
    expect(facts.inflated).toEqual(throughputOf(14));
    expect(facts.scaleAt).toEqual({ incomingMegabytesPerSecond: 7, outgoingMegabytesPerSecond: 14 });
    expect(facts.notes.join('\n')).toMatch(/Scale up when Incoming Bytes reach 7 MB\/s or Outgoing Bytes reach 14 MB\/s/);
    expect(facts.notes.join('\n')).toMatch(/7 throughput units carry 7 MB\/s or 7,000 events\/s in, 14 MB\/s or 28,672 events\/s out/);
  });

  it("the allocated units always carry the measured rate, in bytes at the formula's 3 KB per event and in events", () => {
    for (const eventsPerMinute of [0, 1, 20_480, 120_000, 634_880]) {
      const facts = capacityFacts(recommendSizing({ eventsPerMinute }));
      expect(facts.allocated!.ingressMegabytesPerSecond).toBeGreaterThan(facts.formulaIngressMegabytesPerSecond);
      expect(facts.allocated!.ingressEventsPerSecond).toBeGreaterThan(facts.measuredEventsPerSecond);
    }
  });

  it('Premium: an estimate at 5 TUs per processing unit, without auto-inflate', () => {
    const facts = capacityFacts(recommendSizing({ eventsPerMinute: 700_000, endpoints: 10_000 }));
    expect(facts.tier).toBe('Premium');
    expect(facts.allocated).toEqual(throughputOf(40));
    expect(facts.inflated).toBeUndefined();
    expect(facts.scaleAt).toEqual({ incomingMegabytesPerSecond: 40, outgoingMegabytesPerSecond: 80 });
    expect(facts.notes.join('\n')).toMatch(/8 processing units carry about 40 throughput units' worth/);
  });

  it('Dedicated: no throughput-unit figures', () => {
    const facts = capacityFacts(recommendSizing({ eventsPerMinute: 700_000, endpoints: 60_000 }));
    expect(facts.tier).toBe('Dedicated');
    expect(facts.allocated).toBeUndefined();
    expect(facts.scaleAt).toBeUndefined();
    expect(facts.notes.join('\n')).toMatch(/no throughput-unit quota/);
  });
});
