// Fold: bring the H residues of a chain together on the square lattice. Drag a residue with the mouse or a
// finger, or play with the keyboard: [ and ] pick a residue, arrow keys move it one step, Q and E turn the
// rest of the chain about it, Z undoes. The contact count is computed here exactly as on the server.
// Contract: mount(element, round, api) -> unmount function. Text goes through textContent only.
import {
  contactPairs, findOverlap, moveResidueTo, nudge, parseMoves, pivot, serpentine, toMoves,
} from './fold-model.js';

const SVG = 'http://www.w3.org/2000/svg';
const ARROWS = { ArrowUp: [0, 1], ArrowDown: [0, -1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
const ARROW_NAMES = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export function mount(element, round, api) {
  const item = round.items[0];
  const sequence = item.fields.sequence;
  const n = sequence.length;
  const bestKnown = /^\d+$/.test(item.fields.best_known ?? '') ? Number(item.fields.best_known) : null;
  // A suggestion is offered only if it is a valid fold of this chain.
  const aiFold = item.suggestion ? parseMoves(item.suggestion.answer, n).points : undefined;
  const aiContacts = aiFold ? countOf(aiFold) : null;
  const deadline = Date.parse(round.expiresAt);

  // Rows of about 1.5 x sqrt(n) residues keep a long chain large enough to touch on a phone.
  const start = () => serpentine(n, Math.max(4, Math.ceil(1.5 * Math.sqrt(n))));
  let points = start();
  let selected = 0;
  let history = [];
  let sending = false;
  let done = false;
  let timeUp = false;
  let drag = null;          // {index, start, frame, target} while a residue is being dragged
  let frameRequest = 0;

  // ---- DOM, built once; render() below is the only place that updates it.
  const view = el('section', 'fold');
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('./fold.css', import.meta.url).href;

  const score = el('p', 'fold-score');
  const contactsLabel = el('span', 'fold-contacts-label', 'Contacts ');
  const contactsValue = el('strong', 'fold-contacts');
  const bestLabel = el('span', 'fold-best');
  const record = el('span', 'fold-record');
  score.append(contactsLabel, contactsValue, bestLabel, record);
  const clock = el('p', 'fold-clock');

  const board = document.createElementNS(SVG, 'svg');
  board.classList.add('fold-board');
  board.setAttribute('tabindex', '0');
  board.setAttribute('role', 'application');
  board.setAttribute('aria-roledescription', 'fold board');
  board.setAttribute('aria-label', `Chain of ${n} residues. Use [ and ] to pick a residue, arrow keys to move it, Q and E to turn the rest of the chain, Z to undo.`);

  const status = el('p', 'fold-status');
  status.setAttribute('aria-live', 'polite');

  const actions = el('div', 'fold-actions');
  const undoButton = button('Undo', 'fold-undo', undo);
  const turnLeftButton = button('⟲ Turn', 'fold-turn-left', () => turnTail(1));
  turnLeftButton.title = 'Turn the chain after the selected residue anticlockwise (Q)';
  const turnRightButton = button('⟳ Turn', 'fold-turn-right', () => turnTail(3));
  turnRightButton.title = 'Turn the chain after the selected residue clockwise (E)';
  const resetButton = button('Start over', 'fold-reset', () => change(start(), 'Back to the starting fold.'));
  const aiButton = button('Start from AI fold', 'fold-ai', () => aiFold && change(aiFold.map((p) => [...p]), 'Started from the AI fold: can you beat it?'));
  aiButton.hidden = !aiFold;
  const submitButton = button('Submit', 'fold-submit', submit);
  actions.append(undoButton, turnLeftButton, turnRightButton, resetButton, aiButton, submitButton);

  const help = el('p', 'fold-help');
  help.append(
    legend('fold-h'), ' H (hydrophobic)  ', legend('fold-p'), ' P (polar). ',
    'Bring H residues next to each other: each dashed line is one contact. ',
    'Drag a residue, or use the keys: ', kbd('['), ' ', kbd(']'), ' pick, ', kbd('← ↑ → ↓'), ' move, ',
    kbd('Q'), ' ', kbd('E'), ' turn, ', kbd('Z'), ' undo.',
  );

  view.append(style, score, clock, board, status, actions, help);
  element.replaceChildren(view);

  // ---- Moves
  function change(next, message) {
    if (done || !next) return;
    history.push(points);
    if (history.length > 200) history = history.slice(-200);
    points = next;
    say(message);
    schedule();
  }

  function undo() {
    if (done || history.length === 0) return;
    points = history.pop();
    say('Undone.');
    schedule();
  }

  function moveSelected(key) {
    const next = nudge(points, selected, ARROWS[key]);
    if (next) {
      change(next, `Residue ${selected + 1} moved ${ARROW_NAMES[key]}: ${countOf(next)} contacts.`);
    } else {
      say(`Residue ${selected + 1} cannot move ${ARROW_NAMES[key]}: something is in the way.`);
    }
  }

  function turnTail(quarterTurns) {
    if (selected === n - 1) {
      say('The last residue has nothing after it to turn: pick another residue.');
      return;
    }
    const next = pivot(points, selected, quarterTurns, 'tail');
    if (next) {
      change(next, `Chain turned about residue ${selected + 1}: ${countOf(next)} contacts.`);
    } else {
      say('That turn would make the chain cross itself.');
    }
  }

  function select(index) {
    selected = Math.max(0, Math.min(n - 1, index));
    say(`Residue ${selected + 1} of ${n} (${sequence[selected]}) selected.`);
    schedule();
  }

  function countOf(fold) {
    return contactPairs(sequence, fold).length;
  }

  // ---- Keyboard
  board.addEventListener('keydown', (event) => {
    if (done) return;
    const key = event.key;
    if (ARROWS[key]) {
      moveSelected(key);
    } else if (key === '[' || key === ',' || key === 'PageUp') {
      select(selected - 1);
    } else if (key === ']' || key === '.' || key === 'PageDown') {
      select(selected + 1);
    } else if (key === 'Home') {
      select(0);
    } else if (key === 'End') {
      select(n - 1);
    } else if (key === 'q' || key === 'Q') {
      turnTail(1);
    } else if (key === 'e' || key === 'E') {
      turnTail(3);
    } else if (key === 'z' || key === 'Z') {
      undo();
    } else {
      return;
    }
    event.preventDefault();
  });

  // ---- Pointer: the board captures the pointer, so re-rendering the residues never loses the drag.
  board.addEventListener('pointerdown', (event) => {
    if (done) return;
    const at = latticePoint(event, false);
    const index = nearestResidue(at);
    if (index < 0) return;
    event.preventDefault();
    board.focus();
    selected = index;
    drag = { index, start: points, frame: frameOf(points, 3), target: points[index].join() };
    try {
      board.setPointerCapture(event.pointerId);
    } catch (error) {
      // A synthetic event has no active pointer to capture; the drag still works while over the board.
    }
    schedule();
  });

  board.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const target = latticePoint(event, true);
    if (target.join() === drag.target) return;
    drag.target = target.join();
    // Each preview starts from the fold as it was when the drag began, so moving back undoes it.
    const next = moveResidueTo(drag.start, drag.index, target);
    if (next) {
      points = next;
      schedule();
    }
  });

  function endDrag() {
    if (!drag) return;
    const { start, index } = drag;
    drag = null;
    if (points !== start) {
      const moved = points;
      points = start;
      change(moved, `Residue ${index + 1} moved: ${countOf(moved)} contacts.`);
    } else {
      select(index);
    }
  }
  board.addEventListener('pointerup', endDrag);
  board.addEventListener('pointercancel', endDrag);

  function latticePoint(event, rounded) {
    const matrix = board.getScreenCTM();
    if (!matrix) return [0, 0];
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    // The board draws y downwards; the lattice has y upwards.
    return rounded ? [Math.round(p.x), Math.round(-p.y)] : [p.x, -p.y];
  }

  function nearestResidue([x, y]) {
    let best = -1;
    let bestDistance = 0.6 * 0.6;
    points.forEach(([px, py], i) => {
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d < bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  // ---- Submit
  async function submit() {
    if (done || sending) return;
    const overlap = findOverlap(points);
    const moves = toMoves(points);
    if (overlap || moves === null) {
      say(overlap ? `Not sent: residues ${overlap[0] + 1} and ${overlap[1] + 1} overlap.` : 'Not sent: the chain is broken.');
      return;
    }
    sending = true;
    const contacts = countOf(points);
    say(`Sending your fold (${contacts} contacts)…`);
    schedule();
    let result = null;
    try {
      result = await api.submit([{ itemId: item.id, answer: moves }]);
    } catch (error) {
      result = null;
    }
    sending = false;
    if (!result && timeUp) {
      finish();
      say('Time is up and your fold could not be sent.');
      return;
    }
    if (!result) {
      say('Your fold was not sent. Try Submit again.');
      schedule();
      return;
    }
    finish();
    const answer = (result.answers || []).find((a) => String(a.itemId) === String(item.id));
    if (answer && answer.accepted === false) {
      say(`The server refused the fold: ${answer.reason || 'no reason given'}.`);
    } else {
      const total = result.totalPoints !== undefined ? ` (total ${result.totalPoints})` : '';
      say(`Fold accepted: ${contacts} contacts, +${result.points ?? 0} points${total}.`);
    }
    api.progress?.(1, 1);
  }

  function finish() {
    done = true;
    clearInterval(timer);
    schedule();
  }

  // ---- Clock
  function tick() {
    if (Number.isNaN(deadline)) { clock.textContent = ''; return; }
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
    if (left === 0 && !done && !timeUp) {
      timeUp = true;
      if (sending) return;
      if (history.length > 0) {
        submit(); // out of time: the fold as it stands is sent, since any fold is a valid answer
      } else {
        finish();
        say('Time is up.');
      }
    }
  }
  const timer = setInterval(tick, 250);

  // ---- Rendering: everything that writes to the DOM after mount happens here, once per frame.
  function schedule() {
    if (!frameRequest) frameRequest = requestAnimationFrame(render);
  }

  function render() {
    frameRequest = 0;
    const contacts = countOf(points);
    contactsValue.textContent = String(contacts);
    bestLabel.textContent = (bestKnown !== null ? ` · best known ${bestKnown}` : '')
      + (aiContacts !== null ? ` · AI ${aiContacts}` : '');
    record.textContent = bestKnown !== null && bestKnown > 0 && contacts >= bestKnown ? ' — record reached!' : '';
    drawBoard();
    undoButton.disabled = done || history.length === 0;
    for (const b of [turnLeftButton, turnRightButton, resetButton, aiButton]) b.disabled = done;
    submitButton.disabled = done || sending;
    board.setAttribute('aria-disabled', String(done));
  }

  function drawBoard() {
    const [minX, minY, width, height] = drag ? drag.frame : frameOf(points, 1);
    board.setAttribute('viewBox', `${minX} ${-(minY + height)} ${width} ${height}`);
    const shapes = [];
    const chain = document.createElementNS(SVG, 'polyline');
    chain.setAttribute('points', points.map(([x, y]) => `${x},${-y}`).join(' '));
    chain.classList.add('fold-chain');
    shapes.push(chain);
    for (const [i, j] of contactPairs(sequence, points)) {
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('x1', points[i][0]);
      line.setAttribute('y1', -points[i][1]);
      line.setAttribute('x2', points[j][0]);
      line.setAttribute('y2', -points[j][1]);
      line.classList.add('fold-contact');
      shapes.push(line);
    }
    points.forEach(([x, y], i) => {
      const residue = document.createElementNS(SVG, 'circle');
      residue.setAttribute('cx', x);
      residue.setAttribute('cy', -y);
      residue.setAttribute('r', '0.32');
      residue.classList.add(sequence[i] === 'H' ? 'fold-h' : 'fold-p');
      if (i === selected) residue.classList.add('fold-selected');
      shapes.push(residue);
    });
    const first = document.createElementNS(SVG, 'text');
    first.setAttribute('x', points[0][0]);
    first.setAttribute('y', -points[0][1] - 0.45);
    first.classList.add('fold-label');
    first.textContent = '1';
    shapes.push(first);
    board.replaceChildren(...shapes);
  }

  function say(message) {
    status.textContent = message;
  }

  api.progress?.(0, 1);
  say(aiFold ? 'Fold the chain, or start from the AI fold and try to beat it.' : 'Fold the chain: bring the H residues together.');
  tick();
  render();

  return function unmount() {
    clearInterval(timer);
    cancelAnimationFrame(frameRequest);
    element.replaceChildren();
  };
}

/** [minX, minY, width, height] of the fold with `margin` lattice units around it, at least 5 x 5. */
function frameOf(points, margin) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  let minX = Math.min(...xs) - margin;
  let minY = Math.min(...ys) - margin;
  let width = Math.max(...xs) + margin - minX;
  let height = Math.max(...ys) + margin - minY;
  if (width < 5) { minX -= (5 - width) / 2; width = 5; }
  if (height < 5) { minY -= (5 - height) / 2; height = 5; }
  return [minX, minY, width, height];
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(text, className, onClick) {
  const node = el('button', className, text);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

function kbd(text) {
  return el('kbd', 'fold-key', text);
}

function legend(className) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '-0.5 -0.5 1 1');
  svg.classList.add('fold-legend');
  svg.setAttribute('aria-hidden', 'true');
  const dot = document.createElementNS(SVG, 'circle');
  dot.setAttribute('r', '0.32');
  dot.classList.add(className);
  svg.append(dot);
  return svg;
}
