import { checkResourceId } from '../../lib/rules/network';

const SUBNET =
  '/subscriptions/66666666-7777-8888-9999-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/a';

describe('checkResourceId', () => {
  test('a resource ID whose names hold a template sequence or a hidden character is refused, not passed to Terraform', () => {
    expect(checkResourceId('subnetId', SUBNET, 'Microsoft.Network/virtualNetworks/subnets')).toBeUndefined();
    expect(checkResourceId('subnetId', SUBNET.replace('/hub/', '/hub${var.x}/'), 'Microsoft.Network/virtualNetworks/subnets')).toMatch(
      /^subnetId = ".*: must not contain "\$\{" or "%\{"/,
    );
    expect(checkResourceId('subnetId', SUBNET.replace('/hub/', '/hub%{ if }/'), 'Microsoft.Network/virtualNetworks/subnets')).toMatch(
      /must not contain "\$\{" or "%\{"/,
    );
    for (const [hidden, code] of [
      ['\n', 'U+000A'],
      ['\u001b', 'U+001B'],
      ['\u202e', 'U+202E'],
    ])
      expect(checkResourceId('subnetId', SUBNET.replace('/hub/', `/hub${hidden}/`), 'Microsoft.Network/virtualNetworks/subnets')).toMatch(
        new RegExp(`^subnetId = [^\\n]*: must not contain control or invisible characters \\(found ${code.replace('+', '\\+')}\\)$`),
      );
  });
});
