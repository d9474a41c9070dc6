package io.attentionflow.engine.allocation;

/**
 * How often to serve a gold item instead of the policy's choice: at {@code newcomerRate} while a
 * player has given fewer than {@code newcomerAnswers} answers (little history, so their reliability
 * is unknown), then at {@code regularRate}. Pure: the caller draws the random number.
 *
 * @param newcomerRate    share of gold for newcomers, in [0, 1]
 * @param regularRate     share of gold once a player has history, in [0, 1]
 * @param newcomerAnswers answers after which a player is no longer a newcomer, {@code >= 0}
 */
public record GoldMixer(double newcomerRate, double regularRate, int newcomerAnswers) {

    /** No gold at all. */
    public static final GoldMixer NONE = new GoldMixer(0, 0, 0);

    public GoldMixer {
        if (!(newcomerRate >= 0 && newcomerRate <= 1) || !(regularRate >= 0 && regularRate <= 1)) {
            throw new IllegalArgumentException("gold rates must be in [0, 1], got " + newcomerRate + ", " + regularRate);
        }
        if (newcomerAnswers < 0) {
            throw new IllegalArgumentException("newcomer answers must be >= 0, got " + newcomerAnswers);
        }
    }

    /** Share of gold for a player who has given {@code answersGiven} answers. */
    public double rate(int answersGiven) {
        return answersGiven < newcomerAnswers ? newcomerRate : regularRate;
    }

    /** True if the next round of this player should be gold, given a uniform draw {@code u} in [0, 1). */
    public boolean serveGold(int answersGiven, double u) {
        return u < rate(answersGiven);
    }
}
