package io.attentionflow.app.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.impl.types.ErrorType;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    @Test
    void redisRepliesOfAStoreThatCannotServeForAMomentAskForARetry() {
        for (String reply : new String[] {"LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script",
                "MASTERDOWN Link with MASTER is down", "TRYAGAIN Multiple keys request during rehashing of slot",
                "CLUSTERDOWN The cluster is down"}) {
            assertTrue(StoreFailures.unavailable(ErrorType.create(reply)), reply);
            assertTrue(StoreFailures.unavailable(new CompletionException(ErrorType.create(reply))), "wrapped: " + reply);
        }
    }

    @Test
    void redisRepliesThatAskingAgainWouldNotChangeAreTheServersFault() {
        for (String reply : new String[] {"ERR Error running script", "WRONGTYPE Operation against a key holding the wrong kind of value",
                "READONLY You can't write against a read only replica.", "NOSCRIPT No matching script", "LOADINGX not a code"}) {
            assertFalse(StoreFailures.unavailable(ErrorType.create(reply)), reply);
        }
    }
}
