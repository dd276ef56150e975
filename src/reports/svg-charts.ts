// Small inline SVG charts for the HTML report: stacked columns and horizontal bars with a target
// mark. Plain SVG with the numbers written on it, no script and no external resource, so it shows
// the same in a browser, a saved file and the mail programs that render SVG.

const PALETTE = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#b82e2e', '#316395'];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function colour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export interface ColumnSeries {
  name: string;
  values: number[];
  colour?: string;
}

/** Stacked columns, one per x label, with a legend below; the column total is written above each. */
export function stackedColumns(o: { title: string; labels: string[]; series: ColumnSeries[]; width?: number }): string {
  const width = o.width ?? 640;
  const top = 30;
  const plot = 180;
  const left = 30;
  const legendRows = Math.ceil(o.series.length / 3);
  const height = top + plot + 40 + legendRows * 18;
  const totals = o.labels.map((_, i) => o.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (width - left - 10) / Math.max(1, o.labels.length);
  const bar = Math.max(4, step * 0.7);
  const parts: string[] = [];
  o.labels.forEach((label, i) => {
    const x = left + i * step + (step - bar) / 2;
    let y = top + plot;
    o.series.forEach((s, k) => {
      const h = ((s.values[i] ?? 0) / max) * plot;
      if (h <= 0) return;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour ?? colour(k)}"><title>${escapeXml(`${s.name}, ${label}: ${s.values[i] ?? 0}`)}</title></rect>`);
    });
    parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="11">${totals[i]}</text>`);
    parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${top + plot + 14}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`);
  });
  o.series.forEach((s, k) => {
    const x = left + (k % 3) * ((width - left) / 3);
    const y = top + plot + 34 + Math.floor(k / 3) * 18;
    parts.push(`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${s.colour ?? colour(k)}"/><text x="${x + 14}" y="${y}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  return svg(width, height, o.title, [`<line x1="${left}" y1="${top + plot}" x2="${width - 10}" y2="${top + plot}" stroke="#999"/>`, ...parts]);
}

export interface BarRow {
  label: string;
  /** A share between 0 and 1, or null for no data. */
  value: number | null;
  target?: number;
}

/** Horizontal bars of shares with the value written beside each and the target as a dark mark. */
export function shareBars(o: { title: string; rows: BarRow[]; width?: number }): string {
  const width = o.width ?? 640;
  const left = 180;
  const plot = width - left - 70;
  const rowHeight = 24;
  const top = 30;
  const height = top + Math.max(1, o.rows.length) * rowHeight + 10;
  const parts = o.rows.flatMap((r, i) => {
    const y = top + i * rowHeight;
    const out = [`<text x="${left - 6}" y="${y + 15}" text-anchor="end" font-size="11">${escapeXml(r.label)}</text>`];
    const missed = r.value !== null && r.target !== undefined && r.value < r.target;
    if (r.value !== null) out.push(`<rect x="${left}" y="${y + 4}" width="${(r.value * plot).toFixed(1)}" height="14" fill="${missed ? '#dc3912' : '#109618'}"/>`);
    out.push(`<text x="${left + (r.value ?? 0) * plot + 4}" y="${y + 15}" font-size="11">${r.value === null ? 'no data' : `${(r.value * 100).toFixed(1)} %`}</text>`);
    if (r.target !== undefined) out.push(`<line x1="${(left + r.target * plot).toFixed(1)}" y1="${y + 1}" x2="${(left + r.target * plot).toFixed(1)}" y2="${y + 21}" stroke="#222" stroke-width="2"><title>${escapeXml(`target ${(r.target * 100).toFixed(1)} %`)}</title></line>`);
    return out;
  });
  return svg(width, height, o.title, [`<line x1="${left}" y1="${top}" x2="${left}" y2="${height - 10}" stroke="#999"/>`, ...parts]);
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return `<svg class="chart" role="img" aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`
    + `<text x="0" y="16" font-size="13" font-weight="bold">${escapeXml(title)}</text>${body.join('')}</svg>`;
}
