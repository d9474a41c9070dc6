// The only module that writes to the page outside a game's own element. Text only: never innerHTML.

const $ = (id) => document.getElementById(id);

export function showPlayer(player) {
  const streak = player.streak > 0 ? ` · streak ${player.streak}` : '';
  $('player').textContent = `${player.name} · level ${player.level} · ${player.points} points${streak}`;
  $('account').hidden = !player.guest;
}

export function showBoards(boards) {
  for (const board of boards) {
    const list = $(`board-${board.period}`);
    if (board.entries.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No points yet: be the first.';
      list.replaceChildren(empty);
      continue;
    }
    list.replaceChildren(...board.entries.map((entry) => {
      const line = document.createElement('li');
      line.textContent = `${entry.name} — ${entry.points}`;
      return line;
    }));
  }
}

export function showLive(connected) {
  $('live').textContent = connected ? 'live' : 'reconnecting…';
  $('live').classList.toggle('off', !connected);
}

export function onAccount(handler) {
  $('signup').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    handler(event.submitter?.value ?? 'signup', form.get('name'), form.get('password'));
  });
}

export function showAccountMessage(text) {
  $('account-message').textContent = text;
}

export function showLobby(projects, onPick) {
  $('play').hidden = true;
  $('lobby').hidden = false;
  const list = $('projects');
  list.replaceChildren(...projects.map((project) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    const title = document.createElement('strong');
    title.textContent = project.name;
    const game = document.createElement('small');
    const details = [project.title];
    if (project.labels.length > 0) details.push(project.labels.join(' / '));
    if (project.paired) details.push('with a partner');
    game.textContent = details.join(' · ');
    button.append(title, game);
    button.addEventListener('click', () => onPick(project));
    item.append(button);
    if (project.answerKind === 'STRUCTURED') {
      const board = document.createElement('a');
      board.href = `/best.html?project=${project.id}`;
      board.className = 'board-link';
      board.textContent = 'Best answers so far';
      item.append(board);
    }
    return item;
  }));
  $('lobby-empty').hidden = projects.length > 0;
  list.querySelector('button')?.focus();
}

export function showPlay(project) {
  $('lobby').hidden = true;
  $('play').hidden = false;
  $('play-title').textContent = project.name;
  $('again').hidden = true;
  $('feedback').replaceChildren();
}

export const gameElement = () => $('game');

export function showMessage(text) {
  $('feedback').replaceChildren(document.createTextNode(text));
}

export function showResult(result, ackMillis) {
  const lines = [];
  const summary = document.createElement('p');
  summary.textContent = `+${result.points} points (total ${result.totalPoints}).`;
  summary.dataset.ackMillis = String(Math.round(ackMillis));
  lines.push(summary);
  for (const answer of result.answers) {
    if (answer.correct === undefined || answer.correct === null) continue;
    const line = document.createElement('p');
    line.className = answer.correct ? 'good' : 'bad';
    line.textContent = answer.correct ? `Right: “${answer.answer}”.` : `Not quite: it was “${answer.expected}”, you said “${answer.answer}”.`;
    lines.push(line);
  }
  $('feedback').replaceChildren(...lines);
  $('again').hidden = false;
  $('again').focus();
}

export function onAgain(handler) { $('again').addEventListener('click', handler); }
export function onBack(handler) { $('back').addEventListener('click', handler); }
