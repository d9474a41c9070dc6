// Wiring: lobby -> round -> game module -> answers -> feedback -> next round.
import * as api from './api.js';
import * as view from './view.js';

let current = null;   // the project being played
let unmount = null;   // cleans up the mounted game module
let pairing = null;   // the WebSocket of a paired round

async function refreshPlayer() {
  view.showPlayer(await api.player());
}

function stopPairing() {
  if (pairing) { pairing.close(); pairing = null; }
}

async function openLobby() {
  if (unmount) { unmount(); unmount = null; }
  stopPairing();
  current = null;
  view.showLobby(await api.lobby(), play);
}

async function play(project) {
  current = project;
  view.showPlay(project);
  stopPairing();
  if (project.paired) {
    view.showMessage('Looking for a partner…');
    pairing = api.pairUp(project.id, {
      onRound: (round) => { view.showMessage(''); mountGame(round, pairing); },
      onNothing: () => view.showMessage('Nothing here needs you right now. Thank you! Try another project.'),
      onError: (detail) => view.showMessage(detail),
    });
    return;
  }
  let round;
  try {
    round = await api.nextRound(project.id);
  } catch (error) {
    view.showMessage(error.message);
    return;
  }
  if (!round) {
    view.showMessage('Nothing here needs you right now. Thank you! Try another project.');
    return;
  }
  mountGame(round, null);
}

async function mountGame(round, partner) {
  const game = await import(round.module);
  if (unmount) unmount();
  const paired = partner ? { sendWord: partner.sendWord, onPartner: partner.onPartner } : {};
  unmount = game.mount(view.gameElement(), round, {
    ...paired,
    async submit(answers) {
      stopPairing();
      if (answers.length === 0) {
        view.showMessage('Out of time: no answers sent.');
        return null;
      }
      const started = performance.now();
      try {
        const result = await api.submit(round, answers);
        view.showResult(result, performance.now() - started);
        refreshPlayer();
        return result;
      } catch (error) {
        view.showMessage(`Your answers were not taken: ${error.message}`);
        return null;
      }
    },
    progress() {},
  });
}

view.onAgain(() => current && play(current));
view.onBack(openLobby);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !document.getElementById('again').hidden && current) {
    event.preventDefault();
    play(current);
  }
});

view.onAccount(async (action, name, password) => {
  try {
    const player = action === 'login' ? await api.signIn(name, password) : await api.signUp(name, password);
    view.showPlayer(player);
    view.showAccountMessage(action === 'login' ? `Welcome back, ${player.name}.` : `Signed up as ${player.name}.`);
  } catch (error) {
    view.showAccountMessage(error.message);
  }
});

api.watchLeaderboards(view.showBoards, view.showLive);
refreshPlayer().then(openLobby).catch((error) => view.showMessage(error.message));
