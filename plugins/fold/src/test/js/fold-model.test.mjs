// Optional checks of the browser fold model (not run by Maven): node --test plugins/fold/src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseMoves, toMoves, countContacts, contactPairs, findOverlap, isValidFold, pivot, pull, moveResidueTo, nudge, serpentine, straight,
} from '../../main/resources/web/fold-model.js';

const pointsOf = (moves) => parseMoves(moves, moves.length + 1).points;

test('counts contacts as the server does on hand-checked chains', () => {
  assert.equal(countContacts('HHHH', pointsOf('RRR')), 0);
  assert.equal(countContacts('HPPH', pointsOf('RUL')), 1);
  assert.equal(countContacts('HH', pointsOf('R')), 0);
  assert.equal(countContacts('HHHHHH', pointsOf('RRULL')), 2);
  assert.equal(countContacts('PHHHHP', pointsOf('RRULL')), 1);
  assert.equal(countContacts('PHPHPHPPH', pointsOf('RRUULLDR')), 3);
  assert.equal(countContacts('HHPHPHPHH', pointsOf('RRUULLDR')), 4);
  assert.deepEqual(contactPairs('HPPH', pointsOf('RUL')), [[0, 3]]);
});

test('refuses what the server refuses', () => {
  assert.match(parseMoves('RULD', 5).problem, /residues 1 and 5 overlap/);
  assert.match(parseMoves('RUX', 4).problem, /move 3/);
  assert.match(parseMoves('rul', 4).problem, /move 1/);
  assert.match(parseMoves('RU', 4).problem, /3 moves/);
  assert.deepEqual(findOverlap([[0, 0], [1, 0], [0, 0]]), [0, 2]);
});

test('moves round-trip through points, wherever the chain sits', () => {
  assert.equal(toMoves(pointsOf('RRUULLDR')), 'RRUULLDR');
  assert.equal(toMoves(pointsOf('RRUULLDR').map(([x, y]) => [x + 5, y - 3])), 'RRUULLDR');
  assert.equal(toMoves([[0, 0], [2, 0]]), null);
});

test('pivot turns the tail about a residue and refuses an overlap', () => {
  assert.equal(toMoves(pivot(straight(4), 1, 1)), 'RUU');
  assert.equal(toMoves(pivot(straight(4), 1, 3)), 'RDD');
  assert.equal(toMoves(pivot(straight(4), 1, 1, 'head')), 'URR');
  assert.equal(pivot(straight(4), 2, 2, 'head'), null);
  assert.equal(pivot(pointsOf('RRULL'), 1, 2), null);
});

test('pull moves keep the chain whole', () => {
  // Residue 2 of a straight chain pulled up next to residue 3: residue 1 follows to the corner.
  const pulled = pull(straight(4), 1, [2, 1], 1);
  assert.ok(isValidFold(pulled));
  assert.deepEqual(pulled[1], [2, 1]);
  assert.equal(pull(straight(4), 1, [5, 5], 1), null);
  // End residue jumps two points; the rest follows.
  const end = pull(straight(5), 0, [-1, 1], -1);
  assert.ok(isValidFold(end));
  assert.deepEqual(end[0], [-1, 1]);
});

test('random drags never break or overlap the chain and the score always matches a recount', () => {
  const sequence = 'HPHPPHHPHPPHPHHPPHPH';
  let points = straight(sequence.length);
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  let moved = 0;
  for (let step = 0; step < 3000; step += 1) {
    const index = Math.floor(random() * points.length);
    const target = [points[index][0] + Math.floor(random() * 5) - 2, points[index][1] + Math.floor(random() * 5) - 2];
    const next = moveResidueTo(points, index, target);
    if (next) {
      assert.ok(isValidFold(next), `step ${step}`);
      assert.deepEqual(next[index], target);
      points = next;
      moved += 1;
    }
  }
  assert.ok(moved > 500, `only ${moved} drags succeeded`);
  const moves = toMoves(points);
  assert.equal(countContacts(sequence, parseMoves(moves, sequence.length).points), countContacts(sequence, points));
});

// Folds of the demo chains as FoldAiHelper returned them, with the contacts the server's
// FoldGame.objective gave (printed by a throwaway main on 2026-12-01): the browser must agree.
const SERVER_SCORED_FOLDS = [
  ['HPPHHPPH', 'LURRRDL', 3],
  ['HHPHPHPPHPHH', 'LDRDRDRUULU', 5],
  ['PHHPHPPHHPHPHH', 'ULDLLURUURRDL', 6],
  ['HPHPPHHPHPPHPHHPPHPH', 'RDDLULDLLURURULURRD', 9],
  ['HHPPHPPHPPHPPHPPHPPHPPHH', 'UURDRDLDDLDLUULULURURDD', 9],
  ['PPHPPHHPPPPHHPPPPHHPPPPHH', 'ULDLULDLUURUUURDDRRRDLLL', 8],
  ['PPPHHPPHHPPPPPHHHHHHHPPHHPPPPHHPPHPP', 'RULURULURULLLDRDLDRDDLULLLURRULURUL', 14],
  ['PPHPPHHPPHHPPPPPHHHHHHHHHHPPPPPPHHPPHHPPHPPHHHHH', 'RRURDRRDLDRRDLLLLURULLDLULLDRDDRDDRURDRURULLLUL', 22],
  ['HHPHPHPHPHHHHPHPPPHPPPHPPPPHPPPHPPPHPHHHHPHPHPHPHH', 'URDDLLULURUURDRRURDRUUUULDDLLLLULLDRDDLULDLDDRRUL', 21],
  ['PPHHHPHHHHHHHHPPPHHHHHHHHHHPHPPPHHHHHHHHHHHHPPPPHHHHHHPHHPHP', 'RRUUURDDDRUUUURRDLDDDRUURURDRRDLDDLUULDDLLLLDDRURRRRRRUURDR', 35],
  ['HHHHHHHHHHHHPHPHPPHHPPHHPPHPPHHPPHHPPHPPHHPPHHPPHPHPHHHHHHHHHHHH', 'URRULURUUULURRDRDLDRDLDRDLDLLDDLULDLULURULURULURURURDRDLLDRDLDD', 41],
];

test('counts the same contacts as the server on server-scored folds', () => {
  for (const [sequence, moves, contacts] of SERVER_SCORED_FOLDS) {
    const parsed = parseMoves(moves, sequence.length);
    assert.equal(parsed.problem, undefined, sequence);
    assert.equal(countContacts(sequence, parsed.points), contacts, sequence);
  }
});

test('arrow keys move an inner residue to the diagonal ahead and an end one step', () => {
  const up = nudge(straight(5), 2, [0, 1]);
  assert.ok(isValidFold(up));
  assert.equal(up[2][1], 1);
  const endUp = nudge(straight(5), 4, [0, 1]);
  assert.deepEqual(endUp[4], [4, 1]);
  assert.deepEqual(endUp.slice(0, 4), straight(5).slice(1)); // the chain slid after its end
  assert.ok(isValidFold(nudge(up, 2, [0, 1])));
});

test('the serpentine start is a valid fold of any length', () => {
  for (let n = 2; n <= 100; n += 1) {
    assert.ok(isValidFold(serpentine(n, Math.max(4, Math.ceil(1.5 * Math.sqrt(n))))), `length ${n}`);
  }
});
