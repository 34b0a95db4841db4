// Bar charts drawn on the server as inline SVG (no script, no external chart service). Each
// chart carries its figures as text too (a table follows it), so it reads without seeing it.
import { esc, Html, html } from '../web/render';

const BAR_H = 22;
const GAP = 8;
const LABEL_W = 165;
const WIDTH = 370;

export function barChart(id: string, title: string, rows: ReadonlyArray<readonly [label: string, count: number]>): Html {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const height = rows.length * (BAR_H + GAP) + GAP;
  const barArea = WIDTH - LABEL_W - 40;
  const bars = rows.map(([label, n], i) => {
    const y = GAP + i * (BAR_H + GAP);
    const w = Math.round((n / max) * barArea);
    const short = label.length > 21 ? `${label.slice(0, 20)}…` : label;
    return `<text x="${LABEL_W - 6}" y="${y + BAR_H * 0.7}" text-anchor="end" font-size="12" fill="#1b1b1b">${esc(short)}</text>`
      + `<rect x="${LABEL_W}" y="${y}" width="${Math.max(w, n > 0 ? 2 : 0)}" height="${BAR_H}" fill="#0b4f9c"></rect>`
      + `<text x="${LABEL_W + w + 6}" y="${y + BAR_H * 0.7}" font-size="13" fill="#1b1b1b">${n}</text>`;
  }).join('');
  return new Html(`<svg class="chart" role="img" aria-labelledby="${esc(id)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">`
    + `<title id="${esc(id)}">${esc(title)}: ${esc(rows.map(([l, n]) => `${l} ${n}`).join(', '))}</title>${bars}</svg>`);
}

/** The same figures as a table (for screen readers, copying, and print). */
export function figuresTable(caption: string, head: readonly [string, string], rows: ReadonlyArray<readonly [string, number]>): Html {
  return html`<table><caption class="skip">${caption}</caption><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>${rows.map(([l, n]) => html`<tr><th scope="row">${l}</th><td>${n}</td></tr>`)}</tbody></table>`;
}
