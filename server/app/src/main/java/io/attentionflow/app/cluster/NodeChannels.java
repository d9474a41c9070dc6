package io.attentionflow.app.cluster;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Redis pub/sub channels on which nodes tell each other that something they remember changed (the id of a
 * project or an item), kept listening. When Redis restarts, the client's subscriptions end and are not renewed
 * (measured with Quarkus 3.33: {@code PUBSUB NUMSUB} fell to 0 and stayed there), and a subscription may fail at
 * start while Redis is down. So a subscription that ends is renewed, and, as a backstop for one that goes deaf
 * without ending, every {@link #HEARTBEAT_SECONDS} seconds each node publishes a heartbeat of its own on every
 * channel it listens to and subscribes again where the previous one did not come back. Whatever was published
 * while a node was not listening is lost, so after subscribing again the node is told to forget what it
 * remembers ({@code onGap}). Ids are positive; heartbeats are negative and never reach the listeners.
 */
@ApplicationScoped
public class NodeChannels {

    private static final Logger LOG = Logger.getLogger(NodeChannels.class);
    public static final int HEARTBEAT_SECONDS = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(HEARTBEAT_SECONDS);

    /** This node's heartbeat: negative, and unlike other nodes' with overwhelming probability. */
    private final long heartbeat = -1 - ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);

    private final ReactivePubSubCommands<Long> pubsub;
    private final Map<String, Listening> byChannel = new ConcurrentHashMap<>();

    private static final class Listening {
        final String channel;
        final LongConsumer onId;
        final Runnable onGap;
        /** Whether this node's last heartbeat came back (or the subscription is fresh and gets a period to show it). */
        final AtomicBoolean heard = new AtomicBoolean(true);
        /** A subscription is being made: at most one at a time, so none is left behind unreleased. */
        final AtomicBoolean subscribing = new AtomicBoolean();
        /** Whether this node has been hearing the channel since it last logged otherwise: one warning per outage. */
        volatile boolean hearing = true;
        volatile ReactiveRedisSubscriber subscriber;
        /** Counts the subscriptions made, so the end of a replaced one is not taken for the end of the current one. */
        volatile long generation;

        Listening(String channel, LongConsumer onId, Runnable onGap) {
            this.channel = channel;
            this.onId = onId;
            this.onGap = onGap;
        }
    }

    NodeChannels(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(Long.class);
    }

    /**
     * Calls {@code onId} with every id published on {@code channel}, by any node, this one included, and
     * {@code onGap} whenever this node may have missed some (it listens again after it could not).
     */
    public void listen(String channel, LongConsumer onId, Runnable onGap) {
        Listening added = new Listening(channel, onId, onGap);
        if (byChannel.putIfAbsent(channel, added) != null) {
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
        return Multi.createFrom().iterable(byChannel.values())
                .onItem().transformToUniAndConcatenate(channel -> {
                    if (channel.subscribing.get()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (channel.subscriber == null || !channel.heard.getAndSet(false)) {
                        stoppedListening(channel, null);
                        subscribe(channel);
                        return Uni.createFrom().voidItem();
                    }
                    return pubsub.publish(channel.channel, heartbeat)
                            .ifNoItem().after(PATIENCE).fail()
                            .onFailure().invoke(e -> LOG.debugf(e, "No heartbeat on %s", channel.channel))
                            .onFailure().recoverWithNull();
                })
                .collect().last().replaceWithVoid();
    }

    private void subscribe(Listening channel) {
        if (!channel.subscribing.compareAndSet(false, true)) {
            return;
        }
        long generation = channel.generation + 1;
        pubsub.subscribe(channel.channel, id -> {
                    if (id == heartbeat) {
                        channel.heard.set(true);
                    } else if (id >= 0) {
                        channel.onId.accept(id);
                    }
                }, () -> ended(channel, generation), e -> LOG.debugf(e, "Subscription to %s failed", channel.channel))
                // A subscribe that hangs (a connection open but dead) is given up and the next tick tries again; should
                // it complete after all, it holds its connection until Redis drops it, and its messages come twice.
                .ifNoItem().after(PATIENCE).fail()
                .subscribe().with(subscriber -> {
                    ReactiveRedisSubscriber previous = channel.subscriber;
                    channel.generation = generation;
                    channel.subscriber = subscriber;
                    channel.heard.set(true);
                    channel.subscribing.set(false);
                    release(channel, previous);
                    if (!channel.hearing) {
                        channel.hearing = true;
                        LOG.infof("Listening to %s again; forgetting what was remembered meanwhile", channel.channel);
                        channel.onGap.run();
                    }
                }, e -> {
                    channel.subscribing.set(false);
                    stoppedListening(channel, e);
                });
    }

    /** The subscription's connection closed (Redis restarted, or dropped the client): the next tick renews it. */
    private void ended(Listening channel, long generation) {
        if (channel.generation == generation) {
            channel.subscriber = null;
            stoppedListening(channel, null);
        }
    }

    private void stoppedListening(Listening channel, Throwable cause) {
        if (channel.hearing) {
            channel.hearing = false;
            LOG.warnf(cause, "Not listening to %s (Redis restarted or unreachable?); trying again every %d s", channel.channel,
                    HEARTBEAT_SECONDS);
        } else if (cause != null) {
            LOG.debugf(cause, "Still not listening to %s", channel.channel);
        }
    }

    private static void release(Listening channel, ReactiveRedisSubscriber previous) {
        if (previous != null) {
            // Most likely its connection is gone already; this only releases what the client still holds.
            previous.unsubscribe().subscribe().with(done -> { }, e -> LOG.debugf(e, "Releasing the old subscription to %s", channel.channel));
        }
    }
}
