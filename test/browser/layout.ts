// Layout checks of the widget page in a real browser: what a person sees on a given screen.
// Everything is measured from the DOM (getBoundingClientRect, elementFromPoint), so the same
// function reports the numbers of the closing note and backs the assertions.
import type { Page } from 'playwright-core';

export interface Layout {
  viewport: { width: number; height: number };
  /** Height (px) of the transcript that is inside the viewport. */
  transcriptVisible: number;
  headerHeight: number;
  /** The text of the last bot message: first and last line on screen and not covered by anything. */
  lastBotTopVisible: boolean;
  lastBotBottomVisible: boolean;
  /** The text box: its centre is on screen and the topmost element there. */
  inputVisible: boolean;
  /** Every suggested action fully on screen and clickable at its centre. */
  buttons: number;
  buttonsVisible: boolean;
  /** Content wider than the screen (a horizontal scroll bar on a phone). */
  overflowX: boolean;
}

export async function measureLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const onTop = (el: Element, x: number, y: number): boolean => {
      if (x < 0 || y < 0 || x >= vw || y >= vh) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && (hit === el || el.contains(hit));
    };
    const scroller = document.querySelector('.webchat__basic-transcript__scrollable') ?? document.querySelector('.webchat__basic-transcript');
    const sr = scroller?.getBoundingClientRect();
    const transcriptVisible = sr ? Math.max(0, Math.min(sr.bottom, vh) - Math.max(sr.top, 0)) : 0;
    const header = document.querySelector('body > header');
    // The text of the latest bot reply (its attachments, such as the sites' addresses, may
    // need a scroll; the words that ask the question may not).
    const replies = Array.from(document.querySelectorAll('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user)'));
    const lastReply = replies[replies.length - 1];
    const last = lastReply?.querySelector('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
    let top = false;
    let bottom = false;
    if (last) {
      const r = last.getBoundingClientRect();
      const x = r.left + Math.min(24, r.width / 2);
      top = onTop(last, x, r.top + 8);
      bottom = onTop(last, x, r.bottom - 8);
    }
    const input = document.querySelector('.webchat__send-box input, .webchat__send-box textarea');
    let inputVisible = false;
    if (input) {
      const r = input.getBoundingClientRect();
      inputVisible = r.bottom <= vh && onTop(input, r.left + r.width / 2, r.top + r.height / 2);
    }
    const btns = Array.from(document.querySelectorAll('.webchat__suggested-action'));
    const buttonsVisible = btns.every((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= vh && r.right <= vw && onTop(b, r.left + r.width / 2, r.top + r.height / 2);
    });
    return {
      viewport: { width: vw, height: vh },
      transcriptVisible: Math.round(transcriptVisible),
      headerHeight: Math.round(header?.getBoundingClientRect().height ?? 0),
      lastBotTopVisible: top,
      lastBotBottomVisible: bottom,
      inputVisible,
      buttons: btns.length,
      buttonsVisible,
      overflowX: document.documentElement.scrollWidth > vw + 1,
    };
  });
}

/**
 * The layout once it has stopped moving: Web Chat scrolls to a new message with an animation,
 * which on a loaded machine ends later than any fixed pause. Measured until three readings in a
 * row agree (a bound on waiting, not a speed check), so a layout that settles wrong still fails.
 */
export async function settledLayout(page: Page, ms = 15_000): Promise<Layout> {
  const until = Date.now() + ms;
  let last = await measureLayout(page);
  let same = 0;
  while (same < 2 && Date.now() < until) {
    await page.waitForTimeout(100);
    const now = await measureLayout(page);
    same = JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
    last = now;
  }
  return last;
}
