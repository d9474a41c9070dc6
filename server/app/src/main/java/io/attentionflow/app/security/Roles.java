package io.attentionflow.app.security;

/** The roles a bearer token can carry. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String RESEARCHER = "researcher";
    public static final String PLAYER = "player";

    private Roles() {
    }
}
