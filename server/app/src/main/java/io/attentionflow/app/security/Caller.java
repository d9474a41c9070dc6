package io.attentionflow.app.security;

import io.quarkus.security.identity.SecurityIdentity;

/** The id of the researcher or player a request acts for. */
public final class Caller {

    private Caller() {
    }

    public static long id(SecurityIdentity identity) {
        return Long.parseLong(identity.getPrincipal().getName());
    }
}
