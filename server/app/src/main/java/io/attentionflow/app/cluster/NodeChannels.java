package io.attentionflow.app.cluster;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Redis pub/sub channels on which nodes tell each other that something they remember changed (the id of a
 * project or an item), kept listening. The Redis client drops its subscriptions without a word when Redis
 * restarts or the connection is closed (measured with Quarkus 3.33: {@code PUBSUB NUMSUB} fell to 0 and stayed
 * there, and no callback ran), and a subscription may fail at start while Redis is down. So every
 * {@link #HEARTBEAT_SECONDS} seconds each node publishes a heartbeat of its own on every channel it listens to,
 * and subscribes again wherever the previous one did not come back. Ids are positive; heartbeats are negative
 * and never reach the listeners.
 */
@ApplicationScoped
public class NodeChannels {

    private static final Logger LOG = Logger.getLogger(NodeChannels.class);
    public static final int HEARTBEAT_SECONDS = 5;

    /** This node's heartbeat: negative, and unlike other nodes' with overwhelming probability. */
    private final long heartbeat = -1 - ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);

    private final ReactivePubSubCommands<Long> pubsub;
    private final Map<String, Listening> listening = new ConcurrentHashMap<>();

    private static final class Listening {
        final String channel;
        final LongConsumer onId;
        /** Whether this node's last heartbeat came back; true until the first one is sent. */
        final AtomicBoolean heard = new AtomicBoolean(true);
        volatile ReactiveRedisSubscriber subscriber;

        Listening(String channel, LongConsumer onId) {
            this.channel = channel;
            this.onId = onId;
        }
    }

    NodeChannels(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(Long.class);
    }

    /** Calls {@code onId} with every id published on {@code channel}, by any node, this one included. */
    public void listen(String channel, LongConsumer onId) {
        Listening added = new Listening(channel, onId);
        if (listening.putIfAbsent(channel, added) != null) {
            throw new IllegalStateException("already listening on " + channel);
        }
        subscribe(added);
    }

    /** Tells every node, this one included, that {@code id} changed. */
    public Uni<Void> publish(String channel, long id) {
        if (id < 0) {
            throw new IllegalArgumentException("ids are positive: " + id);
        }
        return pubsub.publish(channel, id);
    }

    @Scheduled(every = HEARTBEAT_SECONDS + "s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> keepListening() {
        return Multi.createFrom().iterable(listening.values())
                .onItem().transformToUniAndConcatenate(channel -> {
                    if (!channel.heard.getAndSet(false)) {
                        LOG.warnf("Not hearing channel %s any more (Redis restarted?); subscribing again", channel.channel);
                        resubscribe(channel);
                        // The next heartbeat goes out once the new subscription has had a period to take hold.
                        channel.heard.set(true);
                        return Uni.createFrom().voidItem();
                    }
                    return pubsub.publish(channel.channel, heartbeat)
                            .onFailure().invoke(e -> LOG.debugf(e, "No heartbeat on %s", channel.channel))
                            .onFailure().recoverWithNull();
                })
                .collect().last().replaceWithVoid();
    }

    private void resubscribe(Listening channel) {
        ReactiveRedisSubscriber old = channel.subscriber;
        channel.subscriber = null;
        if (old != null) {
            // Its connection is most likely gone already; this only releases what the client still holds.
            old.unsubscribe().subscribe().with(done -> { }, e -> LOG.debugf(e, "Dropping the old subscription to %s", channel.channel));
        }
        subscribe(channel);
    }

    private void subscribe(Listening channel) {
        pubsub.subscribe(channel.channel, id -> {
                    if (id == heartbeat) {
                        channel.heard.set(true);
                    } else if (id >= 0) {
                        channel.onId.accept(id);
                    }
                })
                .subscribe().with(subscriber -> channel.subscriber = subscriber,
                        e -> LOG.warnf(e, "Could not subscribe to %s; trying again within %d s", channel.channel, HEARTBEAT_SECONDS));
    }
}
