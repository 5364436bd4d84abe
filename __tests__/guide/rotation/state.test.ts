/**
 * The deployed counter as Terraform writes it: terraform_data's `input` is a dynamic attribute, which
 * state format 4 stores as `{ value, type }` (what terraform 1.11 writes for `input = { generation = 3 }`).
 */
import { deployedSecrets } from '../../../lib/guide/rotation/state';

const issue = (name: string, generation: number) => ({
  mode: 'managed',
  type: 'terraform_data',
  name,
  instances: [
    {
      attributes: {
        id: '8b7124c9-3833-b99f-8ec7-c3164f8f49a8',
        input: { value: { generation }, type: ['object', { generation: 'number' }] },
        output: { value: { generation }, type: ['object', { generation: 'number' }] },
        triggers_replace: null,
      },
    },
  ],
});

test('after terraform state mv (no secret_generation output) the counter comes from the issue records', () => {
  const moved = {
    outputs: {},
    resources: [issue('xdr-application_secret-issue_5D9A7A56', 2), issue('xdr-application_second-secret-issue_A04DDB92', 3)],
  };
  expect(deployedSecrets(moved).generation).toBe(3);
});
