package io.attentionflow.app.security;

import io.attentionflow.app.boot.AflowConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a bearer token to its role and subject. Tokens never change owner and are not revoked yet, so
 * resolved ones are remembered (bounded) to spare PostgreSQL a query on every round and answer.
 */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final int REMEMBERED_TOKENS = 100_000;

    private final CredentialRepository credentials;
    private final AflowConfig config;
    private final ConcurrentHashMap<String, CredentialRepository.Credential> remembered = new ConcurrentHashMap<>();

    public BearerIdentityProvider(CredentialRepository credentials, AflowConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        if (isAdminToken(token)) {
            return Uni.createFrom().item(identity(new CredentialRepository.Credential(Roles.ADMIN, 0)));
        }
        CredentialRepository.Credential known = remembered.get(token);
        if (known != null) {
            return Uni.createFrom().item(identity(known));
        }
        return credentials.find(token).map(found -> {
            CredentialRepository.Credential credential = found.orElseThrow(() -> new AuthenticationFailedException("unknown bearer token"));
            if (remembered.size() >= REMEMBERED_TOKENS) {
                remembered.clear();
            }
            remembered.put(token, credential);
            return identity(credential);
        });
    }

    private boolean isAdminToken(String token) {
        return config.adminToken()
                .map(admin -> MessageDigest.isEqual(admin.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static SecurityIdentity identity(CredentialRepository.Credential credential) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Long.toString(credential.subjectId())))
                .addRole(credential.role())
                .build();
    }
}
