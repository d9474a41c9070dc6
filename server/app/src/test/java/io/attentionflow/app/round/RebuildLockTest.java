package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import io.attentionflow.app.Api;
import io.attentionflow.app.LocalServices;
import io.attentionflow.app.item.ItemRepository;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * One node rebuilds a lost index while the others wait, under a lock that runs out if the node stalls. A node that
 * stalled past it, while another node took the lock over, must leave the index to that node: write nothing more,
 * neither mark the index built nor release the other node's lock.
 */
@QuarkusTest
class RebuildLockTest {

    @InjectSpy
    ItemRepository items;
    @Inject
    ReactiveRedisDataSource redis;

    /** A project of ten open items whose index Redis lost, so that the next claim rebuilds it. */
    private static long projectWithLostIndex() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 10);
        LocalServices.flushRedis();
        return project;
    }

    /** Returns half a second after {@code happened} was set: time for a node that should not write to do so. */
    private static void afterwards(AtomicBoolean happened) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!happened.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
    }

    /** Runs {@code meanwhile} as the rebuilding node starts reading the project's items from PostgreSQL. */
    private void asTheRebuildReadsItems(Supplier<Uni<?>> meanwhile) {
        doAnswer(invocation -> {
            @SuppressWarnings("unchecked")
            Multi<ItemRepository.OpenItem> open = (Multi<ItemRepository.OpenItem>) invocation.callRealMethod();
            return open.onSubscription().call(meanwhile);
        }).when(items).open(anyLong(), anyBoolean());
    }

    @Test
    void aNodeWhoseRebuildLockWentToAnotherNodeLeavesTheIndexToIt() throws Exception {
        long project = projectWithLostIndex();
        String prefix = "af:{p" + project + "}:v3:";
        AtomicBoolean takenOver = new AtomicBoolean();
        // As this node starts reading the items, its lock runs out and another node takes it.
        asTheRebuildReadsItems(() -> redis.execute("SET", prefix + "rebuilding", "other-node", "PX", "60000")
                .invoke(() -> takenOver.set(true)));

        CompletableFuture<Response> claim = CompletableFuture.supplyAsync(() -> Api.nextRound(Api.guest(), project));
        afterwards(takenOver);
        assertEquals("other-node", String.valueOf(redis.execute("GET", prefix + "rebuilding").await().indefinitely()),
                "the other node keeps its lock");
        assertEquals(0, redis.execute("EXISTS", prefix + "built").await().indefinitely().toInteger(), "nobody marked the index built");
        assertEquals(0, redis.execute("HLEN", prefix + "state").await().indefinitely().toInteger(), "this node wrote no items");

        redis.execute("SET", prefix + "built", "1").await().indefinitely(); // the other node is done
        assertEquals(204, claim.get(10, TimeUnit.SECONDS).statusCode(), "the waiting claim goes on with the other node's index");
        LocalServices.flushRedis();
    }

    @Test
    void aNodeThatStalledWhileAnotherNodeRebuiltTheWholeIndexWritesNothingOverIt() {
        long project = projectWithLostIndex();
        String prefix = "af:{p" + project + "}:v3:";
        // As this node starts reading the items, its lock runs out; another node takes it, builds the index (here one
        // entry, to tell it apart), marks it built and releases the lock, all before this node writes anything.
        asTheRebuildReadsItems(() -> redis.execute("SET", prefix + "rebuilding", "other-node", "PX", "60000")
                .chain(() -> redis.execute("HSET", prefix + "state", "1", "other-node's entry"))
                .chain(() -> redis.execute("SET", prefix + "built", "1"))
                .chain(() -> redis.execute("DEL", prefix + "rebuilding")));

        assertEquals(204, Api.nextRound(Api.guest(), project).statusCode(), "the claim goes on with the other node's index");
        assertEquals(1, redis.execute("HLEN", prefix + "state").await().indefinitely().toInteger(), "this node wrote no items");
        assertEquals(0, redis.execute("EXISTS", prefix + "spent").await().indefinitely().toInteger(), "nor the budget spent");
        assertEquals(0, redis.execute("EXISTS", prefix + "rebuilding").await().indefinitely().toInteger(), "nor took the lock again");
        LocalServices.flushRedis();
    }

    @Test
    void aNodeThatStalledWhileAnotherNodeStartedARebuildAndGaveUpDoesNotTakeTheLockBack() throws Exception {
        long project = projectWithLostIndex();
        String prefix = "af:{p" + project + "}:v3:";
        AtomicBoolean gaveUp = new AtomicBoolean();
        // As this node starts reading the items, its lock runs out; another node acquires it, deletes the index (with
        // anything this node wrote) and fails, releasing the lock: this node's earlier batches are gone.
        asTheRebuildReadsItems(() -> redis.execute("SET", prefix + "rebuilding", "other-node", "PX", "60000")
                .chain(() -> redis.execute("SET", prefix + "rebuild-owner", "other-node"))
                .chain(() -> redis.execute("DEL", prefix + "rebuilding", prefix + "rebuild-owner"))
                .invoke(() -> gaveUp.set(true)));

        CompletableFuture<Response> claim = CompletableFuture.supplyAsync(() -> Api.nextRound(Api.guest(), project));
        afterwards(gaveUp);
        assertEquals(0, redis.execute("HLEN", prefix + "state").await().indefinitely().toInteger(), "this node wrote no items");
        assertEquals(0, redis.execute("EXISTS", prefix + "rebuilding").await().indefinitely().toInteger(), "nor took the lock back");

        redis.execute("SET", prefix + "built", "1").await().indefinitely(); // let the waiting claim go on
        assertEquals(204, claim.get(10, TimeUnit.SECONDS).statusCode());
        LocalServices.flushRedis();
    }

    @Test
    void aRebuildWhoseLockRanOutWithNobodyTakingItOverTakesItBackAndFinishes() {
        long project = projectWithLostIndex();
        String prefix = "af:{p" + project + "}:v3:";
        // As this node starts reading the items, its lock runs out; no other node wants it.
        asTheRebuildReadsItems(() -> redis.execute("DEL", prefix + "rebuilding"));

        assertEquals(5, Api.nextRound(Api.guest(), project).then().statusCode(201).extract().jsonPath().getList("items").size(),
                "the claim is served from the index the node went on to build");
        assertEquals(0, redis.execute("EXISTS", prefix + "rebuilding").await().indefinitely().toInteger(), "and released its lock");
    }
}
