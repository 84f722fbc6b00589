/**
 * fetch() for the JSON API, signed in with the Django session cookie.
 *
 * Unsafe methods carry `X-CSRFToken`, read from the `csrftoken` cookie at send
 * time (Django rotates it at sign-in, so a cached value would go stale).
 * Failures are thrown as one of two errors:
 *   OfflineError: the request never got an answer (no network, lost response,
 *                 or none within `timeoutMs`: a weak signal that neither
 *                 answers nor fails would otherwise hold the one running sync
 *                 for minutes. Giving up is safe: a push that did arrive is
 *                 answered `duplicate` when it is sent again.)
 *   ApiError:     the server answered with a non-2xx status; `.body` holds the
 *                 JSON error (DRF shape {"field": ["message"]} or {"detail"});
 *                 errors.js puts it in words
 */

/** Every API path the phone uses (the contract: docs/api-contract.md). */
export const API = {
  session: "/api/v1/auth/session/",
  register: "/api/v1/auth/register/",
  password: "/api/v1/auth/password/",
  devices: "/api/v1/auth/devices/",
  device: (deviceId) => `/api/v1/auth/devices/${deviceId}/`,
  account: "/api/v1/account/",
  babies: "/api/v1/babies/",
  baby: (babyId) => `/api/v1/babies/${babyId}/`,
  caregivers: (babyId) => `/api/v1/babies/${babyId}/caregivers/`,
  caregiver: (babyId, userId) => `/api/v1/babies/${babyId}/caregivers/${userId}/`,
  invites: (babyId) => `/api/v1/babies/${babyId}/invites/`,
  reportLinks: (babyId) => `/api/v1/babies/${babyId}/report-links/`,
  reportLink: (babyId, linkId) => `/api/v1/babies/${babyId}/report-links/${linkId}/`,
  acceptInvite: "/api/v1/invites/accept/",
  push: "/api/v1/sync/push/",
  pull: "/api/v1/sync/pull/",
  export: "/api/v1/export/",
  articles: "/api/v1/articles/",
};

export class OfflineError extends Error {}

export class ApiError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    // A 400 carries `codes` (stable, for programs) next to its messages by
    // field; `.body` keeps the messages only, which is what the forms show.
    const fields = body && typeof body === "object" && !Array.isArray(body);
    this.codes = fields ? body.codes : undefined;
    this.body = fields && "codes" in body ? withoutCodes(body) : body;
  }
}

function withoutCodes(body) {
  const { codes: _codes, ...messages } = body;
  return messages;
}

function csrfToken() {
  const match = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
  return match ? decodeURIComponent(match.slice("csrftoken=".length)) : "";
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

const TIMEOUT_MS = 20000;

export async function api(method, path, body, { timeoutMs = TIMEOUT_MS } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE.has(method)) headers["X-CSRFToken"] = csrfToken();
  // An AbortController, not AbortSignal.timeout(): older iPhones lack the latter.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch {
      throw new OfflineError("No answer from the server");
    }
    if (response.status === 204) return null;
    let data = null;
    try {
      data = await response.json();
    } catch {
      // A body cut off by the timeout is no answer at all.
      if (abort.signal.aborted) throw new OfflineError("No answer from the server");
      data = null;
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  } finally {
    clearTimeout(timer);
  }
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body ?? {});
export const del = (path) => api("DELETE", path);
