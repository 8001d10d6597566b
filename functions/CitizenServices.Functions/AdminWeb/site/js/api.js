// Calls the API with the signed-in user's bearer token. Every refusal is an RFC 9457 problem detail; it is handed to the
// page as an ApiProblem so the page can show each field's error at its field.
import { accessToken, signOut } from './auth.js';

export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Every field at fault, as { field, code, detail }: errors[] when there are several, else the one field. */
  get fieldErrors() {
    const p = this.problem;
    if (Array.isArray(p.errors) && p.errors.length > 0) {
      return p.errors.map((e) => ({ field: e.field, code: e.code, detail: e.detail }));
    }
    return [{ field: p.field ?? null, code: p.code ?? null, detail: p.detail ?? p.title ?? '' }];
  }
}

export async function api(method, path, body) {
  const token = accessToken();
  if (!token) {
    signOut('Du må logge inn for å bruke denne siden.');
    throw new Error('not signed in');
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    signOut('Innloggingen er utløpt. Logg inn på nytt.');
    throw new Error('unauthorized');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiProblem(response.status, json ?? { title: response.statusText });
  }
  return json;
}
