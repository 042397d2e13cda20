// The layout rules every screen keeps, checked in the page: nothing scrolls sideways, no
// form control narrower than what it holds (at least 56 px; a select shows its whole choice,
// a number or date field its whole value), nothing clipped by a box that hides what
// overflows it, no button whose label spills out. Returns what breaks a rule, in words.
import { expect } from './fixtures.mjs';

/** Runs in the page: the broken rules, each as a sentence naming the element. */
function brokenRules() {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const sideways = document.documentElement.scrollWidth - vw;
  if (sideways > 0) out.push(`the page scrolls sideways by ${sideways} px`);
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (text, el) => {
    const cs = getComputedStyle(el);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const name = (el) => {
    if (el.id) return `#${el.id}`;
    const cls = [...el.classList].slice(0, 2).join('.');
    const label = el.closest('label')?.textContent?.trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${label ? ` («${label}»)` : ''}`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return false;
    }
    return true;
  };
  // As wide as the box it is laid out in (past its label and field wrappers).
  const fullWidth = (el) => {
    let box = el.parentElement;
    while (box && (box.tagName === 'LABEL' || box.classList.contains('field'))) box = box.parentElement;
    if (!box) return false;
    const cs = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return el.getBoundingClientRect().width >= room - 1;
  };
  // Inside a box that scrolls sideways on purpose (a wide table on a phone).
  const inScroller = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };

  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['checkbox', 'radio', 'file', 'hidden', 'color', 'range'].includes(el.type) || !shown(el)) continue;
    const width = el.getBoundingClientRect().width;
    if (width < 56) out.push(`${name(el)} is ${Math.round(width)} px wide (at least 56)`);
    const cs = getComputedStyle(el);
    const inner = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    let need = 0;
    let what = '';
    if (el.tagName === 'SELECT') {
      what = el.selectedOptions[0]?.textContent ?? '';
      need = textWidth(what, el) + 18; // the arrow
    } else if (el.type === 'date') {
      what = '00/00/0000';
      need = textWidth(what, el) + 22; // the calendar button
    } else if (el.inputMode === 'decimal' || el.inputMode === 'numeric') {
      what = el.value;
      need = textWidth(what, el);
    }
    // A control as wide as the room it is in could not be wider: a long client name in a
    // full-width select on a phone is cut by the screen, not by the layout.
    if (need > inner + 1 && !fullWidth(el)) {
      out.push(`${name(el)} cuts «${what}» (${Math.round(inner)} px for ${Math.round(need)})`);
    }
  }
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el) || el.closest('svg')) continue;
    const cs = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(cs.overflowX);
    if (hides && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
      out.push(`${name(el)} clips its content (${el.scrollWidth} px in ${el.clientWidth})`);
    }
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && !inScroller(el) && cs.position !== 'fixed') {
      out.push(`${name(el)} sticks out of the window by ${Math.round(r.right - vw)} px`);
    }
  }
  for (const el of document.querySelectorAll('button, a.button')) {
    if (shown(el) && el.scrollWidth > el.clientWidth + 1) {
      out.push(`${name(el)}'s label spills out (${el.scrollWidth} px in ${el.clientWidth})`);
    }
  }
  return [...new Set(out)];
}

/** The rules this screen breaks now. */
export async function layoutProblems(page) {
  return page.evaluate(brokenRules);
}

/** Fail, naming every broken rule, unless the screen keeps them all. */
export async function expectGoodLayout(page, what) {
  expect(await layoutProblems(page), `layout of ${what}`).toEqual([]);
}
