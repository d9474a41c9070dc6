// Fold model: the HP lattice chain with no DOM code, so it can be checked with `node --test`.
// It mirrors the server (LatticeFold.java): residue 0 at the origin, U adds 1 to y, D subtracts 1,
// R adds 1 to x, L subtracts 1; a contact is a pair of H residues on neighbouring lattice points that are
// not consecutive in the chain. A fold is kept as an array of [x, y] points, one per residue.

export const STEPS = Object.freeze({ U: [0, 1], D: [0, -1], L: [-1, 0], R: [1, 0] });

const key = (x, y) => `${x},${y}`;

/** A straight chain of `length` residues along the x axis. */
export function straight(length) {
  return Array.from({ length }, (_, i) => [i, 0]);
}

/**
 * A chain laid out in rows of `width` residues, turning back at each end like a snake: compact enough to
 * be drawn large on a narrow screen, and a neutral start with few contacts.
 */
export function serpentine(length, width) {
  return Array.from({ length }, (_, i) => {
    const row = Math.floor(i / width);
    const column = i % width;
    return [row % 2 === 0 ? column : width - 1 - column, -row];
  });
}

/**
 * Decodes absolute moves into points. Returns {points} or {problem} with the same reasons as the server:
 * wrong length, a letter other than U, D, L, R, or an overlap (residues numbered from 1).
 */
export function parseMoves(moves, length) {
  if (typeof moves !== 'string' || moves.length !== length - 1) {
    return { problem: `a fold of ${length} residues has ${length - 1} moves` };
  }
  const points = [[0, 0]];
  const seen = new Map([[key(0, 0), 0]]);
  for (let i = 1; i < length; i += 1) {
    if (!Object.hasOwn(STEPS, moves[i - 1])) {
      return { problem: `move ${i} is not one of U, D, L, R` };
    }
    const step = STEPS[moves[i - 1]];
    const [x, y] = points[i - 1];
    const point = [x + step[0], y + step[1]];
    const earlier = seen.get(key(...point));
    if (earlier !== undefined) {
      return { problem: `residues ${earlier + 1} and ${i + 1} overlap` };
    }
    seen.set(key(...point), i);
    points.push(point);
  }
  return { points };
}

/** The absolute moves of a connected chain of points, or null when two consecutive points are not neighbours. */
export function toMoves(points) {
  let moves = '';
  for (let i = 1; i < points.length; i += 1) {
    const dx = points[i][0] - points[i - 1][0];
    const dy = points[i][1] - points[i - 1][1];
    const letter = Object.keys(STEPS).find((l) => STEPS[l][0] === dx && STEPS[l][1] === dy);
    if (!letter) return null;
    moves += letter;
  }
  return moves;
}

/** The first two residues (0-based indices) that share a lattice point, or null when the fold is self-avoiding. */
export function findOverlap(points) {
  const seen = new Map();
  for (let i = 0; i < points.length; i += 1) {
    const k = key(...points[i]);
    if (seen.has(k)) return [seen.get(k), i];
    seen.set(k, i);
  }
  return null;
}

/** Whether consecutive residues are lattice neighbours and no two residues share a point. */
export function isValidFold(points) {
  return toMoves(points) !== null && findOverlap(points) === null;
}

/** The H-H contacts as pairs [i, j] with i < j - 1 (0-based). */
export function contactPairs(sequence, points) {
  const residueAt = new Map(points.map((p, i) => [key(...p), i]));
  const pairs = [];
  for (let i = 0; i < points.length; i += 1) {
    if (sequence[i] !== 'H') continue;
    for (const [dx, dy] of Object.values(STEPS)) {
      const j = residueAt.get(key(points[i][0] + dx, points[i][1] + dy));
      // j > i + 1 counts each pair once and skips the chain neighbour, as the server does.
      if (j !== undefined && j > i + 1 && sequence[j] === 'H') pairs.push([i, j]);
    }
  }
  return pairs;
}

/** Number of H-H contacts: the game's score, computed exactly as the server computes it. */
export function countContacts(sequence, points) {
  return contactPairs(sequence, points).length;
}

/** `point` turned by `quarterTurns` x 90 degrees anticlockwise about `centre`. */
function turn(point, centre, quarterTurns) {
  let dx = point[0] - centre[0];
  let dy = point[1] - centre[1];
  for (let q = 0; q < ((quarterTurns % 4) + 4) % 4; q += 1) {
    [dx, dy] = [-dy, dx];
  }
  return [centre[0] + dx, centre[1] + dy];
}

/**
 * Pivot move: the residues after `pivot` (side 'tail') or before it (side 'head') turn by `quarterTurns`
 * x 90 degrees anticlockwise about the pivot residue. Returns the new points, or null when the turned part
 * would overlap the rest.
 */
export function pivot(points, pivotIndex, quarterTurns, side = 'tail') {
  const centre = points[pivotIndex];
  const moved = points.map((p, i) => {
    const turns = side === 'tail' ? i > pivotIndex : i < pivotIndex;
    return turns ? turn(p, centre, quarterTurns) : [...p];
  });
  return findOverlap(moved) === null ? moved : null;
}

const isNeighbour = (a, b) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) === 1;
const same = (a, b) => a[0] === b[0] && a[1] === b[1];

/**
 * Pull move (Lesh, Mitzenmacher and Whitesides, RECOMB 2003): residue `index` goes to `target`, a free
 * point next to its chain neighbour on the side `towards` (+1: the next residue stays, -1: the previous
 * one stays); the chain on the other side follows, each residue taking the old point of the residue two
 * ahead, until it is whole again. Returns the new points, or null when this pull is not possible.
 */
export function pull(points, index, target, towards) {
  const n = points.length;
  const anchor = index + towards;
  const occupied = new Set(points.map((p) => key(...p)));
  if (occupied.has(key(...target))) return null;
  const next = points.map((p) => [...p]);
  next[index] = [...target];
  const follower = index - towards;
  if (anchor >= 0 && anchor < n) {
    if (!isNeighbour(target, points[anchor])) return null;
    if (follower < 0 || follower >= n || isNeighbour(target, points[follower])) return next;
    if (!isDiagonal(target, points[index])) return null;
    // The follower goes to the fourth corner of the square anchor, old point, target.
    const corner = [points[index][0] + target[0] - points[anchor][0], points[index][1] + target[1] - points[anchor][1]];
    if (occupied.has(key(...corner))) return null;
    next[follower] = corner;
  } else {
    // An end residue: it may step to a free neighbour, or jump two points away if the point between is free.
    if (follower < 0 || follower >= n) return null;
    if (isNeighbour(target, points[follower])) return next;
    if (isNeighbour(target, points[index])) {
      // One step: the chain slides after its end, like a snake, each residue into the point ahead of it.
      for (let k = follower; k >= 0 && k < n; k -= towards) {
        if (isNeighbour(points[k], next[k + towards])) break;
        next[k] = [...points[k + towards]];
      }
      return isValidFold(next) ? next : null;
    }
    const between = Object.values(STEPS)
      .map(([dx, dy]) => [points[index][0] + dx, points[index][1] + dy])
      .find((c) => isNeighbour(c, target) && !occupied.has(key(...c)));
    if (!between) return null;
    next[follower] = between;
  }
  for (let k = follower - towards; k >= 0 && k < n; k -= towards) {
    if (isNeighbour(points[k], next[k + towards])) break;
    next[k] = [...points[k + 2 * towards]];
  }
  return isValidFold(next) ? next : null;
}

function isDiagonal(a, b) {
  return Math.abs(a[0] - b[0]) === 1 && Math.abs(a[1] - b[1]) === 1;
}

/**
 * The fold in which residue `index` sits on `target`, reached by the smallest change: a pull move if one
 * fits, else the pivot about the nearest residue that moves fewest residues. Null when none reaches it.
 */
export function moveResidueTo(points, index, target) {
  if (same(points[index], target)) return points;
  const candidates = [];
  for (const towards of [1, -1]) {
    const pulled = pull(points, index, target, towards);
    if (pulled) candidates.push({ points: pulled, cost: changedCount(points, pulled) });
  }
  if (candidates.length === 0) {
    for (let p = 0; p < points.length; p += 1) {
      if (p === index) continue;
      const side = p < index ? 'tail' : 'head';
      for (const quarterTurns of [1, 3, 2]) {
        if (!same(turn(points[index], points[p], quarterTurns), target)) continue;
        const turned = pivot(points, p, quarterTurns, side);
        if (turned) candidates.push({ points: turned, cost: changedCount(points, turned) });
      }
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  return candidates.length ? candidates[0].points : null;
}

function changedCount(before, after) {
  return before.reduce((count, p, i) => count + (same(p, after[i]) ? 0 : 1), 0);
}

/**
 * Keyboard move: the smallest change that takes residue `index` one step in direction [dx, dy]. A residue
 * keeps the colour of its lattice square unless the whole chain shifts, so a single step is only possible
 * for an end; an inner residue goes to the diagonal point ahead (a pull move) or two points ahead.
 * Returns the new points, or null when nothing in that direction is reachable.
 */
export function nudge(points, index, [dx, dy]) {
  const [x, y] = points[index];
  const targets = [[x + dx, y + dy], [x + dx - dy, y + dy + dx], [x + dx + dy, y + dy - dx], [x + 2 * dx, y + 2 * dy]];
  let best = null;
  for (const target of targets) {
    const next = moveResidueTo(points, index, target);
    if (next && (!best || changedCount(points, next) < changedCount(points, best))) best = next;
    if (best && target === targets[0]) break; // a single step, when possible, is the most natural reading
  }
  return best;
}
