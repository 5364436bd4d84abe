/**
 * Who is signed in, read from the claims of the access token the credential hands out: the tenant
 * (`tid`), the object ID (`oid`), a name, whether it is a user or an application, and an
 * application's Graph permissions (`roles`). Nothing is verified here: Azure verifies the token.
 */
import type { TokenCredential } from '@azure/core-auth';

export interface SignedInIdentity {
  readonly tenantId: string;
  readonly objectId: string;
  /** The user's sign-in name, or the application's ID for a service principal or managed identity. */
  readonly name: string;
  readonly kind: 'user' | 'application';
  /** An application's permissions in the token (`roles`); empty for a user. */
  readonly roles: readonly string[];
}

/** The claims of a JWT, or an empty object when the token is not one. */
export function tokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Gets a token for `scope` and reads who it is for; throws what the credential throws. */
export async function readIdentity(credential: TokenCredential, scope: string): Promise<SignedInIdentity> {
  const token = await credential.getToken(scope);
  if (token === null) throw Object.assign(new Error('the credential returned no token'), { name: 'CredentialUnavailableError' });
  const claims = tokenClaims(token.token);
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
  // App-only tokens say idtyp "app" (v2) or carry no scp and no upn (v1).
  const kind =
    text('idtyp') === 'app' || (claims.scp === undefined && text('upn') === undefined && text('appid') !== undefined)
      ? 'application'
      : 'user';
  return {
    tenantId: text('tid') ?? '',
    objectId: text('oid') ?? '',
    name: text('upn') ?? text('unique_name') ?? text('preferred_username') ?? text('appid') ?? text('azp') ?? text('oid') ?? 'unknown',
    kind,
    roles: Array.isArray(claims.roles) ? (claims.roles as string[]) : [],
  };
}
