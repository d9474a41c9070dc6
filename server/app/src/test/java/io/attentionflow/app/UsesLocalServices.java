package io.attentionflow.app;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link LocalServices} to every Quarkus test of this module. */
@QuarkusTestResource(LocalServices.class)
public final class UsesLocalServices {

    private UsesLocalServices() {
    }
}
