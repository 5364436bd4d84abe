import { checkLocation } from '../../lib/rules/location';

test("a location is required and plain text; display names and other clouds are azurerm's to judge", () => {
  expect(checkLocation('location', 'eastus')).toBeUndefined();
  expect(checkLocation('location', 'West Europe')).toBeUndefined();
  expect(checkLocation('location', '')).toBe('location = "": must be an Azure region, such as "eastus"');
  expect(checkLocation('location', 'eastus${var.x}')).toMatch(/^location = "eastus\$\{var\.x\}": must not contain "\$\{" or "%\{"/);
  expect(checkLocation('location', 'eastus\u202e')).toMatch(
    /^location = .*: must not contain control or invisible characters \(found U\+202E\)$/,
  );
});
