package io.attentionflow.plugins.fold;

import java.util.SplittableRandom;

/**
 * Searches for a fold of an HP chain with many H-H contacts: replica-exchange Monte Carlo over pull moves.
 *
 * <p>Move set: pull moves, from N. Lesh, M. Mitzenmacher and S. Whitesides, "A complete and effective move
 * set for simplified protein folding", RECOMB 2003, pp. 188-195. A residue {@code i} moves to a free point
 * {@code L} next to its chain neighbour and diagonal to its old point; its other neighbour follows to the
 * fourth corner {@code C} of that square, and the rest of the chain on that side follows two points
 * behind until it meets a residue that is still connected. An end residue may instead jump to any two
 * free neighbouring points, pulling the chain after it. Every move keeps the chain connected and
 * self-avoiding, and the set connects all folds of a chain.
 *
 * <p>Search: replica exchange as applied to the HP model with pull moves by C. Thachuk, A. Shmygelska and
 * H. H. Hoos, "A replica exchange Monte Carlo algorithm for protein folding in the HP model", BMC
 * Bioinformatics 8:342 (2007). Several copies of the chain run Metropolis Monte Carlo at a ladder of
 * temperatures (energy = minus the number of contacts); neighbouring copies swap temperatures now and
 * then, so a fold trapped at a low temperature can escape by warming up and cooling again.
 *
 * <p>Running time: O(b * n) for a budget of b proposed moves on a chain of n residues (each proposal
 * costs O(n) at most: the pull and a recount of contacts). Memory: O(r * n^2) for r replicas, the lattice
 * grid of each. Deterministic: the same sequence, seed, budget and target give the same fold.
 */
final class PullMoveSearch {

    /** The best fold found and its number of H-H contacts. */
    record Result(String moves, int contacts) {
    }

    // Ladder and exchange interval chosen by comparing a few settings on the 25- to 64-residue demo
    // chains (six seeds each, same budget); the differences were small, this one was best on average.
    private static final int REPLICAS = 4;
    private static final double COLDEST = 0.35;
    private static final double HOTTEST = 1.2;
    private static final int MOVES_BETWEEN_EXCHANGES = 100;

    private final String sequence;
    private final long seed;
    private final long moveBudget;
    private final int target;

    /**
     * @param sequence   H and P letters, 2 to 100 residues
     * @param seed       seed of the random source
     * @param moveBudget number of moves to propose over all replicas before stopping
     * @param target     stop as soon as a fold with this many contacts is found
     */
    PullMoveSearch(String sequence, long seed, long moveBudget, int target) {
        HpSequence.problem(sequence).ifPresent(problem -> {
            throw new IllegalArgumentException("sequence " + problem);
        });
        if (moveBudget < 0) {
            throw new IllegalArgumentException("moveBudget must not be negative, got " + moveBudget);
        }
        this.sequence = sequence;
        this.seed = seed;
        this.moveBudget = moveBudget;
        this.target = target;
    }

    /** Runs the search and returns the best fold it met. */
    Result search() {
        SplittableRandom random = new SplittableRandom(seed);
        double[] temperatures = temperatureLadder();
        Chain[] replicas = new Chain[REPLICAS];
        for (int r = 0; r < REPLICAS; r++) {
            replicas[r] = new Chain(sequence);
        }
        int n = sequence.length();
        int[] bestXs = replicas[0].xs.clone();
        int[] bestYs = replicas[0].ys.clone();
        int bestContacts = replicas[0].contacts;
        long proposed = 0;
        boolean evenPairs = true;
        while (proposed < moveBudget && bestContacts < target) {
            for (int r = 0; r < REPLICAS; r++) {
                Chain chain = replicas[r];
                for (int k = 0; k < MOVES_BETWEEN_EXCHANGES; k++) {
                    chain.tryPullMove(random, temperatures[r]);
                    if (chain.contacts > bestContacts) {
                        System.arraycopy(chain.xs, 0, bestXs, 0, n);
                        System.arraycopy(chain.ys, 0, bestYs, 0, n);
                        bestContacts = chain.contacts;
                    }
                }
            }
            proposed += (long) REPLICAS * MOVES_BETWEEN_EXCHANGES;
            exchangeNeighbours(replicas, temperatures, random, evenPairs);
            evenPairs = !evenPairs;
        }
        return new Result(LatticeFold.moves(bestXs, bestYs, n), bestContacts);
    }

    private static double[] temperatureLadder() {
        double[] temperatures = new double[REPLICAS];
        double ratio = Math.pow(HOTTEST / COLDEST, 1.0 / (REPLICAS - 1));
        for (int r = 0; r < REPLICAS; r++) {
            temperatures[r] = COLDEST * Math.pow(ratio, r);
        }
        return temperatures;
    }

    /** Offers a swap to every other pair of neighbouring temperatures (even or odd pairs in turn). */
    private static void exchangeNeighbours(Chain[] replicas, double[] temperatures, SplittableRandom random, boolean evenPairs) {
        for (int r = evenPairs ? 0 : 1; r + 1 < REPLICAS; r += 2) {
            // Metropolis criterion for swapping two replicas: exp((1/T_r - 1/T_r+1) * (E_r - E_r+1)), E = -contacts.
            double exponent = (1 / temperatures[r] - 1 / temperatures[r + 1])
                    * (replicas[r + 1].contacts - replicas[r].contacts);
            if (exponent >= 0 || random.nextDouble() < Math.exp(exponent)) {
                Chain colder = replicas[r];
                replicas[r] = replicas[r + 1];
                replicas[r + 1] = colder;
            }
        }
    }

    /** One fold on a lattice grid large enough that the chain never needs to leave it after recentring. */
    private static final class Chain {

        final int n;
        final boolean[] hydrophobic;
        final int width;
        /** Residue index + 1 at each lattice point, 0 where free. */
        final int[] grid;
        final int[] xs;
        final int[] ys;
        int contacts;

        // Proposed positions, valid for residues first..last, and the positions they had before a move.
        private final int[] proposedX;
        private final int[] proposedY;
        private final int[] previousX;
        private final int[] previousY;
        private int first;
        private int last;

        Chain(String sequence) {
            n = sequence.length();
            hydrophobic = new boolean[n];
            for (int i = 0; i < n; i++) {
                hydrophobic[i] = sequence.charAt(i) == 'H';
            }
            width = 2 * n + 8;
            grid = new int[width * width];
            xs = new int[n];
            ys = new int[n];
            proposedX = new int[n];
            proposedY = new int[n];
            previousX = new int[n];
            previousY = new int[n];
            for (int i = 0; i < n; i++) {
                place(i, 4 + i, width / 2);
            }
            contacts = 0; // a straight chain touches nothing
        }

        /** Proposes a random pull move and accepts it by the Metropolis rule at {@code temperature}. */
        void tryPullMove(SplittableRandom random, double temperature) {
            int residue = random.nextInt(n);
            int towards = random.nextBoolean() ? 1 : -1;
            boolean proposed = residue + towards < 0 || residue + towards >= n
                    ? proposeEndPull(residue, towards, random)
                    : proposeInnerPull(residue, towards, random);
            if (!proposed) {
                return;
            }
            apply();
            int after = countContacts();
            int gain = after - contacts;
            if (gain >= 0 || random.nextDouble() < Math.exp(gain / temperature)) {
                contacts = after;
                recentreIfNearEdge();
            } else {
                revert();
            }
        }

        /**
         * Residue {@code i} moves next to its neighbour {@code i + towards} (the anchor), to a point L
         * diagonal to where it was; the chain on the other side follows.
         */
        private boolean proposeInnerPull(int i, int towards, SplittableRandom random) {
            int anchor = i + towards;
            int vx = xs[i] - xs[anchor];
            int vy = ys[i] - ys[anchor];
            // w is perpendicular to the bond anchor->i; L = anchor + w, C = old point of i + w.
            int side = random.nextBoolean() ? 1 : -1;
            int wx = -vy * side;
            int wy = vx * side;
            int lx = xs[anchor] + wx;
            int ly = ys[anchor] + wy;
            if (!isFree(lx, ly)) {
                return false;
            }
            int follower = i - towards;
            first = i;
            last = i;
            proposedX[i] = lx;
            proposedY[i] = ly;
            if (follower < 0 || follower >= n) {
                return true;
            }
            int cx = xs[i] + wx;
            int cy = ys[i] + wy;
            if (cx == xs[follower] && cy == ys[follower]) {
                return true; // a corner flip: the follower is already next to L
            }
            if (!isFree(cx, cy)) {
                return false;
            }
            proposedX[follower] = cx;
            proposedY[follower] = cy;
            extend(follower);
            pullFollowers(follower - towards, towards);
            return true;
        }

        /** End residue {@code i} jumps to a free point L two steps away, its neighbour to the free point C between. */
        private boolean proposeEndPull(int i, int towards, SplittableRandom random) {
            int towardC = random.nextInt(4);
            int cx = xs[i] + LatticeFold.DX[towardC];
            int cy = ys[i] + LatticeFold.DY[towardC];
            int towardL = random.nextInt(4);
            int lx = cx + LatticeFold.DX[towardL];
            int ly = cy + LatticeFold.DY[towardL];
            if (!isFree(cx, cy) || !isFree(lx, ly)) {
                return false; // also refuses L on the end's own point, which is occupied
            }
            int follower = i - towards;
            first = i;
            last = i;
            proposedX[i] = lx;
            proposedY[i] = ly;
            proposedX[follower] = cx;
            proposedY[follower] = cy;
            extend(follower);
            pullFollowers(follower - towards, towards);
            return true;
        }

        /** Each following residue takes the old point of the residue two ahead of it, until the chain is whole. */
        private void pullFollowers(int from, int towards) {
            for (int k = from; k >= 0 && k < n; k -= towards) {
                int ahead = k + towards;
                if (Math.abs(xs[k] - proposedX[ahead]) + Math.abs(ys[k] - proposedY[ahead]) == 1) {
                    return;
                }
                proposedX[k] = xs[k + 2 * towards];
                proposedY[k] = ys[k + 2 * towards];
                extend(k);
            }
        }

        private void extend(int residue) {
            first = Math.min(first, residue);
            last = Math.max(last, residue);
        }

        private void apply() {
            for (int k = first; k <= last; k++) {
                previousX[k] = xs[k];
                previousY[k] = ys[k];
                grid[ys[k] * width + xs[k]] = 0;
            }
            for (int k = first; k <= last; k++) {
                place(k, proposedX[k], proposedY[k]);
            }
        }

        private void revert() {
            for (int k = first; k <= last; k++) {
                grid[ys[k] * width + xs[k]] = 0;
            }
            for (int k = first; k <= last; k++) {
                place(k, previousX[k], previousY[k]);
            }
        }

        private void place(int residue, int x, int y) {
            assert grid[y * width + x] == 0 : "lattice point taken twice";
            xs[residue] = x;
            ys[residue] = y;
            grid[y * width + x] = residue + 1;
        }

        private boolean isFree(int x, int y) {
            return grid[y * width + x] == 0;
        }

        private int countContacts() {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!hydrophobic[i]) {
                    continue;
                }
                int at = ys[i] * width + xs[i];
                count += contactWith(i, grid[at - 1]) + contactWith(i, grid[at + 1])
                        + contactWith(i, grid[at - width]) + contactWith(i, grid[at + width]);
            }
            return count;
        }

        /** 1 when the residue stored as {@code cell} is an H residue later in the chain than i + 1. */
        private int contactWith(int i, int cell) {
            int j = cell - 1;
            return j > i + 1 && hydrophobic[j] ? 1 : 0;
        }

        /**
         * Keeps every residue at least three points from the edge: a move places residues at most two
         * points beyond the chain, and counting contacts looks one point further.
         */
        private void recentreIfNearEdge() {
            int minX = Integer.MAX_VALUE;
            int maxX = Integer.MIN_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxY = Integer.MIN_VALUE;
            for (int k = first; k <= last; k++) {
                minX = Math.min(minX, xs[k]);
                maxX = Math.max(maxX, xs[k]);
                minY = Math.min(minY, ys[k]);
                maxY = Math.max(maxY, ys[k]);
            }
            if (minX >= 3 && minY >= 3 && maxX <= width - 4 && maxY <= width - 4) {
                return;
            }
            for (int k = 0; k < n; k++) {
                minX = Math.min(minX, xs[k]);
                maxX = Math.max(maxX, xs[k]);
                minY = Math.min(minY, ys[k]);
                maxY = Math.max(maxY, ys[k]);
                grid[ys[k] * width + xs[k]] = 0;
            }
            int shiftX = width / 2 - (minX + maxX) / 2;
            int shiftY = width / 2 - (minY + maxY) / 2;
            for (int k = 0; k < n; k++) {
                place(k, xs[k] + shiftX, ys[k] + shiftY);
            }
        }
    }
}
