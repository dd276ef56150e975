// Reads Authentication-Results fields (RFC 8601) and decides whether our own mail server vouched for a
// letter: a DKIM or SPF pass for the From's domain, one of ours. Anyone can write the field, so only a
// trusted authserv-id counts, and only if that server strips incoming fields claiming it (RFC 8601 §5).

export interface AuthMethodResult {
  /** Lower-cased: dkim, spf, dmarc, arc, ... */
  method: string;
  /** Lower-cased: pass, fail, softfail, neutral, none, temperror, permerror, policy. */
  result: string;
  /** `ptype.property` lower-cased (header.d, smtp.mailfrom) to its value as written. */
  properties: Record<string, string>;
}

export interface AuthenticationResults {
  /** Lower-cased; null when the field has none (Exchange Online writes it so): never trusted. */
  authservId: string | null;
  results: AuthMethodResult[];
}

export interface AuthPolicy {
  trustedAuthservIds: readonly string[];
  orgDomains: readonly string[];
  /** The letter's From: the vouched-for domain must be its domain, as DMARC's strict alignment asks. */
  fromAddress: string;
}

export type AuthVerdict = { ok: true; via: 'dkim' | 'spf'; detail: string } | { ok: false; reason: string };

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: '=' | ';' };

export function parseAuthenticationResults(value: string): AuthenticationResults {
  const segments = splitSegments(tokenize(value));
  const head = segments[0] ?? [];
  // A field that starts with "method=result" has no authserv-id at all.
  const first = head[0];
  const authservId = first && 'text' in first && head[1]?.kind !== '=' ? first.text.toLowerCase() : null;
  const resultSegments = authservId === null ? segments : segments.slice(1);
  return { authservId, results: resultSegments.flatMap(toResult) };
}

export function isAuthenticatedFor(headers: readonly string[], policy: AuthPolicy): AuthVerdict {
  const trusted = new Set(policy.trustedAuthservIds.map((id) => id.toLowerCase()));
  const parsed = headers.map(parseAuthenticationResults);
  const ours = parsed.filter((h) => h.authservId !== null && trusted.has(h.authservId));
  if (ours.length === 0) {
    const seen = parsed.map((h) => h.authservId ?? '(no authserv-id)');
    return { ok: false, reason: `no Authentication-Results from a trusted authserv-id${seen.length > 0 ? ` (seen: ${seen.join(', ')})` : ''}` };
  }
  const fromDomain = domainOf(policy.fromAddress);
  const orgDomains = new Set(policy.orgDomains.map((d) => d.toLowerCase()));
  if (!fromDomain || !orgDomains.has(fromDomain)) {
    return { ok: false, reason: `the From domain ${fromDomain ?? '(none)'} is not one of the organisation's (${[...orgDomains].join(', ')})` };
  }
  const results = ours.flatMap((h) => h.results.map((r) => ({ ...r, authservId: h.authservId as string })));
  // DKIM first: it covers the From header itself, SPF only the envelope sender.
  for (const via of ['dkim', 'spf'] as const) {
    for (const r of results) {
      if (r.method !== via || r.result !== 'pass') continue;
      const domain = authenticatedDomain(r);
      if (domain === fromDomain) return { ok: true, via, detail: `${via}=pass for ${domain} (authserv-id ${r.authservId})` };
    }
  }
  const found = results.filter((r) => r.method === 'dkim' || r.method === 'spf').map((r) => `${r.method}=${r.result}${authenticatedDomain(r) ? ` for ${authenticatedDomain(r)}` : ''}`);
  return { ok: false, reason: `no dkim or spf pass for ${fromDomain} from a trusted authserv-id (${found.length > 0 ? found.join(', ') : 'no dkim or spf results'})` };
}

/** DKIM: the signing domain (header.d, or the domain of header.i as Gmail writes it). SPF: the envelope sender's domain. */
function authenticatedDomain(r: AuthMethodResult): string | null {
  const p = r.properties;
  if (r.method === 'dkim') return domainOf(p['header.d'] ?? p['header.i'] ?? '');
  if (r.method === 'spf') return domainOf(p['smtp.mailfrom'] ?? '');
  return null;
}

function domainOf(value: string): string | null {
  const domain = value.slice(value.lastIndexOf('@') + 1).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

function toResult(segment: Token[]): AuthMethodResult[] {
  const [method, eq, result] = segment;
  if (method?.kind !== 'word' || eq?.kind !== '=' || result?.kind !== 'word') return [];
  const properties: Record<string, string> = {};
  for (let i = 3; i < segment.length; i++) {
    const key = segment[i];
    const value = segment[i + 2];
    // Anything that is not "ptype.property=value" (a stray "=" from a signature, "action=none") is skipped.
    if (key?.kind !== 'word' || segment[i + 1]?.kind !== '=' || !value || (value.kind !== 'word' && value.kind !== 'quoted')) continue;
    if (key.text.includes('.')) properties[key.text.toLowerCase()] = value.text;
    i += 2;
  }
  // "dkim/1=pass": the method's version is not ours to judge.
  return [{ method: method.text.toLowerCase().replace(/\/\d+$/, ''), result: result.text.toLowerCase(), properties }];
}

function splitSegments(tokens: Token[]): Token[][] {
  const segments: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ';') segments.push([]);
    else (segments[segments.length - 1] as Token[]).push(t);
  }
  return segments;
}

/** Words, quoted strings, "=" and ";"; comments in parentheses (nested, with escapes) are dropped. */
function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i] as string;
    if (c === '(') {
      let depth = 0;
      for (; i < value.length; i++) {
        const d = value[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      i++;
    } else if (c === '"') {
      let text = '';
      for (i++; i < value.length && value[i] !== '"'; i++) text += value[i] === '\\' ? (value[++i] ?? '') : value[i];
      tokens.push({ kind: 'quoted', text });
      i++;
    } else if (c === '=' || c === ';') {
      tokens.push({ kind: c });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const start = i;
      while (i < value.length && !/[\s()";=]/.test(value[i] as string)) i++;
      tokens.push({ kind: 'word', text: value.slice(start, i) });
    }
  }
  return tokens;
}
