package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HpSequenceTest {

    @Test
    void acceptsChainsOfTwoToOneHundredResidues() {
        assertTrue(HpSequence.problem("HP").isEmpty());
        assertTrue(HpSequence.problem("H".repeat(100)).isEmpty());
        assertTrue(HpSequence.problem("H").isPresent());
        assertTrue(HpSequence.problem("H".repeat(101)).isPresent());
    }

    @Test
    void refusesLettersOtherThanUpperCaseHAndP() {
        assertEquals("residue 3 is 'X'; only H and P (upper case) are allowed", HpSequence.problem("HPXH").orElseThrow());
        assertTrue(HpSequence.problem("hp").isPresent());
        assertTrue(HpSequence.problem(null).isPresent());
        assertTrue(HpSequence.problem("  ").isPresent());
    }

    @Test
    void boundIsZeroWhenNoTwoHResiduesCanEverTouch() {
        assertEquals(0, HpSequence.contactBound("HH"));
        assertEquals(0, HpSequence.contactBound("HPH")); // same parity: never neighbours
        assertEquals(0, HpSequence.contactBound("PPPP"));
    }

    @Test
    void boundCoversTheBestFoldOfEveryDemoChain() {
        for (var row : DemoChains.benchmarks().items()) {
            int bestKnown = Integer.parseInt(row.get("best_known"));
            assertTrue(bestKnown <= HpSequence.contactBound(row.get("sequence")), row.get("id"));
        }
    }
}
