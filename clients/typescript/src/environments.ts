/**
 * What the caller may do in an environment: `read` its logs, history and status; `exec` also opens a terminal (granted
 * apart from reading: the owner, admins and `exec` grants have it).
 */
export type Permission = 'read' | 'exec';

/** An environment as `GET /api/v1/environments` lists it. */
export interface Environment {
  id: string;
  name: string | null;
  image: string | null;
  hostId: string | null;
  owner: string | null;
  team: string | null;
  /** The container's labels as its descriptor gave them (absent from a gateway that does not list them). */
  labels?: Record<string, string>;
  status: string | null;
  exitCode: number | null;
  health: string | null;
  statusAt: string | null;
  removed: boolean;
  /** Always contains `read`; `exec` when the caller may open a terminal. */
  permissions: Permission[];
}

/** Whether the caller may open a terminal in the environment (a gateway that does not say means no). */
export function mayExec(environment: Pick<Environment, 'permissions'>): boolean {
  return environment.permissions?.includes('exec') ?? false;
}

/** A REST call answered with an HTTP error; `status` 401 means the token was refused. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Where the REST API answers: the given base, else the page's origin, else a local gateway. */
export function restBase(baseUrl?: string): string {
  return baseUrl ?? (globalThis as { location?: { origin: string } }).location?.origin ?? 'http://localhost:8080';
}

/** GETs JSON with the bearer token; an HTTP error throws an `HttpError` with the gateway's reason (its `message`). */
export async function getJson<T>(url: URL, token: string, fetchImpl: typeof fetch = fetch): Promise<T> {
  const response = await fetchImpl(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new HttpError(response.status, `GET ${url.pathname}: ${response.status} ${body?.message ?? response.statusText}`);
  }
  return (await response.json()) as T;
}

/** The environments the token's user may see, with their latest status. */
export async function listEnvironments(options: { baseUrl?: string; token: string; fetch?: typeof fetch }): Promise<Environment[]> {
  const base = restBase(options.baseUrl);
  const response = await (options.fetch ?? fetch)(new URL('/api/v1/environments', base), {
    headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
  });
  if (!response.ok) {
    throw new HttpError(response.status, `GET /api/v1/environments: ${response.status} ${response.statusText}`);
  }
  return (await response.json()) as Environment[];
}
