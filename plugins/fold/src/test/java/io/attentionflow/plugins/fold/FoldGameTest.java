package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FoldGameTest {

    private final FoldGame game = new FoldGame();
    private final Item hairpin = new Item(Map.of("sequence", "HHHHHH", "best_known", "2"), List.of());

    @Test
    void isAStructuredSoloGameOfOneChainPerRound() {
        assertEquals("fold", game.id());
        assertEquals(AnswerKind.STRUCTURED, game.answerKind());
        assertEquals(1, game.roundShape().itemsPerRound());
        assertEquals(false, game.roundShape().paired());
    }

    @Test
    void acceptsAChainWithoutBestKnownFigure() {
        assertEquals(List.of(), game.validateItem(new Item(Map.of("sequence", "HPPH"), List.of())));
    }

    @Test
    void refusesAMissingOrMalformedSequence() {
        assertEquals("sequence", game.validateItem(new Item(Map.of(), List.of())).get(0).field());
        assertEquals("sequence", game.validateItem(new Item(Map.of("sequence", "HPAH"), List.of())).get(0).field());
    }

    @Test
    void refusesABestKnownFigureThatIsNotACountOrCannotBeReached() {
        List<Problem> notCount = game.validateItem(new Item(Map.of("sequence", "HPPH", "best_known", "-1"), List.of()));
        assertEquals("best_known", notCount.get(0).field());
        List<Problem> tooMany = game.validateItem(new Item(Map.of("sequence", "HPPH", "best_known", "5"), List.of()));
        assertEquals("best_known", tooMany.get(0).field());
        assertTrue(tooMany.get(0).reason().contains("more than 1"), tooMany.get(0).reason());
    }

    @Test
    void refusesAnOverlappingFoldWithAReason() {
        Item chain = new Item(Map.of("sequence", "HPPHH"), List.of());
        List<Problem> problems = game.validateAnswer(chain, "RULD");
        assertEquals("answer", problems.get(0).field());
        assertTrue(problems.get(0).reason().contains("overlaps"), problems.get(0).reason());
    }

    @Test
    void refusesBadLettersAndWrongLength() {
        assertEquals("answer", game.validateAnswer(hairpin, "RRUL?").get(0).field());
        assertEquals("answer", game.validateAnswer(hairpin, "RRUL").get(0).field());
        assertEquals("answer", game.validateAnswer(hairpin, null).get(0).field());
        assertEquals(List.of(), game.validateAnswer(hairpin, "RRULL"));
    }

    @Test
    void objectiveIsTheNumberOfContacts() {
        assertEquals(OptionalDouble.of(2), game.objective(hairpin, "RRULL"));
        assertEquals(OptionalDouble.of(0), game.objective(hairpin, "RRRRR"));
        assertEquals(OptionalDouble.empty(), game.objective(hairpin, "RULDR"));
    }

    @Test
    void paysPerContactAndABonusForReachingTheBestKnownFigure() {
        assertEquals(2 * FoldGame.POINTS_PER_CONTACT + FoldGame.RECORD_BONUS, game.points(hairpin, "RRULL", Optional.empty()));
        assertEquals(0, game.points(hairpin, "RRRRR", Optional.empty()));
        assertEquals(0, game.points(hairpin, "RULDR", Optional.empty()));
        Item noFigure = new Item(Map.of("sequence", "HHHHHH"), List.of());
        assertEquals(2 * FoldGame.POINTS_PER_CONTACT, game.points(noFigure, "RRULL", Optional.empty()));
    }
}
