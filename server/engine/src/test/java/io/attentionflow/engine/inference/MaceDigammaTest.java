package io.attentionflow.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaceDigammaTest {

    @Test
    void digammaMatchesKnownValues() {
        double eulerGamma = 0.5772156649015329;
        assertEquals(-eulerGamma, Mace.digamma(1), 1e-12);
        assertEquals(-eulerGamma - 2 * Math.log(2), Mace.digamma(0.5), 1e-12);
        assertEquals(1.5 - eulerGamma, Mace.digamma(3), 1e-12);
        assertEquals(Math.log(100) - 1.0 / 200 - 1.0 / 120000, Mace.digamma(100), 1e-9);
    }
}
