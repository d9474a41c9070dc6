package io.attentionflow.app.round;

import io.attentionflow.app.security.ServerSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Round tokens: {@code base64url(payload).base64url(HMAC-SHA256(payload))}, the payload naming the round,
 * project, player, lease end and items. The token alone proves which items a player may answer, so no
 * node has to remember issued rounds; single use is enforced when the submission is stored.
 */
@ApplicationScoped
public class RoundToken {

    /** What a valid token says. */
    public record Claims(UUID roundId, long projectId, long playerId, long expiresAtMillis, List<Long> itemIds) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ServerSecret secret;

    public RoundToken(ServerSecret secret) {
        this.secret = secret;
    }

    public String sign(Claims claims) {
        StringBuilder payload = new StringBuilder("v1:")
                .append(claims.roundId()).append(':')
                .append(claims.projectId()).append(':')
                .append(claims.playerId()).append(':')
                .append(claims.expiresAtMillis()).append(':');
        for (int i = 0; i < claims.itemIds().size(); i++) {
            payload.append(i == 0 ? "" : ",").append(claims.itemIds().get(i));
        }
        String body = payload.toString();
        return ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(secret.sign(body));
    }

    /** The claims of a token whose signature is valid; empty for anything forged or malformed. Expiry is not checked here. */
    public Optional<Claims> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String body = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, secret.sign(body))) {
                return Optional.empty();
            }
            String[] parts = body.split(":", -1);
            if (parts.length != 6 || !"v1".equals(parts[0])) {
                return Optional.empty();
            }
            List<Long> items = new ArrayList<>();
            for (String item : parts[5].split(",")) {
                items.add(Long.parseLong(item));
            }
            return Optional.of(new Claims(UUID.fromString(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]), List.copyOf(items)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
