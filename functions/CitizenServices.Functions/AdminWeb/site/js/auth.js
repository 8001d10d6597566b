// Sign-in for municipal staff. In Azure: Entra ID's authorization code flow with PKCE (RFC 7636), done with the
// browser's Web Crypto, as a public client (no secret); the access token is for this API and carries the same app roles
// and municipality claim every other workforce caller has. On a developer's machine: the development sign-in, which the
// handler offers only in Development. The token lives in sessionStorage: gone when the tab closes, never in a cookie.

const TOKEN = 'admin.token';
const FLOW = 'admin.pkce';
const MESSAGE = 'admin.message';
const home = new URL('../', import.meta.url).pathname;

let configPromise;
export function config() {
  configPromise ??= fetch(`${home}config.json`).then((r) => r.json());
  return configPromise;
}

export function base64Url(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(length = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(length)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export async function codeChallenge(verifier) {
  return base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

function decodePayload(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

function stored() {
  const raw = sessionStorage.getItem(TOKEN);
  if (!raw) return null;
  const value = JSON.parse(raw);
  if (Date.parse(value.expiresAt) <= Date.now() + 30_000) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return value;
}

export function accessToken() {
  return stored()?.accessToken ?? null;
}

/** Who is signed in: object id, name, roles and municipality, read from the token the API will check. */
export async function caller() {
  const value = stored();
  if (!value) return null;
  const claims = decodePayload(value.accessToken);
  const { municipalityClaim } = await config();
  return {
    id: claims.oid ?? claims.sub,
    name: claims.name ?? claims.preferred_username ?? claims.oid,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
    municipality: typeof claims[municipalityClaim] === 'string' ? claims[municipalityClaim] : null,
  };
}

function keep(accessTokenValue, expiresAt) {
  sessionStorage.setItem(TOKEN, JSON.stringify({ accessToken: accessTokenValue, expiresAt }));
}

export function signOut(message) {
  sessionStorage.removeItem(TOKEN);
  if (message) sessionStorage.setItem(MESSAGE, message);
  if (location.pathname !== home) location.assign(home);
}

export function takeMessage() {
  const message = sessionStorage.getItem(MESSAGE);
  sessionStorage.removeItem(MESSAGE);
  return message;
}

/** Development only: the handler mints a workforce token for the chosen roles and municipality. */
export async function developmentSignIn(roles, municipality) {
  const response = await fetch(`${home}dev-sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ roles, municipality }),
  });
  const body = await response.json();
  if (!response.ok) return { problem: body };
  keep(body.accessToken, body.expiresAt);
  return { ok: true };
}

function redirectUri() {
  return new URL(home, location.origin).href;
}

/** Starts Entra ID's authorization code flow with PKCE: to the authorize endpoint with an S256 challenge and a state. */
export async function entraSignIn(returnTo) {
  const { entra } = await config();
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(FLOW, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    client_id: entra.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    response_mode: 'query',
    scope: `openid profile ${entra.scope}`,
    state,
    code_challenge: await codeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${entra.authority}/authorize?${query}`);
}

/**
 * Finishes the flow when Entra ID redirects back with ?code&state: checks the state, redeems the code with the verifier
 * at the token endpoint (a cross-origin POST Entra ID allows for single-page-application redirect URIs) and keeps the
 * access token. Returns what happened, or null when the page was not a redirect back.
 */
export async function completeEntraSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const flow = JSON.parse(sessionStorage.getItem(FLOW) ?? 'null');
  sessionStorage.removeItem(FLOW);
  history.replaceState(null, '', location.pathname);
  if (params.has('error')) {
    return { error: params.get('error_description') || params.get('error') };
  }
  if (!flow || params.get('state') !== flow.state) {
    return { error: 'Innloggingen kunne ikke fullføres (ukjent eller gammel forespørsel). Prøv igjen.' };
  }
  const { entra } = await config();
  const response = await fetch(`${entra.authority}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: entra.clientId,
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: flow.verifier,
      scope: `openid profile ${entra.scope}`,
    }),
  });
  const body = await response.json();
  if (!response.ok || !body.access_token) {
    return { error: body.error_description || body.error || 'Innloggingen ble avvist.' };
  }
  keep(body.access_token, new Date(Date.now() + (Number(body.expires_in) || 3600) * 1000).toISOString());
  return { ok: true, returnTo: flow.returnTo };
}
