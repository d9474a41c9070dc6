package io.attentionflow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a load run, read from Linux's {@code /proc} at the start and the end of the
 * measured window: the server process, all PostgreSQL processes, Redis, this load generator, and what stayed
 * idle. Throughput on a shared 2-core box swings by 15% between runs; CPU time per cycle of each part moves
 * far less, so it is what tells whether a change made the server cheaper.
 */
final class CpuUse {

    /** Jiffies per second of {@code /proc}'s counters (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;

    private final long serverPid;
    private final long[] start;

    private CpuUse(long serverPid) {
        this.serverPid = serverPid;
        this.start = snapshot();
    }

    /** Starts measuring now; {@code serverPid} below 1 leaves the server's share out. */
    static CpuUse start(long serverPid) {
        return new CpuUse(serverPid);
    }

    /** CPU milliseconds per cycle of each part since {@link #start}, and the machine's idle share. */
    String perCycle(long cycles) {
        long[] end = snapshot();
        double[] ms = new double[end.length];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = (end[i] - start[i]) * 1000 / TICKS_PER_SECOND / Math.max(1, cycles);
        }
        double machine = end[5] - start[5];
        double idle = machine > 0 ? 100 * (end[4] - start[4]) / machine : Double.NaN;
        return String.format(Locale.ROOT,
                "cpu per cycle: server %s, postgres %.2f ms, redis %.2f ms, load generator %.2f ms; machine idle %.0f%%",
                serverPid > 0 ? String.format(Locale.ROOT, "%.2f ms", ms[0]) : "n/a", ms[1], ms[2], ms[3], idle);
    }

    /** server, postgres, redis, this process (ticks), then the machine's idle and total ticks. */
    private long[] snapshot() {
        long server = serverPid > 0 ? processTicks(Path.of("/proc", Long.toString(serverPid))) : 0;
        long postgres = 0;
        long redis = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
                String name = command(p);
                if (name.equals("postgres")) {
                    postgres += processTicks(p);
                } else if (name.equals("redis-server")) {
                    redis += processTicks(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        long self = processTicks(Path.of("/proc", Long.toString(ProcessHandle.current().pid())));
        long[] machine = machineTicks();
        return new long[] {server, postgres, redis, self, machine[0], machine[1]};
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    /** utime + stime of a process; 0 if it has exited meanwhile. */
    private static long processTicks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** Idle (idle + iowait) and total ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user, nice, system, idle, iowait, irq, softirq, steal; guest time is already counted in user
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            return new long[] {Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]), total};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }
}
