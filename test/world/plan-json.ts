// Pieces of `terraform show -json` output for tests that write a plan by hand, to the documented format.

/** A managed resource as planned_values and prior_state list it. */
export function planResource(address: string, values: object) {
  const [type, name] = address.split('.')
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    values,
  }
}

/** A role that exists, as the state has it: its name, path and ARN in `account`. */
export function existingRole(account: string, name: string) {
  return { name, path: '/', arn: `arn:aws:iam::${account}:role/${name}` }
}

/** A policy document's JSON text, as the AWS provider keeps it: `action` allowed on "*". */
export function policyJson(action: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  })
}
