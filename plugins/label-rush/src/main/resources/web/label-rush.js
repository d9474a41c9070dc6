// Label rush: one item at a time, pick a label by click or by number key, then the round is submitted.
// Contract: mount(element, round, api) -> unmount function. All item and player text goes through
// textContent: nothing supplied by a researcher or a player is ever parsed as HTML.

const SECONDS_PER_ITEM = 20;

export function mount(element, round, api) {
  const answers = [];
  let index = 0;
  let deadline = 0;
  let timer = 0;

  const view = document.createElement('section');
  view.className = 'label-rush';
  const counter = document.createElement('p');
  counter.className = 'lr-counter';
  const clock = document.createElement('p');
  clock.className = 'lr-clock';
  clock.setAttribute('aria-live', 'off');
  const stage = document.createElement('div');
  stage.className = 'lr-stage';
  const choices = document.createElement('div');
  choices.className = 'lr-choices';
  choices.setAttribute('role', 'group');
  choices.setAttribute('aria-label', 'Labels');
  view.append(counter, clock, stage, choices);
  element.replaceChildren(view);

  round.labels.forEach((label, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lr-choice';
    button.dataset.label = label;
    const key = document.createElement('kbd');
    key.textContent = String(i + 1);
    button.append(key, ' ', label);
    button.addEventListener('click', () => choose(label));
    choices.append(button);
  });

  function onKey(event) {
    const n = Number.parseInt(event.key, 10);
    if (n >= 1 && n <= round.labels.length) {
      event.preventDefault();
      choose(round.labels[n - 1]);
    }
  }
  document.addEventListener('keydown', onKey);

  function show() {
    const item = round.items[index];
    counter.textContent = `Item ${index + 1} of ${round.items.length}`;
    stage.replaceChildren();
    if (item.fields.image_url) {
      const img = document.createElement('img');
      img.src = item.fields.image_url;
      img.alt = 'Item to label';
      stage.append(img);
    } else {
      const text = document.createElement('blockquote');
      text.textContent = item.fields.text;
      stage.append(text);
    }
    deadline = performance.now() + SECONDS_PER_ITEM * 1000;
    api.progress(index, round.items.length);
    choices.querySelector('button')?.focus();
  }

  function tick() {
    const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    clock.textContent = `${left}s`;
    if (left === 0 && index < round.items.length) {
      next(); // out of time: the item is skipped, not answered
    }
  }

  function choose(label) {
    if (index >= round.items.length) return;
    answers.push({ itemId: round.items[index].id, answer: label });
    next();
  }

  function next() {
    index += 1;
    if (index < round.items.length) {
      show();
    } else {
      finish();
    }
  }

  function finish() {
    clearInterval(timer);
    document.removeEventListener('keydown', onKey);
    choices.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    counter.textContent = 'Sending…';
    api.progress(round.items.length, round.items.length);
    api.submit(answers);
  }

  timer = setInterval(tick, 250);
  show();

  return function unmount() {
    clearInterval(timer);
    document.removeEventListener('keydown', onKey);
    element.replaceChildren();
  };
}
