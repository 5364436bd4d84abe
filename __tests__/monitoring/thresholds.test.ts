import {
  ALERT_WINDOW_MINUTES,
  BYTES_PER_MB,
  alertThroughputUnits,
  bytesPerWindow,
  scalingThresholds,
} from '../../lib/monitoring/thresholds';

const MIB = 1_048_576;

describe('scaling thresholds', () => {
  test('a five-minute window of bytes, in binary megabytes', () => {
    expect(BYTES_PER_MB).toBe(MIB);
    expect(ALERT_WINDOW_MINUTES).toBe(5);
    expect(bytesPerWindow(1, 1)).toBe(314_572_800);
    expect(bytesPerWindow(3, 2, 1)).toBe(3 * 2 * MIB * 60);
  });

  test('Standard without auto-inflate: the allocated units, 1 MB/s in and 2 MB/s out per unit', () => {
    expect(scalingThresholds({ tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 2 })).toEqual({
      throughputUnits: 2,
      fromInflateCap: false,
      incomingBytesPerWindow: 629_145_600,
      outgoingBytesPerWindow: 1_258_291_200,
    });
    expect(scalingThresholds({ tier: 'Standard', throughputUnits: 7 })).toMatchObject({
      throughputUnits: 7,
      fromInflateCap: false,
      incomingBytesPerWindow: 7 * MIB * 300,
    });
  });

  test('Standard with auto-inflate: the cap, because Azure raises the units itself up to it', () => {
    expect(scalingThresholds({ tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 })).toEqual({
      throughputUnits: 4,
      fromInflateCap: true,
      incomingBytesPerWindow: 1_258_291_200,
      outgoingBytesPerWindow: 2_516_582_400,
    });
    expect(scalingThresholds({ tier: 'Standard', throughputUnits: 40, autoInflateMaximumThroughputUnits: 40 }).outgoingBytesPerWindow).toBe(
      40 * 2 * MIB * 300,
    );
  });

  test('Premium and dedicated namespaces have no throughput units, so no byte thresholds', () => {
    expect(alertThroughputUnits({ tier: 'Premium', processingUnits: 4 })).toBeUndefined();
    expect(scalingThresholds({ tier: 'Premium', processingUnits: 16 })).toEqual({});
    expect(scalingThresholds({ tier: 'Dedicated', clusterName: 'SCWX-TDR-Cluster-x' })).toEqual({});
  });
});
