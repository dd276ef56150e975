// Pure rules behind case alerts: whether a sender is a VIP (by address or domain), and whether a
// client's recent cases make a run worth telling (the run is named by its first case, so it is told once).

export function isVip(address: string, vip: { senders: readonly string[]; domains: readonly string[] }): string | null {
  const lower = address.toLowerCase();
  if (vip.senders.some((s) => s.toLowerCase() === lower)) return `VIP sender ${lower}`;
  const domain = lower.split('@')[1] ?? '';
  const hit = vip.domains.find((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
  return hit ? `VIP domain ${hit}` : null;
}

/** The run of `cases` (oldest first, all within the window) once it reaches `threshold`, else null. */
export function repeatedRun(cases: ReadonlyArray<{ id: number }>, threshold: number): { firstId: number } | null {
  const first = cases[0];
  return first && cases.length >= threshold ? { firstId: first.id } : null;
}
