// Tag match: you and a partner see the same item and type words for it; a word you both type is a match
// and becomes a tag of the item. Taboo words (tags already agreed) do not count.
// Contract: mount(element, round, api) -> unmount function, with the paired extras
//   api.sendWord(itemId, word) -> Promise<{accepted, reason?, match?}>
//   api.onPartner(listener) with events {type:'paired', partner:'live'|'recorded'}, {type:'typed', count},
//     {type:'match', tag}, {type:'left'}; it may return a function that removes the listener.
//   api.submit([{itemId, answer}]) once the round ends: at a match, or when the clock runs out.
// All item and player text goes through textContent: nothing is ever parsed as HTML.
import { normalise, problemWith, tabooWords } from './tag-words.js';

/** The round ends this long before the lease, so the answer reaches the server in time. */
const SAFETY_MS = 5000;
/** Play time when the round carries no usable expiry. */
const FALLBACK_MS = 90000;

export function mount(element, round, api) {
  const item = round.items[0];
  const taboo = tabooWords(item.fields.taboo);
  const expires = Date.parse(round.expiresAt);
  const deadline = Number.isNaN(expires) ? Date.now() + FALLBACK_MS : expires - SAFETY_MS;

  const words = [];          // {tag, state: 'sending'|'sent'|'refused', reason?}, newest last
  let partnerText = 'Looking for a partner…';
  let partnerTyped = 0;
  let feedback = '';
  let match = null;
  let finished = false;
  let frameRequest = 0;

  // ---- DOM, built once; render() below is the only place that updates it afterwards.
  const view = el('section', 'tag-match');
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('./tag-match.css', import.meta.url).href;

  const header = el('div', 'tm-header');
  const partner = el('p', 'tm-partner');
  partner.setAttribute('aria-live', 'polite');
  const clock = el('p', 'tm-clock');
  header.append(partner, clock);

  const stage = el('div', 'tm-stage');
  if (item.fields.image_url) {
    const img = document.createElement('img');
    img.src = item.fields.image_url;
    img.alt = 'Image to describe';
    stage.append(img);
  } else {
    stage.append(el('blockquote', 'tm-text', item.fields.text ?? ''));
  }

  const tabooBox = el('div', 'tm-taboo');
  tabooBox.hidden = taboo.length === 0;
  tabooBox.append(el('span', 'tm-taboo-title', 'Taboo: '));
  for (const word of taboo) tabooBox.append(el('span', 'tm-taboo-word', word), ' ');

  const form = el('form', 'tm-form');
  form.setAttribute('autocomplete', 'off');
  const label = el('label', 'tm-label', 'Your word');
  const input = document.createElement('input');
  input.className = 'tm-input';
  input.type = 'text';
  input.id = `tm-input-${round.roundId ?? 'round'}`;
  input.maxLength = 80; // the rule is 64 after normalisation; a little slack so the refusal can explain itself
  input.setAttribute('enterkeyhint', 'send');
  input.setAttribute('autocapitalize', 'off');
  input.spellcheck = false;
  label.htmlFor = input.id;
  const send = el('button', 'tm-send', 'Send');
  send.type = 'submit';
  form.append(label, input, send);

  const feedbackLine = el('p', 'tm-feedback');
  feedbackLine.setAttribute('aria-live', 'polite');
  const matchBanner = el('p', 'tm-match');
  matchBanner.setAttribute('role', 'status');
  matchBanner.hidden = true;

  const wordsTitle = el('h3', 'tm-words-title', 'Your words');
  const wordList = el('ul', 'tm-words');
  const partnerCount = el('p', 'tm-partner-count');

  view.append(style, header, stage, tabooBox, form, feedbackLine, matchBanner, wordsTitle, wordList, partnerCount);
  element.replaceChildren(view);

  // ---- Words
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sendWord(input.value);
  });

  async function sendWord(raw) {
    if (finished) return;
    const typed = words.filter((w) => w.state !== 'refused').map((w) => w.tag);
    const problem = problemWith(raw, taboo, typed);
    if (problem) {
      feedback = problem;
      schedule();
      return;
    }
    const entry = { tag: normalise(raw), state: 'sending' };
    words.push(entry);
    input.value = '';
    feedback = '';
    schedule();
    let reply = null;
    try {
      reply = await api.sendWord(item.id, raw);
    } catch (error) {
      reply = null;
    }
    if (!reply) {
      entry.state = 'refused';
      entry.reason = 'not sent: connection problem';
    } else if (reply.accepted) {
      entry.state = 'sent';
    } else {
      entry.state = 'refused';
      entry.reason = reply.reason || 'refused';
    }
    schedule();
    if (reply && reply.match) agreed(reply.match);
  }

  function agreed(tag) {
    if (match !== null) return;
    match = tag;
    feedback = '';
    finish(tag);
  }

  // ---- Partner
  function onPartnerEvent(event) {
    if (!event || finished) return;
    if (event.type === 'paired') {
      partnerText = event.partner === 'recorded'
        ? 'Playing with a recorded partner (words from an earlier game).'
        : event.partner === 'none'
          ? 'Nobody to play with right now: your words are kept for the next player.'
          : 'Playing with a live partner.';
    } else if (event.type === 'typed') {
      partnerTyped = Number(event.count) || partnerTyped + 1;
    } else if (event.type === 'match') {
      agreed(event.tag);
    } else if (event.type === 'left') {
      partnerText = 'Your partner left. Keep going: your words are kept.';
    }
    schedule();
  }
  const stopListening = typeof api.onPartner === 'function' ? api.onPartner(onPartnerEvent) : null;
  if (typeof api.onPartner !== 'function') partnerText = 'Playing solo.';

  // ---- End of the round
  async function finish(tag) {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    input.disabled = true;
    send.disabled = true;
    const last = [...words].reverse().find((w) => w.state === 'sent');
    const answer = tag ?? (last ? last.tag : null);
    feedback = tag ? '' : 'Time is up.';
    schedule();
    api.progress?.(1, 1);
    const result = await api.submit(answer ? [{ itemId: item.id, answer }] : []);
    if (result && typeof result.points === 'number') {
      feedback = `${tag ? 'Tag recorded' : 'Round over'}: +${result.points} points.`;
      schedule();
    }
  }

  function tick() {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    clock.textContent = `${left}s`;
    if (left === 0 && !finished) finish(null);
  }
  const timer = setInterval(tick, 250);

  // ---- Rendering, batched once per frame
  function schedule() {
    if (!frameRequest) frameRequest = requestAnimationFrame(render);
  }

  function render() {
    frameRequest = 0;
    partner.textContent = partnerText;
    feedbackLine.textContent = feedback;
    matchBanner.hidden = match === null;
    if (match !== null) {
      matchBanner.replaceChildren(el('span', 'tm-match-title', 'Match! '), el('strong', 'tm-match-tag', `“${match}”`),
        el('span', 'tm-match-note', ' is now a tag of this item.'));
    }
    wordList.replaceChildren(...[...words].reverse().map((w) => {
      const li = el('li', `tm-word tm-${w.state}`);
      li.append(el('span', 'tm-word-text', w.tag));
      const note = w.state === 'sending' ? 'sending…' : w.state === 'sent' ? '✓ sent' : `✗ ${w.reason}`;
      li.append(el('span', 'tm-word-state', ` ${note}`));
      if (match !== null && w.tag === normalise(match)) li.classList.add('tm-matched');
      return li;
    }));
    wordsTitle.hidden = words.length === 0;
    partnerCount.textContent = partnerTyped > 0
      ? `Your partner has typed ${partnerTyped} word${partnerTyped === 1 ? '' : 's'} (hidden).`
      : '';
  }

  api.progress?.(0, 1);
  tick();
  render();
  input.focus();

  return function unmount() {
    clearInterval(timer);
    cancelAnimationFrame(frameRequest);
    if (typeof stopListening === 'function') stopListening();
    element.replaceChildren();
  };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
